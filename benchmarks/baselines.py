"""Peer baselines for attribution, emitting schema-1 records so one scorer serves all.

- ``textacy``: textacy's ``extract.triples.direct_quotations`` (install the
  ``bench`` extra: ``pip install -e '.[bench]'``).
- ``quote_verb``: quote marks + the nearest speech verb in the sentence, its
  subject as the source: the simplest rule people write first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "claim",
        "argue",
        "write",
        "ask",
        "note",
        "explain",
        "insist",
        "warn",
        "announce",
        "declare",
        "reply",
        "respond",
        "continue",
        "suggest",
        "tweet",
    }
)
_QUOTE = re.compile(r"[“\"]([^”\"]+)[”\"]")


def _span(doc: Doc, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": doc.text[start:end]}


def _tokens(doc: Doc, tokens: list[Token]) -> dict[str, Any] | None:
    if not tokens:
        return None
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return _span(doc, first.idx, last.idx + len(last.text))


def _record(doc_id: str, doc: Doc, statements: list[dict[str, Any]]) -> dict[str, Any]:
    for n, statement in enumerate(statements, 1):
        statement.update(id=f"{doc_id}:s{n}", doc_id=doc_id)
    return {
        "schema": 1,
        "doc_id": doc_id,
        "text": doc.text,
        "statements": statements,
        "actors": [],
        "events": [],
    }


def textacy_records(docs: Iterable[tuple[str, Doc]]) -> Iterator[dict[str, Any]]:
    from textacy.extract.triples import direct_quotations

    for doc_id, doc in docs:
        statements = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # textacy bails out on a document with an unclosed quotation
            triples = []
        for triple in triples:
            content: Span = triple.content
            statements.append(
                {
                    "kind": "direct",
                    "cue": _tokens(doc, list(triple.cue)),
                    "content": [_span(doc, content.start_char, content.end_char)],
                    "source": _tokens(doc, list(triple.speaker)),
                }
            )
        yield _record(doc_id, doc, statements)


def _nearest_verb(sent: Span, start: int, end: int) -> Token | None:
    verbs = [t for t in sent if t.lemma_ in SPEECH_VERBS and not start <= t.idx < end]
    return min(verbs, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)), default=None)


def quote_verb_records(docs: Iterable[tuple[str, Doc]]) -> Iterator[dict[str, Any]]:
    for doc_id, doc in docs:
        statements = []
        for match in _QUOTE.finditer(doc.text):
            start, end = match.span(1)
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            verb = _nearest_verb(span[-1].sent, start, end) or _nearest_verb(
                span[0].sent, start, end
            )
            if verb is None:
                continue
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            source = list(subjects[0].subtree) if subjects else []
            statements.append(
                {
                    "kind": "direct",
                    "cue": _tokens(doc, [verb]),
                    "content": [_span(doc, start, end)],
                    "source": _tokens(doc, source),
                }
            )
        yield _record(doc_id, doc, statements)
