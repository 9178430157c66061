"""The store's stories: every ingest links its new documents with the stored reports they
join, and the stories come out as one run over the whole corpus would make them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from communique import corpus
from communique.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _stories(db: Path) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return [story.to_dict() for story in store.stories()]


def _ingest(paths: list[Path], db: Path) -> None:
    corpus.run(paths, db, published="2022-02-12")


@pytest.fixture(scope="module")
def one_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("one") / "c.duckdb"
    _ingest([EXAMPLES], db)
    return db


def _call(stories: list[dict[str, Any]]) -> dict[str, Any]:
    (call,) = [
        s
        for s in stories
        if "antony blinken|USA" in s["participants"]
        and any(k.endswith("lavrov|RUS") for k in s["participants"])
    ]
    return call


def test_the_call_is_stored_with_its_accounts(one_batch: Path) -> None:
    call = _call(_stories(one_batch))
    parties = {a["party"]: a for a in call["accounts"]}
    assert parties["USA"]["documents"] == ["state-department"]
    assert parties["RUS"]["documents"] == ["russian-mfa"]
    assert call["date"] == "2022-02-12"
    reported = {p for row in call["divergence"] for p in row["reported_omitted_by"]}
    assert "USA" in reported  # "The American readout left the propaganda charge out"


def test_two_batches_give_the_stories_of_one(one_batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "two.duckdb"
    _ingest([EXAMPLES / "reports"], db)
    first = _stories(db)
    _ingest([EXAMPLES / "readouts", EXAMPLES / "unrelated"], db)
    assert _stories(db) == _stories(one_batch)
    # the call found with the reports alone gained the readouts
    assert set(_call(first)["documents"]) < set(_call(_stories(db))["documents"])


def test_batches_in_another_order_give_the_same_stories(one_batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "reversed.duckdb"
    _ingest([EXAMPLES / "unrelated"], db)
    _ingest([EXAMPLES / "readouts"], db)
    _ingest([EXAMPLES / "reports"], db)
    assert _stories(db) == _stories(one_batch)


def test_the_press_narration_is_stored_with_offsets_into_its_documents(one_batch: Path) -> None:
    (press,) = [a for a in _call(_stories(one_batch))["accounts"] if a["party"] == "press"]
    assert press["narration"]
    with Store(one_batch, read_only=True) as store:
        texts = dict(store.query("SELECT doc_id, text FROM documents")[1])
    for item in press["narration"]:
        assert texts[item["doc_id"]][item["start"] : item["end"]] == item["text"]


def test_ingesting_again_changes_no_story(one_batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "again.duckdb"
    shutil.copy(one_batch, db)
    _ingest([EXAMPLES], db)
    assert _stories(db) == _stories(one_batch)


def test_the_stories_command(one_batch: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "communique", "stories", "--db", str(one_batch), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    call = _call(json.loads(result.stdout))
    (state,) = [a for a in call["accounts"] if a["party"] == "USA"]
    assert any(s["speaker"] == "Antony Blinken" for s in state["statements"])
    for item in state["statements"]:
        assert item["content"] and item["doc_id"] in call["documents"]
