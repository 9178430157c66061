"""Statements carried by other statements (``attribution/nesting.py``): a readout quoted in
full that tells what a minister said, "According to the statement, X stressed …", "The ministry
said X told Y that …". The carried statement names the one that carries it (``parent``, here
its number in the row), the carrier's channel (``via``) and the party that carries it
(``via_actor``).

Each row is a text and the statements an analyst finds in it (see ``conftest.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def case(text: str, *statements: dict[str, Any], id: str, gap: str | None = None) -> Any:
    """A row; ``gap`` marks a known gap: the right expectation, failing today."""
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(text, list(statements), id=id, marks=marks)


NESTED = [
    case(
        "The State Department issued a readout after the call.\n"
        "“Secretary Ana Ruiz underscored the risks of a wider war and conveyed that talks "
        "remain the only way forward,” the statement read.",
        dict(
            cue="read",
            content=[
                "Secretary Ana Ruiz underscored the risks of a wider war and conveyed that talks "
                "remain the only way forward"
            ],
            source="the statement",
            speaker="US State Department",
            via="a readout",
            via_actor="US State Department",
            kind="direct",
            parent=None,
        ),
        dict(
            cue="underscored",
            content=["the risks of a wider war"],
            source="Secretary Ana Ruiz",
            speaker="Ana Ruiz",
            via="a readout",
            via_actor="US State Department",
            kind="indirect",
            parent=1,
        ),
        dict(
            cue="conveyed",
            content=["that talks remain the only way forward"],
            source="Secretary Ana Ruiz",
            speaker="Ana Ruiz",
            via="a readout",
            via_actor="US State Department",
            kind="indirect",
            parent=1,
        ),
        id="the-statement-read-carries-the-secretary",
    ),
    case(
        "“President Anton Volkov warned that any new sanctions would be met with a firm "
        "response,” a Kremlin statement said.",
        dict(
            cue="said",
            source="a Kremlin statement",
            speaker="Kremlin",
            via_actor="Kremlin",
            kind="direct",
            parent=None,
        ),
        dict(
            cue="warned",
            content=["that any new sanctions would be met with a firm response"],
            source="President Anton Volkov",
            speaker="Anton Volkov",
            via="a Kremlin statement",
            via_actor="Kremlin",
            kind="indirect",
            parent=1,
        ),
        id="a-kremlin-statement-said-carries-the-president",
    ),
    case(
        "The Kremlin released a statement after the talks. According to the statement, "
        "President Anton Volkov stressed that the border would stay open.",
        dict(
            cue="According to",
            content=["President Anton Volkov stressed that the border would stay open"],
            source="the statement",
            speaker="Kremlin",
            via="a statement",
            via_actor="Kremlin",
            kind="according_to",
            parent=None,
        ),
        dict(
            cue="stressed",
            content=["that the border would stay open"],
            source="President Anton Volkov",
            speaker="Anton Volkov",
            via="the statement",
            via_actor="Kremlin",
            kind="indirect",
            parent=1,
        ),
        id="according-to-the-statement-carries-the-president",
    ),
    case(
        "The foreign ministry said Minister Lena Varga told her Serbian counterpart that the "
        "deal would hold.",
        dict(
            cue="said",
            content=["Minister Lena Varga told her Serbian counterpart that the deal would hold"],
            source="The foreign ministry",
            speaker="foreign ministry",
            parent=None,
        ),
        dict(
            cue="told",
            content=["that the deal would hold"],
            source="Minister Lena Varga",
            speaker="Lena Varga",
            addressee="her Serbian counterpart",
            via_actor="foreign ministry",
            parent=1,
        ),
        id="the-ministry-said-she-told",
    ),
    case(
        "Prime Minister Ola Berg said that the vote would go ahead, according to a government "
        "statement.",
        dict(
            cue="said",
            content=["that the vote would go ahead"],  # not "..., according to a ..."
            speaker="Ola Berg",
            via="a government statement",
            via_actor=None,  # a prime minister of no country the text gives: whose government?
            parent=None,
        ),
        id="according-to-a-statement-after-the-cue-is-its-channel",
    ),
    case(
        "“Ruiz told me that the deal was dead,” Oleg Marin said.",
        dict(cue="said", content=["Ruiz told me that the deal was dead"], parent=None),
        id="a-person-quoting-someone-carries-no-statement",
    ),
    case(
        "“We urged all sides to show restraint,” the ministry said.",
        dict(cue="said", content=["We urged all sides to show restraint"], parent=None),
        id="a-ministry-speaking-of-itself",
    ),
]


@pytest.mark.parametrize("text, expected", NESTED)
def test_nested_statements(
    check: Callable[[str, list[dict[str, Any]]], None], text: str, expected: list[dict[str, Any]]
) -> None:
    check(text, expected)


VIA_ACTOR = [
    case(
        "“Calm is the most urgent priority,” Chinese Foreign Minister Wang Yi said during a call "
        "with his Spanish counterpart, according to a ministry statement.",
        dict(
            cue="said",
            content=["Calm is the most urgent priority"],
            speaker="Wang Yi",
            addressee="his Spanish counterpart",
            via="a ministry statement",
            via_actor="Chinese Foreign Ministry",
            parent=None,
        ),
        id="a-ministry-statement-is-the-ministry-of-the-speakers-country",
    ),
    case(
        "Secretary Ana Ruiz warned that the offer would not last, according to the "
        "State Department's readout.",
        dict(
            cue="warned",
            speaker="Ana Ruiz",
            via="the State Department's readout",
            via_actor="US State Department",
            parent=None,
        ),
        id="the-state-departments-readout",
    ),
    case(
        "Foreign Minister Wang Yi told his Spanish counterpart that the talks must go on, "
        "Xinhua reported.",
        dict(
            cue="reported",
            content=[
                "Foreign Minister Wang Yi told his Spanish counterpart that the talks must go on"
            ],
            source="Xinhua",
            speaker="Xinhua",
            via_actor=None,
            parent=None,
        ),
        dict(
            cue="told",
            content=["that the talks must go on"],
            speaker="Wang Yi",
            addressee="his Spanish counterpart",
            via_actor="Xinhua",
            parent=1,
        ),
        id="xinhua-reported",
    ),
    case(
        "Foreign Minister Oleg Marin said the border talks had stalled, the Interfax news "
        "agency reported.",
        dict(
            cue="reported",
            content=["Foreign Minister Oleg Marin said the border talks had stalled"],
            speaker="Interfax",
            parent=None,
        ),
        dict(
            cue="said",
            content=["the border talks had stalled"],
            speaker="Oleg Marin",
            via_actor="Interfax",
            parent=1,
        ),
        id="the-agency-reported-after-the-statement",
    ),
    case(
        "Foreign Minister Oleg Marin was quoted by TASS as saying that the border talks had "
        "stalled.",
        dict(
            cue="quoted by TASS as saying",
            content=["that the border talks had stalled"],
            speaker="Oleg Marin",
            via="TASS",
            via_actor="TASS",
        ),
        id="quoted-by-an-agency",
    ),
    case(
        "The border talks had stalled, Foreign Minister Oleg Marin said, according to TASS.",
        dict(cue="said", speaker="Oleg Marin", via="TASS", via_actor="TASS"),
        id="according-to-an-agency-after-the-cue",
    ),
    case(
        "President Anton Volkov is ready to meet the Finnish leader, according to a Kremlin "
        "statement.",
        dict(
            cue="according to",
            source="a Kremlin statement",
            speaker="Kremlin",
            via_actor="Kremlin",
            kind="according_to",
        ),
        id="according-to-a-kremlin-statement",
    ),
    case(
        "The Kremlin said in a statement that the border would stay open.",
        dict(cue="said", speaker="Kremlin", via="a statement", via_actor="Kremlin"),
        id="its-own-statement",
    ),
    case(
        "“The talks were useful,” Foreign Minister Wang Yi told reporters at a news conference.",
        dict(
            cue="told",
            speaker="Wang Yi",
            addressee="reporters",
            via="a news conference",
            via_actor=None,
        ),
        id="an-occasion-carries-no-party",
    ),
    case(
        "“Calm is the most urgent priority,” Foreign Minister Wang Yi said during a call with "
        "Secretary of State Antony Blinken, according to a ministry statement.\n"
        "Wang told Blinken that the sanctions were a mistake.\n"
        "Wang later told reporters in Beijing that the call had been candid.",
        dict(
            cue="said",
            speaker="Wang Yi",
            addressee="Antony Blinken",
            via="a ministry statement",
            via_actor="Chinese Foreign Ministry",
        ),
        dict(
            cue="told",
            speaker="Wang Yi",
            addressee="Antony Blinken",
            via_actor="Chinese Foreign Ministry",
        ),
        dict(cue="told", speaker="Wang Yi", addressee="reporters", via_actor=None),
        id="the-ministry-carries-the-rest-of-the-call",
    ),
]


@pytest.mark.parametrize("text, expected", VIA_ACTOR)
def test_via_actor(
    check: Callable[[str, list[dict[str, Any]]], None], text: str, expected: list[dict[str, Any]]
) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    "text, name, kind, country",
    [
        (VIA_ACTOR[0].values[0], "Chinese Foreign Ministry", "organization", "CHN"),
        (VIA_ACTOR[2].values[0], "Xinhua", "organization", "CHN"),
    ],
    ids=["the-ministry-is-chinas", "xinhua-is-a-chinese-news-agency"],
)
def test_the_carrier_is_an_organisation_of_its_country(
    attribute: Callable[[str], Any], text: str, name: str, kind: str, country: str
) -> None:
    found = attribute(text)
    carriers = {s.via_actor for s in found.statements} - {None}
    actor = next(a for a in found.actors if a.id in carriers)
    assert (actor.name, actor.kind, actor.country) == (name, kind, country)
