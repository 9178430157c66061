"""The public records: plain, JSON-serialisable dataclasses.

All offsets are character offsets into ``Document.text`` (Python string
indices, end exclusive). The shapes follow DESIGN.md ("Records"); fields added
beyond it (``Statement.cue_class``, ``Actor.roles``, ``Actor.mentions``,
``Actor.members``, ``Document.source``, ``Failure.level``) are additive and keep
``SCHEMA_VERSION`` at 1.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

StatementKind = Literal["direct", "partial", "indirect", "mixed", "according_to"]
ActorKind = Literal["person", "organization", "state", "group"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Document:
    id: str
    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    source: str | None = None  # where it was read from: "file" or "file:line"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # actor ids, for groups

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["mentions"] = [m.to_dict() for m in self.mentions]
        return out


@dataclass(slots=True)
class Statement:
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
    confidence: float = 1.0
    cue_class: str = "speech"  # speech | belief | stance | other

    @property
    def start(self) -> int:
        return min(s.start for s in self.content)

    @property
    def end(self) -> int:
        return max(s.end for s in self.content)

    def to_dict(self) -> dict[str, Any]:
        def span(s: Span | None) -> dict[str, Any] | None:
            return s.to_dict() if s is not None else None

        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "cue": span(self.cue),
            "content": [s.to_dict() for s in self.content],
            "source": span(self.source),
            "speaker": self.speaker,
            "addressee": self.addressee,
            "via": span(self.via),
            "topics": list(self.topics),
            "confidence": round(self.confidence, 3),
            "cue_class": self.cue_class,
        }


@dataclass(slots=True)
class Event:
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

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["trigger"] = self.trigger.to_dict()
        out["evidence"] = self.evidence.to_dict()
        return out


@dataclass(slots=True)
class Failure:
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
