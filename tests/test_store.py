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
from communique.store import TABLES, Batch, Store, StoreError, migrate
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
        assert version == "4"


# The tables of store version 1, as DESCRIBE gives them: changing one is a new STORE_VERSION.
STORE_VERSION_1 = {
    "documents": (
        "doc_id VARCHAR | title VARCHAR | publisher VARCHAR | published DATE | url VARCHAR |"
        "source VARCHAR | chars INTEGER | text_sha1 VARCHAR | text VARCHAR |"
        "ingested_at TIMESTAMP_S"
    ),
    "statements": (
        "doc_id VARCHAR | statement_id VARCHAR | kind VARCHAR | cue_class VARCHAR |"
        "speaker VARCHAR | addressee VARCHAR | cue_start INTEGER | cue_end INTEGER |"
        "cue_text VARCHAR | source_start INTEGER | source_end INTEGER | source_text VARCHAR |"
        "via_start INTEGER | via_end INTEGER | via_text VARCHAR | content_start INTEGER |"
        "content_end INTEGER | content_text VARCHAR |"
        'content STRUCT("start" INTEGER, "end" INTEGER, "text" VARCHAR)[] |'
        "topics VARCHAR[] | confidence DOUBLE"
    ),
    "actors": (
        "doc_id VARCHAR | actor_id VARCHAR | name VARCHAR | kind VARCHAR | country VARCHAR |"
        "sector VARCHAR | aliases VARCHAR[] | roles VARCHAR[] | members VARCHAR[]"
    ),
    "mentions": (
        "doc_id VARCHAR | actor_id VARCHAR | start_char INTEGER | end_char INTEGER | text VARCHAR"
    ),
    "events": (
        "doc_id VARCHAR | event_id VARCHAR | type VARCHAR | mode VARCHAR | context VARCHAR[] |"
        "actors VARCHAR[] | recipients VARCHAR[] | date VARCHAR | negated BOOLEAN |"
        "future BOOLEAN | hypothetical BOOLEAN | trigger_start INTEGER | trigger_end INTEGER |"
        "trigger_text VARCHAR | evidence_start INTEGER | evidence_end INTEGER |"
        "evidence_text VARCHAR | statement_id VARCHAR"
    ),
    "failures": (
        "file VARCHAR | line INTEGER | level VARCHAR | reason VARCHAR | recorded_at TIMESTAMP_S"
    ),
}


# Version 2 adds, at the end of their tables, what readouts and stories need.
STORE_VERSION_2 = {
    "documents": STORE_VERSION_1["documents"] + " | issuer VARCHAR",
    "statements": STORE_VERSION_1["statements"] + " | parent VARCHAR | via_actor VARCHAR",
    "actors": STORE_VERSION_1["actors"] + " | key VARCHAR",
    "mentions": STORE_VERSION_1["mentions"],
    "events": STORE_VERSION_1["events"]
    + " | date_expression_start INTEGER | date_expression_end INTEGER |"
    "date_expression_text VARCHAR | initiator VARCHAR",
    "omissions": (
        "doc_id VARCHAR | omission_id VARCHAR | party VARCHAR | topic_start INTEGER |"
        "topic_end INTEGER | topic_text VARCHAR | evidence_start INTEGER | evidence_end INTEGER |"
        "evidence_text VARCHAR"
    ),
    "failures": STORE_VERSION_1["failures"],
}


# Version 3 adds the stories, kept up to date by every ingest.
STORE_VERSION_3 = {
    **{k: v for k, v in STORE_VERSION_2.items() if k != "failures"},
    "stories": "story_id VARCHAR | type VARCHAR | mode VARCHAR | participants VARCHAR[] | "
    "date DATE | dates_reported VARCHAR[] | documents VARCHAR[] | events VARCHAR[]",
    "story_accounts": "story_id VARCHAR | party VARCHAR | documents VARCHAR[] | "
    "statements VARCHAR[] | omissions VARCHAR[] | topics VARCHAR[]",
    "story_divergence": "story_id VARCHAR | topic VARCHAR | carried_by VARCHAR[] | "
    "omitted_by VARCHAR[] | reported_omitted_by VARCHAR[] | evidence VARCHAR[]",
    "story_alignments": "story_id VARCHAR | left VARCHAR | right VARCHAR | similarity DOUBLE",
    "linked_documents": "doc_id VARCHAR",
    "failures": STORE_VERSION_2["failures"],
}


# Version 4 adds the press's narration to its account and the topics of each story.
STORE_VERSION_4 = {
    **STORE_VERSION_3,
    "stories": STORE_VERSION_3["stories"] + " | topics VARCHAR[]",
    "story_accounts": STORE_VERSION_3["story_accounts"]
    + ' | narration STRUCT(doc_id VARCHAR, "start" INTEGER, "end" INTEGER, '
    '"text" VARCHAR)[]',
}


def _columns(spec: str) -> list[str]:
    return [column.strip() for column in spec.split("|")]


def _described(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [f"{name} {kind}" for name, kind, *_ in con.execute(f"DESCRIBE {table}").fetchall()]


@pytest.mark.parametrize("table", sorted(STORE_VERSION_4))
def test_tables_derived_from_the_records_are_those_of_store_version_4(
    tmp_path: Path, table: str
) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        assert _described(store.con, table) == _columns(STORE_VERSION_4[table])
    assert tuple(STORE_VERSION_4) == TABLES


def _version_1_store(path: Path) -> None:
    """A store as communique 0.1 with store version 1 made it, with one document."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute(
        "INSERT INTO meta VALUES ('store_version', '1'), ('record_schema', '1'), "
        "('store_id', 'old')"
    )
    for table, spec in STORE_VERSION_1.items():
        con.execute(f"CREATE TABLE {table} ({', '.join(_columns(spec))})")
    con.execute(
        "INSERT INTO documents (doc_id, text, text_sha1, chars) VALUES ('old', 'Old text.', 'x', 9)"
    )
    con.execute(
        "INSERT INTO statements (doc_id, statement_id, kind) VALUES ('old', 'old:s1', 'direct')"
    )
    con.close()


def test_a_version_1_store_is_refused_until_migrated_and_loses_nothing(
    tmp_path: Path, processed
) -> None:
    db = tmp_path / "old.duckdb"
    _version_1_store(db)
    before = db.read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError, match=r"has store version 1; .* `communique migrate --db"):
            Store(db, read_only=read_only)
    assert db.read_bytes() == before
    added = migrate(db)
    assert "table omissions" in added and "statements.parent" in added
    assert "table stories" in added
    con = duckdb.connect(str(db), read_only=True)
    for table, spec in STORE_VERSION_4.items():
        assert _described(con, table) == _columns(spec), table
    assert con.execute("SELECT doc_id, text, issuer FROM documents").fetchall() == [
        ("old", "Old text.", None)
    ]
    assert con.execute("SELECT statement_id, parent, via_actor FROM statements").fetchall() == [
        ("old:s1", None, None)
    ]
    con.close()
    assert migrate(db) == []  # already version 4
    document, record = processed
    _store_with(db, document, record)  # and it takes new documents
    with Store(db, read_only=True) as store:
        assert store.count("documents") == 2
        assert store.id == "old"


def test_migrate_refuses_what_is_not_a_store(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    before = foreign.read_bytes()
    with pytest.raises(StoreError, match="not a communique store"):
        migrate(foreign)
    assert foreign.read_bytes() == before
    with pytest.raises(StoreError, match="no store at"):
        migrate(tmp_path / "missing.duckdb")


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
        columns, rows = store.query("SELECT doc_id, count(*) AS n FROM statements GROUP BY 1")
    with Store(db, read_only=True, sandbox=False) as store:
        assert store.export("statements", tmp_path / "s.parquet", "parquet") == len(
            record["statements"]
        )
        store.export("actors", tmp_path / "a.csv", "csv")
        store.export("events", tmp_path / "e.jsonl", "jsonl")
        assert store.export("who_said_what", tmp_path / "w.csv", "csv") == len(record["statements"])
        with pytest.raises(StoreError, match="cannot write"):
            store.export("actors", tmp_path / "missing" / "a.csv", "csv")
        with pytest.raises(StoreError, match="exists; not overwritten"):
            store.export("actors", tmp_path / "a.csv", "csv")
        store.export("statements", tmp_path / "a.csv", "csv", force=True)
    assert pq.read_table(tmp_path / "s.parquet").num_rows == len(record["statements"])
    with (tmp_path / "a.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == len(record["statements"])  # replaced
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


@pytest.mark.parametrize(
    ("published", "stored"),
    [("2024-03-04", dt.date(2024, 3, 4)), ("04/03/2024", None), ("soon", None), (None, None)],
)
def test_a_published_date_is_stored_as_a_date_or_null_if_unreadable(
    tmp_path: Path, processed, published: str | None, stored: dt.date | None
) -> None:
    document, record = processed
    _store_with(tmp_path / "c.duckdb", Document(document.id, TEXT, published=published), record)
    with Store(tmp_path / "c.duckdb", read_only=True) as store:
        assert store.query("SELECT published FROM documents")[1] == [(stored,)]


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


def _store_with(path: Path, document: Document, record: dict) -> None:
    batch = Batch()
    batch.add(document, record)
    with Store(path) as store:
        store.write(batch)


ATTACKS = [
    ("ATTACH '{other}' AS w (READ_WRITE)", "ATTACH statements are not allowed"),
    ("SELECT 1; DELETE FROM documents", "one SQL statement at a time"),
    ("COPY (SELECT 'echo pwned') TO '{out}/evil.sh'", "COPY statements are not allowed"),
    ("EXPORT DATABASE '{out}/dump'", "EXPORT statements are not allowed"),
    ("SET threads = 1", "SET statements are not allowed"),
    ("PRAGMA threads = 1", "statements are not allowed"),
    ("PRAGMA show_tables", "PRAGMA statements are not allowed"),
    ("INSTALL httpfs", "statements are not allowed"),
    ("LOAD httpfs", "LOAD statements are not allowed"),
    ("CREATE TABLE t AS SELECT 1", "CREATE statements are not allowed"),
    ("SELECT * FROM read_text('{secret}')", "file system operations are disabled"),
    ("SELECT * FROM read_csv('{secret}')", "file system operations are disabled"),
    ("SELECT * FROM glob('{out}/*')", "file system operations are disabled"),
    ("SELECT * FROM read_parquet('{out}/*.parquet')", "file system operations are disabled"),
]


@pytest.mark.parametrize(("sql", "refusal"), ATTACKS)
def test_a_query_reads_the_store_and_nothing_else(
    tmp_path: Path, processed, sql: str, refusal: str
) -> None:
    document, record = processed
    db, other, out = tmp_path / "c.duckdb", tmp_path / "other.duckdb", tmp_path / "out"
    _store_with(db, document, record)
    _store_with(other, document, record)
    out.mkdir()
    secret = out / "secret.csv"
    secret.write_text("a,b\n1,2\n")
    before = other.read_bytes()
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match=refusal):
        store.query(sql.format(other=other, out=out, secret=secret))
    assert other.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["secret.csv"]


def test_the_reader_is_sandboxed_below_the_statement_check(tmp_path: Path, processed) -> None:
    """What the web app will share: even SQL sent straight to the connection cannot reach out."""
    document, record = processed
    db, other = tmp_path / "c.duckdb", tmp_path / "other.duckdb"
    _store_with(db, document, record)
    _store_with(other, document, record)
    before = other.read_bytes()
    with Store(db, read_only=True) as store:
        for sql in (
            f"ATTACH '{other}' AS w (READ_WRITE)",
            f"COPY (SELECT 1) TO '{tmp_path / 'x.csv'}'",
            "SET enable_external_access = true",
            "INSTALL httpfs",
        ):
            with pytest.raises(duckdb.Error):
                store.con.execute(sql)
        assert store.query("SELECT count(*) FROM documents")[1] == [(1,)]
    assert other.read_bytes() == before
    assert not (tmp_path / "x.csv").exists()


def test_a_file_that_is_not_a_communique_store_is_left_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE measurements (x INT)")
    con.execute("INSERT INTO measurements VALUES (1), (2)")
    con.close()
    odd_meta = tmp_path / "meta.duckdb"
    con = duckdb.connect(str(odd_meta))
    con.execute("CREATE TABLE meta (name VARCHAR, size INT)")
    con.close()
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database at all\n")
    for path, message in (
        (foreign, "not a communique store"),
        (odd_meta, "not a communique store"),
        (text, "cannot open"),
    ):
        before = path.read_bytes()
        with pytest.raises(StoreError, match=message):
            Store(path)
        assert path.read_bytes() == before, path.name
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            ["foreign.duckdb", "meta.duckdb", "notes.duckdb"]
        ), "no write-ahead log or other file left beside it"


def test_each_store_has_its_own_identity(tmp_path: Path) -> None:
    with Store(tmp_path / "a.duckdb") as a, Store(tmp_path / "b.duckdb") as b:
        assert a.id and b.id and a.id != b.id
    with Store(tmp_path / "a.duckdb", read_only=True) as again:
        assert again.id == a.id
