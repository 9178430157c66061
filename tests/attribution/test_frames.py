"""Cue frames (``attribution/frames.py``): speech verbs before and after their content, quotes
around and split by the cue, colon and dash forms, quotes over sentences and paragraphs,
partial quotes, "according to", belief and stance cues, and sentences with no statement.

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


SPEECH_VERBS = [
    case(
        "The talks will resume next week, Foreign Minister Tomas Halvorsen said on Tuesday.",
        dict(
            cue="said",
            content=["The talks will resume next week"],
            source="Foreign Minister Tomas Halvorsen",
            speaker="Tomas Halvorsen",
            kind="indirect",
            cue_class="speech",
        ),
        id="verb-after-content",
    ),
    case(
        "Tomas Halvorsen said that Norway would send more aid to the region.",
        dict(
            cue="said",
            content=["that Norway would send more aid to the region"],
            source="Tomas Halvorsen",
            speaker="Tomas Halvorsen",
            kind="indirect",
        ),
        id="verb-before-that-clause",
    ),
    case(
        "Nadia Karimova said the ceasefire was holding in the east.",
        dict(
            cue="said",
            content=["the ceasefire was holding in the east"],
            source="Nadia Karimova",
            speaker="Nadia Karimova",
            kind="indirect",
        ),
        id="verb-before-bare-clause",
    ),
    case(
        "Nadia Karimova pointed out that the pipeline had been idle for a year.",
        dict(
            cue="pointed out",
            content=["that the pipeline had been idle for a year"],
            source="Nadia Karimova",
            speaker="Nadia Karimova",
            kind="indirect",
        ),
        id="phrasal-pointed-out",
    ),
    case(
        "Berlin made it clear that it would not send tanks.",
        dict(
            cue="made it clear",
            content=["that it would not send tanks"],
            source="Berlin",
            speaker="Germany",
            kind="indirect",
        ),
        id="made-it-clear",
        gap="the content takes in the cue's own object: 'it clear that it would not send tanks'",
    ),
    case(
        "The economy, Governor Elif Demir says, is recovering.",
        dict(
            cue="says",
            content=["The economy", "is recovering"],
            source="Governor Elif Demir",
            speaker="Elif Demir",
            kind="indirect",
        ),
        id="cue-interrupts-the-clause",
        gap="the model tags only 'Demir' a person, so the speaker is an actor named 'Demir', "
        "not 'Elif Demir' as the source has it",
    ),
    case(
        "Chancellor Greta Lind presented the budget on Monday.\n"
        "The budget, she says, will be balanced by 2027.",
        dict(
            cue="says",
            content=["The budget", "will be balanced by 2027"],
            source="she",
            speaker="Greta Lind",
            kind="indirect",
        ),
        id="pronoun-cue-interrupts-the-clause",
    ),
    case(
        "Lena Varga said the army would stay, while Carmen Olmos said it would leave.",
        dict(
            cue="said",
            content=["the army would stay"],
            source="Lena Varga",
            speaker="Lena Varga",
        ),
        dict(
            cue="said",
            content=["it would leave"],
            source="Carmen Olmos",
            speaker="Carmen Olmos",
        ),
        id="two-cues-in-one-sentence",
    ),
]

QUOTES = [
    case(
        "“We will not be intimidated,” Prime Minister Lena Varga said.",
        dict(
            cue="said",
            content=["We will not be intimidated"],
            source="Prime Minister Lena Varga",
            speaker="Lena Varga",
            kind="direct",
            cue_class="speech",
        ),
        id="quote-then-cue",
    ),
    case(
        "“Nobody wins a trade war,” said Carmen Olmos, the economy minister.",
        dict(
            cue="said",
            content=["Nobody wins a trade war"],
            source="Carmen Olmos, the economy minister",
            speaker="Carmen Olmos",
            kind="direct",
        ),
        id="quote-then-inverted-cue",
    ),
    case(
        "Prime Minister Lena Varga said, “Our patience has limits.”",
        dict(
            cue="said",
            content=["Our patience has limits."],
            source="Prime Minister Lena Varga",
            speaker="Lena Varga",
            kind="direct",
        ),
        id="cue-comma-then-quote",
    ),
    case(
        '"Nothing has been decided," ministry spokesman Karl Enge said.',
        dict(
            cue="said",
            content=["Nothing has been decided"],
            source="ministry spokesman Karl Enge",
            speaker="Karl Enge",
            kind="direct",
        ),
        id="straight-marks",
    ),
    case(
        "Foreign Minister Nadia Karimova arrived in Tashkent on Monday. "
        "“We are ready to talk,” she said. “But we will not talk under fire.”",
        dict(
            cue="said",
            content=["We are ready to talk", "But we will not talk under fire."],
            source="she",
            speaker="Nadia Karimova",
            kind="direct",
        ),
        id="quote-split-around-she-said",
    ),
    case(
        "Health Minister Omar Haddad visited the camp on Sunday.\n"
        "“Aid is on its way,” the minister said, “and more will follow.”",
        dict(
            cue="said",
            content=["Aid is on its way", "and more will follow."],
            source="the minister",
            speaker="Omar Haddad",
            kind="direct",
        ),
        id="quote-split-inside-one-sentence",
    ),
    case(
        "General Aziz Rahimi commands the northern front.\n"
        "“We did not start this war,” Rahimi said.\n"
        "“We will end it.”",
        dict(
            cue="said",
            content=["We did not start this war", "We will end it."],
            source="Rahimi",
            speaker="Aziz Rahimi",
            kind="direct",
        ),
        id="bare-quote-paragraph-continues",
    ),
    case(
        "Election chief Maria Lopes faced questions on Monday.\n"
        "“Every ballot was checked twice.\n"
        "“Observers from twelve countries watched the count,” she said.",
        dict(
            cue="said",
            content=[
                "Every ballot was checked twice.",
                "Observers from twelve countries watched the count",
            ],
            source="she",
            speaker="Maria Lopes",
            kind="direct",
        ),
        id="quote-over-two-paragraphs",
    ),
    case(
        "Lena Varga and Carmen Olmos clashed over the budget in Madrid. "
        "“We want a deal,” Varga said. “We want a fair one,” Olmos replied.",
        dict(cue="said", content=["We want a deal"], source="Varga", speaker="Lena Varga"),
        dict(cue="replied", content=["We want a fair one"], source="Olmos", speaker="Carmen Olmos"),
        id="two-speakers-not-merged",
    ),
    case(
        "Lena Varga said the plan was “a gift to smugglers” and would be withdrawn.",
        dict(
            cue="said",
            content=["the plan was “a gift to smugglers” and would be withdrawn"],
            source="Lena Varga",
            speaker="Lena Varga",
            kind="partial",
        ),
        id="partial-quote-inside",
    ),
    case(
        "Lena Varga said the proposal was “dead on arrival”.",
        dict(
            cue="said",
            content=["the proposal was “dead on arrival”"],
            source="Lena Varga",
            speaker="Lena Varga",
            kind="partial",
        ),
        id="partial-quote-at-the-end",
    ),
]

COLON_AND_DASH = [
    case(
        "Prime Minister Lena Varga spoke after the vote. She said: “Our patience has limits.”",
        dict(
            cue="said",
            content=["Our patience has limits."],
            source="She",
            speaker="Lena Varga",
            kind="direct",
        ),
        id="colon-then-quote",
    ),
    case(
        "Talks broke up without a deal.\n“The door remains open” – Carmen Olmos, in an interview.",
        dict(
            cue=None,
            content=["The door remains open"],
            source="Carmen Olmos",
            speaker="Carmen Olmos",
            via="an interview",
            kind="direct",
        ),
        id="quote-en-dash-source",
    ),
    case(
        '"We have done nothing wrong" -- Karl Enge',
        dict(
            cue=None,
            content=["We have done nothing wrong"],
            source="Karl Enge",
            speaker="Karl Enge",
            kind="direct",
        ),
        id="quote-double-hyphen-source",
    ),
    case(
        "Varga: “We will not back down”\nThe prime minister spoke in parliament.",
        dict(
            cue=None,
            content=["We will not back down"],
            source="Varga",
            speaker="Varga",
            kind="direct",
        ),
        id="headline-name-colon-quote",
        gap="a headline's 'Name: “quote”' (no cue verb) is not read as a statement",
    ),
]

ACCORDING_TO = [
    case(
        "At least 40 people were killed in the strike, according to Governor Serhiy Bondar.",
        dict(
            cue="according to",
            content=["At least 40 people were killed in the strike"],
            source="Governor Serhiy Bondar",
            speaker="Serhiy Bondar",
            kind="according_to",
            cue_class="speech",
        ),
        id="according-to-after",
    ),
    case(
        "According to the World Health Organization, the outbreak has spread to three provinces.",
        dict(
            cue="According to",
            content=["the outbreak has spread to three provinces"],
            source="the World Health Organization",
            speaker="World Health Organization",
            kind="according_to",
        ),
        id="according-to-before",
    ),
]

BELIEF_AND_STANCE = [
    case(
        "Western diplomats believe that the talks could collapse within days.",
        dict(
            cue="believe",
            content=["that the talks could collapse within days"],
            source="Western diplomats",
            speaker="Western diplomats",
            kind="indirect",
            cue_class="belief",
        ),
        id="believe-that",
    ),
    case(
        "Finance Minister Kenji Sato fears that prices will rise further.",
        dict(
            cue="fears",
            content=["that prices will rise further"],
            source="Finance Minister Kenji Sato",
            speaker="Kenji Sato",
            kind="indirect",
            cue_class="belief",
        ),
        id="fears-that",
    ),
    case(
        "Tokyo expects the central bank to hold rates steady.",
        dict(
            cue="expects",
            content=["the central bank to hold rates steady"],
            source="Tokyo",
            speaker="Japan",
            kind="indirect",
            cue_class="belief",
        ),
        id="expects-infinitive",
    ),
    case(
        "Opposition leader Marta Kos criticized the budget as a betrayal of pensioners.",
        dict(
            cue="criticized",
            content=["the budget as a betrayal of pensioners"],
            source="Opposition leader Marta Kos",
            speaker="Marta Kos",
            kind="indirect",
            cue_class="stance",
        ),
        id="criticized-as",
        gap="the learned frame's content leaves out 'as': two spans, 'the budget' and "
        "'a betrayal of pensioners'",
    ),
    case(
        "Former president Ruth Abara endorsed Samuel Okoye on Sunday.",
        dict(
            cue="endorsed",
            content=["Samuel Okoye"],
            source="Former president Ruth Abara",
            speaker="Ruth Abara",
            kind="indirect",
            cue_class="stance",
        ),
        id="endorsed",
    ),
]

# Forms from other projects' quote tests (textacy, sayswho, GenderGapTracker), in our own words.
PEER_FORMS = [
    case(
        "“It is a good day,” Marta Kowalska says while rolling up her sleeves. “I was ready "
        "for this.”",
        dict(
            cue="says",
            content=["It is a good day", "I was ready for this."],
            speaker="Marta Kowalska",
            kind="direct",
        ),
        id="quote-after-a-trailing-ing-clause",
    ),
    case(
        "“We will win!” insists Marta Kowalska. “We always do.”",
        dict(
            cue="insists",
            content=["We will win!", "We always do."],
            speaker="Marta Kowalska",
            kind="direct",
        ),
        id="a-short-quote-sentence-after-an-attributed-one",
    ),
    case(
        "“The talks have failed,” said Marta Kowalska, the union leader.\n\n"
        "The port has been closed for a week.\n\n"
        "“We have waited long enough for a fair offer from the owners.”",
        dict(cue="said", content=["The talks have failed"], speaker="Marta Kowalska"),
        dict(
            cue=None,
            content=["We have waited long enough for a fair offer from the owners."],
            speaker="Marta Kowalska",
            kind="direct",
        ),
        id="quote-paragraph-takes-the-last-speaker",
    ),
    case(
        "Marta Kowalska, the union leader, said the strike would go on.\n\n"
        "“We have waited long enough for a fair offer from the owners.”\n\n"
        "Dock workers have backed her since the spring.",
        dict(cue="said", content=["the strike would go on"], speaker="Marta Kowalska"),
        dict(
            cue=None,
            content=["We have waited long enough for a fair offer from the owners."],
            speaker="Marta Kowalska",
            kind="direct",
        ),
        id="quote-paragraph-is-not-the-next-paragraphs",
    ),
    case(
        "“We will never give up,” reply Marta Kowalska and Tomas Berg.",
        dict(
            cue="reply",
            content=["We will never give up"],
            speaker="Marta Kowalska and Tomas Berg",
            kind="direct",
        ),
        id="present-tense-reply-after-quote",
    ),
    case(
        "Marta Kowalska rejected the offer on Monday, insisting that the workers deserved more.",
        dict(cue="rejected", content=["the offer"], speaker="Marta Kowalska"),
        dict(
            cue="insisting",
            content=["that the workers deserved more"],
            speaker="Marta Kowalska",
            kind="indirect",
        ),
        id="ing-cue-takes-the-main-clause-subject",
    ),
    case(
        "Senator Paul Hadley claims “The Art of the Deal” changed his life.",
        dict(
            cue="claims",
            content=["“The Art of the Deal” changed his life"],
            speaker="Paul Hadley",
            kind="indirect",
        ),
        id="a-title-is-no-ones-words",
    ),
    case(
        "Senator Paul Hadley thinks the plan is “brave”.",
        dict(cue="thinks", content=["the plan is “brave”"], speaker="Paul Hadley", kind="indirect"),
        id="a-scare-quote-in-a-belief-is-no-ones-words",
    ),
]


NO_STATEMENT = [
    case(
        "The ambassador's memoir, “Bridges Over the Bosphorus,” goes on sale next month.",
        id="quoted-book-title",
    ),
    case("The government's so-called “reform” has closed two hospitals.", id="scare-quotes"),
    case(
        "Heavy rain flooded the capital on Sunday, cutting power to thousands of homes.",
        id="no-cue",
    ),
    case("The two sides agreed to meet again in March.", id="agreed-to-is-a-commitment"),
    case("Dock workers call her the Iron Lady of Gdynia.", id="calling-someone-a-name"),
    case("Talks on a new treaty are expected to begin in May.", id="expected-without-source"),
]


@pytest.mark.parametrize(("text", "expected"), SPEECH_VERBS)
def test_speech_verbs(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotes(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), COLON_AND_DASH)
def test_colon_and_dash(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), ACCORDING_TO)
def test_according_to(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), BELIEF_AND_STANCE)
def test_belief_and_stance(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), NO_STATEMENT)
def test_no_statement(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), PEER_FORMS)
def test_peer_forms(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)
