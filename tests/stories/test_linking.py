"""Story linking: the reports of one real-world event across documents, and no more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from communique.pipeline import process
from communique.records import Document
from communique.stories import link

ROOT = Path(__file__).resolve().parents[2]


def person(n: int, name: str, country: str) -> dict[str, Any]:
    key = f"{name.lower()}|{country}"
    return {"id": f"a{n}", "name": name, "kind": "person", "country": country, "key": key}


def state(n: int, iso3: str) -> dict[str, Any]:
    return {"id": f"a{n}", "name": iso3, "kind": "state", "country": iso3, "key": iso3}


def event(n: int, type_: str, actors: list[str], mode: str | None = None, date=None) -> dict:
    return {
        "id": f"e{n}",
        "type": type_,
        "mode": mode,
        "actors": actors,
        "recipients": [],
        "date": date,
        "statement_id": None,
    }


def report(doc_id: str, actors: list[dict], events: list[dict], statements=()) -> dict:
    prefix = f"{doc_id}:"

    def own(value: Any) -> Any:
        return prefix + value if isinstance(value, str) else value

    return {
        "doc_id": doc_id,
        "actors": [{**a, "id": own(a["id"])} for a in actors],
        "events": [
            {**e, "id": own(e["id"]), "actors": [own(a) for a in e["actors"]]} for e in events
        ],
        "statements": [
            {
                **s,
                "id": own(s["id"]),
                "speaker": own(s["speaker"]),
                "addressee": own(s["addressee"]),
            }
            for s in statements
        ],
    }


WANG, BLINKEN = person(1, "Wang Yi", "CHN"), person(2, "Antony Blinken", "USA")
CALL = event(1, "CONSULT", ["a1", "a2"], "phone")


def test_reports_of_one_call_are_one_story_whatever_day_they_give() -> None:
    records = [
        report("xinhua", [WANG, BLINKEN], [{**CALL, "date": "2022-01-27"}]),
        report("wire", [WANG, BLINKEN], [{**CALL, "date": "2022-01-26"}]),  # US time
        report("paper", [person(1, "Wang", "CHN"), person(2, "Blinken", "USA")], [CALL]),
    ]
    (story,) = link(records, {"paper": "2022-01-28"})
    assert story.documents == ["paper", "wire", "xinhua"]
    assert story.type == "CONSULT" and story.mode == "phone"
    assert story.dates_reported == ["2022-01-26", "2022-01-27"], "the conflict is shown"
    assert story.participants == ["antony blinken|USA", "wang yi|CHN"]


def test_two_calls_between_the_same_ministers_a_month_apart_are_two_stories() -> None:
    records = [
        report("january", [WANG, BLINKEN], [{**CALL, "date": "2022-01-27"}]),
        report("february", [WANG, BLINKEN], [{**CALL, "date": "2022-02-27"}]),
    ]
    stories = link(records)
    assert [s.documents for s in stories] == [["january"], ["february"]]


def test_documents_that_only_name_the_same_states_stay_out() -> None:
    """A cricket report naming both countries the week their ministers met."""
    cricket = report("cricket", [state(1, "CHN"), state(2, "USA")], [])
    call = report("call", [WANG, BLINKEN], [{**CALL, "date": "2022-01-27"}])
    (story,) = link([cricket, call])
    assert story.documents == ["call"]


def test_a_report_of_three_leaders_does_not_chain_two_calls() -> None:
    biden, putin, macron = (
        person(1, "Biden", "USA"),
        person(2, "Putin", "RUS"),
        person(3, "Macron", "FRA"),
    )
    records = [
        report("a", [biden, putin], [event(1, "CONSULT", ["a1", "a2"], "phone", "2022-02-12")]),
        report("b", [macron, putin], [event(1, "CONSULT", ["a3", "a2"], "phone", "2022-02-12")]),
        report(
            "c",
            [biden, putin, macron],
            [event(1, "CONSULT", ["a1", "a3", "a2"], None, "2022-02-12")],
        ),
    ]
    stories = link(records)
    assert sorted(s.documents for s in stories) == [["a", "c"], ["b"]]


def test_a_statement_from_one_party_to_the_other_joins_their_call() -> None:
    told = {"id": "s1", "speaker": "a1", "addressee": "a2"}
    records = [
        report("readout", [WANG, BLINKEN], [{**CALL, "date": "2022-01-27"}]),
        report("column", [WANG, BLINKEN], [], [told]),  # "Wang told Blinken that ..."
        report("aside", [WANG, BLINKEN], [], [told]),  # a week later: too far
    ]
    (story,) = link(records, {"column": "2022-01-28", "aside": "2022-02-04"})
    assert story.documents == ["column", "readout"]
    assert story.events == ["readout:e1"]


def test_other_events_make_a_story_only_when_several_documents_report_them() -> None:
    strike = [state(1, "RUS"), state(2, "UKR")]
    shelling = event(1, "ASSAULT", ["a1", "a2"], None, "2022-03-01")
    alone = link([report("one", strike, [shelling])])
    both = link([report("one", strike, [shelling]), report("two", strike, [shelling])])
    assert alone == []
    assert [s.documents for s in both] == [["one", "two"]]


@pytest.fixture(scope="module")
def examples(nlp) -> list[dict]:
    documents = [
        Document(id=p.stem, text=p.read_text(encoding="utf-8"), published="2022-02-12")
        for p in sorted((ROOT / "examples").rglob("*.txt"))
    ]
    return [record for _, record in process(documents, nlp)]


def _call_story(examples: list[dict]):
    stories = link(examples, {r["doc_id"]: "2022-02-12" for r in examples})
    return next(
        s
        for s in stories
        if "antony blinken|USA" in s.participants
        and any(k.endswith("lavrov|RUS") for k in s.participants)  # Sergei or Sergey
    )


def test_the_examples_unrelated_articles_are_in_no_story(examples: list[dict]) -> None:
    stories = link(examples, {r["doc_id"]: "2022-02-12" for r in examples})
    linked = {doc for story in stories for doc in story.documents}
    assert not linked & {"port-strike", "council-flood-barrier"}
    assert _call_story(examples).date == "2022-02-12"


def test_every_report_of_the_examples_call_is_in_its_story(examples: list[dict]) -> None:
    reports = {p.stem for p in (ROOT / "examples").glob("*/*.txt")} - {
        "port-strike",
        "council-flood-barrier",
    }
    assert set(_call_story(examples).documents) == reports
