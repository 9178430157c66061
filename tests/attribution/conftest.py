"""Attribution on a parsed ``Doc``: the model, then the paragraphs, actors and attribution
components only (no events), and a table checker for the test modules beside this one.

A row of a table is a text and the statements an analyst finds in it, in text order, each a
dict of the fields to check: ``cue``, ``content`` (the span texts), ``source``, ``speaker``
and ``addressee`` (actor names), ``via``, ``kind``, ``cue_class``, ``via_actor`` (the name of
the party that carries it) and ``parent`` (the number, from 1, of the statement that carries
it). ``addressee`` and ``via`` are checked even when a row leaves them out: a statement has
none unless the row names one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import communique.nlp  # noqa: F401 (the communique_paragraphs factory)
from communique.actors import component as _actors  # noqa: F401 (its factory)
from communique.attribution import component as _attribution  # noqa: F401 (its factory)
from communique.nlp import resolve_model_name
from communique.records import Actor, Span, Statement

Expected = dict[str, Any]
CHECKED_WHEN_ABSENT: dict[str, Any] = {"addressee": None, "via": None}


@dataclass(slots=True)
class Attributed:
    """A text through the pipeline: its ``Doc``, statements and actors."""

    text: str
    doc: Doc
    statements: list[Statement]
    actors: list[Actor]

    def name(self, actor_id: str | None) -> str | None:
        """The name of an actor by id (None for None)."""
        if actor_id is None:
            return None
        return next(a.name for a in self.actors if a.id == actor_id)

    def fields(self, statement: Statement) -> dict[str, Any]:
        """What an analyst reads off a statement: span texts, actor names, and its parent as
        its number in the text's statements, from 1."""
        numbers = {s.id: n for n, s in enumerate(self.statements, 1)}
        return {
            "cue": statement.cue.text if statement.cue else None,
            "content": [c.text for c in statement.content],
            "source": statement.source.text if statement.source else None,
            "speaker": self.name(statement.speaker),
            "addressee": self.name(statement.addressee),
            "via": statement.via.text if statement.via else None,
            "kind": statement.kind,
            "cue_class": statement.cue_class,
            "via_actor": self.name(statement.via_actor),
            "parent": numbers.get(statement.parent) if statement.parent else None,
        }

    def spans(self, statement: Statement) -> list[Span]:
        found = [statement.cue, *statement.content, statement.source, statement.via]
        return [s for s in found if s is not None]


@pytest.fixture(scope="session")
def attribution_nlp() -> Language:
    """The installed model with communique's paragraphs (before the parser), actors and
    attribution components, as ``communique.pipeline.load`` adds them, without events."""
    nlp = spacy.load(resolve_model_name())
    nlp.add_pipe("communique_paragraphs", before="parser")
    nlp.add_pipe("communique_actors", last=True)
    nlp.add_pipe("communique_attribution", last=True)
    return nlp


@pytest.fixture(scope="session")
def attribute(attribution_nlp: Language) -> Callable[[str], Attributed]:
    """Run a text through the pipeline; the result is cached per text."""
    cache: dict[str, Attributed] = {}

    def run(text: str) -> Attributed:
        if text not in cache:
            doc = attribution_nlp.make_doc(text)
            doc._.doc_id = "t"
            doc = attribution_nlp(doc)
            assert doc._.failure is None, doc._.failure
            cache[text] = Attributed(text, doc, list(doc._.statements), list(doc._.actors))
        return cache[text]

    return run


@pytest.fixture(scope="session")
def check(attribute: Callable[[str], Attributed]) -> Callable[[str, list[Expected]], None]:
    """Assert that a text has exactly the expected statements, field by field, and that every
    span of every statement has offsets that point at its text."""

    def run(text: str, expected: list[Expected]) -> None:
        found = attribute(text)
        for statement in found.statements:
            for span in found.spans(statement):
                assert text[span.start : span.end] == span.text, span
        got = [found.fields(s) for s in found.statements]
        assert len(got) == len(expected), got
        for n, (actual, wanted) in enumerate(zip(got, expected, strict=True)):
            wanted = {**CHECKED_WHEN_ABSENT, **wanted}
            shown = {key: actual[key] for key in wanted}
            assert shown == wanted, f"statement {n + 1}: {actual}"

    return run
