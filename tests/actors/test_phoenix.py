"""The field's dictionaries: Phoenix actors and agents, as PLOVER codes at a date.

First the dictionaries alone (CAMEO codes read as PLOVER's, a record's code at a date, names
written as names, agent words), then what the actors stage makes of them on parsed text: a
person the gazetteer lacks, a person coded as of the publication date, an organisation
named by the dictionaries, a sector from agent words, and what must not be coded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language

from communique.actors.phoenix import (
    ActorDictionary,
    Agents,
    Code,
    Period,
    actor_dictionary,
    agents,
    code_at,
    plover_code,
    written_as_name,
)
from communique.data import data_file
from communique.records import Actor


# -- CAMEO codes as PLOVER codes --------------------------------------------------------------
@pytest.mark.parametrize(
    ("cameo", "country", "sector"),
    [
        ("USAGOV", "USA", "GOV"),
        ("RUSELI", "RUS", "ELI"),
        ("CHNGOVLEG", "CHN", "GOV"),  # the first sector code is the actor's
        ("IGOUNOREFHCR", "UNO", "REF"),  # the UN's bodies are UNO, as in igos.tsv
        ("IGOEUREEC", "EUR", None),
        ("IGOAFRAFU", "IGO", None),
        ("NGOUSAENV", "NGO", "SOC"),
        ("MNCUSAMED", "MNC", "JRN"),  # CAMEO's MED is media
        ("GBRGOVHLH", "GBR", "GOV"),
        ("HLH", None, "MED"),  # CAMEO's HLH is health, PLOVER's MED
        ("ELI", None, "ELI"),
        ("LKAREB", "LKA", "REB"),
        ("ANGREB", "AGO", "REB"),
        ("USRGOV", "RUS", "GOV"),  # the Soviet Union, as countries.tsv folds it
        ("YUGMNE", "MNE", None),
        ("DDRGOV", "DEU", "GOV"),
        ("KSVGOV", "KOS", "GOV"),
        ("CYM", "GBR", None),  # a dependency folds into its state (territories.tsv)
        ("MEAREB", None, "REB"),  # a region is no PLOVER country
        ("INTREB", None, "REB"),  # nor is CAMEO's "international"
        ("REBMUS", None, "REB"),
    ],
)
def test_a_cameo_code_as_plover(cameo: str, country: str | None, sector: str | None) -> None:
    assert plover_code(cameo) == Code(country, sector)


# -- a record's code at a date ----------------------------------------------------------------
def _period(cameo: str, start: str | None = None, end: str | None = None) -> Period:
    day = dt.date.fromisoformat
    default = start is None and end is None
    return Period(
        plover_code(cameo), day(start) if start else None, day(end) if end else None, default
    )


# Vladimir Putin as the dictionary has him: ELI, then GOV (president, then prime minister).
PUTIN = (
    _period("RUSELI", "1970-01-01", "1999-08-09"),
    _period("RUSGOV", "1999-12-31", "2008-05-07"),
    _period("RUSGOV", "1999-08-09", "2000-05-07"),
    _period("RUSGOV", "2008-05-08"),
    _period("RUSELI"),
)
# A minister who served once, with a default for the time after.
MINISTER = (
    _period("ZMBELI", "1966-01-01", "2004-12-01"),
    _period("ZMBGOV", "2005-02-01", "2008-08-31"),
    _period("ZMBELI"),
)
# A record with closed periods only and no default.
CLOSED = (_period("ECUGOV", "2005-12-01", "2007-11-30"),)


@pytest.mark.parametrize(
    ("periods", "day", "expected"),
    [
        (PUTIN, "1995-06-01", Code("RUS", "ELI")),
        (PUTIN, "2003-06-01", Code("RUS", "GOV")),
        (PUTIN, "2024-06-01", Code("RUS", "GOV")),
        (PUTIN, None, Code("RUS", "GOV")),  # no date: the period still open
        (MINISTER, "2006-01-01", Code("ZMB", "GOV")),
        (MINISTER, "2012-01-01", Code("ZMB", "ELI")),  # after the term: the default
        (MINISTER, None, Code("ZMB", "ELI")),  # no period open: the default
        (CLOSED, None, Code("ECU", "GOV")),  # no default either: the latest
        (CLOSED, "1988-01-01", None),  # a date no period holds, and no default
    ],
)
def test_a_record_at_a_date(
    periods: tuple[Period, ...], day: str | None, expected: Code | None
) -> None:
    assert code_at(periods, dt.date.fromisoformat(day) if day else None) == expected


def test_a_default_without_a_country_takes_the_record_s() -> None:
    annan = (_period("IGOUNO", "1997-01-01", "2006-12-31"), _period("ELI"))
    assert code_at(annan, dt.date(2010, 1, 1)) == Code("UNO", "ELI")


def test_since_leaves_out_the_periods_begun_before() -> None:
    obama = (_period("USAELI", "1978-01-01", "2000-01-01"), _period("USAGOV", "2009-01-20"))
    assert code_at(obama, dt.date(2022, 1, 1)) == Code("USA", "GOV")
    assert code_at(obama, dt.date(2022, 1, 1), since=dt.date(2017, 1, 1)) is None


# -- names ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Vladimir Putin", True),
        ("Hamad bin Khalifa al-Thani", True),
        ("Liberation Tigers of Tamil Eelam", True),
        ("UNITA", True),  # an acronym in capitals
        ("vladimir putin", False),  # not written as a name
        ("Ned price", False),
        ("the rebel group", False),
        ("Putin", False),  # one word that is no acronym
        ("Unita", False),
        ("of Tamil", False),
    ],
)
def test_written_as_name(name: str, expected: bool) -> None:
    assert written_as_name(name) is expected


def test_a_name_is_looked_up_by_its_words_in_any_case() -> None:
    dictionary = ActorDictionary([("BAN KI-MOON|SECRETARY-GENERAL BAN KI-MOON", "IGOUNO")])
    assert dictionary.code("Ban Ki-moon") == Code("UNO", None)
    assert dictionary.code("ban ki moon") == Code("UNO", None)
    assert dictionary.code("Ban") is None


def test_records_that_disagree_on_the_country_give_no_code() -> None:
    dictionary = ActorDictionary(
        [
            ("JOHN SMITH", "GBRGOV"),
            ("JOHN SMITH", "USAGOV"),
            ("ANNA KOVAC", "HRVGOV"),
            ("ANNA KOVAC", "HRVELI"),
        ]
    )
    assert dictionary.code("John Smith") is None
    assert dictionary.code("Anna Kovac") == Code("HRV", None)  # one country, two sectors


def test_a_name_of_common_words_is_not_distinctive() -> None:
    dictionary = actor_dictionary()
    assert not dictionary.distinctive("National Front")  # a Greek group, a French party ...
    assert not dictionary.distinctive("Ahmed Hassan", person=True)
    assert dictionary.distinctive("Liberation Tigers of Tamil Eelam")
    assert dictionary.distinctive("John McCain", person=True)
    # three name words: a full name, though each is common (Qatar, Oman, Thailand ...)
    assert not dictionary.distinctive("Hamad bin Khalifa al-Thani")
    assert dictionary.distinctive("Hamad bin Khalifa al-Thani", person=True)


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        ("Ahmed Ben Bella", None, Code("DZA", "ELI")),
        ("Ahmed Ben Bella", "1963-01-01", Code("DZA", "GOV")),
        ("Levy Mwanawasa", "2006-01-01", Code("ZMB", "GOV")),
        ("Leonid Brezhnev", "1970-01-01", Code("RUS", "GOV")),  # a Soviet leader is RUS
        ("Liberation Tigers of Tamil Eelam", None, Code("LKA", "REB")),
        ("UNITA", None, Code("AGO", "REB")),
    ],
)
def test_the_packaged_dictionary(name: str, day: str | None, expected: Code) -> None:
    assert actor_dictionary().code(name, dt.date.fromisoformat(day) if day else None) == expected


def test_the_packaged_files_keep_the_mit_notice() -> None:
    for filename in ("phoenix_actors.tsv", "phoenix_agents.tsv"):
        head = data_file("communique.actors", filename).read_text(encoding="utf-8")[:4000]
        assert "# source: " in head
        assert "# The MIT License (MIT)" in head
        assert "Copyright (c) 2014 Open Event Data" in head


# -- agent words ------------------------------------------------------------------------------
def test_the_longest_agent_phrase_then_the_rightmost() -> None:
    words = Agents({"union": "LAB", "teachers": "EDU", "riot police": "COP", "police": "COP"})
    assert words.sector(["Nigerian", "Union", "of", "Teachers"]) == "EDU"
    assert words.sector(["the", "riot", "police", "unit"]) == "COP"
    assert words.sector(["the", "committee"]) is None


@pytest.mark.parametrize(
    ("words", "sector"),
    [
        ("rebels", "REB"),
        ("police", "COP"),
        ("ministers", "GOV"),
        ("teachers", "EDU"),
        ("opposition party", "PTY"),
        ("lawmakers", "LEG"),
    ],
)
def test_the_packaged_agents(words: str, sector: str) -> None:
    assert agents().sector(words.split()) == sector


# -- on parsed text ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def coded(actors_nlp: Language) -> Callable[..., list[Actor]]:
    """Text (and a publication date) -> the actors stage's records."""

    def run(text: str, published: str | None = None) -> list[Actor]:
        doc = actors_nlp.make_doc(text)
        doc._.doc_id = "t"
        doc._.published = published
        return list(actors_nlp(doc)._.actors)

    return run


def _actor(actors: list[Actor], name: str) -> Actor:
    return next(a for a in actors if a.name == name)


def test_a_person_the_gazetteer_lacks(coded: Callable[..., list[Actor]]) -> None:
    name = "Hamad bin Khalifa al-Thani"
    actor = _actor(coded(f"{name} met the delegation on Monday."), name)
    assert (actor.kind, actor.country, actor.sector) == ("person", "QAT", "GOV")


def test_a_title_and_a_surname_name_the_person(coded: Callable[..., list[Actor]]) -> None:
    actor = _actor(coded("President Bush threatened further action against Russia."), "Bush")
    assert (actor.country, actor.sector) == ("USA", "GOV")


@pytest.mark.parametrize(
    ("published", "sector"),
    [
        ("2005-03-01", "GOV"),  # in office
        ("2015-03-01", "ELI"),  # after the term: a former vice president is not GOV
        (None, "GOV"),  # no date: the gazetteer's office
    ],
)
def test_a_person_as_of_the_publication_date(
    coded: Callable[..., list[Actor]], published: str | None, sector: str
) -> None:
    actor = _actor(coded("Moody Awori arrived in Nairobi on Tuesday.", published), "Moody Awori")
    assert (actor.country, actor.sector) == ("KEN", sector)


def test_a_later_office_counts_after_the_term(coded: Callable[..., list[Actor]]) -> None:
    # The gazetteer's years for Putin start in 2000; before, the dictionary has him ELI.
    text = "Vladimir Putin arrived in Berlin on Tuesday."
    assert _actor(coded(text, "1995-01-28"), "Vladimir Putin").sector == "ELI"
    assert _actor(coded(text, "2010-01-28"), "Vladimir Putin").sector == "GOV"


def test_an_organisation_the_gazetteer_lacks(coded: Callable[..., list[Actor]]) -> None:
    actor = _actor(coded("UNITA said it would attend the talks."), "UNITA")
    assert (actor.kind, actor.country, actor.sector) == ("organization", "AGO", "REB")


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("The {} called off the strike.", "Nigerian Union of Teachers", "NGA", "EDU"),
        ("The {} said the threat was low.", "Canadian Security Intelligence Service", "CAN", "SPY"),
        ("The {} cancelled the restrictions.", "Latvian Constitutional Court", "LVA", "JUD"),
    ],
)
def test_a_sector_from_agent_words(
    coded: Callable[..., list[Actor]], text: str, name: str, country: str, sector: str
) -> None:
    actor = _actor(coded(text.format(name)), name)
    assert (actor.country, actor.sector) == (country, sector)


def test_the_text_s_affiliation_wins(coded: Callable[..., list[Actor]]) -> None:
    # The dictionary knows Diego Cordovez only as Ecuador's foreign minister (2005-07); the
    # text makes him a U.N. mediator: no Ecuador.
    text = "U.N. mediator Diego Cordovez met the rebels on Monday."
    actor = _actor(coded(text), "Diego Cordovez")
    assert actor.country != "ECU"


def test_a_name_inside_a_longer_name_is_no_person(coded: Callable[..., list[Actor]]) -> None:
    actors = coded("Doctors at the Moody Awori Hospital said the patients were stable.")
    assert all(a.country is None for a in actors)


def test_a_surname_alone_is_not_looked_up(coded: Callable[..., list[Actor]]) -> None:
    actors = coded("Cordovez met the rebels on Monday.")
    assert all(a.country is None for a in actors)


def test_a_generic_organisation_name_gets_no_country(coded: Callable[..., list[Actor]]) -> None:
    actors = coded("The National Front won the most votes in the regional election.")
    assert all(a.country is None for a in actors)


def test_deputies_are_no_police(coded: Callable[..., list[Actor]]) -> None:
    # "deputy" is a police agent word, but roles and relations speak first.
    actors = coded("The deputies voted against the budget on Friday.")
    assert all(a.sector != "COP" for a in actors)
