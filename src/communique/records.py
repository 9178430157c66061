"""The public records: plain, JSON-serialisable dataclasses.

All offsets are character offsets into ``Document.text`` (Python string
indices, end exclusive). The shapes follow DESIGN.md ("Records"); fields added
beyond it (``Statement.cue_class``, ``Actor.roles``, ``Actor.mentions``,
``Actor.members``, ``Document.source``, ``Failure.level``; for readouts and
stories ``Actor.key``, ``Statement.parent``, ``Statement.via_actor``, ``Document.issuer``,
``Event.date_expression``, ``Event.initiator``, ``Omission``, ``Story``, ``Account``,
``Divergence``, ``Alignment``, ``Narration``) are additive and
keep ``SCHEMA_VERSION`` at 1.

Each record's fields are written once, here: ``to_dict`` and the store's tables
(``communique.store``) are derived from them. A field's metadata carries what its
type does not say: ``ROUND`` (``to_dict`` rounds the value to that many places) and
``FORMAT`` (``"date"``: the string is an ISO date, YYYY-MM-DD, kept by the store as a DATE).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

SCHEMA_VERSION = 1

StatementKind = Literal["direct", "partial", "indirect", "according_to"]
ActorKind = Literal["person", "organization", "state", "group"]

# Field metadata keys (see the module docstring).
ROUND = "round"
FORMAT = "format"


class Record:
    """A record's ``to_dict``, derived from its dataclass fields."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The fields in order, as JSON values; spans as ``{start, end, text}``."""
        return {f.name: _json(getattr(self, f.name), f.metadata) for f in fields(self)}


def _json(value: Any, metadata: Mapping[str, Any]) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_json(item, {}) for item in value]
    if ROUND in metadata:
        return round(value, metadata[ROUND])
    return value


@dataclass(frozen=True, slots=True)
class Span(Record):
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(slots=True)
class Document(Record):
    id: str
    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = field(default=None, metadata={FORMAT: "date"})
    url: str | None = None
    source: str | None = None  # where it was read from: "file" or "file:line"
    issuer: str | None = None  # for a party's own readout: the actor id of that party


@dataclass(slots=True)
class Actor(Record):
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # actor ids, for groups
    key: str | None = None  # the same real-world actor in every document (stories.keys)


@dataclass(slots=True)
class Statement(Record):
    id: str
    doc_id: str
    kind: StatementKind
    cue: Span | None
    content: list[Span]
    source: Span | None
    speaker: str | None = None
    addressee: str | None = None
    via: Span | None = None
    topics: list[str] = field(default_factory=list)
    confidence: float = field(default=1.0, metadata={ROUND: 3})
    cue_class: str = "speech"  # speech | belief | stance | other
    # the statement that carries this one: "“Blinken underscored …,” the statement read"
    parent: str | None = None
    # the party (actor id) whose statement, readout or spokesperson carries it
    via_actor: str | None = None

    @property
    def start(self) -> int:
        return min(s.start for s in self.content)

    @property
    def end(self) -> int:
        return max(s.end for s in self.content)


@dataclass(slots=True)
class Event(Record):
    id: str
    doc_id: str
    type: str
    mode: str | None
    context: list[str]
    actors: list[str]
    recipients: list[str]
    date: str | None
    negated: bool
    future: bool
    hypothetical: bool
    trigger: Span
    evidence: Span
    statement_id: str | None = None
    date_expression: Span | None = None  # the words it was dated from: "on Thursday", "Jan. 27"
    initiator: str | None = None  # who asked for or started a call or meeting ("at X's request")


@dataclass(slots=True)
class Omission(Record):
    """A report that a party left something out: "The State Department's readout made no
    mention of the Olympics" (party: the State Department; topic: "the Olympics")."""

    id: str
    doc_id: str
    party: str | None  # actor id
    topic: Span  # what was left out, as written
    evidence: Span  # the words that say so


@dataclass(frozen=True, slots=True)
class Narration(Record):
    """A sentence in which a document's writer tells a story's event in their own voice
    ("Wang Yi spoke with Antony Blinken by phone on Thursday"): the press's narration."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Account(Record):
    """What one party of a story said of it, across documents: its own readouts, the
    statements that are its account, and what documents say it left out; for the press,
    also its own narration of the event."""

    party: str  # a country code, a participant's key, or "press"
    documents: list[str] = field(default_factory=list)  # doc ids of its own readouts
    statements: list[str] = field(default_factory=list)  # statement ids ("doc:s3")
    omissions: list[str] = field(default_factory=list)  # omission ids ("doc:o1")
    topics: list[str] = field(default_factory=list)  # its statements' topics, merged
    narration: list[Narration] = field(default_factory=list)  # the press's only


@dataclass(slots=True)
class Divergence(Record):
    """One topic of a story and which accounts carry it, leave it out (inferred from the
    accounts), or are said by a document to leave it out (reported)."""

    topic: str
    carried_by: list[str] = field(default_factory=list)  # parties
    omitted_by: list[str] = field(default_factory=list)
    reported_omitted_by: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # statement and omission ids


@dataclass(slots=True)
class Alignment(Record):
    """Two statements of two parties' accounts of a story that make the same claim, in
    whatever words: the closest of the other account, by sentence embedding."""

    left: str  # statement id, of the account listed first
    right: str  # statement id, of the other account
    similarity: float = field(metadata={ROUND: 3})  # cosine of their contents' embeddings


@dataclass(slots=True)
class Story(Record):
    """One real-world event (a call, a meeting, a visit, ...) as many documents report it."""

    id: str
    type: str
    mode: str | None
    participants: list[str]  # actor keys, the most reported first
    date: str | None = field(metadata={FORMAT: "date"})  # the day most reports give
    dates_reported: list[str]  # every date a document gives it: more than one is a conflict
    documents: list[str]  # doc ids
    events: list[str]  # the event ids, across documents
    accounts: list[Account] = field(default_factory=list)
    divergence: list[Divergence] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # merged, the most carried first


@dataclass(slots=True)
class Failure(Record):
    """An input that could not be processed, with a one-line reason.

    ``level`` is "error" when nothing was stored from the input, "warning" when
    its document was stored with a caveat (say, decoded from cp1252).
    """

    file: str
    reason: str
    line: int | None = None
    level: Literal["error", "warning"] = "error"

    @classmethod
    def of(cls, document: Document, reason: str) -> Failure:
        """A failure of a document that was read but could not be processed."""
        file, _, line = (document.source or document.id).rpartition(":")
        if file and line.isdigit():
            return cls(file, reason, int(line))
        return cls(document.source or document.id, reason)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"
