"""The DuckDB store: tables, offsets, idempotent transactional writes, exports, queries."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from communique.pipeline import process
from communique.records import Document, Failure
from communique.store import TABLES, Batch, Store, StoreError
from synthetic import report

TEXT = (
    "Foreign Minister Anna Keller spoke by phone with Foreign Minister Kenji Sato on Monday. "
    "“We cannot wait much longer,” Keller said."
)


@pytest.fixture(scope="module")
def processed(nlp) -> tuple[Document, dict]:
    document = Document(id="call-1", text=TEXT, published="2024-03-04", source="calls.jsonl:3")
    ((_, record),) = list(process([document], nlp))
    return document, record


def test_tables_and_schema_version(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        tables = {row[0] for row in store.con.execute("SHOW TABLES").fetchall()}
        assert set(TABLES) | {"meta"} <= tables
        (version,) = store.con.execute(
            "SELECT value FROM meta WHERE key = 'store_version'"
        ).fetchone()
        assert version == "1"


def test_rows_keep_offsets_into_the_stored_text(tmp_path: Path, processed) -> None:
    document, record = processed
    batch = Batch()
    batch.add(document, record)
    with Store(tmp_path / "c.duckdb") as store:
        assert store.write(batch) == 1
        (text,) = store.con.execute("SELECT text FROM documents").fetchone()
        statements = store.con.execute(
            "SELECT cue_start, cue_end, cue_text, source_start, source_end, source_text, "
            "content_start, content_end, content FROM statements"
        ).fetchall()
        assert statements
        for cue_s, cue_e, cue, src_s, src_e, src, c_s, c_e, content in statements:
            assert text[cue_s:cue_e] == cue
            assert text[src_s:src_e] == src
            for span in content:
                assert text[span["start"] : span["end"]] == span["text"]
            assert c_s == min(span["start"] for span in content)
            assert c_e == max(span["end"] for span in content)
        for start, end, mention in store.con.execute(
            "SELECT start_char, end_char, text FROM mentions"
        ).fetchall():
            assert text[start:end] == mention
        for start, end, trigger in store.con.execute(
            "SELECT trigger_start, trigger_end, trigger_text FROM events"
        ).fetchall():
            assert text[start:end] == trigger
        speaker = store.con.execute(
            "SELECT a.name FROM statements s JOIN actors a ON a.actor_id = s.speaker "
            "WHERE s.kind = 'direct'"
        ).fetchone()
        assert speaker == ("Anna Keller",)
        assert store.con.execute("SELECT published, source FROM documents").fetchone() == (
            dt.date(2024, 3, 4),
            "calls.jsonl:3",
        )


def test_writing_the_same_documents_again_adds_nothing(tmp_path: Path, processed) -> None:
    document, record = processed
    with Store(tmp_path / "c.duckdb") as store:
        for expected in (1, 0):
            batch = Batch()
            batch.add(document, record)
            batch.fail(Failure("bad.txt", "empty file"))
            assert store.write(batch) == expected
        counts = {name: store.count(name) for name in TABLES}
    assert counts["documents"] == 1
    assert counts["failures"] == 1
    assert counts["statements"] == len(record["statements"])
    assert counts["events"] == len(record["events"])


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, processed) -> None:
    document, record = processed
    batch = Batch()
    batch.add(document, record)
    batch.tables["events"][0]["negated"] = "not a boolean"  # cannot be typed: the write fails
    with Store(tmp_path / "c.duckdb") as store:
        with pytest.raises(Exception):  # noqa: B017 (pyarrow's or DuckDB's own error)
            store.write(batch)
        assert all(store.count(name) == 0 for name in TABLES)


def test_export_and_query(tmp_path: Path, processed) -> None:
    document, record = processed
    db = tmp_path / "c.duckdb"
    batch = Batch()
    batch.add(document, record)
    with Store(db) as store:
        store.write(batch)
    with Store(db, read_only=True) as store:
        assert store.export("statements", tmp_path / "s.parquet", "parquet") == len(
            record["statements"]
        )
        store.export("actors", tmp_path / "a.csv", "csv")
        store.export("events", tmp_path / "e.jsonl", "jsonl")
        assert store.export("who_said_what", tmp_path / "w.csv", "csv") == len(record["statements"])
        with pytest.raises(StoreError, match="cannot write"):
            store.export("actors", tmp_path / "missing" / "a.csv", "csv")
        columns, rows = store.query("SELECT doc_id, count(*) AS n FROM statements GROUP BY 1")
    assert pq.read_table(tmp_path / "s.parquet").num_rows == len(record["statements"])
    with (tmp_path / "a.csv").open(encoding="utf-8") as f:
        assert {row["name"] for row in csv.DictReader(f)} >= {"Anna Keller", "Kenji Sato"}
    with (tmp_path / "w.csv").open(encoding="utf-8") as f:
        assert "Anna Keller" in {row["speaker"] for row in csv.DictReader(f)}
    events = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert [e["type"] for e in events] == [e["type"] for e in record["events"]]
    assert columns == ["doc_id", "n"]
    assert rows == [("call-1", len(record["statements"]))]


def test_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    with Store(tmp_path / "c.duckdb") as store:
        with pytest.raises(StoreError, match="unknown table"):
            store.export("nope", tmp_path / "x.csv", "csv")
        with pytest.raises(StoreError):
            store.query("SELECT * FROM nowhere")
    con = duckdb.connect(str(tmp_path / "c.duckdb"))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'store_version'")
    con.close()
    with pytest.raises(StoreError, match="store version 99"):
        Store(tmp_path / "c.duckdb")
    con = duckdb.connect(str(tmp_path / "other.duckdb"))
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    with pytest.raises(StoreError, match="not a communique store"):
        Store(tmp_path / "other.duckdb", read_only=True)


def test_records_come_back_as_they_went_in(tmp_path: Path, nlp) -> None:
    documents = [Document(id=f"r{i}", text=report(i), published="2024-03-01") for i in range(12)]
    processed = list(process(documents, nlp))
    batch = Batch()
    for document, record in processed:
        batch.add(document, record)
    with Store(tmp_path / "c.duckdb") as store:
        store.write(batch)
        stored = list(store.records(batch_size=5))  # batches cut across documents
    assert stored == sorted((record for _, record in processed), key=lambda r: r["doc_id"])
