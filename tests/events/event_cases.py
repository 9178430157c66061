"""What the event tests share: a coded text (its events, actors and statements), one row of
a table of expected event fields, and the check an analyst would make of it.

Imported by ``conftest.py`` and the ``test_*.py`` modules of this folder (pytest puts the folder
on the path). Country codes are those of the actors an event points to, a group by its
members; names are the actors' names (as the text writes them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from communique.records import Actor, Event, Statement

PUBLISHED = "2022-03-10"  # a Thursday: Monday is 2022-03-07, last Friday 2022-03-04
ANY = "<any>"  # a mode or date the row leaves unchecked


@dataclass(frozen=True)
class Coded:
    """A text run through the pipeline: ``doc._.events``, ``doc._.actors``, ``doc._.statements``."""

    text: str
    events: list[Event]
    actors: list[Actor]
    statements: list[Statement]

    def actor(self, actor_id: str) -> Actor:
        return next(a for a in self.actors if a.id == actor_id)

    def codes(self, ids: Iterable[str]) -> set[str]:
        """The countries of these actors; a group's are its members'."""
        found: set[str] = set()
        for actor_id in ids:
            actor = self.actor(actor_id)
            members = [self.actor(m) for m in actor.members] or [actor]
            found |= {m.country for m in members if m.country}
        return found

    def names(self, ids: Iterable[str]) -> set[str]:
        return {self.actor(i).name for i in ids}

    def of_type(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.type == kind]

    def verbal(self) -> list[Event]:
        """The events coded from statements."""
        return [e for e in self.events if e.statement_id is not None]

    def describe(self, events: list[Event] | None = None) -> str:
        """The events, one a line, for an assertion's message."""
        lines = []
        for e in self.events if events is None else events:
            actors = sorted(self.names(e.actors))
            recipients = sorted(self.names(e.recipients))
            lines.append(
                f"{e.type}/{e.mode} {e.trigger.text!r} {actors} -> {recipients} date={e.date}"
                f" neg={e.negated} fut={e.future} hyp={e.hypothetical}"
            )
        return "\n".join(lines) or "(no events)"

    def only(self, events: list[Event] | None = None) -> Event:
        """The one event of the text (or of ``events``); fails with what was coded instead."""
        events = self.events if events is None else events
        assert len(events) == 1, f"{self.text}\nexpected one event, coded:\n{self.describe()}"
        return events[0]


# The ``code`` fixture (conftest.py): ``code(text, published=PUBLISHED) -> Coded``.
Code = Callable[..., Coded]


@dataclass(frozen=True)
class Expect:
    """The fields of the event a sentence reports. ``actors``/``recipients`` are country
    codes and ``*_names`` canonical names; ``None`` leaves them unchecked (``set()`` asserts
    none). ``mode`` and ``date`` are always checked unless ``ANY``; the flags always."""

    type: str
    trigger: str
    mode: str | None = ANY
    actors: set[str] | None = None
    recipients: set[str] | None = None
    actor_names: set[str] | None = None
    recipient_names: set[str] | None = None
    date: str | None = None
    negated: bool = False
    future: bool = False
    hypothetical: bool = False


def fields_of(coded: Coded, event: Event, expect: Expect) -> dict[str, object]:
    """The event's fields that ``expect`` checks, in its terms."""
    got: dict[str, object] = {
        "type": event.type,
        "trigger": event.trigger.text,
        "negated": event.negated,
        "future": event.future,
        "hypothetical": event.hypothetical,
    }
    if expect.mode != ANY:
        got["mode"] = event.mode
    if expect.date != ANY:
        got["date"] = event.date
    if expect.actors is not None:
        got["actors"] = coded.codes(event.actors)
    if expect.recipients is not None:
        got["recipients"] = coded.codes(event.recipients)
    if expect.actor_names is not None:
        got["actor_names"] = coded.names(event.actors)
    if expect.recipient_names is not None:
        got["recipient_names"] = coded.names(event.recipients)
    return got


def expected_fields(expect: Expect) -> dict[str, object]:
    want: dict[str, object] = {
        "type": expect.type,
        "trigger": expect.trigger,
        "negated": expect.negated,
        "future": expect.future,
        "hypothetical": expect.hypothetical,
    }
    for name in ("mode", "date"):
        if getattr(expect, name) != ANY:
            want[name] = getattr(expect, name)
    for name in ("actors", "recipients", "actor_names", "recipient_names"):
        if getattr(expect, name) is not None:
            want[name] = getattr(expect, name)
    return want


def points_into_text(coded: Coded, event: Event) -> None:
    """The trigger and evidence spans are offsets of their own text, the trigger inside."""
    for span in (event.trigger, event.evidence):
        assert coded.text[span.start : span.end] == span.text, span
    assert event.evidence.start <= event.trigger.start < event.trigger.end <= event.evidence.end


def check(coded: Coded, expect: Expect, events: list[Event] | None = None) -> Event:
    """The text (or ``events``) holds exactly one event, with the expected fields."""
    event = coded.only(events)
    assert fields_of(coded, event, expect) == expected_fields(expect), coded.describe()
    points_into_text(coded, event)
    return event
