"""Omissions (``attribution/omissions.py``): sentences that say a party left something out,
each thing left out a record of its own: who (the readout's owner, or whoever did not mention
it), what (as written) and the sentence that says so.

Each row is a text and the omissions an analyst finds in it: (party's name, topic).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

OMISSIONS = [
    pytest.param(
        "The State Department's readout of the call made no mention of the Games and instead "
        "focused on trade.",
        [("US State Department", "the Games")],
        id="made-no-mention-of",
    ),
    pytest.param(
        "Spokesman Ned Price did not mention Taiwan or the Games.",
        [("Ned Price", "Taiwan"), ("Ned Price", "the Games")],
        id="did-not-mention-two-things",
    ),
    pytest.param(
        "The Games and Taiwan were not mentioned in the American readout.",
        [("United States", "The Games"), ("United States", "Taiwan")],
        id="passive-in-a-readout",
    ),
    pytest.param(
        "The American readout left the propaganda charge out altogether.",
        [("United States", "the propaganda charge")],
        id="left-out",
    ),
    pytest.param(
        "There was no mention of the pipeline in the Kremlin's statement.",
        [("Kremlin", "the pipeline")],
        id="there-was-no-mention",
    ),
    pytest.param(
        "The Kremlin's account said nothing about the sanctions.",
        [("Kremlin", "the sanctions")],
        id="said-nothing-about",
    ),
    pytest.param(
        "Secretary Ana Ruiz focused on the border without mentioning the elections.",
        [("Ana Ruiz", "the elections")],
        id="without-mentioning",
    ),
    pytest.param(
        "The US statement omitted any reference to Taiwan.",
        [("United States", "Taiwan")],
        id="omitted-any-reference",
    ),
    pytest.param(
        "Foreign Minister Sergey Lavrov failed to mention the sanctions in his remarks.",
        [("Sergey Lavrov", "the sanctions")],
        id="failed-to-mention",
    ),
    pytest.param(
        "Moscow's version dwelt on grievances the American text left out entirely.",
        [("United States", "grievances")],
        id="a-relative-clause-left-out",
    ),
    pytest.param(
        "He listed the issues that the readout did not mention.",
        [(None, "the issues")],
        id="a-relative-clause-not-mentioned",
    ),
    pytest.param(
        "No mention was made of the Games.",
        [(None, "the Games")],
        id="no-party-named",
    ),
]

NOT_OMISSIONS = [
    pytest.param("The president did not address the nation on Monday.", id="address-an-audience"),
    pytest.param("The central bank did not raise interest rates.", id="raise-rates"),
    pytest.param("He praised the deal, not to mention the new jobs.", id="not-to-mention"),
    pytest.param("She left the room before the vote.", id="left-a-place"),
    pytest.param("The minister mentioned the Games twice.", id="mentioned"),
    pytest.param("The minister did not say whether talks would resume.", id="a-clause"),
]


@pytest.mark.parametrize("text, expected", OMISSIONS)
def test_omissions(
    attribute: Callable[[str], Any], text: str, expected: list[tuple[str | None, str]]
) -> None:
    found = attribute(text)
    omissions = found.doc._.omissions
    assert [(found.name(o.party), o.topic.text) for o in omissions] == expected
    for omission in omissions:
        for span in (omission.topic, omission.evidence):
            assert text[span.start : span.end] == span.text
        assert omission.evidence.start <= omission.topic.start < omission.evidence.end
    assert [o.id for o in omissions] == [f"t:o{n}" for n in range(1, len(omissions) + 1)]


@pytest.mark.parametrize("text", NOT_OMISSIONS)
def test_not_omissions(attribute: Callable[[str], Any], text: str) -> None:
    assert attribute(text).doc._.omissions == []
