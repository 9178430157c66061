"""Convert the Phoenix/PETRARCH2 actor and agent dictionaries into communique's package data.

    .venv/bin/python benchmarks/phoenix_dictionaries.py [--phoenix DIR] [--ngec DIR] [--out DIR]

Reads, from ``../shared/data/phoenix/`` (openeventdata/petrarch2, MIT, "Copyright (c) 2014
Open Event Data"): ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt`` and ``Phoenix.agents.txt``; and from
``../shared/data/ngec/`` (ahalterman/NGEC-2025, MIT, Andy Halterman): ``PLOVER_agents.txt``.
Writes ``src/communique/actors/data/phoenix_actors.tsv`` and ``phoenix_agents.tsv``, each with
a header naming its sources and carrying the MIT notice. Deterministic: the same inputs give
the same bytes. The format of the inputs is PETRARCH's (``dictionaries.rst``).

What the conversion does, and leaves to run time (``communique.actors.phoenix``):

- Actors: one row per dictionary record (a primary phrase, its ``+`` synonyms, its codes).
  Phrases are written with spaces for ``_``, upper case as in the source; a trailing
  parenthesised abbreviation is also given alone and the phrase without it ("ADEN ABYAN
  ISLAMIC ARMY (AAIA)" -> also "ADEN ABYAN ISLAMIC ARMY", "AAIA"). Codes are kept as the
  source's CAMEO codes with their date restrictions, dates written ISO (``USAGOV@2009-01-20/``
  from ``[USAGOV >090120]``; ``@/d`` is "before d"; a code without ``@`` is the record's
  default); a two-digit year is 20YY up to 30, else 19YY (the files date from 2014 and hold
  no two-digit year between 15 and 30); a restriction with a malformed date is dropped.
  CAMEO codes are mapped to PLOVER country and sector codes at run time.
- A record without any code (PETRARCH gives it the null code) is most often a synonym
  written without its "+" ("LEONID BREZHNEV", "SECRETARY BREZHNEV" before "COMMUNIST LEADER
  LEONID BREZHNEV [RUSGOV ...]"): the run of them just before a record with codes joins it
  while they share a word of four letters or more; any other is left out.
- One-word phrases of the country file are left out (surnames, cities, demonyms: the
  gazetteer and the text decide those); one-word phrases of the two organisation files are
  kept, as run time only matches them to acronyms written in capitals ("UNITA").
- Agents: PLOVER_agents.txt (NGEC's revision, in PLOVER sector codes) first; then the
  phrases of Phoenix.agents.txt it lacks, their CAMEO sector mapped to PLOVER (MED media ->
  JRN, HLH health -> MED, religions -> REL, HRI -> SOC, ...). ``!PERSON!`` and ``!MINIST!``
  are expanded, the ``MINIST``/``COMPAN`` stems spelled out, plurals formed as PETRARCH
  does (+S, Y -> IES, SS -> ES; ``{...}`` gives them, ``{}`` none). Words PETRARCH lets other
  words fall between are taken as consecutive. Prefix codes (``[NGO~]``) and the non-actor
  codes JNK and NON are left out.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from communique.actors.phoenix import CAMEO_SECTORS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "communique" / "actors" / "data"

ACTOR_FILES = {
    "Phoenix.Countries.actors.txt": "countries",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "milnonstate",
}
_DATE = re.compile(r"^\d{6}$|^\d{8}$")
_CODE = re.compile(r"\[([^\]]*)\]")
_ABBREVIATION = re.compile(r"^(.*\S)\s*\(([A-Z0-9.\-]{2,})\)$")

_GOVERNANCE = ("COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK")
_SOCIETY = ("AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE")
PLOVER_SECTORS = frozenset((*_GOVERNANCE, *_SOCIETY, "REL", "SOC"))


def _licence(phoenix: Path) -> list[str]:
    return phoenix.joinpath("LICENSE").read_text(encoding="utf-8").strip().splitlines()


def _commit(directory: Path) -> str:
    return directory.joinpath("SOURCE_COMMIT").read_text(encoding="utf-8").split()[0]


# -- actors ----------------------------------------------------------------------------------
@dataclass
class Record:
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def _phrase(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).upper()


def _iso(date: str) -> str | None:
    """``YYMMDD`` or ``YYYYMMDD`` as ``YYYY-MM-DD``; None if malformed."""
    date = date.strip()
    if not _DATE.match(date):
        return None
    if len(date) == 6:
        yy = int(date[:2])
        date = f"{2000 + yy if yy <= 30 else 1900 + yy}{date[2:]}"
    month, day = int(date[4:6]), int(date[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{date[:4]}-{date[4:6]}-{date[6:]}"


def _restriction(body: str) -> str | None:
    """One ``[CODE restriction]`` as ``CODE`` or ``CODE@FROM/TO``; None if unusable."""
    parts = body.split(None, 1)
    if not parts or not re.fullmatch(r"[A-Z]{3,}[A-Z0-9]*", parts[0]):
        return None  # "[---]" (the null code), "[s]"
    code = parts[0]
    if len(parts) == 1:
        return code
    when = parts[1].replace(" ", "")
    if when.startswith("<"):
        end = _iso(when[1:])
        return f"{code}@/{end}" if end else None
    if when.startswith(">"):
        start = _iso(when[1:])
        return f"{code}@{start}/" if start else None
    if "-" in when:
        first, _, last = when.partition("-")
        start, end = _iso(first), _iso(last)
        return f"{code}@{start}/{end}" if start and end else None
    return None


def _codes(text: str) -> list[str]:
    return [c for body in _CODE.findall(text) if (c := _restriction(body))]


def read_actors(path: Path) -> Iterator[Record]:
    """The records of a PETRARCH actor dictionary, in file order."""
    record: Record | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            if record is not None:
                record.codes += _codes(line)
            continue
        if line.startswith("+"):
            if record is not None:
                record.names.append(_phrase(line[1:].split("[", 1)[0]))
                record.codes += _codes(line)
            continue
        if record is not None:
            yield record
        name, _, rest = line.partition("[")
        record = Record([_phrase(name)], _codes("[" + rest) if rest else [])
    if record is not None:
        yield record


def _variants(name: str) -> list[str]:
    match = _ABBREVIATION.match(name)
    return [name, match.group(1), match.group(2)] if match else [name]


def convert_actors(path: Path, keep_one_word: bool) -> list[tuple[list[str], list[str]]]:
    rows: list[tuple[list[str], list[str]]] = []
    pending: list[list[str]] = []  # names of the records without codes just before
    for record in read_actors(path):
        names = [v for n in record.names for v in _variants(n) if v]
        if not record.codes:
            pending.append(names)
            continue
        names = [*_joining(pending, names), *names]
        pending = []
        names = [n for n in dict.fromkeys(names) if keep_one_word or len(n.split()) > 1]
        if names:
            rows.append((names, list(dict.fromkeys(record.codes))))
    return rows


def _joining(pending: list[list[str]], names: list[str]) -> list[str]:
    """The names of the records without codes before a record that are its synonyms written
    without their "+": the run of them, back from the record, sharing a word of four letters
    or more with it or with one another ("LEONID BREZHNEV", "SECRETARY BREZHNEV" before
    "COMMUNIST LEADER LEONID BREZHNEV [RUSGOV ...]")."""
    words = {w for n in names for w in n.split() if len(w) >= 4}
    joined: list[str] = []
    for earlier in reversed(pending):
        own = {w for n in earlier for w in n.split() if len(w) >= 4}
        if not own & words:
            break
        joined = [*earlier, *joined]
        words |= own
    return joined


def write_actors(phoenix: Path, out: Path) -> int:
    lines = [
        "# phoenix_actors.tsv -- the Phoenix/PETRARCH2 actor dictionaries: political figures by",
        "# country with CAMEO codes valid over date ranges, international and non-governmental",
        "# organisations and their people, armed non-state groups.",
        f"# source: openeventdata/petrarch2 commit {_commit(phoenix)},",
        "# petrarch2/data/dictionaries/: " + ", ".join(ACTOR_FILES) + ".",
        "# converted by benchmarks/phoenix_dictionaries.py (see its docstring for every choice).",
        "# columns: names = |-separated phrases as in the source (upper case, _ as spaces);",
        "# codes = the record's CAMEO codes, space-separated, each CODE (the default) or",
        "# CODE@FROM/TO with ISO dates, an open end left empty; file = the source file.",
        "# CAMEO codes are mapped to PLOVER country and sector codes by communique.actors.phoenix.",
        "#",
        *(f"# {line}".rstrip() for line in _licence(phoenix)),
        "names\tcodes\tfile",
    ]
    count = 0
    for filename, short in ACTOR_FILES.items():
        for names, codes in convert_actors(phoenix / filename, short != "countries"):
            lines.append(f"{'|'.join(names)}\t{' '.join(codes)}\t{short}")
            count += 1
    out.joinpath("phoenix_actors.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


# -- agents ----------------------------------------------------------------------------------
_LINKS = frozenset({"OF", "FOR", "TO", "IN", "ON", "AT", "WITH", "FROM", "AND"})


def _plural(phrase: str) -> str:
    """The regular plural of a phrase's head (its last word, or the word before "of" ...);
    empty where none is formed: a word ending in S, MEN or PEOPLE, an abbreviation, a number."""
    words = phrase.split()
    at = next((n - 1 for n, w in enumerate(words) if w in _LINKS and n > 0), len(words) - 1)
    word = words[at]
    if not word.isalpha() or word.endswith(("MEN", "PEOPLE")):
        return ""
    if word.endswith("S") and not word.endswith("SS"):
        return ""
    if word.endswith(("SS", "CH", "SH", "X")):
        word += "ES"
    elif word.endswith("Y") and word[-2:-1] not in set("AEIOU"):
        word = word[:-1] + "IES"
    else:
        word += "S"
    return " ".join([*words[:at], word, *words[at + 1 :]])


_STEMS = {
    "MINIST": [("MINISTER", "MINISTERS"), ("MINISTRY", "MINISTRIES")],
    "COMPAN": [("COMPANY", "COMPANIES")],
}


def read_agents(path: Path) -> Iterator[tuple[str, str, str]]:
    """(singular, plural, code) of each agent phrase of a PETRARCH agents file."""
    substitutions: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            marker, _, values = line.partition("=")
            substitutions[marker.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        code_match = re.search(r"\[([^\]]*)\]", line)
        if not code_match or not code_match.group(1).startswith("~"):
            continue  # no code, or a prefix code ([NGO~]): not a sector
        code = code_match.group(1)[1:].strip()
        head = line[: code_match.start()]
        plural_match = re.search(r"\{([^}]*)\}", head)
        plural = plural_match.group(1) if plural_match else None
        phrase = head[: plural_match.start()] if plural_match else head
        for singular, plural_form in _expand(phrase, plural, substitutions):
            yield singular, plural_form, code


def _expand(
    phrase: str, plural: str | None, substitutions: dict[str, list[str]]
) -> Iterator[tuple[str, str]]:
    marker = next((m for m in substitutions if m in phrase), None)
    if marker is not None:  # every form is listed: no plural formed
        for value in substitutions[marker]:
            yield _phrase(phrase.replace(marker, value)), ""
        return
    text = _phrase(phrase)
    if not text:
        return
    last = text.split()[-1]
    if last in _STEMS:
        for singular, plural_form in _STEMS[last]:
            yield text[: -len(last)] + singular, text[: -len(last)] + plural_form
        return
    if plural is None:
        yield text, _plural(text)
    else:
        yield text, _phrase(plural)


def _sector(code: str, cameo: bool) -> str | None:
    """The PLOVER sector of an agent code: its first three letters, mapped from CAMEO's."""
    first = code[:3].upper()
    if cameo:
        return CAMEO_SECTORS.get(first)  # MED (media) -> JRN, HLH (health) -> MED, ...
    return first if first in PLOVER_SECTORS else None


def write_agents(phoenix: Path, ngec: Path, out: Path) -> int:
    rows: dict[str, tuple[str, str, str, str]] = {}
    sources = [(ngec / "PLOVER_agents.txt", "plover", False)]
    sources.append((phoenix / "Phoenix.agents.txt", "phoenix", True))
    for path, short, cameo in sources:
        for singular, plural, code in read_agents(path):
            sector = _sector(code, cameo)
            if sector is None or singular.lower() in rows:
                continue
            rows[singular.lower()] = (plural.lower(), sector, code, short)
    lines = [
        "# phoenix_agents.tsv -- agent words: the nouns that say an actor's sector (police,",
        "# rebels, ministers, opposition), from the PETRARCH/PLOVER agent dictionaries.",
        f"# source: ahalterman/NGEC-2025 commit {_commit(ngec)},",
        "# PLOVER_agents.txt (MIT, Andy Halterman); then, for phrases it lacks,",
        f"# openeventdata/petrarch2 commit {_commit(phoenix)},",
        "# petrarch2/data/dictionaries/Phoenix.agents.txt (MIT, Open Event Data, notice below).",
        "# converted by benchmarks/phoenix_dictionaries.py (see its docstring for every choice).",
        "# columns: agent = the phrase, lower case; plural = its plural (empty: none formed);",
        "# sector = PLOVER sector code; code = the source's code (CAMEO sectors for phoenix);",
        "# file = plover (PLOVER_agents.txt) or phoenix (Phoenix.agents.txt).",
        "#",
        *(f"# {line}".rstrip() for line in _licence(phoenix)),
        "agent\tplural\tsector\tcode\tfile",
    ]
    for agent, (plural, sector, code, short) in sorted(rows.items()):
        lines.append(f"{agent}\t{plural}\t{sector}\t{code}\t{short}")
    out.joinpath("phoenix_agents.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phoenix", type=Path, default=SHARED / "phoenix")
    parser.add_argument("--ngec", type=Path, default=SHARED / "ngec")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    actors = write_actors(args.phoenix, args.out)
    agents = write_agents(args.phoenix, args.ngec, args.out)
    print(f"wrote {actors} actor records and {agents} agent phrases to {args.out}")


if __name__ == "__main__":
    main()
