"""Story linking: the events of many documents that are one real-world event.

Two reports are of one event when they have the same type (and no conflicting mode),
share at least two parties — actors and recipients, a person matched on the words of
its name with its country, so "Wang" and "Wang Yi", or "Sergei" and "Sergey Lavrov", are
one party — and fall within ``WINDOW_DAYS`` of each other: time zones and weekday slips
put one call on different days in different outlets. The dates reported are all kept;
more than one is a conflict shown, not hidden. An event without a date of its own is
dated by its document's publication.

Candidates come from blocks — (type, party, day) — so a report is compared only with
reports of its type, sharing a party, on a nearby day: the work grows with the corpus,
not with its square. A document joins a story through what it reports: documents that
only name the same actors stay apart. Verbal events (coded from a statement) make no
story of their own; a statement one party addresses to another ("Lavrov told Blinken
…") joins their call or meeting. Within what links this way every two reports of a
story must be alike (complete linkage): "Putin spoke with Biden and Macron" does not
chain a Biden–Putin call and a Macron–Putin call into one story.

A story is a call, meeting or visit (CONSULT), however many documents report it, or an
event of another type that at least two documents report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from communique.ingest.dates import parse_date
from communique.records import Story
from communique.stories.keys import normalised

WINDOW_DAYS = 2
MIN_SHARED = 2  # parties two reports of one event share
MEETINGS = frozenset({"CONSULT"})  # a story even when one document reports it

Record = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Party:
    """An actor as linking matches it across documents: on its ``marks`` — each word of a
    person's name with the country ("wang|CHN", "yi|CHN"), anything else its key."""

    key: str
    marks: frozenset[str]


def parties(actor: Record, actors: Mapping[str, Record]) -> list[Party]:
    """The parties an actor stands for: itself, or a group's members."""
    if actor["kind"] == "group" and actor.get("members"):
        return [p for m in actor["members"] if m in actors for p in parties(actors[m], actors)]
    if not actor.get("key"):
        return []
    if actor["kind"] == "person" and actor.get("country"):
        words = [w for w in normalised(actor["name"]).split() if len(w) > 2]
        if words:
            return [Party(actor["key"], frozenset(f"{w}|{actor['country']}" for w in words))]
    return [Party(actor["key"], frozenset({actor["key"]}))]


def _distinct(found: Iterable[Party]) -> tuple[Party, ...]:
    """One party each ("Biden", named on his own and in a group, once)."""
    out: list[Party] = []
    for party in found:
        if not any(party.marks & other.marks for other in out):
            out.append(party)
    return tuple(out)


def _shared(a: tuple[Party, ...], b: tuple[Party, ...]) -> int:
    """How many parties of ``a`` are in ``b``, each of ``b``'s matched once."""
    free = list(b)
    count = 0
    for party in a:
        match = next((other for other in free if party.marks & other.marks), None)
        if match is not None:
            free.remove(match)
            count += 1
    return count


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One document's report of an event, as linking sees it."""

    doc_id: str
    event_id: str
    type: str
    mode: str | None
    parties: tuple[Party, ...]
    day: dt.date | None
    reported: str | None  # the date the document gives the event, if it gives one
    joins_only: bool = False  # a statement between two parties: joins a meeting, makes none


def _day(value: str | None) -> dt.date | None:
    try:
        return parse_date(value, iso_only=True) if value and len(value) == 10 else None
    except ValueError:
        return None


def occurrences(record: Record, published: str | None) -> Iterator[Occurrence]:
    """The events of a document that can make or join a story: not the verbal ones."""
    actors = {a["id"]: a for a in record["actors"]}
    for event in record["events"]:
        if event.get("statement_id"):
            continue
        involved = (actors[i] for i in (*event["actors"], *event["recipients"]) if i in actors)
        found = _distinct(p for actor in involved for p in parties(actor, actors))
        if len(found) >= MIN_SHARED:
            reported = event["date"] if _day(event["date"]) else None
            yield Occurrence(
                record["doc_id"],
                event["id"],
                event["type"],
                event["mode"],
                found,
                _day(reported) or _day(published),
                reported,
            )


def exchanges(record: Record, published: str | None) -> Iterator[Occurrence]:
    """Statements one party addressed to another: reports of their call or meeting."""
    actors = {a["id"]: a for a in record["actors"]}
    for statement in record["statements"]:
        pair = [actors.get(statement["speaker"]), actors.get(statement["addressee"])]
        found = _distinct(p for actor in pair if actor is not None for p in parties(actor, actors))
        if len(found) >= MIN_SHARED:
            yield Occurrence(
                record["doc_id"],
                statement["id"],
                "CONSULT",
                None,
                found,
                _day(published),
                None,
                joins_only=True,
            )


def reports(record: Record, published: str | None) -> list[Occurrence]:
    """What a document reports that can make or join a story: its events and exchanges."""
    return [*occurrences(record, published), *exchanges(record, published)]


def alike(a: Occurrence, b: Occurrence) -> bool:
    """Whether two reports can be of one event."""
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    if a.day and b.day and abs((a.day - b.day).days) > WINDOW_DAYS:
        return False
    return _shared(a.parties, b.parties) >= MIN_SHARED


def _blocks(found: list[Occurrence]) -> dict[tuple[str, str, int | None], list[int]]:
    """Report numbers by (type, mark of a party, day)."""
    blocks: dict[tuple[str, str, int | None], list[int]] = defaultdict(list)
    for i, occurrence in enumerate(found):
        day = occurrence.day.toordinal() if occurrence.day else None
        for mark in {m for party in occurrence.parties for m in party.marks}:
            blocks[occurrence.type, mark, day].append(i)
    return blocks


def _candidates(found: list[Occurrence]) -> Iterator[tuple[int, int]]:
    """The pairs of reports worth comparing: in one block, or blocks a few days apart."""
    blocks = _blocks(found)
    for i, occurrence in enumerate(found):
        days: list[int | None] = [None]
        if occurrence.day:
            base = occurrence.day.toordinal()
            days += range(base - WINDOW_DAYS, base + WINDOW_DAYS + 1)
        seen: set[int] = set()
        for mark in {m for party in occurrence.parties for m in party.marks}:
            for day in days:
                for j in blocks.get((occurrence.type, mark, day), ()):
                    if j > i and j not in seen:
                        seen.add(j)
                        yield i, j


class Reports:
    """Reports indexed by (type, party mark, day): which of them a new report is alike to is
    found among the few of its blocks, not by comparing it with them all."""

    def __init__(self) -> None:
        self._found: list[Occurrence] = []
        self._blocks: dict[tuple[str, str, int | None], list[int]] = defaultdict(list)

    def add(self, occurrence: Occurrence) -> None:
        day = occurrence.day.toordinal() if occurrence.day else None
        for mark in {m for party in occurrence.parties for m in party.marks}:
            self._blocks[occurrence.type, mark, day].append(len(self._found))
        self._found.append(occurrence)

    def joins(self, occurrence: Occurrence) -> bool:
        """Whether ``occurrence`` is alike to a report held."""
        days: list[int | None] = [None]
        if occurrence.day:
            base = occurrence.day.toordinal()
            days += range(base - WINDOW_DAYS, base + WINDOW_DAYS + 1)
        for mark in {m for party in occurrence.parties for m in party.marks}:
            for day in days:
                for j in self._blocks.get((occurrence.type, mark, day), ()):
                    if alike(occurrence, self._found[j]):
                        return True
        return False


class _Components:
    """Union-find over report numbers."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _order(occurrence: Occurrence) -> tuple[bool, str, str]:
    return occurrence.joins_only, occurrence.doc_id, occurrence.event_id


def _split(component: list[Occurrence]) -> list[list[Occurrence]]:
    """A linked component in clusters whose every two reports are alike (greedy, in
    report order: events before statements, then by document)."""
    clusters: list[list[Occurrence]] = []
    for occurrence in sorted(component, key=_order):
        home = next((c for c in clusters if all(alike(occurrence, o) for o in c)), None)
        if home is None:
            clusters.append([occurrence])
        else:
            home.append(occurrence)
    return clusters


def _participants(members: list[Occurrence]) -> list[str]:
    """One key per party, the parties most reported first; of a party's keys, the one most
    reports give ("sergei lavrov|RUS" over "sergey lavrov|RUS"), then the fullest."""
    groups: list[tuple[set[str], Counter[str]]] = []
    for party in (p for o in members for p in o.parties):
        group = next((g for g in groups if g[0] & party.marks), None)
        if group is None:
            group = (set(), Counter())
            groups.append(group)
        group[0].update(party.marks)
        group[1][party.key] += 1
    chosen = [(max(keys, key=lambda k: (keys[k], len(k), k)), keys.total()) for _, keys in groups]
    return [key for key, _ in sorted(chosen, key=lambda kc: (-kc[1], kc[0]))]


def _story(members: list[Occurrence]) -> Story:
    members = sorted(members, key=_order)
    made = [o for o in members if not o.joins_only]
    # the day the reports give; a publication date only when none gives one
    days = Counter(o.reported for o in members if o.reported) or Counter(
        o.day.isoformat() for o in members if o.day
    )
    modes = Counter(o.mode for o in made if o.mode)
    first = made[0]
    return Story(
        id="story:" + hashlib.sha1(f"{first.doc_id}\0{first.event_id}".encode()).hexdigest()[:12],
        type=first.type,
        mode=modes.most_common(1)[0][0] if modes else None,
        participants=_participants(members),
        date=max(sorted(days), key=days.__getitem__) if days else None,
        dates_reported=sorted({o.reported for o in members if o.reported}),
        documents=sorted({o.doc_id for o in members}),
        events=[o.event_id for o in made],
    )


def link(
    records: Iterable[Record], published: Mapping[str, str | None] | None = None
) -> list[Story]:
    """The stories of a set of documents' records, in order of date; ``published`` maps a
    doc_id to its publication date (YYYY-MM-DD), the date of its events that carry none."""
    published = published or {}
    found = [o for record in records for o in reports(record, published.get(record["doc_id"]))]
    components = _Components(len(found))
    for i, j in _candidates(found):
        if alike(found[i], found[j]):
            components.join(i, j)
    grouped: dict[int, list[Occurrence]] = defaultdict(list)
    for i, occurrence in enumerate(found):
        grouped[components.find(i)].append(occurrence)
    stories = []
    for component in grouped.values():
        for cluster in _split(component):
            made = [o for o in cluster if not o.joins_only]
            if made and (made[0].type in MEETINGS or len({o.doc_id for o in made}) > 1):
                stories.append(_story(cluster))
    return sorted(stories, key=lambda s: (s.date or "", s.id))
