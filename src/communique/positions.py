"""Positions in a ``Doc`` that stay cheap to look up on long documents.

``Doc.text`` joins every token on each access and ``Token.sent`` scans the
sentences on each call; these helpers compute each once per ``Doc`` and keep
it in ``doc.user_data``.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_SENTS = "communique.sentence_of"
_BREAKS = "communique.line_breaks"
_TEXT = "communique.text"
_STARTS = "communique.token_starts"
_ENTS = "communique.entities"


def text(doc: Doc) -> str:
    """``doc.text``, computed once."""
    value = doc.user_data.get(_TEXT)
    if value is None:
        value = doc.user_data[_TEXT] = doc.text
    return value


def sentence(token: Token) -> Span:
    """The sentence holding ``token`` (same as ``token.sent``, in constant time)."""
    doc = token.doc
    index = doc.user_data.get(_SENTS)
    if index is None or len(index) != len(doc):
        index = [None] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                index[i] = sent
        doc.user_data[_SENTS] = index
    return index[token.i]


def paragraph(doc: Doc, offset: int) -> int:
    """The number of the paragraph (0-based, counted by line breaks) at character ``offset``."""
    breaks = doc.user_data.get(_BREAKS)
    if breaks is None:
        breaks = [i for i, c in enumerate(text(doc)) if c == "\n"]
        doc.user_data[_BREAKS] = breaks
    return bisect_right(breaks, offset - 1)


def token_at(doc: Doc, offset: int) -> Token:
    """The token holding character ``offset``, or the nearest token before it."""
    starts = doc.user_data.get(_STARTS)
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data[_STARTS] = [t.idx for t in doc]
    return doc[max(0, bisect_right(starts, offset) - 1)]


def entities(doc: Doc, start: int, end: int) -> list[Span]:
    """The named entities with a token in ``[start, end]``, in order (``doc.ents`` builds
    every entity anew on each access)."""
    found = doc.user_data.get(_ENTS)
    if found is None or found[0] != len(doc):
        ents = list(doc.ents)  # in order and apart, so their ends are in order too
        found = doc.user_data[_ENTS] = (
            len(doc),
            ents,
            [e.start for e in ents],
            [e.end for e in ents],
        )
    _, ents, starts, ends = found
    return ents[bisect_right(ends, start) : bisect_right(starts, end)]
