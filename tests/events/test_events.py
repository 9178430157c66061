"""PLOVER event coding: dates, the seed article's events, and no events where none happened."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from communique import extract
from communique.events.dates import resolve

FRIDAY = dt.date(2022, 1, 28)


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("yesterday", "2022-01-27"),
        ("today", "2022-01-28"),
        ("on Wednesday", "2022-01-26"),
        ("Friday", "2022-01-28"),
        ("last week", "2022-W03"),
        ("last month", "2021-12"),
        ("28 December", "2021-12-28"),
        ("January 3", "2022-01-03"),
        ("in recent weeks", None),
        ("the 1990s", None),
    ],
)
def test_dates_resolve_against_the_publication_date(expression: str, expected: str | None) -> None:
    assert resolve(expression, FRIDAY) == expected


def run(text: str, published: str | None = None) -> dict[str, Any]:
    return extract(text, published=published, doc_id="t")


def codes(record: dict[str, Any], ids: list[str]) -> set[str]:
    actors = {a["id"]: a for a in record["actors"]}
    found = set()
    for actor_id in ids:
        actor = actors[actor_id]
        members = [actors[m] for m in actor["members"]] or [actor]
        found |= {m["country"] for m in members if m["country"]}
    return found


def events_of(record: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e for e in record["events"] if e["type"] == kind]


@pytest.mark.parametrize(
    "text",
    [
        "Global concerns are growing over a potential Russian invasion of Ukraine.",
        "The talks are expected to be difficult.",
        "Analysts say the economy is slowing.",
        "The readout of the call made no mention of the Olympics.",
        "Photo: Reuters",
        "The meeting room was full of journalists on Tuesday.",
        "Fighting has not re-emerged in the region.",
    ],
)
def test_no_event_where_none_is_reported(text: str) -> None:
    assert run(text)["events"] == []


@pytest.mark.parametrize(
    "text, kind, mode, actor, recipient",
    [
        (
            "Israel threatened to ban voting in East Jerusalem.",
            "THREATEN",
            "restrict",
            "ISR",
            "PSE",
        ),
        (
            "Switzerland expelled two Russian diplomats on Monday.",
            "SANCTION",
            "expel",
            "CHE",
            "RUS",
        ),
        ("Serbia lifted a night curfew in Montenegro.", "CONCEDE", None, "SRB", "MNE"),
        ("Syria says it will not accept any more refugees from Iraq.", "REJECT", None, "SYR", None),
        ("Turkish police arrested 12 protesters in Ankara.", "COERCE", "arrest", "TUR", None),
        (
            "Egypt demanded that Israel withdraw its troops from Gaza.",
            "REQUEST",
            None,
            "EGY",
            "ISR",
        ),
    ],
)
def test_simple_events(
    text: str, kind: str, mode: str | None, actor: str, recipient: str | None
) -> None:
    record = run(text)
    (event,) = events_of(record, kind)
    assert mode is None or event["mode"] == mode
    assert codes(record, event["actors"]) == {actor}
    if recipient:
        assert recipient in codes(record, event["recipients"])


def test_every_event_points_into_its_text() -> None:
    record = run("Israel threatened to ban voting in East Jerusalem.")
    for event in record["events"]:
        for span in (event["trigger"], event["evidence"]):
            assert record["text"][span["start"] : span["end"]] == span["text"]


# -- the seed article ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_text: str) -> dict[str, Any]:
    return extract(seed_text, published="2022-01-28", doc_id="seed")


def _named(record: dict[str, Any], ids: list[str]) -> set[str]:
    actors = {a["id"]: a for a in record["actors"]}
    return {actors[i]["name"] for i in ids}


def test_seed_consult_by_phone_dated_from_yesterday(seed: dict[str, Any]) -> None:
    (call,) = [
        e
        for e in events_of(seed, "CONSULT")
        if _named(seed, e["actors"] + e["recipients"]) >= {"Wang Yi", "Antony Blinken"}
    ]
    assert call["mode"] == "phone"
    assert call["date"] == "2022-01-27"
    assert codes(seed, call["actors"] + call["recipients"]) == {"CHN", "USA"}
    actors = {a["name"]: a for a in seed["actors"]}
    assert (actors["Wang Yi"]["sector"], actors["Antony Blinken"]["sector"]) == ("GOV", "GOV")


@pytest.mark.parametrize("topic", ["Olympics", "Taiwan"])
def test_seed_requests_from_wang_to_the_us(seed: dict[str, Any], topic: str) -> None:
    found = [
        e
        for e in events_of(seed, "REQUEST")
        if topic in e["evidence"]["text"]
        and _named(seed, e["actors"]) == {"Wang Yi"}
        and codes(seed, e["recipients"]) == {"USA"}
    ]
    assert found, f"no REQUEST about {topic} from Wang Yi to the US"


def test_seed_accuse_mistakes(seed: dict[str, Any]) -> None:
    found = [e for e in events_of(seed, "ACCUSE") if "mistakes" in e["evidence"]["text"]]
    assert len(found) == 1
    assert _named(seed, found[0]["actors"]) == {"Wang Yi"}
    assert codes(seed, found[0]["recipients"]) == {"USA"}


def test_seed_mobilize_by_russia(seed: dict[str, Any]) -> None:
    (mobilize,) = events_of(seed, "MOBILIZE")
    assert codes(seed, mobilize["actors"]) == {"RUS"}
    assert "border" in mobilize["evidence"]["text"]


def test_seed_aid_from_us_and_nato_to_ukraine(seed: dict[str, Any]) -> None:
    (aid,) = events_of(seed, "AID")
    assert codes(seed, aid["actors"]) == {"USA", "IGO"}
    assert "NATO" in _named(seed, aid["actors"])
    assert codes(seed, aid["recipients"]) == {"UKR"}


def test_seed_diplomatic_boycott_is_a_protest_boycott(seed: dict[str, Any]) -> None:
    """PLOVER lists "boycott" among the PROTEST modes: the withdrawal of relations from an
    activity (here the Games) as a protest; the US led it, over China's record."""
    (boycott,) = [e for e in events_of(seed, "PROTEST") if e["mode"] == "boycott"]
    assert codes(seed, boycott["actors"]) == {"USA"}
    assert codes(seed, boycott["recipients"]) == {"CHN"}
    assert "diplomatic" in boycott["context"]
