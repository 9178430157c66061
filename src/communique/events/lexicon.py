"""The event coder's reviewable data: triggers, object classes, contexts (``events/data``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from communique.data import read_tsv

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
HOSTILE = frozenset({"THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


@dataclass(frozen=True, slots=True)
class Pattern:
    """One row of ``patterns.tsv``."""

    words: tuple[str, ...]  # the lemma, then its particle or preposition if any
    pos: str
    object_class: str | None
    type: str
    mode: str | None

    @property
    def lemma(self) -> str:
        return self.words[0]


@lru_cache(maxsize=1)
def patterns() -> dict[tuple[str, str], list[Pattern]]:
    """Patterns by (lemma, pos), those with an object class first."""
    table: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
    for row in read_tsv(__package__, "patterns.tsv"):
        pattern = Pattern(
            words=tuple(row["trigger"].lower().split()),
            pos=row["pos"],
            object_class=None if row["object"] in {"", "-"} else row["object"],
            type=row["type"],
            mode=None if row["mode"] in {"", "-"} else row["mode"],
        )
        table[pattern.lemma, pattern.pos].append(pattern)
    for rows in table.values():
        rows.sort(key=lambda p: (p.object_class is None, -len(p.words)))
    return dict(table)


@lru_cache(maxsize=1)
def object_classes() -> dict[str, frozenset[str]]:
    return {
        row["class"]: frozenset(row["lemmas"].split("|"))
        for row in read_tsv(__package__, "objects.tsv")
    }


# Object classes of things, not people: a plural of one of these with a country's modifier
# is no group of that country's people ("Israeli demands", "its ties with Israel").
_THINGS = [
    "aid",
    "relations",
    "restriction",
    "agreement",
    "proposal",
    "meeting",
    "territory",
    "sanctions",
    "exercise",
    "alert",
    "trade",
    "debt",
    "utilities",
    "levy",
    "inquiry",
    "warrant",
    "ultimatum",
    "projectile",
    "computer",
    "contest",
    "emergency",
    "backing",
]


@lru_cache(maxsize=1)
def things() -> frozenset[str]:
    """Words that name things an act is about, never people."""
    classes = object_classes()
    people = classes["people"] | classes["forces"] | classes["personnel"] | classes["captive"]
    return frozenset().union(*(classes[name] for name in _THINGS)) - people


@lru_cache(maxsize=1)
def contexts() -> list[tuple[str, frozenset[str]]]:
    return [
        (row["context"], frozenset(row["words"].split("|")))
        for row in read_tsv(__package__, "contexts.tsv")
    ]


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The coder's word lists (``word_lists.tsv``), by name."""
    return {
        row["list"]: frozenset(row["words"].split("|"))
        for row in read_tsv(__package__, "word_lists.tsv")
    }


@lru_cache(maxsize=1)
def type_rules() -> dict[str, tuple[tuple[str, ...], str | None, str | None]]:
    """Per PLOVER type: recipient prepositions, and the THREATEN and REQUEST modes an act of
    that type gives when embedded (``types.tsv``)."""

    def mode(value: str) -> str | None:
        return None if value in {"", "-"} else value

    return {
        row["type"]: (
            tuple(p for p in row["recipient_prepositions"].split("|") if p),
            mode(row["threat_mode"]),
            mode(row["request_mode"]),
        )
        for row in read_tsv(__package__, "types.tsv")
    }
