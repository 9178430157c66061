"""A cue's arguments (``attribution/arguments.py``, and the exchanges ``extract.py`` keeps):
the addressee ("told X that", "urged X to", "warned X"), the channel (``via``: "in a
statement", "on state television", "at a news conference"), and the call or talks a statement
was made in ("In a phone call with X, Y said").

The first tables run whole texts through the pipeline (see ``conftest.py``); the last ones
call the functions of ``arguments.py`` on a parsed ``Doc``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from spacy.tokens import Token

from communique.attribution.arguments import addressee_of, channel_of, cue_subject, exchange_of


def case(text: str, *statements: dict[str, Any], id: str, gap: str | None = None) -> Any:
    """A row; ``gap`` marks a known gap: the right expectation, failing today."""
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(text, list(statements), id=id, marks=marks)


ADDRESSEES = [
    case(
        "Tomas Halvorsen told Nadia Karimova that the convoy had crossed the border.",
        dict(
            cue="told",
            content=["that the convoy had crossed the border"],
            source="Tomas Halvorsen",
            speaker="Tomas Halvorsen",
            addressee="Nadia Karimova",
            kind="indirect",
        ),
        id="told-x-that",
    ),
    case(
        "“The window is closing,” Tomas Halvorsen told Nadia Karimova.",
        dict(
            cue="told",
            content=["The window is closing"],
            source="Tomas Halvorsen",
            speaker="Tomas Halvorsen",
            addressee="Nadia Karimova",
            kind="direct",
        ),
        id="quote-then-told-x",
    ),
    case(
        "Uzbek Foreign Minister Nadia Karimova urged Moscow to reopen the crossing.",
        dict(
            cue="urged",
            content=["Moscow to reopen the crossing"],
            source="Uzbek Foreign Minister Nadia Karimova",
            speaker="Nadia Karimova",
            addressee="Russia",
            kind="indirect",
        ),
        id="urged-x-to",
    ),
    case(
        "The African Union called on Ethiopia to withdraw its troops from the border.",
        dict(
            cue="called on",
            content=["Ethiopia to withdraw its troops from the border"],
            source="The African Union",
            speaker="African Union",
            addressee="Ethiopia",
            kind="indirect",
        ),
        id="called-on-x-to",
        gap="'called on X to' drops whom the demand is made of, as 'urged X to' keeps it: "
        "the content is 'to withdraw its troops from the border'",
    ),
    case(
        "The White House warned Beijing that any blockade would carry a heavy price.",
        dict(
            cue="warned",
            content=["that any blockade would carry a heavy price"],
            source="The White House",
            speaker="White House",
            addressee="China",
            kind="indirect",
        ),
        id="warned-x-that",
    ),
    case(
        "Nadia Karimova warned the United Nations of a looming humanitarian disaster.",
        dict(
            cue="warned",
            content=["a looming humanitarian disaster"],
            source="Nadia Karimova",
            speaker="Nadia Karimova",
            addressee="United Nations",
            kind="indirect",
        ),
        id="warned-x-of",
    ),
    case(
        "Prime Minister Lena Varga warned Brussels against further sanctions.",
        dict(
            cue="warned",
            content=["further sanctions"],
            source="Prime Minister Lena Varga",
            speaker="Lena Varga",
            addressee="European Union",
            kind="indirect",
        ),
        id="warned-x-against",
    ),
]

CHANNELS = [
    case(
        "Tomas Halvorsen said in a statement that the ambassador had been summoned.",
        dict(
            cue="said",
            content=["that the ambassador had been summoned"],
            source="Tomas Halvorsen",
            speaker="Tomas Halvorsen",
            via="a statement",
            kind="indirect",
        ),
        id="said-in-a-statement-that",
    ),
    case(
        "The sanctions are illegal, Tomas Halvorsen said in a ministry statement.",
        dict(
            cue="said",
            content=["The sanctions are illegal"],
            source="Tomas Halvorsen",
            speaker="Tomas Halvorsen",
            via="a ministry statement",
            kind="indirect",
        ),
        id="in-a-ministry-statement",
    ),
    case(
        "President Ali Rezaei said on state television that the strikes would continue.",
        dict(
            cue="said",
            content=["that the strikes would continue"],
            source="President Ali Rezaei",
            speaker="Ali Rezaei",
            via="state television",
            kind="indirect",
        ),
        id="on-state-television",
    ),
    case(
        "“We have no plans to close the embassy,” Karl Enge said at a news conference.",
        dict(
            cue="said",
            content=["We have no plans to close the embassy"],
            source="Karl Enge",
            speaker="Karl Enge",
            via="a news conference",
            kind="direct",
        ),
        id="at-a-news-conference",
    ),
    case(
        "Defence Minister Pavel Dusek wrote on Telegram that the bridge had been repaired.",
        dict(
            cue="wrote",
            content=["that the bridge had been repaired"],
            source="Defence Minister Pavel Dusek",
            speaker="Pavel Dusek",
            via="Telegram",
            kind="indirect",
        ),
        id="wrote-on-telegram",
    ),
    case(
        "President Ali Rezaei said the deal was dead, according to a government readout.",
        dict(
            cue="said",
            content=["the deal was dead"],
            source="President Ali Rezaei",
            speaker="Ali Rezaei",
            via="a government readout",
            kind="indirect",
        ),
        id="according-to-a-readout-is-the-via",
    ),
    case(
        "In an interview with the BBC, Prime Minister Lena Varga said the border would stay shut.",
        dict(
            cue="said",
            content=["the border would stay shut"],
            source="Prime Minister Lena Varga",
            speaker="Lena Varga",
            addressee="BBC",
            via="an interview with the BBC",
            kind="indirect",
        ),
        id="in-an-interview-with",
    ),
]

EXCHANGES = [
    case(
        "In a phone call with Chancellor Greta Lind on Friday, President Ali Rezaei said his "
        "country was ready to resume talks.",
        dict(
            cue="said",
            content=["his country was ready to resume talks"],
            source="President Ali Rezaei",
            speaker="Ali Rezaei",
            addressee="Greta Lind",
            kind="indirect",
        ),
        id="in-a-phone-call-with-x",
    ),
    case(
        "During talks with Prime Minister Lena Varga in Budapest, Tomas Halvorsen stressed that "
        "Europe must stay united.",
        dict(
            cue="stressed",
            content=["that Europe must stay united"],
            source="Tomas Halvorsen",
            speaker="Tomas Halvorsen",
            addressee="Lena Varga",
            kind="indirect",
        ),
        id="during-talks-with-x",
    ),
    case(
        "In a call with Chancellor Greta Lind, President Ali Rezaei said sanctions had failed. "
        "He added that Iran would not negotiate under pressure.",
        dict(
            cue="said",
            content=["sanctions had failed"],
            speaker="Ali Rezaei",
            addressee="Greta Lind",
        ),
        dict(
            cue="added",
            content=["that Iran would not negotiate under pressure"],
            source="He",
            speaker="Ali Rezaei",
            addressee="Greta Lind",
            kind="indirect",
        ),
        id="he-added-keeps-the-addressee",
    ),
    case(
        "President Ali Rezaei spoke by phone with Chancellor Greta Lind on Friday.\n"
        "In the call, Rezaei said sanctions had failed.",
        dict(
            cue="said",
            content=["sanctions had failed"],
            source="Rezaei",
            speaker="Ali Rezaei",
            addressee="Greta Lind",
            kind="indirect",
        ),
        id="in-the-call-named-before",
    ),
    case(
        "Foreign Minister Nadia Karimova spoke with Secretary of State Mark Ellison on Monday.\n"
        "Karimova said the two sides would work to restore grain shipments.",
        dict(
            cue="said",
            content=["the two sides would work to restore grain shipments"],
            source="Karimova",
            speaker="Nadia Karimova",
            addressee="Mark Ellison",
            kind="indirect",
        ),
        id="lead-spoke-with-y",
    ),
    case(
        "Foreign Minister Nadia Karimova met Secretary of State Mark Ellison in Geneva on Monday.\n"
        "Karimova said the two sides would work to restore grain shipments.",
        dict(
            cue="said",
            content=["the two sides would work to restore grain shipments"],
            source="Karimova",
            speaker="Nadia Karimova",
            addressee="Mark Ellison",
            kind="indirect",
        ),
        id="lead-met-y",
        gap="a lead 'X met Y' (Y the object) is not read as an exchange, as 'X spoke with Y' "
        "is: no addressee",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ADDRESSEES)
def test_addressees(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), CHANNELS)
def test_channels(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), EXCHANGES)
def test_exchanges(check: Callable[..., None], text: str, expected: list[dict]) -> None:
    check(text, expected)


# -- the functions of arguments.py on a parsed Doc ------------------------------------------


@pytest.fixture(scope="module")
def word(attribute: Callable[[str], Any]) -> Callable[[str, str], Token]:
    """The first token of a parsed text whose text is ``word``."""

    def find(text: str, word: str) -> Token:
        return next(t for t in attribute(text).doc if t.text == word)

    return find


@pytest.mark.parametrize(
    ("text", "cue", "cls", "addressee"),
    [
        ("Ali Rezaei told Greta Lind that talks were over.", "told", "directive", "Lind"),
        ("Ali Rezaei complained to Berlin about the delays.", "complained", "speech", "Berlin"),
        ("Ali Rezaei said that talks were over.", "said", "speech", None),
    ],
    ids=["told-x", "complained-to-x", "none"],
)
def test_addressee_of(
    word: Callable[[str, str], Token], text: str, cue: str, cls: str, addressee: str | None
) -> None:
    verb = word(text, cue)
    found = addressee_of(verb, cls)
    assert (verb.doc[found].text if found is not None else None) == addressee


@pytest.mark.parametrize(
    ("text", "via", "kind"),
    [
        ("Ali Rezaei said in a statement that talks were over.", "a statement", "document"),
        ("In a call with Greta Lind, Ali Rezaei said talks were over.", None, None),
        ("Ali Rezaei said on Tuesday that talks were over.", None, None),
    ],
    ids=["document", "a-call-is-no-channel", "a-date-is-no-channel"],
)
def test_channel_of(
    word: Callable[[str, str], Token], text: str, via: str | None, kind: str | None
) -> None:
    found = channel_of(word(text, "said"))
    got = (text[slice(*found[0])], found[1]) if found else (None, None)
    assert got == (via, kind)


@pytest.mark.parametrize(
    ("text", "cue", "exchange"),
    [
        ("In the call, the secretary said that talks were over.", "said", "call"),
        ("Ali Rezaei urged Greta Lind to act, in a phone call.", "urged", "call"),
        ("Ali Rezaei said at a rally that talks were over.", "said", None),
    ],
    ids=["in-the-call", "under-the-infinitive", "a-rally-is-no-exchange"],
)
def test_exchange_of(
    word: Callable[[str, str], Token], text: str, cue: str, exchange: str | None
) -> None:
    verb = word(text, cue)
    found = exchange_of(verb)
    assert (verb.doc[found].text if found is not None else None) == exchange


@pytest.mark.parametrize(
    ("text", "cue", "subject"),
    [
        ("Ali Rezaei said that talks were over.", "said", "Rezaei"),
        ("Ali Rezaei was quoted as saying that talks were over.", "saying", "Rezaei"),
        ("Ali Rezaei was accused of lying about the talks.", "accused", None),
    ],
    ids=["subject", "quoted-as-saying", "passive-without-agent"],
)
def test_cue_subject(
    word: Callable[[str, str], Token], text: str, cue: str, subject: str | None
) -> None:
    found = cue_subject(word(text, cue))
    assert (found.text if found is not None else None) == subject
