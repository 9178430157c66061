"""Country and sector codes the text does not give, from the packaged dictionaries.

- A person the persons gazetteer knows ("Museveni") gets its country, and its sector if the
  document's date is within the office's years (or the document has no date); outside them,
  the sector the Phoenix dictionaries give at that date, else ELI after the term.
- A person it lacks gets the code of the Phoenix record holding a full name it is written
  by (two words or more, capitalised as a name, not part of a longer capitalised name, not
  made only of words common in many countries; with its title: "President Bush"), at the
  document's date; not if the words before the name tie them to another country or body
  ("U.N. mediator Diego Cordovez" is no Ecuadorian minister).
- An organisation without a country ("UNITA", "Liberation Tigers of Tamil Eelam") gets the
  code of the Phoenix record of its name, if the name is distinctive (not "National Front");
  one with a country, the sector of a record of that country.
- An organisation or a group still without a sector gets the one the agent words of its
  name say ("Nigerian Union of Teachers": EDU).

The text always wins: a code only fills what the mentions left empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from communique.actors.gazetteer import Person, load_gazetteer
from communique.actors.mentions import RELATIONAL_HEADS, Mention, demonym_country
from communique.actors.phoenix import Agents, Code, actor_dictionary, agents, written_as_name
from communique.records import Actor

_HONORIFICS = frozenset({"mr", "ms", "mrs", "miss", "dr", "sir", "dame", "sheikh", "gen"})
FORMER = "ELI"  # PLOVER's sector for former officials and other elites
# Dependencies of a name's head that modify it: "U.N. mediator", "Chinese businessman".
_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})


def day_of(published: str | None) -> dt.date | None:
    """The date of a document's ``published`` value (``YYYY-MM-DD...``); None if it has none."""
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


@dataclass(slots=True)
class Written:
    """How the text names a person: full names that stand alone (each also with its title
    before it: "President Bush"), and the countries of the words before a name that say
    whom the person acts for ("U.N." in "U.N. mediator Diego Cordovez")."""

    names: list[str] = field(default_factory=list)
    affiliations: set[str] = field(default_factory=set)


def written_names(
    doc: Doc,
    placed: list[tuple[Mention, str]],
    actors: dict[str, Actor],
    titles: dict[int, Mention],
) -> dict[str, Written]:
    """Per actor id, how the text names it (``Written``), from the mentions placed so far
    (each with its actor's id) and the titles before names (by the name's first token)."""
    countries: dict[int, str] = {}  # token -> country of the state or organisation there
    for mention, actor_id in placed:
        actor = actors[actor_id]
        if actor.kind in {"state", "organization"} and actor.country:
            countries.update(dict.fromkeys(range(mention.start, mention.end), actor.country))
    found: dict[str, Written] = {}
    for mention, actor_id in placed:
        if mention.source != "name":
            continue
        title = titles.get(mention.start)
        if not _standalone(doc, mention.start, mention.end, title is not None):
            continue
        written = found.setdefault(actor_id, Written())
        if title is not None:
            written.names.append(doc[title.start : mention.end].text)
        if mention.end - mention.start > 1:
            written.names.append(doc[mention.start : mention.end].text)
        for token in _modifiers(doc[mention.head]) if mention.head >= 0 else ():
            country = countries.get(token.i) or demonym_country(token)
            if country:
                written.affiliations.add(country)
    return found


def _modifiers(head: Token) -> Iterator[Token]:
    """The words of the phrases before a name's head that modify it ("U.N. mediator")."""
    for child in head.lefts:
        if child.dep_ in _MODIFIERS:
            yield from child.subtree


def _standalone(doc: Doc, start: int, end: int, titled: bool) -> bool:
    """Whether no capitalised proper noun runs on from a name ("Kofi Annan Foundation") or
    into it, leaving out a title or an honorific before it."""
    if end < len(doc) and _glued(doc[end]):
        return False
    if start > 0 and not titled:
        before = doc[start - 1]
        word = before.lower_.rstrip(".")
        return not _glued(before) or word in _HONORIFICS or word in load_gazetteer().roles
    return True


def _glued(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and not token.is_sent_start


def known_person(actor: Actor, day: dt.date | None, written: Written) -> None:
    """Country and sector of a well-known person the text does not place (see the module)."""
    gaz = load_gazetteer()
    for name in [actor.name, *actor.aliases]:
        person = gaz.person(name)
        if person is not None:
            actor.country = actor.country or person.country
            if person.role and person.role not in actor.roles:
                actor.roles.append(person.role)
            if actor.sector is None:
                actor.sector = _sector_at(person, day, written.names)
            return
    code = _dictionary_code(written.names, day)
    if code is None or (written.affiliations and code.country not in written.affiliations):
        return  # the text says whom they act for, and the record says otherwise
    if actor.country in {None, code.country}:
        actor.country = actor.country or code.country
        actor.sector = actor.sector or code.sector


def _sector_at(person: Person, day: dt.date | None, written: list[str]) -> str | None:
    """A gazetteer person's sector at ``day``: the gazetteer's within the office's years (or
    with no date). Before them, the Phoenix dictionaries' then (an earlier office); after
    them, theirs of an office begun since the term's last year, else ELI. The gazetteer's
    years are the more recent facts: a Phoenix period still open in 2014 may have ended."""
    if day is None or person.serves(day.year):
        return person.sector
    after = person.end is not None and day.year > person.end
    since = dt.date(person.end, 1, 1) if after and person.end is not None else None
    code = _dictionary_code([*written, person.name], day, since)
    if code is not None and code.country == person.country and code.sector:
        return code.sector
    return FORMER if after else None


def _dictionary_code(
    names: Iterable[str], day: dt.date | None, since: dt.date | None = None
) -> Code | None:
    """The Phoenix code of the first of ``names`` written as a full name that a record holds
    with a country (at ``day``, of the periods begun ``since``)."""
    dictionary = actor_dictionary()
    for name in names:
        if (
            len(name.split()) > 1
            and written_as_name(name)
            and dictionary.distinctive(name, person=True)
        ):
            code = dictionary.code(name, day, since)
            if code is not None and code.country is not None:
                return code
    return None


def known_organization(actor: Actor, day: dt.date | None) -> None:
    """Country and sector of an organisation from the Phoenix record of its name (an acronym
    in capitals, "UNITA", or a name of two words or more written as a name): its country if
    the name is distinctive (not "National Front"), its sector if the record's country is the
    organisation's."""
    if actor.kind != "organization" or (actor.country and actor.sector):
        return
    dictionary = actor_dictionary()
    for name in [actor.name, *actor.aliases]:
        if not written_as_name(name):
            continue
        code = dictionary.code(name, day)
        if code is None:
            continue
        if actor.country is None:
            if dictionary.distinctive(name):
                actor.country = code.country
                actor.sector = actor.sector or code.sector
                return
        elif code.country == actor.country and code.sector:
            actor.sector = code.sector
            return


def agent_sector(actor: Actor) -> None:
    """The sector the agent words of an organisation's or a group's name say, if it has none
    (not a person's: "Bishop", "Fisher" and "Judge" are surnames)."""
    if actor.sector is None and actor.kind in {"organization", "group"}:
        actor.sector = sector_words().sector(actor.name.replace("’", "'").split())


@lru_cache(maxsize=1)
def sector_words() -> Agents:
    """The agent words, with the roles gazetteer first: a role it lists has its sector (or
    none: "deputies" are no police), and so has a word naming a relation ("counterpart")."""
    sectors = dict(agents().sectors)
    gaz = load_gazetteer()
    for role, found in gaz.roles.items():
        sectors[role] = found.sector
    for word in RELATIONAL_HEADS:
        plural = f"{word[:-1]}ies" if word.endswith("y") else f"{word}s"
        sectors[word] = sectors[plural] = None
    return Agents(sectors)
