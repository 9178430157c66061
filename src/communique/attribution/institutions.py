"""The institutions that issue and carry statements: the office that speaks for a minister or
president (``data/issuers.tsv``) and the news agencies (``data/agencies.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Span

from communique.actors import load_gazetteer
from communique.data import read_tsv
from communique.records import Actor

# Nouns that name a government body without saying whose: "a ministry statement".
INSTITUTION_WORDS = frozenset(
    {"ministry", "government", "presidency", "embassy", "cabinet", "palace", "office"}
)
# Words before a role that make it another office: "vice president", "deputy foreign minister".
_OTHER_OFFICE = frozenset({"vice", "deputy", "former", "acting", "assistant", "ex"})


@dataclass(frozen=True, slots=True)
class Institution:
    name: str
    country: str | None
    sector: str | None
    role: str | None = None  # what it is, when the name does not say: "news agency"


@lru_cache(maxsize=1)
def _issuers() -> list[dict[str, str]]:
    return read_tsv(__package__, "issuers.tsv")


@lru_cache(maxsize=1)
def _agencies() -> dict[str, Institution]:
    return {
        row["name"].lower(): Institution(
            row["canonical"], row["country"], row["sector"], "news agency"
        )
        for row in read_tsv(__package__, "agencies.tsv")
    }


def agency(name: str) -> Institution | None:
    """The news agency of that name ("Xinhua", "the TASS", "the Interfax news agency"), if it
    is one."""
    name = " ".join(name.split()).lower().removeprefix("the ")
    agencies = _agencies()
    return agencies.get(name) or agencies.get(name.removesuffix(" news agency"))


def agency_in(phrase: Span) -> Institution | None:
    """The news agency a noun phrase names, as written or by its proper names alone ("the
    TASS news agency")."""
    names = " ".join(t.text for t in phrase if t.pos_ == "PROPN")
    return agency(phrase.text) or (agency(names) if names else None)


@cache
def demonym(iso3: str) -> str:
    """The adjective of a country ("Chinese"), else its name."""
    words = [w for w, code in load_gazetteer().demonyms.items() if code == iso3]
    singular = [w for w in words if not w.endswith("s")] or words
    if not singular:
        return load_gazetteer().country_name(iso3)
    return " ".join(part.capitalize() for part in min(singular, key=len).split())


def _holds_role(roles: list[str], role: str) -> bool:
    for held in roles:
        held = held.lower()
        if held == role:
            return True
        before, _, after = held.rpartition(f" {role}")
        if after == "" and before and before.split()[-1] not in _OTHER_OFFICE:
            return True
    return False


def speaking_for(actor: Actor) -> Institution | None:
    """The institution that speaks for an office holder, by role: the Chinese Foreign Ministry
    for a Chinese foreign minister, the US State Department for the Secretary of State."""
    if actor.kind != "person" or not actor.country:
        return None
    for row in _issuers():
        if row["country"] and row["country"] != actor.country:
            continue
        if _holds_role(actor.roles, row["role"]):
            name = row["institution"].replace("{demonym}", demonym(actor.country))
            return Institution(name, actor.country, row["sector"])
    return None


def named_body(words: str, speaker: Actor | None) -> Institution | None:
    """The government body a document's modifier names, of the speaker's country: "ministry"
    of a Chinese foreign minister is the Chinese Foreign Ministry, "foreign ministry" of a
    Russian official the Russian Foreign Ministry."""
    if speaker is None or not speaker.country or speaker.kind == "group":
        return None
    words = " ".join(words.lower().split())
    if not words or words.split()[-1] not in INSTITUTION_WORDS:
        return None
    office = speaking_for(speaker)
    if office is not None and office.name.lower().endswith(words):
        return office
    title = " ".join(w.capitalize() for w in words.split())
    return Institution(f"{demonym(speaker.country)} {title}", speaker.country, "GOV")
