"""Actor keys: one string per real-world actor, the same in every document that names it.

A state is its ISO-3166 alpha-3 code ("CHN"); a person, the normalised full name and
the country ("wang yi|CHN"); an organisation, its normalised name and country
("state department|USA", "nato|IGO"); a group, its members' keys
("group:nato|IGO+USA"). Normalised: letters folded to ASCII lower case, honorifics
and middle initials dropped ("Antony J. Blinken" and "antony blinken" are one), so
that the same person written two ways in two outlets has one key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from communique.records import Actor

# Words of a name that do not tell one person from another.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "prof"})
_LEADING_THE = re.compile(r"^the\s+")
_NOT_NAME = re.compile(r"[^a-z0-9\s-]")


def normalised(name: str) -> str:
    """``name`` folded for comparison: ASCII lower case, no punctuation but hyphens, single
    spaces ("José Ramos-Horta" -> "jose ramos-horta", "the Kremlin" -> "kremlin")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = _NOT_NAME.sub(" ", folded.lower().replace("’", "'").replace("'s ", " "))
    return _LEADING_THE.sub("", " ".join(folded.split()))


def _person(name: str) -> str:
    words = normalised(name).split()
    kept = [w for w in words if w not in _HONORIFICS and len(w) > 1]  # "J." is an initial
    return " ".join(kept or words)


def actor_key(actor: Actor, members: Iterable[str] = ()) -> str:
    """The key of an actor; ``members`` are the keys of a group's members."""
    country = actor.country or "-"
    if actor.kind == "state" and actor.country:
        return actor.country
    if actor.kind == "person":
        return f"{_person(actor.name)}|{country}"
    if actor.kind == "group":
        inside = sorted(set(members))
        if inside:
            return "group:" + "+".join(inside)
    return f"{normalised(actor.name)}|{country}"


def actor_keys(actors: list[Actor]) -> dict[str, str]:
    """Actor id -> key for a document's actors (a group's key from its members' keys)."""
    keys: dict[str, str] = {}
    by_id = {actor.id: actor for actor in actors}

    def key(actor: Actor, seen: frozenset[str]) -> str:
        if actor.id not in keys:
            members = [
                key(by_id[m], seen | {actor.id})
                for m in actor.members
                if m in by_id and m not in seen
            ]
            keys[actor.id] = actor_key(actor, members)
        return keys[actor.id]

    for actor in actors:
        key(actor, frozenset())
    return keys
