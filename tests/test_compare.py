"""``communique compare``: the seed article's call with China's and the United States'
accounts and where they diverge; the examples' call with each readout matched to its party."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from communique.compare import compare
from communique.records import Document
from communique.stories.topics import merge

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_stories(seed_text: str, nlp: Any) -> list[dict[str, Any]]:
    document = Document(id="seed", text=seed_text, published="2022-01-28")
    return compare([document], nlp, canonical=merge)


def _call(stories: list[dict[str, Any]]) -> dict[str, Any]:
    (call,) = [
        s for s in stories if {"wang yi|CHN", "antony blinken|USA"} <= set(s["participants"])
    ]
    return call


def _account(story: dict[str, Any], party: str) -> dict[str, Any]:
    return next(a for a in story["accounts"] if a["party"] == party)


def test_the_call_is_one_story_dated_by_the_article(seed_stories: list[dict[str, Any]]) -> None:
    call = _call(seed_stories)
    assert (call["type"], call["mode"]) == ("CONSULT", "phone")
    assert call["date"] == "2022-01-27"  # "yesterday", in an article of the 28th


def test_chinas_account_is_wangs_words_through_the_ministry(
    seed_stories: list[dict[str, Any]],
) -> None:
    china = _account(_call(seed_stories), "CHN")
    said = " ".join(c["text"] for s in china["statements"] for c in s["content"])
    for words in ("stop interfering in the Beijing Winter Olympics", "playing with fire"):
        assert words in said
    assert {s["speaker"] for s in china["statements"]} <= {"Wang Yi", "China"}
    assert "Chinese Foreign Ministry" in {s["via_actor"] for s in china["statements"]}


def test_the_us_account_is_the_state_department_readout(
    seed_stories: list[dict[str, Any]],
) -> None:
    us = _account(_call(seed_stories), "USA")
    assert {s["speaker"] for s in us["statements"]} == {"US State Department", "Antony Blinken"}
    assert {s["via_actor"] for s in us["statements"]} == {"US State Department"}
    (omission,) = us["omissions"]
    assert omission["topic"]["text"] == "the Olympics"
    assert "made no mention of the Olympics" in omission["evidence"]["text"]


def test_the_reported_omission_is_marked_reported(seed_stories: list[dict[str, Any]]) -> None:
    (olympics,) = [d for d in _call(seed_stories)["divergence"] if d["reported_omitted_by"]]
    assert olympics["reported_omitted_by"] == ["USA"]
    assert any("omission_id" in e for e in olympics["evidence"])


def _topic(story: dict[str, Any], name: str) -> dict[str, Any]:
    return next(d for d in story["divergence"] if d["topic"] == name)


def test_china_carries_the_olympics_and_taiwan_the_us_leaves_them_out(
    seed_stories: list[dict[str, Any]],
) -> None:
    call = _call(seed_stories)
    for name in ("Olympics", "Taiwan"):
        topic = _topic(call, name)
        assert (topic["carried_by"], topic["omitted_by"]) == (["CHN"], ["USA"]), name
        assert any(e.get("speaker") == "Wang Yi" for e in topic["evidence"])
    assert _topic(call, "Olympics")["reported_omitted_by"] == ["USA"]
    assert _topic(call, "Taiwan")["reported_omitted_by"] == []


def test_the_us_carries_ukraine(seed_stories: list[dict[str, Any]]) -> None:
    ukraine = _topic(_call(seed_stories), "Ukraine")
    assert "USA" in ukraine["carried_by"]
    speakers = {e.get("speaker") for e in ukraine["evidence"]}
    assert speakers & {"US State Department", "Antony Blinken"}


def test_every_item_points_into_the_article(
    seed_stories: list[dict[str, Any]], seed_text: str
) -> None:
    for account in _call(seed_stories)["accounts"]:
        for item in account["statements"]:
            for span in item["content"]:
                assert seed_text[span["start"] : span["end"]] == span["text"]
        for item in account["omissions"]:
            for span in (item["topic"], item["evidence"]):
                assert seed_text[span["start"] : span["end"]] == span["text"]


def test_the_press_narrates_the_call_in_its_own_voice(
    seed_stories: list[dict[str, Any]], seed_text: str
) -> None:
    (narration,) = _account(_call(seed_stories), "press")["narration"]
    assert narration["text"].startswith("China’s top diplomat yesterday spoke with his US")
    assert seed_text[narration["start"] : narration["end"]] == narration["text"]


def test_the_storys_topics_are_those_of_its_accounts(seed_stories: list[dict[str, Any]]) -> None:
    call = _call(seed_stories)
    assert set(call["topics"]) == {d["topic"] for d in call["divergence"]}
    assert {"Olympics", "Taiwan", "Ukraine"} <= set(call["topics"])


@pytest.fixture(scope="module")
def example_stories(nlp: Any) -> list[dict[str, Any]]:
    documents = [
        Document(id=p.stem, text=p.read_text(encoding="utf-8"), published="2022-02-12")
        for p in sorted((ROOT / "examples").glob("*/*.txt"))
    ]
    return compare(documents, nlp)


def test_each_readout_is_matched_to_its_party(example_stories: list[dict[str, Any]]) -> None:
    (call,) = [
        s
        for s in example_stories
        if "antony blinken|USA" in s["participants"]
        and any(k.endswith("lavrov|RUS") for k in s["participants"])
    ]
    assert _account(call, "USA")["documents"] == ["state-department"]
    assert _account(call, "RUS")["documents"] == ["russian-mfa"]
    # what Biden told Putin in their own call, reported in the same articles, is not the
    # United States' account of the ministers' call
    speakers = {s["speaker"] for a in call["accounts"] for s in a["statements"]}
    assert "Joe Biden" not in speakers and "Antony Blinken" in speakers
    assert len(call["documents"]) >= 6
    linked = {d for s in example_stories for d in s["documents"]}
    assert not linked & {"port-strike", "council-flood-barrier"}


def test_a_readout_is_the_readout_of_its_own_call_only(
    example_stories: list[dict[str, Any]],
) -> None:
    readouts = [
        (d, s["participants"])
        for s in example_stories
        for a in s["accounts"]
        for d in a["documents"]
    ]
    assert sorted(d for d, _ in readouts) == ["russian-mfa", "state-department"]
    assert all("antony blinken|USA" in participants for _, participants in readouts)


def test_only_the_press_narrates_and_never_in_a_readout(
    example_stories: list[dict[str, Any]],
) -> None:
    accounts = [a for s in example_stories for a in s["accounts"]]
    assert all(not a["narration"] for a in accounts if a["party"] != "press")
    narrated = {n["doc_id"] for a in accounts for n in a["narration"]}
    assert narrated and not narrated & {"state-department", "russian-mfa"}


def test_the_command_prints_json(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "call.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "communique",
            "compare",
            str(path),
            "--format",
            "json",
            "--published",
            "2022-01-28",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    stories = json.loads(result.stdout)
    assert {a["party"] for a in _call(stories)["accounts"]} >= {"CHN", "USA"}
