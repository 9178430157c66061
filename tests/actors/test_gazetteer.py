"""The packaged gazetteers as the actors stage reads them: names (a leading "the" and case
ignored) to states and organisations with their PLOVER codes, demonyms, roles, well-known
persons, and province names (ISO 3166-2) with those two countries share left out."""

from __future__ import annotations

import pytest

from communique.actors import load_gazetteer, place_country, subdivisions


@pytest.mark.parametrize(
    "written, kind, name, country, sector",
    [
        pytest.param("the Kremlin", "organization", "Kremlin", "RUS", "GOV", id="seat-of-power"),
        pytest.param("Nato", "organization", "NATO", "IGO", "GOV", id="house-style-variant"),
        pytest.param("Burma", "state", "Myanmar", "MMR", None, id="former-name"),
        pytest.param("Gaza", "state", "Palestine", "PSE", None, id="region-of-a-territory"),
    ],
)
def test_a_name_to_its_entry(
    written: str, kind: str, name: str, country: str, sector: str | None
) -> None:
    entry = load_gazetteer().lookup(written)
    assert entry is not None, written
    assert (entry.kind, entry.name, entry.country, entry.sector) == (kind, name, country, sector)


def test_demonyms_roles_persons_and_provinces() -> None:
    gaz = load_gazetteer()
    demonyms = {d: gaz.demonyms.get(d) for d in ("russian", "ghanian", "korean")}
    # "Korean" is left out: North or South.
    assert demonyms == {"russian": "RUS", "ghanian": "GHA", "korean": None}
    assert (gaz.roles["defence minister"].sector, gaz.roles["troops"].sector) == ("GOV", "MIL")
    museveni = gaz.person("Museveni")
    assert museveni is not None
    assert (museveni.name, museveni.country, museveni.sector) == ("Yoweri Museveni", "UGA", "GOV")
    provinces = {p: subdivisions().get(p) for p in ("sindh", "new mexico", "punjab")}
    # Punjab is a province of Pakistan and a state of India.
    assert provinces == {"sindh": "PAK", "new mexico": "USA", "punjab": None}


def test_cities_and_provinces_name_their_country() -> None:
    places = ("Aleppo", "Antwerp", "Sindh", "Tamil Nadu", "Hyderabad", "Red Sea", "Moscow", "Mali")
    # "Antwerp": an English name of Antwerpen (a city of 100,000 or more); "Hyderabad" names
    # cities of India and Pakistan; the "Red Sea" is water, not Sudan's province; "Moscow" is
    # the gazetteer's (a capital names its state), not a city's; "Mali" is the country, though
    # a prefecture of Guinea has its name
    assert {p: place_country(p) for p in places} == {
        "Aleppo": "SYR",
        "Antwerp": "BEL",
        "Sindh": "PAK",
        "Tamil Nadu": "IND",  # ISO 3166-2 writes "Tamil Nādu"
        "Hyderabad": None,
        "Red Sea": None,
        "Moscow": None,
        "Mali": "MLI",
    }


@pytest.mark.parametrize(
    "description",
    ["northern province", "western province", "north", "west", "coast", "central region"],
)
def test_a_description_is_no_province(description: str) -> None:
    # ISO 3166-2 names provinces so ("Northern Province", Sri Lanka; "West", Cameroon), but in
    # English text they describe a place: "Xinjiang's northern province", "the West".
    assert description not in subdivisions()


def test_places_named_after_another() -> None:
    places = load_gazetteer().places
    found = [p for p in ("New Mexico", "Western Australia", "Niger Delta", "Sindh") if p in places]
    assert found == ["New Mexico", "Western Australia", "Niger Delta"]
