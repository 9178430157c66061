"""PLOVER types and modes from triggers (events/triggers.py and data/patterns.tsv): each common
type with its mode, the object classes that switch a type, embedded acts, background clauses,
negation, future and hypothetical acts, as tables of sentence -> the one event it reports.

Expectations follow the PLOVER 2.0 manual (../shared/data/plover_spec); where communique
codes otherwise, the row is a strict xfail saying what goes wrong.
"""

from __future__ import annotations

import pytest
from event_cases import ANY, Code, Expect, check


def gap(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


OWN = (
    "the object withdrawn ('{obj}') is taken as the recipient, the actor's own side; the "
    "place withdrawn from ('{place}') is not"
)


TYPES_AND_MODES = [
    # CONSULT: talks without a host have every party as actor and no recipient; a visitor is
    # the actor of a visit and the host its recipient.
    pytest.param(
        "Indonesian Foreign Minister Retno Marsudi spoke by phone with her Dutch counterpart "
        "on Tuesday.",
        Expect(
            "CONSULT",
            "spoke",
            mode="phone",
            actors={"IDN", "NLD"},
            recipients=set(),
            date="2022-03-08",
        ),
        id="consult-phone",
    ),
    pytest.param(
        "Turkish President Recep Tayyip Erdogan visited Kyiv on Thursday.",
        Expect(
            "CONSULT",
            "visited",
            mode="visit",
            actors={"TUR"},
            recipients={"UKR"},
            date="2022-03-10",
        ),
        id="consult-visit",
    ),
    pytest.param(
        "Egypt mediated between Israel and Hamas on Sunday.",
        Expect(
            "CONSULT",
            "mediated",
            mode="third-party",
            actors={"EGY", "ISR", "PSE"},
            recipients=set(),
            date="2022-03-06",
        ),
        id="consult-third-party",
    ),
    pytest.param(
        "NATO defence ministers attended a summit in Brussels on Wednesday.",
        Expect("CONSULT", "attended", mode="multilateral", actors={"IGO"}, date="2022-03-09"),
        id="consult-multilateral",
    ),
    # AID: material aid to a recipient.
    pytest.param(
        "Japan sent 100 tonnes of food aid to Sri Lanka on Monday.",
        Expect("AID", "sent", mode=None, actors={"JPN"}, recipients={"LKA"}, date="2022-03-07"),
        id="aid-sent",
    ),
    pytest.param(
        "The World Bank approved a $200 million loan for Moldova.",
        Expect("AID", "approved", mode=None, actors={"IGO"}, recipients={"MDA"}),
        id="aid-loan",
    ),
    # SANCTION: a reduction of relations, directed at a named target.
    pytest.param(
        "The European Union imposed sanctions on Belarus on Wednesday.",
        Expect(
            "SANCTION",
            "imposed",
            mode="discontinue",
            actors={"EUR"},
            recipients={"BLR"},
            date="2022-03-09",
        ),
        id="sanction-impose",
    ),
    # MOBILIZE: troops, or weapons systems (manual: ships, jets -> mode weapons).
    pytest.param(
        "Russia massed tens of thousands of troops near the Ukrainian border.",
        Expect("MOBILIZE", "massed", mode="troops", actors={"RUS"}, recipients={"UKR"}),
        id="mobilize-troops",
    ),
    pytest.param(
        "NATO deployed fighter jets to Romania on Monday.",
        Expect(
            "MOBILIZE",
            "deployed",
            mode="weapons",
            actors={"IGO"},
            recipients=set(),
            date="2022-03-07",
        ),
        id="mobilize-weapons",
        marks=gap("every MOBILIZE is mode troops: fighter jets are weapons (manual, MOBILIZE)"),
    ),
    # RETREAT: withdrawal, resignation (a release below).
    pytest.param(
        "Israel withdrew its troops from the Gaza Strip.",
        Expect("RETREAT", "withdrew", mode="withdraw", actors={"ISR"}, recipients={"PSE"}),
        id="retreat-withdraw",
        marks=gap(OWN.format(obj="its troops", place="from the Gaza Strip")),
    ),
    pytest.param(
        "Japan's prime minister resigned on Monday.",
        Expect(
            "RETREAT",
            "resigned",
            mode="resign",
            actors={"JPN"},
            recipients=set(),
            date="2022-03-07",
        ),
        id="retreat-resign",
    ),
    # ASSAULT: one-sided force, the perpetrator the actor and the victim the recipient.
    pytest.param(
        "Azerbaijani forces attacked Armenian positions on Tuesday.",
        Expect(
            "ASSAULT",
            "attacked",
            mode=None,
            actors={"AZE"},
            recipients={"ARM"},
            date="2022-03-08",
        ),
        id="assault",
    ),
    pytest.param(
        "Russian forces shelled Kharkiv on Monday.",
        Expect(
            "ASSAULT",
            "shelled",
            mode="heavy-weapons",
            actors={"RUS"},
            recipients={"UKR"},
            date="2022-03-07",
        ),
        id="assault-shelling",
    ),
    # PROTEST: collective civilian action, with its mode.
    pytest.param(
        "Georgian protesters rallied outside parliament in Tbilisi on Sunday.",
        Expect("PROTEST", "rallied", mode="demo", actors={"GEO"}, date="2022-03-06"),
        id="protest-demo",
    ),
    pytest.param(
        "Dockworkers in Chile went on strike on Monday.",
        Expect("PROTEST", "strike", mode="strike", actors={"CHL"}, date="2022-03-07"),
        id="protest-strike",
    ),
    # THREATEN: the mode is the content of the threat.
    pytest.param(
        "North Korea threatened to attack US bases in the Pacific.",
        Expect("THREATEN", "threatened", mode="violence", actors={"PRK"}, recipients={"USA"}),
        id="threaten-violence",
    ),
    pytest.param(
        "Iran threatened to suspend talks with the International Atomic Energy Agency.",
        Expect("THREATEN", "threatened", mode="relations", actors={"IRN"}, recipients={"UNO"}),
        id="threaten-relations",
    ),
    pytest.param(
        "Turkey threatened to expel ten Western ambassadors.",
        Expect("THREATEN", "threatened", mode="expel", actors={"TUR"}),
        id="threaten-expel",
    ),
    # REQUEST: the mode is what is asked for.
    pytest.param(
        "The UN Security Council called for an immediate ceasefire in Yemen.",
        Expect("REQUEST", "called", mode="yield", actors={"UNO"}),
        id="request-ceasefire",
    ),
    pytest.param(
        "Germany urged Iran to return to the nuclear talks in Vienna.",
        Expect("REQUEST", "urged", mode="meet", actors={"DEU"}, recipients={"IRN"}),
        id="request-meet",
    ),
    pytest.param(
        "Beijing warned Washington to stop arming Taiwan.",
        Expect("REQUEST", "warned", mode="change", actors={"CHN"}, recipients={"USA"}),
        id="request-warned-to-stop",
        marks=gap(
            "'warned X to' is made a REQUEST but keeps THREATEN's empty mode; a demand to "
            "stop a policy is mode change"
        ),
    ),
    # AGREE, REJECT
    pytest.param(
        "Israel and Lebanon agreed on a maritime border deal.",
        Expect("AGREE", "agreed", mode=None, actors={"ISR", "LBN"}),
        id="agree",
    ),
    pytest.param(
        "Myanmar's military rulers refused to meet the UN special envoy.",
        Expect("REJECT", "refused", mode="meet", actors={"MMR"}, recipients={"UNO"}),
        id="reject-meet",
    ),
    pytest.param(
        "Hungary vetoed new EU sanctions against Russia.",
        Expect("REJECT", "vetoed", mode=None, actors={"HUN"}, recipients={"EUR"}),
        id="reject-veto",
    ),
    # ACCUSE: disapprove (a diplomatic protest; a summoned ambassador below), investigate.
    pytest.param(
        "Japan lodged a protest with China over the incursion.",
        Expect("ACCUSE", "protest", mode="disapprove", actors={"JPN"}, recipients={"CHN"}),
        id="accuse-diplomatic-protest",
    ),
    pytest.param(
        "The International Criminal Court opened an investigation into alleged war crimes in "
        "Ukraine.",
        Expect("ACCUSE", "investigation", mode="investigate", actors={"IGO"}),
        id="accuse-investigate",
    ),
    pytest.param(
        "Germany condemned the attack on a maternity hospital in Mariupol.",
        Expect("ACCUSE", "condemned", mode="disapprove", actors={"DEU"}, recipients=set()),
        id="accuse-condemn-unnamed",
    ),
    pytest.param(
        "Police in Minsk launched a crack-down on opposition protesters.",
        Expect("COERCE", "crack-down", mode="restrict", actors={"BLR"}, recipients={"BLR"}),
        id="coerce-hyphenated-noun",
    ),
    pytest.param(
        "Germany condemned Russia's attack on a maternity hospital in Mariupol.",
        Expect("ACCUSE", "condemned", mode="disapprove", actors={"DEU"}, recipients={"RUS"}),
        id="accuse-the-attacker-not-the-target",
    ),
    pytest.param(
        "Government artillery shelled rebel-held neighbourhoods of Aleppo on Tuesday.",
        Expect("ASSAULT", "shelled", actors=set(), recipients={"SYR"}, date=ANY),
        id="assault-on-a-city-the-gazetteer-knows",
    ),
    # CONCEDE: easing restrictions, pardons (manual, CONCEDE); COERCE: a curfew.
    pytest.param(
        "The United States eased sanctions on Venezuela's oil sector.",
        Expect("CONCEDE", "eased", mode=None, actors={"USA"}, recipients={"VEN"}),
        id="concede-ease-sanctions",
    ),
    pytest.param(
        "Belarusian President Alexander Lukashenko pardoned 12 political prisoners.",
        Expect("CONCEDE", "pardoned", mode=None, actors={"BLR"}),
        id="concede-pardon",
    ),
    pytest.param(
        "Myanmar's army imposed a curfew in Yangon.",
        Expect("COERCE", "imposed", mode="curfew", actors={"MMR"}),
        id="coerce-curfew",
        marks=gap("'impose' + any restriction is mode restrict; a curfew is COERCE curfew"),
    ),
]


@pytest.mark.parametrize("sentence, expect", TYPES_AND_MODES)
def test_types_and_modes(code: Code, sentence: str, expect: Expect) -> None:
    check(code(sentence), expect)


OBJECT_CLASSES = [
    # "withdraw": troops RETREAT; aid, diplomats, peacekeepers SANCTION withdraw (manual).
    pytest.param(
        "Russia withdrew its troops from Kherson.",
        Expect("RETREAT", "withdrew", mode="withdraw", actors={"RUS"}),
        id="withdraw-troops",
    ),
    pytest.param(
        "Sweden withdrew its development aid from Mali.",
        Expect("SANCTION", "withdrew", mode="withdraw", actors={"SWE"}, recipients={"MLI"}),
        id="withdraw-aid",
    ),
    pytest.param(
        "Morocco withdrew its ambassador from Berlin.",
        # (its recipient: see retreat-withdraw)
        Expect("SANCTION", "withdrew", mode="withdraw", actors={"MAR"}),
        id="withdraw-ambassador",
    ),
    pytest.param(
        "The United Nations withdrew its peacekeepers from Mali.",
        Expect("SANCTION", "withdrew", mode="withdraw", actors={"UNO"}, recipients={"MLI"}),
        id="withdraw-peacekeepers",
    ),
    # "release": captives RETREAT; a statement nothing (see test_no_event_where_none).
    pytest.param(
        "Hamas released two American hostages.",
        Expect("RETREAT", "released", mode="release", actors={"PSE"}, recipients={"USA"}),
        id="release-hostages",
    ),
    # "send": aid AID (above), warships MOBILIZE weapons.
    pytest.param(
        "China sent warships to the waters near Taiwan.",
        Expect("MOBILIZE", "sent", mode="weapons", actors={"CHN"}, recipients={"TWN"}),
        id="send-warships",
    ),
]


@pytest.mark.parametrize("sentence, expect", OBJECT_CLASSES)
def test_the_object_switches_the_type(code: Code, sentence: str, expect: Expect) -> None:
    check(code(sentence), expect)


EMBEDDED = [
    # The act a threat, demand or commitment is about is part of it, not an event of its own.
    pytest.param(
        "The European Union threatened to impose sanctions on Minsk.",
        # PLOVER's THREATEN modes name no sanctions; the mode is left to the coder.
        Expect("THREATEN", "threatened", mode=ANY, actors={"EUR"}, recipients={"BLR"}),
        id="threatened-to-impose-sanctions",
    ),
    pytest.param(
        "Ukraine urged Germany to send heavy weapons.",
        Expect("REQUEST", "urged", mode="assist", actors={"UKR"}, recipients={"DEU"}),
        id="urged-to-send-weapons",
    ),
    pytest.param(
        "Armenia and Azerbaijan agreed to hold peace talks in Moscow.",
        Expect("AGREE", "agreed", mode=None, actors={"ARM", "AZE"}),
        id="agreed-to-hold-talks",
    ),
    pytest.param(
        "Iran threatened to close the Strait of Hormuz.",
        Expect("THREATEN", "threatened", mode="restrict", actors={"IRN"}),
        id="threatened-to-close-strait",
        marks=gap(
            "'close' a strait is no trigger, so the threat has no mode; a blockade "
            "threat is THREATEN restrict"
        ),
    ),
]


@pytest.mark.parametrize("sentence, expect", EMBEDDED)
def test_an_embedded_act_is_part_of_the_main_one(code: Code, sentence: str, expect: Expect) -> None:
    check(code(sentence), expect)


BACKGROUND = [
    # What a sentence tells as background ("following", "after", a relative clause) is not
    # the event it reports.
    pytest.param(
        "Following the killing of a Dutch journalist, the Netherlands summoned the Mexican "
        "ambassador.",
        Expect("ACCUSE", "summoned", mode="disapprove", actors={"NLD"}, recipients={"MEX"}),
        id="following-the-killing",
    ),
    pytest.param(
        "After talks in Geneva ended without agreement, Russia deployed more troops to Belarus.",
        Expect("MOBILIZE", "deployed", mode="troops", actors={"RUS"}, recipients=set()),
        id="after-talks-ended",
    ),
    pytest.param(
        "Turkish police detained 20 people who had protested in Istanbul.",
        Expect("COERCE", "detained", mode="arrest", actors={"TUR"}),
        id="who-had-protested",
    ),
]


@pytest.mark.parametrize("sentence, expect", BACKGROUND)
def test_background_clauses_are_not_coded(code: Code, sentence: str, expect: Expect) -> None:
    check(code(sentence), expect)


# The wider vocabulary of wire copy: phrasal verbs, idioms, less common verbs and nouns, and
# the forms around them (a headline's "X to send", a conditional refusal, a commitment to end
# fighting).
NEWS_FORMS = [
    pytest.param(
        "Gunmen gunned down a district judge outside his home in Kandahar on Monday.",
        Expect("ASSAULT", "gunned", mode="firearms", date=ANY),
        id="gunned-down",
    ),
    pytest.param(
        "Kidnappers snatched 14 schoolchildren from a village school in Zamfara state.",
        Expect("ASSAULT", "snatched", mode="abduct", recipients={"NGA"}),
        id="snatched-schoolchildren",
    ),
    pytest.param(
        "Port workers in Rotterdam downed tools on Tuesday over a pay dispute.",
        Expect("PROTEST", "downed", mode="strike", date=ANY),
        id="downed-tools-is-a-strike-not-a-shooting-down",
    ),
    pytest.param(
        "Chile's government brushed aside a Bolivian proposal for talks on sea access.",
        Expect("REJECT", "brushed", actors={"CHL"}, recipients={"BOL"}),
        id="brushed-aside",
    ),
    pytest.param(
        "The US Treasury blacklisted three Venezuelan oil traders on Friday.",
        Expect("SANCTION", "blacklisted", actors={"USA"}, recipients={"VEN"}, date=ANY),
        id="blacklisted",
    ),
    pytest.param(
        "Israel brought home its ambassador to Madrid after Spain recognised a Palestinian state.",
        Expect("SANCTION", "brought", mode="withdraw", actors={"ISR"}, recipients={"ESP"}),
        id="brought-home-its-ambassador",
    ),
    pytest.param(
        "The authorities pulled the plug on mobile internet across the region.",
        Expect("COERCE", "pulled", mode="withhold"),
        id="pulled-the-plug-on-the-internet",
    ),
    pytest.param(
        "Serbia and Kosovo put pen to paper on a deal to recognise each other's licence plates.",
        Expect("SUPPORT", "put", actors={"SRB", "KOS"}, recipients=set()),
        id="put-pen-to-paper",
    ),
    pytest.param(
        "Norway channelled 20 million dollars in emergency funding to Sudan.",
        Expect("AID", "channelled", actors={"NOR"}, recipients={"SDN"}),
        id="money-in-funding-channelled",
    ),
    pytest.param(
        "Four jailed journalists walked free from a prison in Tehran on Sunday.",
        Expect("RETREAT", "walked", mode="release", date=ANY),
        id="walked-free",
    ),
    pytest.param(
        "Ankara submitted an extradition request to Berlin for two suspects.",
        Expect("REQUEST", "request", actors={"TUR"}, recipients={"DEU"}),
        id="a-request-submitted-is-the-request",
    ),
    pytest.param(
        "India to send relief supplies to quake-hit Nepal, foreign ministry says",
        Expect("AGREE", "send", actors={"IND"}, recipients={"NPL"}, future=True),
        id="a-headline-s-x-to-send-is-a-promise",
    ),
    pytest.param(
        "The rebels said they would walk away from the talks if the army kept shelling their "
        "positions.",
        Expect("THREATEN", "walk", mode=None, future=True, hypothetical=True),
        id="a-refusal-on-a-condition-is-a-threat",
    ),
    pytest.param(
        "The two governments committed to an immediate halt to fighting along the border.",
        Expect("AGREE", "committed"),
        id="committed-to-a-halt-to-fighting",
    ),
    pytest.param(
        "North Korea vowed merciless retaliation against South Korea over the drills.",
        Expect("THREATEN", "vowed", mode="violence", actors={"PRK"}, recipients={"KOR"}),
        id="vowed-retaliation",
    ),
    pytest.param(
        "Iran raised the prospect of expelling UN nuclear inspectors.",
        Expect(
            "THREATEN", "raised", mode="expel", actors={"IRN"}, recipient_names={"United Nations"}
        ),
        id="raised-the-prospect-of",
    ),
]


@pytest.mark.parametrize("sentence, expect", NEWS_FORMS)
def test_the_forms_of_wire_copy(code: Code, sentence: str, expect: Expect) -> None:
    check(code(sentence), expect)


def test_an_act_in_the_main_clause_is_told_beside_a_background_one(code: Code) -> None:
    """A sentence whose only coded act is in a background clause ("as ...") still reports
    the act of its main clause, here a verb only the CAMEO dictionary and the model know."""
    coded = code(
        "Japan airlifted tents and blankets to Afghanistan on Monday, as the Taliban appealed "
        "for international help."
    )
    (aid,) = coded.of_type("AID")
    assert aid.trigger.text == "airlifted", coded.describe()
    assert {coded.actor(a).country for a in aid.recipients} == {"AFG"}, coded.describe()
    assert [e.trigger.text for e in coded.of_type("REQUEST")] == ["appealed"], coded.describe()


NEGATION = [
    # A refused or negated cooperative act is a REJECT (README, "Events"); the negation is
    # in the type, not also in the flag. A negated hostile act keeps its type, negated.
    pytest.param(
        "Kosovo did not agree to the European proposal.",
        Expect("REJECT", "agree", mode=ANY, actors={"KOS"}),
        id="did-not-agree",
    ),
    pytest.param(
        "Russia refused to withdraw its troops from Transnistria.",
        Expect("REJECT", "refused", mode="yield", actors={"RUS"}),
        id="refused-to-withdraw",
    ),
    pytest.param(
        "Belarusian police did not detain the opposition leader on Sunday.",
        Expect("COERCE", "detain", mode="arrest", actors={"BLR"}, negated=True, date="2022-03-06"),
        id="did-not-detain",
    ),
    # What was not said in a call does not undo the call: the call is the occasion of the
    # negated act, not its object; "did not take part in the talks" is a refusal.
    pytest.param(
        "US Secretary of State Antony Blinken did not mention the Winter Olympics in a phone "
        "call with Chinese Foreign Minister Wang Yi on Thursday.",
        Expect(
            "CONSULT",
            "call",
            mode="phone",
            actors={"USA", "CHN"},
            recipients=set(),
            date="2022-03-10",
        ),
        id="not-mentioned-in-a-phone-call",
    ),
    pytest.param(
        "Chinese Foreign Minister Wang Yi did not raise Taiwan during his talks with Russian "
        "Foreign Minister Sergei Lavrov.",
        Expect("CONSULT", "talks", mode=None, actors={"CHN", "RUS"}, recipients=set()),
        id="not-raised-during-talks",
    ),
    pytest.param(
        "Hungary did not take part in the talks with Ukraine.",
        Expect("REJECT", "talks", mode="meet", actors={"HUN"}, recipients={"UKR"}),
        id="did-not-take-part-in-talks",
    ),
    # A hostile act ruled out for the future is no threat: it keeps its type, negated and
    # future ("is not going to", "will not", "has no intention of", "is not planning to").
    pytest.param(
        "Russia is not going to attack anyone, Russian Foreign Minister Sergei Lavrov said.",
        Expect(
            "ASSAULT",
            "attack",
            mode=None,
            actors={"RUS"},
            recipients=set(),
            negated=True,
            future=True,
        ),
        id="is-not-going-to-attack",
    ),
    pytest.param(
        "Azerbaijan will not attack Armenia.",
        Expect(
            "ASSAULT",
            "attack",
            mode=None,
            actors={"AZE"},
            recipients={"ARM"},
            negated=True,
            future=True,
        ),
        id="will-not-attack",
    ),
    pytest.param(
        "Belarus has no intention of attacking Ukraine.",
        Expect(
            "ASSAULT",
            "attacking",
            mode=None,
            actors={"BLR"},
            recipients={"UKR"},
            negated=True,
            future=True,
        ),
        id="has-no-intention-of-attacking",
    ),
    pytest.param(
        "Moscow is not planning to invade Ukraine.",
        Expect(
            "ASSAULT",
            "invade",
            mode=None,
            actors={"RUS"},
            recipients={"UKR"},
            negated=True,
            future=True,
        ),
        id="is-not-planning-to-invade",
    ),
    # A cooperative one ruled out is a REJECT (as "did not agree" above).
    pytest.param(
        "Hungary is not going to send aid to Ukraine.",
        Expect("REJECT", "send", mode="assist", actors={"HUN"}, recipients={"UKR"}, future=True),
        id="is-not-going-to-send-aid",
    ),
    pytest.param(
        "Britain has no plans to meet the Taliban.",
        Expect("REJECT", "meet", mode="meet", actors={"GBR"}, future=True),
        id="has-no-plans-to-meet",
    ),
]


@pytest.mark.parametrize("sentence, expect", NEGATION)
def test_negation(code: Code, sentence: str, expect: Expect) -> None:
    check(code(sentence), expect)


FUTURE_AND_HYPOTHETICAL = [
    # Future cooperation is AGREE (manual, AGREE), future retreat CONCEDE (manual, CONCEDE
    # and RETREAT), a hostile act in the future or under a condition THREATEN.
    pytest.param(
        "Germany will send anti-tank weapons to Ukraine.",
        Expect("AGREE", "send", mode=None, actors={"DEU"}, recipients={"UKR"}, future=True),
        id="will-send-weapons",
    ),
    pytest.param(
        "Japan will host a summit of G7 leaders in Hiroshima.",
        Expect("AGREE", "host", mode=None, actors={"JPN"}, future=True),
        id="will-host-summit",
    ),
    pytest.param(
        "Armenia will withdraw its troops from the border villages.",
        Expect("CONCEDE", "withdraw", mode=None, actors={"ARM"}, future=True),
        id="will-withdraw",
        marks=gap(
            "a future RETREAT is made AGREE, as the PLOVER gold records code it; the manual"
            " codes it CONCEDE"
        ),
    ),
    pytest.param(
        "If Russia invades Ukraine, the United States will impose severe sanctions.",
        Expect(
            "THREATEN",
            "impose",
            mode=ANY,
            actors={"USA"},
            recipients={"RUS"},
            future=True,
            hypothetical=True,
        ),
        id="if-invades-will-impose",
    ),
    pytest.param(
        "North Korea is going to attack South Korea.",
        Expect(
            "THREATEN",
            "attack",
            mode="violence",
            actors={"PRK"},
            recipients={"KOR"},
            future=True,
        ),
        id="is-going-to-attack",
    ),
    pytest.param(
        "Azerbaijan could attack Armenia's southern province.",
        Expect(
            "THREATEN",
            "attack",
            mode="violence",
            actors={"AZE"},
            recipients={"ARM"},
            hypothetical=True,
        ),
        id="could-attack",
    ),
]


@pytest.mark.parametrize("sentence, expect", FUTURE_AND_HYPOTHETICAL)
def test_future_and_hypothetical(code: Code, sentence: str, expect: Expect) -> None:
    check(code(sentence), expect)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The Kremlin released a statement on Monday.", id="released-a-statement"),
        pytest.param(
            "The planned withdrawal of French troops from Mali has been delayed.",
            id="planned-withdrawal",
        ),
        pytest.param("The senator fired his campaign manager on Friday.", id="fired-a-manager"),
        pytest.param(
            "Speaking on a radio programme on Sunday, the mayor said the budget was sound.",
            id="speaking-on-a-programme-is-no-consultation",
        ),
        pytest.param("The team won three contests in a row.", id="contests-won"),
        pytest.param(
            "At a campaign rally in Des Moines on Monday, the senator said the tax plan would "
            "fail.",
            id="a-campaign-rally-is-no-protest",
        ),
        pytest.param(
            "The senator was the target of direct mail attacks by conservative groups.",
            id="mail-attacks-are-words",
        ),
        pytest.param(
            "The adviser said his staff were preparing models and plans.",
            id="preparing-plans-is-no-mobilisation",
        ),
        pytest.param(
            "Rescuers searched for survivors under the rubble of the collapsed school.",
            id="searching-for-survivors-is-no-raid",
        ),
        pytest.param("A former minister died of a heart attack in Lisbon.", id="heart-attack"),
        pytest.param("The striker fired up the crowd with a late goal.", id="fired-up"),
        pytest.param(
            "Traders seized on the weak jobs data to sell the dollar.", id="seized-on-data"
        ),
        pytest.param(
            "The carmaker demonstrated its new electric truck in Shanghai.",
            id="demonstrating-a-product",
        ),
        pytest.param(
            "Swarms of locusts invaded farmland in northern Kenya this week.",
            id="swarms-of-locusts-are-no-army",
        ),
        pytest.param("The opening batsman boasts a strike rate above 140.", id="a-strike-rate"),
    ],
)
def test_no_event_where_none(code: Code, sentence: str) -> None:
    coded = code(sentence)
    assert coded.events == [], coded.describe()


def test_closing_a_border_is_a_restriction_not_an_assault(code: Code) -> None:
    coded = code("Lithuania closed two border crossings with Belarus.")
    assert not coded.of_type("ASSAULT"), coded.describe()
    assert [e.mode for e in coded.of_type("COERCE")] == ["restrict"], coded.describe()
