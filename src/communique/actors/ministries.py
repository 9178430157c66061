"""A ministry named without its country: the ministry of the minister the document is about.

A readout or a report of a minister's talks says "the Foreign Ministry" or "the ministry"
without a country: it is the ministry of the first minister of that portfolio the document
names ("State Councilor and Foreign Minister Wang Yi ... the Foreign Ministry said": China's).
A document naming no such minister leaves the ministry without a country.
"""

from __future__ import annotations

from collections.abc import Iterable

from communique.actors.gazetteer import Gazetteer, load_gazetteer
from communique.records import Actor

_MINISTRY, _MINISTER = "ministry", "minister"


def give_ministries_countries(actors: Iterable[Actor]) -> None:
    """Give each organisation named only as a ministry ("Foreign Ministry", "the ministry")
    the sector of that kind of ministry, and the country of the first minister of its
    portfolio (actors' mentions in text order)."""
    gaz = load_gazetteer()
    actors = list(actors)
    persons = sorted(
        (a for a in actors if a.kind == "person" and a.country and a.mentions),
        key=lambda a: a.mentions[0].start,
    )
    for actor in actors:
        if actor.kind != "organization" or actor.country:
            continue
        ministry = _ministry(actor, gaz)
        if ministry is None:
            continue
        actor.sector = actor.sector or gaz.roles[ministry].sector
        minister = next((p for p in persons if _heads(p, ministry, gaz)), None)
        if minister is not None:
            actor.country = minister.country


def _ministry(actor: Actor, gaz: Gazetteer) -> str | None:
    """The kind of ministry an organisation is named as ("foreign ministry"), if it is named
    only so: by a role of roles.tsv naming a ministry, not by a name of its own."""
    name = actor.name.lower().removeprefix("the ")
    for role in (name, *actor.roles):
        found = gaz.roles.get(role)
        if found is not None and found.role_class == "institution" and _MINISTRY in role.split():
            return role
    return None


def _heads(person: Actor, ministry: str, gaz: Gazetteer) -> bool:
    """Whether a person is a minister of the ministry's portfolio: "foreign minister" for the
    "foreign ministry"; any minister for a ministry of no named portfolio ("the ministry")."""
    portfolio = gaz.roles.get(ministry.replace(_MINISTRY, _MINISTER))
    for role in person.roles:
        if _MINISTER not in role.split() or role not in gaz.roles:
            continue
        if portfolio is None or portfolio.role_class == _MINISTER:
            return True
        if gaz.roles[role].role_class == portfolio.role_class:
            return True
    return False
