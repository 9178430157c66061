"""Accounts: within a story, what each party said of it, across documents.

A party of a story is a side: the country of each participant ("wang yi|CHN" and the
Chinese Foreign Ministry are China's side; "antony blinken|USA" and the State Department
are the United States'), or the participant itself when it has none (NATO). A statement
of a story's document belongs to a party's account when

- the document is that party's own readout (its ``issuer`` is of the party), or
- it comes through the party (``via_actor``: "according to a ministry statement", "the
  statement read") and its speaker is a participant or the party's own body, or
- its speaker is a participant ("Wang told Blinken …"), or, in a document mainly about
  this story, the party's state, a government body or an official of its country ("The
  ministry said …", "Beijing hopes …", "ministry spokeswoman Maria Zakharova said").

In a document mainly about another story, only what one participant said to another
counts ("Biden warned Putin …" in a report of the foreign ministers' call).

Statements of anyone else in the story's documents (an analyst, a diplomat of a third
country) are the press's account, with its own narration: the sentences in which a
report (not a party's readout) tells the story's events in its writer's voice. Omissions
the documents report ("the State Department's readout made no mention of the Olympics") go
with the party that left the thing out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from communique.records import Account, Narration, Story
from communique.stories.keys import normalised

Record = Mapping[str, Any]
PRESS = "press"
# Sectors of an organisation that speaks for its state: "the ministry said".
_GOVERNMENT = frozenset({"GOV", "MIL", "JUD", "LEG"})


def side(key: str) -> str:
    """The side an actor key is on: its country ("wang yi|CHN" → CHN), a state's own code,
    else the key ("nato|IGO" stays itself: an organisation of many states)."""
    if "|" not in key:
        return key
    country = key.rsplit("|", 1)[1]
    return country if country not in {"-", "IGO", "NGO", "UNO"} else key


@cache
def _marks(key: str) -> frozenset[str]:
    """What a key matches in another document: each word of a person's name with its
    country ("wang|CHN"), as ``linking`` matches parties."""
    if "|" not in key:
        return frozenset({key})
    name, country = key.rsplit("|", 1)
    words = [w for w in normalised(name).split() if len(w) > 2]
    return frozenset(f"{w}|{country}" for w in words) | {key}


class _Sides:
    """A story's participants and sides, and which side an actor of a document is on."""

    def __init__(self, story: Story) -> None:
        self.participants = [_marks(k) for k in story.participants]
        self.sides = list(dict.fromkeys(side(k) for k in story.participants))

    def participant(self, actor: Record | None) -> bool:
        if actor is None or not actor.get("key"):
            return False
        marks = _marks(actor["key"])
        return any(marks & p for p in self.participants)

    def of(self, actor: Record | None) -> str | None:
        """The side an actor is on, if it is one of the story's."""
        if actor is None or not actor.get("key"):
            return None
        found = side(actor["key"])
        return found if found in self.sides else None

    def official(self, actor: Record | None) -> str | None:
        """The side a state, a government body ("the ministry", "the State Department"), an
        official ("ministry spokeswoman Maria Zakharova") or its officials ("US officials")
        speak for."""
        if actor is None:
            return None
        if actor["kind"] == "state":
            return self.of(actor)
        if actor["kind"] == "group" and not actor.get("members") and actor.get("country"):
            found = actor["country"]  # "US officials"
            return found if found in self.sides else None
        if actor["kind"] not in {"organization", "person"}:
            return None
        if actor.get("sector") not in _GOVERNMENT and not _issues(actor):
            return None
        return self.of(actor)


def _issues(actor: Record) -> bool:
    words = normalised(actor["name"]).split()
    return bool(words) and words[-1] in {"ministry", "department", "office", "kremlin", "house"}


def _party_of(
    statement: Record, record: Record, actors: Mapping[str, Record], sides: _Sides
) -> str | None:
    """The side whose account a statement is part of, if any (see the module docstring)."""
    speaker = actors.get(statement.get("speaker") or "")
    carrier = actors.get(statement.get("via_actor") or "")
    issuer = actors.get(record.get("issuer") or "")
    if issuer is not None and sides.of(issuer):
        return sides.of(issuer)
    own = sides.participant(speaker) or sides.official(speaker) or carrier is speaker
    if carrier is not None and sides.of(carrier) and own:
        return sides.of(carrier)
    if sides.participant(speaker):
        return sides.of(speaker)
    return sides.official(speaker)


def _lead(story: Story, doc_id: str) -> int:
    """Where the story first comes in a document: the number of its first event there."""
    numbers = [
        int(event.rsplit(":e", 1)[1])
        for event in story.events
        if event.rsplit(":e", 1)[0] == doc_id and event.rsplit(":e", 1)[1].isdigit()
    ]
    return min(numbers, default=1 << 30)


def main_stories(stories: list[Story], records: Mapping[str, Record]) -> dict[str, str]:
    """The story each document is mainly about: the one it tells first (news puts its main
    story in the lead; "The call took place as the Secretary concluded meetings in
    Honolulu" comes last). A document's omissions and its bodies' statements ("the
    ministry said") belong to that story only."""
    found: dict[str, tuple[int, int, str]] = {}
    for n, story in enumerate(stories):
        for doc_id in story.documents:
            if doc_id not in records:
                continue
            score = (_lead(story, doc_id), n, story.id)
            if doc_id not in found or score < found[doc_id]:
                found[doc_id] = score
    return {doc_id: score[2] for doc_id, score in found.items()}


def _between_participants(statement: Record, actors: Mapping[str, Record], sides: _Sides) -> bool:
    """Whether one participant of the story said it to another ("Biden warned Putin …")."""
    speaker = actors.get(statement.get("speaker") or "")
    addressee = actors.get(statement.get("addressee") or "")
    return sides.participant(speaker) and sides.participant(addressee)


def _to_someone_else(statement: Record, actors: Mapping[str, Record], sides: _Sides) -> bool:
    """Whether a statement was made to a person who takes no part in the story: another
    conversation."""
    addressee = actors.get(statement.get("addressee") or "")
    return (
        addressee is not None and addressee["kind"] == "person" and not sides.participant(addressee)
    )


def accounts(
    story: Story, records: Iterable[Record], main: Mapping[str, str] | None = None
) -> list[Account]:
    """The accounts of a story, one per side that speaks in it (in the order of the story's
    participants), then the press's; ``records`` are the story's documents' records, ``main``
    the story each document is mainly about (``main_stories``; by default, this one)."""
    sides = _Sides(story)
    found = {party: Account(party) for party in sides.sides}
    press = Account(PRESS)
    for record in records:
        if record["doc_id"] not in story.documents:
            continue
        actors = {a["id"]: a for a in record["actors"]}
        issuer = sides.of(actors.get(record.get("issuer") or ""))
        mainly = main is None or main.get(record["doc_id"]) == story.id
        if issuer is not None and mainly:  # a readout of this story, not one mentioning it
            found[issuer].documents.append(record["doc_id"])
        for statement in record["statements"]:
            party = _party_of(statement, record, actors, sides)
            if not mainly and not _between_participants(statement, actors, sides):
                continue  # another story's, or the document's other business
            if _to_someone_else(statement, actors, sides):
                continue  # "Biden warned Putin …" in a report of the ministers' call
            account = found[party] if party else press
            account.statements.append(statement["id"])
        if mainly and issuer is None:
            press.narration += narration(story, record)
        for omission in record.get("omissions", []) if mainly else []:
            party = sides.of(actors.get(omission.get("party") or ""))
            if party is not None:
                found[party].omissions.append(omission["id"])
    kept = [a for a in found.values() if a.statements or a.documents or a.omissions]
    return [*kept, press] if press.statements or press.narration else kept


def narration(story: Story, record: Record) -> list[Narration]:
    """The sentences in which a document's writer tells the story's events in their own
    voice: the evidence of its events there whose trigger is in no one's statement ("Wang Yi
    spoke with Antony Blinken on Thursday, warning …", not "Wang told Blinken that …" nor
    "…, according to a ministry statement")."""
    events = set(story.events)
    said = [
        (span["start"], span["end"])
        for statement in record["statements"]
        for span in (*statement["content"], statement.get("cue"), statement.get("source"))
        if span
    ]
    found: dict[int, Narration] = {}
    for event in record.get("events", []):
        evidence = event["evidence"]
        if event["id"] not in events or event.get("statement_id") or evidence["start"] in found:
            continue
        trigger = event["trigger"]
        if any(s < trigger["end"] and trigger["start"] < e for s, e in said):
            continue  # told in someone's words
        found[evidence["start"]] = Narration(
            record["doc_id"], evidence["start"], evidence["end"], evidence["text"]
        )
    return [found[start] for start in sorted(found)]
