"""Alignment (``stories/alignment.py``): the statements of two parties' accounts of one
meeting that make the same claim, though in other words; claims on other matters stay
apart. Two readouts of our own, in the style of each side's."""

from __future__ import annotations

from typing import Any

import pytest

from communique.compare import compare
from communique.records import Document
from communique.stories.alignment import PARAPHRASE
from communique.stories.embeddings import cosine, embed

US_READOUT = (
    "Secretary of State Antony Blinken met today with Russian Foreign Minister Sergey Lavrov "
    "in Geneva.\n"
    "The Secretary said that the United States remains ready to discuss reciprocal limits on "
    "missile deployments in Europe.\n"
    "He underscored that any further Russian aggression against Ukraine would be met with swift "
    "and severe costs."
)
RUSSIAN_READOUT = (
    "On January 21, Russian Foreign Minister Sergey Lavrov held talks with United States "
    "Secretary of State Antony Blinken in Geneva.\n"
    "Sergey Lavrov stated that Moscow is open to negotiating mutual restrictions on where "
    "rockets are stationed on the continent.\n"
    "The Minister stressed that NATO must stop its eastward expansion."
)


@pytest.fixture(scope="module")
def meeting(nlp: Any) -> dict[str, Any]:
    documents = [
        Document(id="us", text=US_READOUT, published="2022-01-21"),
        Document(id="ru", text=RUSSIAN_READOUT, published="2022-01-21"),
    ]
    (story,) = compare(documents, nlp)
    return story


def test_both_readouts_are_one_story_with_two_accounts(meeting: dict[str, Any]) -> None:
    assert sorted(meeting["documents"]) == ["ru", "us"]
    parties = {a["party"]: a["documents"] for a in meeting["accounts"]}
    assert parties == {"USA": ["us"], "RUS": ["ru"]}


def test_one_claim_in_other_words_is_aligned(meeting: dict[str, Any]) -> None:
    pairs = [
        (a["left"]["content"][0]["text"], a["right"]["content"][0]["text"])
        for a in meeting["alignments"]
    ]
    assert len(pairs) == 1
    ((left, right),) = pairs
    assert "missile deployments" in left and "rockets are stationed" in right


def test_claims_on_other_matters_are_not_paraphrases() -> None:
    """The pairs behind ``PARAPHRASE``: claims on other matters score below it."""
    unrelated = [
        ("the door to diplomacy remains open", "the Olympics should not be politicised"),
        ("the US should stop playing with fire on Taiwan", "de-escalation is the way forward"),
        (
            "any further aggression against Ukraine would be met with swift and severe costs",
            "Moscow is open to negotiating mutual restrictions on where rockets are stationed",
        ),
    ]
    for a, b in unrelated:
        assert float(cosine(*embed([a, b]))) < PARAPHRASE, (a, b)
