"""The packaged gazetteers: countries, demonyms, metonyms, organisations, roles.

Each is a TSV file in ``actors/data/`` whose header comments say where its
facts come from. Loading is cached; matching is done by :mod:`.mentions`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

from communique.data import data_file, read_tsv


@dataclass(frozen=True, slots=True)
class Entry:
    """A named actor the gazetteer knows: a state or an organisation."""

    key: str  # ISO3 for states, "org:<canonical>" for organisations
    name: str
    kind: str  # "state" | "organization"
    country: str | None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    sector: str | None
    role_class: str


@dataclass(frozen=True, slots=True)
class Person:
    """A well-known person: whom a bare name refers to ("Museveni" -> UGA, GOV)."""

    name: str
    country: str
    sector: str | None
    role: str
    start: int | None = None  # first and last year of the office (None: unknown, still in it)
    end: int | None = None

    def serves(self, year: int) -> bool:
        """Whether ``year`` is within the office's years."""
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(slots=True)
class Gazetteer:
    names: dict[str, Entry] = field(default_factory=dict)  # normalised alias -> entry
    patterns: list[tuple[str, Entry]] = field(default_factory=list)  # alias as written
    demonyms: dict[str, str] = field(default_factory=dict)  # lowercased demonym -> ISO3
    roles: dict[str, Role] = field(default_factory=dict)  # lowercased role -> Role
    countries: dict[str, str] = field(default_factory=dict)  # ISO3 -> common name
    org_words: frozenset[str] = frozenset()  # words of organisations' and places' names
    persons: dict[str, Person] = field(default_factory=dict)  # normalised name or alias
    # Names, as written, of places that hold another place's name ("New Mexico", "Niger Delta")
    places: frozenset[str] = frozenset()

    def person(self, text: str) -> Person | None:
        return self.persons.get(_normalise(text))

    def country_name(self, iso3: str) -> str:
        return self.countries.get(iso3, iso3)

    def add(self, alias: str, entry: Entry) -> None:
        key = _normalise(alias)
        if key and key not in self.names:
            self.names[key] = entry
            written = alias.strip()
            if written.lower().startswith("the "):
                written = written[4:]
            self.patterns.append((written, entry))

    def lookup(self, text: str) -> Entry | None:
        """The entry for a name as written, ignoring a leading "the" and case."""
        key = _normalise(text)
        return self.names.get(key)


def _normalise(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


def _aliases(value: str) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    for row in read_tsv(__package__, "countries.tsv"):
        iso3 = row["iso3"]
        gaz.countries[iso3] = row["name"]
        entry = Entry(iso3, row["name"], "state", iso3)
        for name in [row["name"], *_aliases(row.get("aliases", ""))]:
            gaz.add(name, entry)
    for country in pycountry.countries:
        gaz.countries.setdefault(country.alpha_3, getattr(country, "common_name", country.name))
    for row in read_tsv(__package__, "igos.tsv"):
        entry = Entry(
            f"org:{row['canonical']}",
            row["canonical"],
            "organization",
            row["code"] or None,
            row.get("sector") or None,
        )
        for name in [row["name"], row["canonical"], *_aliases(row.get("aliases", ""))]:
            gaz.add(name, entry)
    for row in read_tsv(__package__, "metonyms.tsv"):
        iso3 = row["iso3"] or None
        if row["kind"] == "state" and iso3:
            entry = Entry(iso3, gaz.country_name(iso3), "state", iso3, row.get("sector") or None)
        else:
            canonical = row.get("canonical") or row["name"]
            entry = Entry(
                f"org:{canonical}", canonical, "organization", iso3, row.get("sector") or None
            )
        gaz.add(row["name"], entry)
    for row in read_tsv(__package__, "territories.tsv"):
        iso3 = row["plover"]
        gaz.add(
            row["name"],
            Entry(iso3, gaz.country_name(iso3), "state", iso3, row.get("sector") or None),
        )
    for row in read_tsv(__package__, "demonyms.tsv"):
        gaz.demonyms.setdefault(row["demonym"].lower(), row["iso3"])
    for row in read_tsv(__package__, "roles.tsv"):
        role = row["role"].lower()
        gaz.roles.setdefault(role, Role(role, row.get("sector") or None, row.get("class", "")))
    if data_file(__package__, "persons.tsv").is_file():
        for row in read_tsv(__package__, "persons.tsv"):
            person = Person(
                row["name"],
                row["iso3"],
                row.get("sector") or None,
                row.get("role", ""),
                _year(row.get("from", "")),
                _year(row.get("to", "")),
            )
            for name in [row["name"], *_aliases(row.get("aliases", ""))]:
                gaz.persons.setdefault(_normalise(name), person)
    gaz.org_words = _words("org_words.txt")
    gaz.places = frozenset(
        [*(row["name"] for row in read_tsv(__package__, "places.tsv")), *_named_after(gaz)]
    )
    return gaz


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _words(filename: str) -> frozenset[str]:
    """A packaged word list: one word a line, "#" lines are comments."""
    lines = data_file(__package__, filename).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _named_after(gaz: Gazetteer) -> list[str]:
    """Subdivisions (ISO 3166-2) whose name ends with a name the gazetteer knows, after a word
    that makes it another place: "New Mexico", "Western Australia", "Port of Spain"."""
    found = []
    for sub in pycountry.subdivisions:
        words = sub.name.split()
        if any(c in sub.name for c in "[](),"):
            continue  # a local name with a gloss: "Wales [Cymru GB-CYM]"
        if any(gaz.lookup(" ".join(words[n:])) for n in range(1, len(words))):
            found.append(sub.name)
    return found


@lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """City names -> ISO3 of their country (GeoNames, ``cities.tsv``), as written; names the
    other gazetteers know (a country, a capital, a region) are theirs."""
    gaz = load_gazetteer()
    return {
        row["name"]: row["iso3"]
        for row in read_tsv(__package__, "cities.tsv")
        if gaz.lookup(row["name"]) is None
    }


LARGE_CITY = 100_000  # people: a name this large a city is more often the city than a person


@lru_cache(maxsize=1)
def _large_cities() -> dict[str, str]:
    return {
        row["name"]: row["iso3"]
        for row in read_tsv(__package__, "cities.tsv")
        if int(row["population"]) >= LARGE_CITY and row["name"] in cities()
    }


def large_city_country(name: str) -> str | None:
    """The country of a city of ``LARGE_CITY`` people or more named as written ("Kharkiv"),
    unless the gazetteer knows a person of that name."""
    if load_gazetteer().person(name) is not None:
        return None
    return _large_cities().get(name.removeprefix("the "))


def place_country(name: str) -> str | None:
    """The country of a province, region or city named as written ("Sindh", "Aleppo"; "Tamil
    Nadu" is ISO's "Tamil Nādu"); a country's own name is that country, though a province
    elsewhere bears it ("Mali" is also a prefecture of Guinea)."""
    name = name.removeprefix("the ")
    entry = load_gazetteer().lookup(name)
    if entry is not None and entry.kind == "state" and entry.name == name:
        return entry.country  # not a capital ("Moscow"): a city names no state here
    return subdivisions().get(_folded(name)) or cities().get(name)


def _folded(name: str) -> str:
    """Lower case without diacritics: news writes "Tamil Nadu", ISO 3166-2 "Tamil Nādu"."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Last words of the names of seas, rivers and lakes: news names the water, not the province.
_WATERS = frozenset({"sea", "ocean", "gulf", "river", "lake", "bay", "strait", "channel"})


@lru_cache(maxsize=1)
def subdivisions() -> dict[str, str]:
    """Province, state and region names -> ISO3 of their country (pycountry's ISO 3166-2),
    leaving out names shared by subdivisions of different countries and names that are
    descriptions ("Northern Province", "West": only words of ``place_words.txt``)."""
    found: dict[str, set[str]] = {}
    description = _words("place_words.txt")
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        words = sub.name.lower().split()
        if country is None or set(words) <= description or words[-1] in _WATERS:
            continue  # a description, or a province named after a sea ("Red Sea", Sudan)
        found.setdefault(_folded(sub.name), set()).add(country.alpha_3)
    return {name: codes.pop() for name, codes in found.items() if len(codes) == 1}
