"""The article that defines the job: ``../shared/seed/article.txt``.

Skipped when ``../shared`` is absent. Statements are found by a snippet of
their content, so the checks read like what an analyst reads off the article.
"""

from __future__ import annotations

from typing import Any

import pytest

from communique import extract

WANG_SNIPPETS = [
    "stop interfering” in the Winter Olympics",  # warning Washington to ...
    "Russia’s security concerns in Europe",  # ... and stressing that ...
    "The most urgent priority right now",  # Wang Yi said ..., according to a ministry statement
    "continues to make mistakes",  # Wang told Blinken that ...
    "stop playing with fire",  # he added
    "should be taken seriously.”\n",  # with Wang telling Blinken that ...
    "All parties should completely abandon",  # Wang said
    "Russia’s reasonable security concerns",  # he said
    "regional security cannot be guaranteed",  # Wang said that ...
]


@pytest.fixture(scope="module")
def record(seed_text: str) -> dict[str, Any]:
    return extract(seed_text, published="2022-01-28", doc_id="seed")


def _actor(record: dict[str, Any], actor_id: str | None) -> dict[str, Any]:
    assert actor_id is not None, "no actor resolved"
    return next(a for a in record["actors"] if a["id"] == actor_id)


def _holding(record: dict[str, Any], snippet: str) -> list[dict[str, Any]]:
    at = record["text"].index(snippet)
    return [
        s for s in record["statements"] if any(c["start"] <= at < c["end"] for c in s["content"])
    ]


def _statement(record: dict[str, Any], snippet: str) -> dict[str, Any]:
    """The statement whose content holds ``snippet`` and carries no other that holds it: the
    words' own speaker, not the readout that carries them."""
    found = _holding(record, snippet)
    parents = {s["parent"] for s in found}
    found = [s for s in found if s["id"] not in parents]
    assert len(found) == 1, f"{len(found)} statements hold {snippet!r}"
    return found[0]


def _by_id(record: dict[str, Any], statement_id: str | None) -> dict[str, Any]:
    assert statement_id is not None, "no parent"
    return next(s for s in record["statements"] if s["id"] == statement_id)


@pytest.mark.parametrize("snippet", WANG_SNIPPETS)
def test_wang_yi_is_the_speaker(record: dict[str, Any], snippet: str) -> None:
    statement = _statement(record, snippet)
    assert _actor(record, statement["speaker"])["name"] == "Wang Yi"


def test_the_first_sentence_names_wang_by_title(record: dict[str, Any]) -> None:
    for snippet, cue in [(WANG_SNIPPETS[0], "warning"), (WANG_SNIPPETS[1], "stressing")]:
        statement = _statement(record, snippet)
        assert statement["source"]["text"] == "China’s top diplomat"
        assert statement["cue"]["text"] == cue
        assert statement["kind"] == "partial"


def test_warning_washington_is_addressed_to_the_united_states(record: dict[str, Any]) -> None:
    addressee = _actor(record, _statement(record, WANG_SNIPPETS[0])["addressee"])
    assert addressee["kind"] == "state"
    assert addressee["country"] == "USA"
    assert "Washington" in addressee["aliases"]


def test_quote_from_the_ministry_statement_comes_via_it(record: dict[str, Any]) -> None:
    statement = _statement(record, "The most urgent priority right now")
    assert statement["kind"] == "direct"
    assert statement["via"]["text"] == "a ministry statement"
    assert record["text"][statement["via"]["start"] : statement["via"]["end"]] == (
        "a ministry statement"
    )
    assert statement["source"]["text"].endswith("Wang Yi")


@pytest.mark.parametrize(
    "snippet, cue",
    [
        ("continues to make mistakes", "told"),
        ("should be taken seriously.”\n", "telling"),
    ],
)
def test_what_wang_told_blinken_is_addressed_to_blinken(
    record: dict[str, Any], snippet: str, cue: str
) -> None:
    statement = _statement(record, snippet)
    assert statement["cue"]["text"] == cue
    assert _actor(record, statement["addressee"])["name"] == "Antony Blinken"


def test_he_added_continues_wangs_statement(record: dict[str, Any]) -> None:
    statement = _statement(record, "stop playing with fire")
    assert statement["source"]["text"] == "he"
    assert statement["cue"]["text"] == "added"
    assert _actor(record, statement["addressee"])["name"] == "Antony Blinken"


def test_the_statement_read_is_the_state_departments(record: dict[str, Any]) -> None:
    statement = _statement(record, "Secretary Blinken underscored")
    assert statement["source"]["text"] == "the statement"
    assert statement["kind"] == "direct"
    speaker = _actor(record, statement["speaker"])
    assert speaker["kind"] == "organization"
    assert speaker["country"] == "USA"
    assert "state department" in " ".join([speaker["name"], *speaker["aliases"]]).lower()
    assert statement["via"]["text"].startswith("The state department’s readout")


def test_the_readout_carries_blinkens_statement(record: dict[str, Any]) -> None:
    """ "“Secretary Blinken underscored … and conveyed that …,” the statement read": the State
    Department's statement, and inside it Blinken's, carried by the readout."""
    readout = _statement(record, "Secretary Blinken underscored")
    blinken = _statement(record, "de-escalation and diplomacy are the responsible way forward")
    assert blinken["id"] != readout["id"]
    assert _actor(record, blinken["speaker"])["name"] == "Antony Blinken"
    assert blinken["source"]["text"] == "Secretary Blinken"
    assert blinken["cue"]["text"] == "conveyed"
    assert blinken["parent"] == readout["id"]
    assert readout["parent"] is None
    assert blinken["via"]["text"].startswith("The state department’s readout")
    assert blinken["via_actor"] == readout["speaker"]
    risks = _statement(record, "the global security and economic risks")
    assert (risks["cue"]["text"], risks["parent"]) == ("underscored", readout["id"])
    assert _actor(record, risks["speaker"])["name"] == "Antony Blinken"


def test_us_and_nato_allies_speak_together(record: dict[str, Any]) -> None:
    statement = _statement(record, "they are ready for any eventuality")
    assert statement["kind"] == "indirect"
    assert statement["source"]["text"] == "The US and its NATO allies"
    group = _actor(record, statement["speaker"])
    assert group["kind"] == "group"
    members = [_actor(record, m) for m in group["members"]]
    assert {(m["kind"], m["country"]) for m in members} == {
        ("state", "USA"),
        ("organization", "IGO"),
    }
    assert any(m["name"] == "NATO" for m in members)


def test_nothing_is_invented(record: dict[str, Any]) -> None:
    """Exactly the article's thirteen statements of speech (with Blinken's two, carried by
    the readout); no caption, no unattributed
    sentence. Attributions of other kinds may only be the article's own: Beijing's hope
    and what both officials discussed."""
    expected = [
        *WANG_SNIPPETS,
        "Secretary Blinken underscored",
        "the global security and economic risks",
        "de-escalation and diplomacy are the responsible way forward",
        "they are ready for any",
    ]
    found = {_statement(record, snippet)["id"] for snippet in expected}
    assert len(found) == len(expected)
    speech = [s for s in record["statements"] if s["cue_class"] == "speech"]
    assert {s["id"] for s in speech} == found
    others = {"to turn next week’s Games": "China", "the growing tensions in Europe": None}
    for statement in record["statements"]:
        if statement["cue_class"] == "speech":
            continue
        snippet = next((k for k in others if k in statement["content"][0]["text"]), None)
        assert snippet is not None, statement["content"][0]["text"]
        if others[snippet]:
            assert _actor(record, statement["speaker"])["name"] == others[snippet]
    caption = record["text"].index("Photo: Reuters")
    for statement in record["statements"]:
        for span in statement["content"]:
            assert not span["start"] <= caption < span["end"]


def test_actors_have_one_record_per_person_and_state(record: dict[str, Any]) -> None:
    names = [a["name"] for a in record["actors"]]
    assert names.count("Wang Yi") == 1
    assert names.count("Antony Blinken") == 1
    wang = next(a for a in record["actors"] if a["name"] == "Wang Yi")
    assert wang["country"] == "CHN"
    assert {"Wang", "China’s top diplomat"} <= set(wang["aliases"])
    states = {a["country"]: a for a in record["actors"] if a["kind"] == "state"}
    assert "Beijing" in states["CHN"]["aliases"]
    assert "Moscow" in states["RUS"]["aliases"]
    assert "Washington" in states["USA"]["aliases"]


def test_the_state_department_readout_omits_the_olympics(record: dict[str, Any]) -> None:
    """ "The state department's readout of the call made no mention of the Olympics": an
    omission by the State Department, of the Olympics, with the sentence as evidence."""
    (omission,) = record["omissions"]
    assert _actor(record, omission["party"])["name"] == "US State Department"
    assert omission["topic"]["text"] == "the Olympics"
    assert omission["evidence"]["text"].startswith("The state department’s readout")
    assert "made no mention" in omission["evidence"]["text"]


@pytest.mark.parametrize("snippet", WANG_SNIPPETS[2:])
def test_the_chinese_ministry_carries_wangs_words_to_blinken(
    record: dict[str, Any], snippet: str
) -> None:
    """Once the article says it quotes "a ministry statement", what Wang told Blinken comes
    through China's foreign ministry."""
    statement = _statement(record, snippet)
    assert _actor(record, statement["addressee"])["name"] == "Antony Blinken"
    carrier = _actor(record, statement["via_actor"])
    assert (carrier["name"], carrier["kind"], carrier["country"]) == (
        "Chinese Foreign Ministry",
        "organization",
        "CHN",
    )


def test_a_press_report_has_no_issuer(record: dict[str, Any]) -> None:
    assert record["issuer"] is None
