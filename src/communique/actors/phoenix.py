"""The field's dictionaries: Phoenix/PETRARCH2 actors and agents, read as PLOVER codes.

``data/phoenix_actors.tsv`` holds the Phoenix actor dictionaries (about 7,500 political
figures with CAMEO codes valid over date ranges, international and non-governmental
organisations, companies, armed non-state groups); ``data/phoenix_agents.tsv`` the agent
words that say a sector ("police", "rebels", "ministers"). Both were converted by
``benchmarks/phoenix_dictionaries.py`` from openeventdata/petrarch2 and NGEC (MIT).

An ``ActorDictionary`` gives the PLOVER country and sector of a name at a date: the code of
the period holding the date, else the record's default; with no date, the period still
open, else the default, else the latest. ``Agents`` gives the sector the words of a name
say. Each is read once, when first asked, into dicts keyed by words: a lookup is a few
dict reads, never a scan of the dictionary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from communique.data import data_file, read_tsv

# CAMEO sector codes -> PLOVER sector codes (PLOVER manual, "Sector Codes"; CAMEO's MED is
# media, PLOVER's is health).
_SAME = ("GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "UAF", "ELI", "AGR")
_RELIGIONS = ("REL", "CHR", "CTH", "PRO", "ORT", "MUS", "SHI", "SUN", "JEW", "HIN", "BUD", "SIK")
CAMEO_SECTORS = {
    **{c: c for c in (*_SAME, "BUS", "CRM", "CVL", "EDU", "LAB", "REF")},
    **{c: "REL" for c in (*_RELIGIONS, "JAN", "TAO", "MOS")},
    "CIV": "CVL",
    "INS": "REB",
    "SEP": "REB",
    "MED": "JRN",
    "HLH": "MED",
    "HRI": "SOC",
    "ENV": "SOC",
}
# CAMEO codes of former states -> the PLOVER country (as countries.tsv folds their names);
# YUG and SCG before a republic's code are that republic ("YUGMNE").
_FORMER = {
    "USR": "RUS",
    "SUN": "RUS",
    "YUG": "SRB",
    "SCG": "SRB",
    "FRY": "SRB",
    "DDR": "DEU",
    "KSV": "KOS",
    "TMP": "TLS",
    "ANG": "AGO",
    "SRP": "BIH",
    "FRN": "FRA",
}
_NON_STATE = frozenset({"IGO", "NGO", "MNC", "IMG"})
# Small words a name may hold in lower case: "Hamad bin Khalifa al-Thani", "Front for the ...".
_NAME_PARTICLES = ("al", "el", "bin", "bint", "ibn", "abu", "de", "del", "della", "der", "den")
_NAME_LINKS = ("di", "da", "das", "dos", "du", "la", "le", "van", "von", "y", "e", "of", "the")
_PARTICLES = frozenset((*_NAME_PARTICLES, *_NAME_LINKS, "and", "for", "on", "in"))


@dataclass(frozen=True, slots=True)
class Code:
    """A PLOVER country code (ISO3 or IGO, UNO, EUR, NGO, MNC, IMG) and sector code."""

    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Period:
    """A record's code over ``[start, end]`` (either end open: None); ``default`` when the
    code has no date restriction."""

    code: Code
    start: dt.date | None
    end: dt.date | None
    default: bool

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@lru_cache(maxsize=1)
def _folded() -> dict[str, str]:
    """ISO3 of a country or dependency -> its PLOVER code (``territories.tsv`` folds)."""
    folded = {row["iso3"]: row["plover"] for row in read_tsv(__package__, "territories.tsv")}
    for row in read_tsv(__package__, "countries.tsv"):
        folded.setdefault(row["iso3"], row["iso3"])
    return {iso: code for iso, code in folded.items() if iso}


@lru_cache(maxsize=4096)
def plover_code(cameo: str) -> Code:
    """The PLOVER country and sector of a CAMEO actor code: ``USAGOV`` -> USA, GOV;
    ``IGOUNOREFHCR`` -> UNO, REF; ``ELI`` -> no country, ELI; regions (``MEA``, ``SAS``) and
    CAMEO's ``INT`` (international, given to national groups too) have no PLOVER country."""
    chunks = [cameo[i : i + 3] for i in range(0, len(cameo) - 2, 3)]
    if not chunks:
        return Code(None, None)
    first, rest = chunks[0], chunks[1:]
    folded = _folded()
    country: str | None = None
    if first in folded:
        country = folded[first]
    elif first in {"YUG", "SCG"} and rest and rest[0] in folded:
        country, rest = folded[rest[0]], rest[1:]
    elif first in _FORMER:
        country = _FORMER[first]
    elif first == "IGO":
        country = "UNO" if "UNO" in rest else "EUR" if "EEC" in rest else "IGO"
    elif first in _NON_STATE:
        country = first
    else:
        rest = chunks  # no country: the first chunk may be the sector ("ELI", "MED")
    sector = next((CAMEO_SECTORS[c] for c in rest if c in CAMEO_SECTORS), None)
    return Code(country, sector)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _periods(codes: str) -> tuple[Period, ...]:
    """``USAGOV@2009-01-20/ USAELI`` as periods."""
    periods = []
    for item in codes.split():
        cameo, _, when = item.partition("@")
        start, _, end = when.partition("/")
        periods.append(Period(plover_code(cameo), _date(start), _date(end), not when))
    return tuple(periods)


def code_at(
    periods: tuple[Period, ...], day: dt.date | None, since: dt.date | None = None
) -> Code | None:
    """A record's code at ``day``: of the first period holding it, else the default's. With no
    date: of the period still open (the latest begun), else the default, else the period that
    ended last. With ``since``, only the periods begun then or later count (no default). A
    code without a country takes the record's country if it has one only."""
    chosen: Period | None = None
    defaults = [p for p in periods if p.default and since is None]
    dated = [p for p in periods if not p.default and _begun(p, since)]
    if day is not None:
        chosen = next((p for p in dated if p.holds(day)), defaults[0] if defaults else None)
    else:
        running = [p for p in dated if p.end is None and p.start is not None]
        if running:
            chosen = max(running, key=lambda p: p.start or dt.date.min)
        elif defaults:
            chosen = defaults[0]
        elif dated:
            chosen = max(dated, key=lambda p: p.end or dt.date.max)
    if chosen is None:
        return None
    if chosen.code.country is None:
        countries = {p.code.country for p in periods if p.code.country}
        if len(countries) == 1:
            return Code(countries.pop(), chosen.code.sector)
    return chosen.code


def _begun(period: Period, since: dt.date | None) -> bool:
    return since is None or (period.start is not None and period.start >= since)


def name_key(name: str) -> str:
    """A name as the dictionaries index it: upper case, hyphens as spaces ("Ki-moon", "KI MOON"),
    one space between words."""
    return " ".join(name.replace("’", "'").replace("_", " ").replace("-", " ").split()).upper()


def written_as_name(name: str) -> bool:
    """Whether ``name`` is written as a proper name: two words or more, each capitalised or a
    small particle ("bin", "al-Thani", "of"), at least two of them capitalised; or one
    acronym in capitals ("UNITA"). A common word or a lower-case phrase is not."""
    words = name.split()
    if len(words) == 1:
        word = words[0].replace(".", "")
        return len(word) >= 2 and word.isupper() and word.isalpha()
    capitalised = 0
    for word in words:
        if word[:1].isupper() or word.rsplit("-", 1)[-1][:1].isupper():
            capitalised += 1
        elif word.lower() not in _PARTICLES:
            return False
    return capitalised >= 2 and words[0][:1].isupper()


# A word of names in records of more countries than this is common ("NATIONAL", "FRONT",
# "AHMED"): a name made only of such words may name anyone.
COMMON_IN = 3


class ActorDictionary:
    """Names -> the dictionary records holding them; codes read from a record when asked."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self._codes: list[str] = []
        self._periods: dict[int, tuple[Period, ...]] = {}
        self._by_name: dict[str, list[int]] = {}
        self._common: frozenset[str] | None = None
        for names, codes in rows:
            number = len(self._codes)
            self._codes.append(codes)
            for name in names.split("|"):
                held = self._by_name.setdefault(name_key(name), [])
                if number not in held:
                    held.append(number)

    def __contains__(self, name: str) -> bool:
        return name_key(name) in self._by_name

    def code(
        self, name: str, day: dt.date | None = None, since: dt.date | None = None
    ) -> Code | None:
        """The PLOVER code of ``name`` at ``day`` (of the periods begun ``since``, if given; see
        ``code_at``): None when no record holds the name, or its records disagree on the
        country (the sector, when they disagree on it, is None)."""
        numbers = self._by_name.get(name_key(name))
        if not numbers:
            return None
        periods = [self._record(n) for n in numbers]
        codes = {c for p in periods if (c := code_at(p, day, since)) is not None}
        if len(codes) == 1:
            return codes.pop()
        countries = {c.country for c in codes}
        if len(countries) == 1:
            return Code(countries.pop(), None)
        return None

    def distinctive(self, name: str, person: bool = False) -> bool:
        """Whether ``name`` has a word that the dictionary's names use in fewer than
        ``COMMON_IN`` countries ("National Front" has none: a Greek group in the dictionary,
        and a French party, among others, in the news); a ``person``'s name also when it
        has three words or more besides particles ("Hamad bin Khalifa al-Thani")."""
        words = name_key(name).split()
        if person and sum(w.lower() not in _PARTICLES for w in words) >= 3:
            return True
        if self._common is None:
            countries: dict[str, set[str]] = {}
            for key, numbers in self._by_name.items():
                held = {self._country(code) for n in numbers for code in self._codes[n].split()}
                held.discard(None)
                for word in key.split():
                    countries.setdefault(word, set()).update(held)
            self._common = frozenset(w for w, c in countries.items() if len(c) >= COMMON_IN)
        return any(w not in self._common for w in words)

    @staticmethod
    def _country(code: str) -> str | None:
        return plover_code(code.partition("@")[0]).country

    def _record(self, number: int) -> tuple[Period, ...]:
        periods = self._periods.get(number)
        if periods is None:
            periods = self._periods[number] = _periods(self._codes[number])
        return periods


class Agents:
    """Agent phrases (lower case, singular and plural) -> PLOVER sector (None: a phrase that
    says no sector)."""

    def __init__(self, sectors: dict[str, str | None]) -> None:
        self.sectors = sectors
        self._longest = max((len(p.split()) for p in sectors), default=0)

    def sector(self, words: list[str]) -> str | None:
        """The sector the agent words among ``words`` say: of the longest agent phrase found,
        the rightmost ("Nigerian Union of Teachers": "teachers", EDU)."""
        lowered = [w.lower().replace("’", "'") for w in words]
        for size in range(min(self._longest, len(lowered)), 0, -1):
            for start in range(len(lowered) - size, -1, -1):
                phrase = " ".join(lowered[start : start + size])
                if phrase in self.sectors:
                    return self.sectors[phrase]
        return None


def _lines(filename: str) -> list[list[str]]:
    """The rows after the header of a packaged TSV file, split on tabs ("#" lines skipped)."""
    text = data_file(__package__, filename).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """The Phoenix actor dictionaries (``phoenix_actors.tsv``), read once."""
    return ActorDictionary([(row[0], row[1]) for row in _lines("phoenix_actors.tsv")])


@lru_cache(maxsize=1)
def agents() -> Agents:
    """The agent words (``phoenix_agents.tsv``), read once; UNK (unknown) is no sector."""
    sectors: dict[str, str | None] = {}
    for agent, plural, sector, *_ in _lines("phoenix_agents.tsv"):
        if sector != "UNK":
            for phrase in (agent, plural):
                if phrase:
                    sectors.setdefault(phrase, sector)
    return Agents(sectors)
