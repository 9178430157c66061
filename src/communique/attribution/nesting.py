"""Statements carried by other statements.

A readout, a ministry or an agency reports what someone said: "“Secretary Ruiz
underscored the risks … and conveyed that dialogue is the way forward,” the
statement read" is the State Department's statement and, inside it, Ruiz's;
"The ministry said Wang told Ruiz that …" is the ministry's and Wang's;
"According to the statement, Ruiz emphasized …" is the statement's and Ruiz's.

The carried statement gets ``parent`` (the statement that carries it), the
carrier's channel as its ``via`` (or the carrier itself when it is a document:
"a Kremlin statement said"), and the party that carries it as ``via_actor``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from communique.actors import ActorDirectory, load_gazetteer
from communique.attribution.frames import Frame, reported_frames
from communique.attribution.lexicon import channel_type
from communique.records import Statement

# Kinds of actor whose quoted words may report someone else's in the third person.
_CARRIER_KINDS = frozenset({"organization", "state"})
_CARRIER_ENTITIES = frozenset({"ORG", "GPE", "NORP"})


def document_source(doc: Doc, frame: Frame) -> bool:
    """Whether a frame's source is a document: "the statement read", "a Kremlin statement
    said"."""
    return frame.source is not None and channel_type(_source_head(doc, frame)) == "document"


def _source_head(doc: Doc, frame: Frame) -> Token:
    assert frame.source is not None
    return doc[frame.source[0] : frame.source[1]].root


def carries_reports(doc: Doc, frame: Frame, actors: ActorDirectory) -> bool:
    """Whether a quoting frame's source is a document or an institution, whose quoted words
    may tell what someone else said."""
    if frame.source is None or not frame.quotes:
        return False
    head = _source_head(doc, frame)
    if channel_type(head) == "document":
        return True
    actor = actors.get(actors.at(head.i))
    if actor is not None:
        return actor.kind in _CARRIER_KINDS
    return head.ent_type_ in _CARRIER_ENTITIES or head.lower_ in load_gazetteer().org_words


def carried_frames(
    doc: Doc, frames: list[Frame], actors: ActorDirectory, confidence: float
) -> list[Frame]:
    """The frames that documents and institutions report inside their quotations."""
    found: list[Frame] = []
    for frame in frames:
        if carries_reports(doc, frame, actors):
            for quote in frame.quotes:
                found += reported_frames(doc, quote, confidence)
    return found


@dataclass(slots=True)
class Carried:
    """A statement and the frame it was made from, for linking."""

    statement: Statement
    frame: Frame
    anchor: int  # character offset that must lie inside a carrier's content: its cue


def link_carriers(doc: Doc, items: list[Carried]) -> dict[int, Carried]:
    """Set ``parent`` (by object; ids come later), ``via`` and ``via_actor`` of the statements
    carried by another: those whose cue lies inside another's content. Returns the carrier of
    each carried statement, by ``id`` of the carried statement."""
    spans = sorted(
        ((c.start, c.end, n) for n, item in enumerate(items) for c in item.statement.content),
    )
    starts = [s for s, _, _ in spans]
    carriers: dict[int, Carried] = {}
    for item in items:
        carrier = _innermost(items, spans, starts, item)
        if carrier is None:
            continue
        carriers[id(item.statement)] = carrier
        inner, outer = item.statement, carrier.statement
        if inner.via is None:
            inner.via = outer.via or (outer.source if document_source(doc, carrier.frame) else None)
        if outer.speaker and outer.speaker != inner.speaker:
            inner.via_actor = outer.speaker
        elif inner.via_actor is None:
            inner.via_actor = outer.via_actor
    return carriers


def carry_on(statements: list[Statement]) -> None:
    """Give a party's account the statements that go on from it with no channel of their own:
    what the same speaker says next, to no one new, before anyone else speaks ('“…,” Lavrov said,
    according to a ministry statement. He said that …'), and what the speaker told the same
    addressee anywhere in the text ("Wang told Blinken that …" after Wang's words to Blinken
    were given "according to a ministry statement"), where only one party carries them: with
    two accounts of one call, the text must say which it quotes. ``statements`` in text
    order."""
    carriers: dict[tuple[str, str], set[str]] = {}
    for statement in statements:
        carrier = statement.via_actor
        if statement.speaker and statement.addressee and carrier not in {None, statement.speaker}:
            pair = (statement.speaker, statement.addressee)
            carriers.setdefault(pair, set()).add(carrier)
    last: Statement | None = None  # the last top-level statement
    for statement in statements:
        if statement.parent is not None:
            continue
        if statement.via is None and statement.via_actor is None and statement.speaker:
            parties = carriers.get((statement.speaker, statement.addressee or ""), set())
            if len(parties) == 1:
                statement.via_actor = next(iter(parties))
            elif last is not None and _goes_on(last, statement):
                statement.via_actor = last.via_actor
        last = statement


def _goes_on(last: Statement, statement: Statement) -> bool:
    """Whether ``statement`` goes on with the account ``last`` came through: the same speaker,
    to no one new ("Wang later told reporters" is another occasion)."""
    return (
        last.speaker == statement.speaker
        and last.via_actor not in {None, statement.speaker}
        and statement.addressee in {None, last.addressee}
    )


def _innermost(
    items: list[Carried], spans: list[tuple[int, int, int]], starts: list[int], item: Carried
) -> Carried | None:
    """The statement with the narrowest content span holding ``item``'s cue, other than
    ``item`` itself and any statement ``item`` holds in turn."""
    best: tuple[int, Carried] | None = None
    for start, end, n in spans[: bisect_right(starts, item.anchor)]:
        other = items[n]
        if other is item or not start <= item.anchor < end:
            continue
        if other.statement.start > item.statement.start or _inside(other, item):
            continue
        if best is None or end - start < best[0]:
            best = (end - start, other)
    return best[1] if best else None


def _inside(item: Carried, other: Carried) -> bool:
    """Whether ``item``'s cue lies inside ``other``'s content."""
    return any(c.start <= item.anchor < c.end for c in other.statement.content)


def anchor_of(doc: Doc, frame: Frame) -> int:
    """Where a frame's statement is made: its cue, else its content."""
    return doc[frame.cue[0]].idx if frame.cue else frame.start
