"""Actors and recipients of events (events/participants.py over the actors stage): the names
(as the text writes them) and countries of the actors an event points to, from people named
with their titles, capitals and seats of government, national modifiers, possessives,
conjoined and passive actors.

PLOVER (manual, CONSULT and "Compound and Reciprocal Actors"): talks without a host have every
party as actor and no recipient; a visitor is the actor of a visit and the host its recipient.
"""

from __future__ import annotations

import pytest
from event_cases import ANY, Code, Expect, check

PARTICIPANTS = [
    pytest.param(
        "Monday's phone call between Antony Blinken and Wang Yi lasted an hour.",
        Expect(
            "CONSULT",
            "call",
            mode="phone",
            actors={"USA", "CHN"},
            actor_names={"Antony Blinken", "Wang Yi"},
            recipients=set(),
            date=ANY,
        ),
        id="a-call-between-two-named-in-the-noun-phrase",
    ),
    pytest.param(
        "Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Beijing "
        "on Wednesday.",
        Expect(  # met in one side's capital: the other is the visitor (manual, CONSULT)
            "CONSULT",
            "met",
            mode="visit",
            actors={"RUS"},
            actor_names={"Sergei Lavrov"},
            recipients={"CHN"},
            date="2022-03-09",
        ),
        id="titled-ministers-meet-in-one-capital",
    ),
    pytest.param(
        "Antony Blinken visited Kyiv on Thursday.",
        Expect(
            "CONSULT",
            "visited",
            mode="visit",
            actors={"USA"},
            actor_names={"Antony Blinken"},
            recipients={"UKR"},
            recipient_names={"Ukraine"},
            date="2022-03-10",
        ),
        id="person-visits-capital",
    ),
    pytest.param(
        "Emmanuel Macron held a phone call with Vladimir Putin on Sunday.",
        Expect(
            "CONSULT",
            "call",
            mode="phone",
            actors={"FRA", "RUS"},
            actor_names={"Emmanuel Macron", "Vladimir Putin"},
            recipients=set(),
            date="2022-03-06",
        ),
        id="phone-call-with",
    ),
    pytest.param(
        "Washington imposed new sanctions on Moscow.",
        Expect(
            "SANCTION",
            "imposed",
            mode="discontinue",
            actor_names={"United States"},
            recipient_names={"Russia"},
        ),
        id="capitals-stand-for-states",
    ),
    pytest.param(
        "Hungarian and Romanian officials met in Budapest.",
        Expect("CONSULT", "met", mode=None, actors={"HUN", "ROU"}, recipients=set()),
        id="officials-of-two-states",
    ),
    pytest.param(
        "The United States and Britain imposed sanctions on Russian oligarchs.",
        Expect(
            "SANCTION",
            "imposed",
            mode="discontinue",
            actors={"USA", "GBR"},
            recipients={"RUS"},
        ),
        id="conjoined-actors-demonym-recipient",
    ),
    pytest.param(
        "A Reuters journalist was detained by Iranian police in Tehran.",
        Expect("COERCE", "detained", mode="arrest", actors={"IRN"}),
        id="passive-agent",
    ),
    pytest.param(
        "Moldova's bid to join the European Union was endorsed on Tuesday by the Romanian "
        "parliament.",
        Expect("SUPPORT", "endorsed", actors={"ROU"}, recipients={"MDA"}, date=ANY),
        id="passive-subject-is-the-recipient-beside-the-agent",
    ),
    pytest.param(
        "Chile's foreign ministry condemned the detention of a Chilean photographer by "
        "Nicaraguan police in Managua.",
        Expect("ACCUSE", "condemned", actors={"CHL"}, recipients={"NIC"}),
        id="the-accused-is-who-detained-not-the-detained",
    ),
    pytest.param(
        "Chinese police detained two Canadian citizens.",
        Expect("COERCE", "detained", mode="arrest", actors={"CHN"}, recipients={"CAN"}),
        id="people-of-a-state",
    ),
    pytest.param(
        "South Korean police arrested two Chinese nationals on Friday.",
        Expect("COERCE", "arrested", mode="arrest", actors={"KOR"}, recipients={"CHN"}, date=ANY),
        id="demonym-of-two-words",
    ),
    pytest.param(
        "Teachers across Zimbabwe went on strike on Monday.",
        Expect("PROTEST", "strike", mode="strike", actors={"ZWE"}, date=ANY),
        id="people-across-a-state",
    ),
    pytest.param(
        "The Kremlin accused Kyiv of shelling civilians in Donetsk.",
        Expect("ACCUSE", "accused", mode="allege", actors={"RUS"}, recipients={"UKR"}),
        id="seat-of-government-accuses-capital",
    ),
    pytest.param(
        "Algeria halved its gas exports to Spain on Thursday.",
        Expect("SANCTION", "halved", actors={"DZA"}, recipients={"ESP"}, date=ANY),
        id="goods-cut-go-to-the-recipient-not-their-owner",
    ),
    pytest.param(
        "Delegates of the Pan-American Road Federation blocked the highway near Quito.",
        Expect("PROTEST", "blocked", actors=set(), recipients={"ECU"}),  # not the USA
        id="a-demonym-inside-a-region-s-name-names-no-country",
    ),
    pytest.param(
        "Pakistan sealed its border with Afghanistan on Sunday.",
        Expect("COERCE", "sealed", mode="restrict", actors={"PAK"}, recipients={"AFG"}, date=ANY),
        id="a-border-closed-is-closed-to-the-state-across-it",
    ),
    pytest.param(
        "Hamas dismissed Israeli demands to disarm.",
        Expect("REJECT", "dismissed", actors={"PSE"}, recipient_names={"Israel"}),
        id="whose-demands-were-dismissed-not-a-group-called-israeli-demands",
    ),
    pytest.param(
        "Jordan threatened to downgrade its diplomatic ties with Israel.",
        Expect("THREATEN", "threatened", actors={"JOR"}, recipient_names={"Israel"}),
        id="ties-are-no-people-of-the-actor",
    ),
    pytest.param(
        "Vietnam's prime minister welcomed his Australian counterpart to Hanoi on Tuesday.",
        Expect("CONSULT", "welcomed", mode="visit", actors={"VNM"}, recipients={"AUS"}, date=ANY),
        id="the-one-welcomed-not-the-city-is-the-other-party",
    ),
    pytest.param(
        "Sri Lanka's prime minister resigned on Monday.",
        Expect("RETREAT", "resigned", mode="resign", actors={"LKA"}, date="2022-03-07"),
        id="possessive-country",
    ),
    pytest.param(
        "Egyptian President Abdel Fattah al-Sisi hosted Israeli Prime Minister Naftali Bennett "
        "in Sharm el-Sheikh.",
        Expect(
            "CONSULT",
            "hosted",
            mode="visit",
            actor_names={"Naftali Bennett"},
            recipient_names={"Abdel Fattah al-Sisi"},
        ),
        id="host-is-the-recipient",
        marks=pytest.mark.xfail(
            strict=True,
            reason="'host' is mode visit with the host as actor: the manual codes the visitor "
            "as actor and the host as recipient",
        ),
    ),
]


@pytest.mark.parametrize("sentence, expect", PARTICIPANTS)
def test_actors_and_recipients(code: Code, sentence: str, expect: Expect) -> None:
    check(code(sentence), expect)


def test_actor_records_of_an_event(code: Code) -> None:
    """What an event points to is an actor record of the document: a person with the country
    and sector it acts for, a state by its ISO code."""
    coded = code("Antony Blinken visited Kyiv on Thursday.")
    event = coded.only()
    (blinken,) = [coded.actor(i) for i in event.actors]
    (ukraine,) = [coded.actor(i) for i in event.recipients]
    assert (blinken.kind, blinken.country, blinken.sector) == ("person", "USA", "GOV")
    assert (ukraine.kind, ukraine.country) == ("state", "UKR")
    assert "Kyiv" in ukraine.aliases or any(m.text == "Kyiv" for m in ukraine.mentions)


# Who asked for or started a call or meeting: the CONSULT event's initiator, an actor id ("the
# US side" is the United States, "the latter" the second party named in the call). A request
# phrase in a later sentence ("The call was held at ...") is about the call told before it.
CALL = (
    "US Secretary of State Antony Blinken spoke by phone with Russian Foreign Minister Sergei "
    "Lavrov on Friday. "
)
INITIATIVE = [
    pytest.param(
        "At the request of the US side, Chinese Foreign Minister Wang Yi held a phone call with "
        "US Secretary of State Antony Blinken on Thursday.",
        "United States",
        id="at-the-request-of-the-us-side",
    ),
    pytest.param(
        "Chinese Foreign Minister Wang Yi spoke with US Secretary of State Antony Blinken by "
        "phone at the latter's request.",
        "Antony Blinken",
        id="at-the-latters-request",
    ),
    pytest.param(
        "Chinese Foreign Minister Wang Yi spoke with US Secretary of State Antony Blinken by "
        "phone at the former's request.",
        "Wang Yi",
        id="at-the-formers-request",
    ),
    pytest.param(CALL + "The call was held at Moscow's request.", "Russia", id="held-at-x-request"),
    pytest.param(CALL + "Blinken initiated the call.", "Antony Blinken", id="x-initiated-the-call"),
    pytest.param(
        CALL + "The call was initiated by Washington.", "United States", id="initiated-by"
    ),
    pytest.param(
        CALL + "The conversation took place at the initiative of the American side.",
        "United States",
        id="at-the-initiative-of",
    ),
    pytest.param(CALL + "Russia had requested the call.", "Russia", id="x-requested-the-call"),
    pytest.param(CALL.strip(), None, id="no-initiative-told"),
    pytest.param(
        CALL + "The prisoner exchange was arranged at the request of Washington.",
        None,
        id="a-request-about-something-else",
    ),
]


@pytest.mark.parametrize("text, initiator", INITIATIVE)
def test_who_asked_for_the_call(code: Code, text: str, initiator: str | None) -> None:
    coded = code(text)
    (call,) = coded.of_type("CONSULT")
    got = coded.actor(call.initiator).name if call.initiator else None
    assert got == initiator, coded.describe()
    assert all(e.initiator is None for e in coded.events if e.type != "CONSULT")


def test_a_request_without_a_call_starts_nothing(code: Code) -> None:
    coded = code("At the request of the family, the funeral was held in private on Monday.")
    assert all(e.initiator is None for e in coded.events), coded.describe()
