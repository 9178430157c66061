"""Find quotations in raw text: pair quote marks the way news copy uses them.

Handles curly, straight and angle marks; a quote that runs over several
sentences; the convention that a quote running over several paragraphs opens
each paragraph with a new mark and closes only at its end; and unbalanced
marks (an opening mark never closed is taken to close at the end of its
paragraph). Single quotes are left alone: in English copy they are mostly
apostrophes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from communique.positions import text

if TYPE_CHECKING:
    from spacy.tokens import Doc

OPENERS = frozenset(["“", "«", "„", "``"])
CLOSERS = frozenset(["”", "»"])
# Straight marks, including the doubled apostrophe some wires and archives use ('').
_MARKS = re.compile(r"[“”«»„\"]|''|``")
_PARAGRAPH = re.compile(r"[^\n]+")
# Characters after which a straight mark opens a quote.
_OPEN_CONTEXT = set(" \t\n([{—–-/:")
_QUOTES = "communique.quotes"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: its inner text fragments (marks excluded), one per paragraph."""

    fragments: tuple[tuple[int, int], ...]
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when never closed
    close_width: int = 1  # 2 for a doubled-apostrophe mark

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    @property
    def outer_end(self) -> int:
        """Offset just past the closing mark (or the content, if unclosed)."""
        return self.close_mark + self.close_width if self.close_mark is not None else self.end

    @property
    def closed(self) -> bool:
        return self.close_mark is not None


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    for match in _PARAGRAPH.finditer(text):
        if match.group().strip():
            yield match.start(), match.end()


def _opens(text: str, pos: int, mark: str, inside: bool) -> bool:
    """Whether ``mark`` at ``pos`` opens a quotation."""
    if mark in OPENERS:
        return True
    previous = text[pos - 1] if pos > 0 else " "
    after = pos + len(mark)
    following = text[after] if after < len(text) else " "
    if mark in CLOSERS:
        # Sloppy copy uses a closing mark to open: ” at a word start, outside a quote.
        return not inside and previous in _OPEN_CONTEXT and following.isalnum()
    if inside:
        return False
    # A straight mark after a digit is an inch mark, not a quote.
    return previous in _OPEN_CONTEXT and not following.isspace()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quotes(text: str) -> list[Quote]:
    """All quotations in ``text``, in order, with their inner spans."""
    quotes: list[Quote] = []
    carried: tuple[list[tuple[int, int]], int] | None = None  # fragments, open mark
    for para_start, para_end in _paragraphs(text):
        marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, para_start, para_end)]
        fragments: list[tuple[int, int]] = []
        open_mark: int | None = None
        content_start = 0
        lead = _trim(text, para_start, para_end)[0]
        if carried is not None:
            if marks and marks[0][0] == lead and _opens(text, lead, marks[0][1], inside=False):
                fragments, open_mark = carried
                content_start = lead + len(marks[0][1])
                marks = marks[1:]
            else:
                frags, mark = carried
                quotes.append(Quote(tuple(frags), mark, None))
            carried = None
        for pos, mark in marks:
            if open_mark is None:
                if _opens(text, pos, mark, inside=False):
                    open_mark, content_start, fragments = pos, pos + len(mark), []
                continue
            if mark in OPENERS:
                # An opener inside an open quote: the earlier one was never closed.
                fragments.append(_trim(text, content_start, pos))
                quotes.append(Quote(tuple(fragments), open_mark, None))
                open_mark, content_start, fragments = pos, pos + len(mark), []
                continue
            fragments.append(_trim(text, content_start, pos))
            quotes.append(Quote(tuple(fragments), open_mark, pos, len(mark)))
            open_mark = None
        if open_mark is not None:
            fragments.append(_trim(text, content_start, para_end))
            carried = (fragments, open_mark)
    if carried is not None:
        quotes.append(Quote(tuple(carried[0]), carried[1], None))
    return [q for q in quotes if any(end > start for start, end in q.fragments)]


def document_quotes(doc: Doc) -> list[Quote]:
    """``find_quotes`` of a parsed document's text, found once per ``Doc`` (attribution and
    event coding both need them) and kept in ``doc.user_data``."""
    found = doc.user_data.get(_QUOTES)
    if found is None:
        found = doc.user_data[_QUOTES] = find_quotes(text(doc))
    return found
