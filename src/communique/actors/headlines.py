"""Headlines: lines where every word has a capital, so capitals do not mark names.

A headline is a line of the text without final punctuation, written in title case: every
word capitalised but the small ones ("Wang Yi Holds Talks with Japanese Foreign Minister").
The model may take a headline's verb for part of a name ("Wang Yi Holds") or a common noun
for an organisation ("Phone"); the actors stage asks this module where that can happen.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from communique.positions import text

# A line ending in one of these is prose (or a quotation), not a headline.
_FINAL = (".", "!", "?", "…", ":", ";", ",", '"', "”", "'", "’")
# Fewer words than this is a label or a dateline, not a headline.
_MIN_WORDS = 3
# Dependencies by which a name is a verb's subject: "Kishida Tells", the verb tagged PROPN.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


class Headlines:
    """Which lines of one document are headlines (each line read once)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text(doc)
        self._lines: dict[int, bool] = {}  # a line's first character -> whether a headline
        self._lower: frozenset[str] | None = None

    @property
    def lower_words(self) -> frozenset[str]:
        """The words the text writes in lower case somewhere."""
        if self._lower is None:
            self._lower = frozenset(t.text for t in self.doc if t.is_lower and t.is_alpha)
        return self._lower

    def holds(self, span: Span) -> bool:
        """Whether ``span`` is on a headline line."""
        full = self.text
        start = full.rfind("\n", 0, span.start_char) + 1
        if start not in self._lines:
            end = full.find("\n", span.start_char)
            self._lines[start] = self._is_headline(start, len(full) if end < 0 else end)
        return self._lines[start]

    def _is_headline(self, start: int, end: int) -> bool:
        line = self.text[start:end].strip()
        if not line or line.endswith(_FINAL):
            return False
        tokens = self.doc.char_span(start, end, alignment_mode="expand")
        words = [t for t in tokens or () if t.is_alpha]
        return len(words) >= _MIN_WORDS and all(
            t.is_title or t.is_upper or (t.is_lower and t.is_stop) for t in words
        )


def before_verb(tokens: list[Token]) -> list[Token]:
    """A headline's name up to its verb: the first word tagged a verb, or whose subject is a
    word of the name before it ("Kishida Tells Biden ...": "Tells" tagged PROPN)."""
    first = tokens[0].i if tokens else 0
    for n, token in enumerate(tokens):
        if token.pos_ in {"VERB", "AUX"} or any(
            child.dep_ in _SUBJECTS and first <= child.i < token.i for child in token.children
        ):
            return tokens[:n]
    return tokens


def common_nouns(span: Span, lower_words: frozenset[str]) -> bool:
    """Whether a span is only common nouns ("by Phone"), capitalised by a headline: each
    tagged a common noun, or written in lower case elsewhere in the text ("by phone")."""
    words = [t for t in span if t.is_alpha and t.lower_ != "the"]
    return bool(words) and all(t.pos_ == "NOUN" or t.lower_ in lower_words for t in words)
