"""Readouts (``attribution/readouts.py``): a document that is a party's own account of a call,
written in the third person about its minister. Its issuer is recorded on the document, every
statement in it comes through the issuer (``via_actor``), and the sentences that go on in the
voice of the current speaker belong to that speaker's statement.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Our own text, in the style of a foreign ministry's readout of a call.
MINISTRY_READOUT = (
    "Wang Yi Holds Phone Call with U.S. Secretary of State Antony Blinken\n\n"
    "On January 27, State Councilor and Foreign Minister Wang Yi held a phone call with U.S. "
    "Secretary of State Antony Blinken at the request of the U.S. side.\n\n"
    "Wang Yi said that the most pressing task is to put into practice the common "
    "understandings reached by the two heads of state. He noted that the U.S. side has "
    "recently sent wrong signals on the Taiwan question. China's position on this question is "
    "firm and will not change. The U.S. side should stop interfering in the Beijing Winter "
    "Olympics.\n\n"
    "Wang Yi stressed that China hopes the U.S. side will honour its word that it does not "
    "seek a “new Cold War”, does not seek to change China's system, and does not support "
    "“Taiwan independence”.\n\n"
    "Blinken said the U.S. side is ready to keep in communication with China.\n\n"
    "The two sides agreed to stay in touch."
)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_ministry_is_the_issuer(attribute: Callable[[str], Any]) -> None:
    found = attribute(MINISTRY_READOUT)
    issuer = next(a for a in found.actors if a.id == found.doc._.issuer)
    assert (issuer.name, issuer.kind, issuer.country) == (
        "Chinese Foreign Ministry",
        "organization",
        "CHN",
    )


def test_every_sentence_in_the_ministers_voice_is_his(attribute: Callable[[str], Any]) -> None:
    found = attribute(MINISTRY_READOUT)
    wang = [s for s in found.statements if found.name(s.speaker) == "Wang Yi"]
    said = " ".join(c.text for s in wang for c in s.content)
    for sentence in (
        "the most pressing task is to put into practice",
        "the U.S. side has recently sent wrong signals",
        "China's position on this question is firm and will not change.",
        "The U.S. side should stop interfering in the Beijing Winter Olympics.",
    ):
        assert sentence in said
    assert "The two sides agreed" not in said


def test_a_quoted_list_is_not_cut_at_its_first_closing_mark(
    attribute: Callable[[str], Any],
) -> None:
    found = attribute(MINISTRY_READOUT)
    stressed = next(s for s in found.statements if s.cue and s.cue.text == "stressed")
    assert found.name(stressed.speaker) == "Wang Yi"
    assert stressed.content[-1].text.endswith("does not support “Taiwan independence”")


def test_the_ministry_carries_every_statement(attribute: Callable[[str], Any]) -> None:
    found = attribute(MINISTRY_READOUT)
    top = [s for s in found.statements if s.parent is None]
    assert {found.name(s.speaker) for s in top} == {"Wang Yi", "Antony Blinken"}
    assert {found.name(s.via_actor) for s in top} == {"Chinese Foreign Ministry"}
    blinken = next(s for s in top if found.name(s.speaker) == "Antony Blinken")
    assert found.name(blinken.addressee) == "Wang Yi"


def test_a_press_report_is_no_readout(attribute: Callable[[str], Any]) -> None:
    report = (
        "“The most urgent priority is calm,” Foreign Minister Wang Yi said during a call with "
        "Secretary of State Antony Blinken, according to a ministry statement.\n"
        "Analysts said the call was tense."
    )
    assert attribute(report).doc._.issuer is None


@pytest.mark.parametrize(
    "name, issuer, country",
    [
        ("russian-mfa.txt", "Russian Foreign Ministry", "RUS"),
        ("state-department.txt", "US State Department", "USA"),
    ],
)
def test_the_example_readouts(
    attribute: Callable[[str], Any], name: str, issuer: str, country: str
) -> None:
    found = attribute((EXAMPLES / "readouts" / name).read_text(encoding="utf-8"))
    actor = next(a for a in found.actors if a.id == found.doc._.issuer)
    assert (actor.name, actor.country) == (issuer, country)
    assert found.statements
    assert {found.name(s.via_actor) for s in found.statements} == {issuer}
