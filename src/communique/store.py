"""The embedded store: one DuckDB file, one table per record type.

Tables: ``documents``, ``statements``, ``actors``, ``mentions``, ``events`` and
``failures`` (plus ``meta``, which records the schema version), and the views
``who_said_what`` and ``who_did_what`` with actor names in place of ids. Spans are
flattened into ``<name>_start``, ``<name>_end`` and ``<name>_text`` columns, so
every field keeps its character offsets into ``documents.text``.

Writes go in one transaction per batch, and a document whose id is already
stored is never stored again: a run killed halfway and restarted ends with each
document stored exactly once, and re-running a corpus adds nothing.

A store is recognised before anything is written to it: an existing file that
is not a communique store of this version is refused and left untouched. Opened
read-only, a store only answers one SELECT at a time, with DuckDB's access to
the file system, its extensions and its configuration shut off, so that SQL from
a user (or, later, from a web page) can read the store and nothing else.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from communique.ingest.fields import text_sha1
from communique.records import SCHEMA_VERSION, Document, Failure

# The store's own layout version; bump it when a table changes.
STORE_VERSION = 1
DEFAULT_DB = "communique.duckdb"

SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
STRINGS = pa.list_(pa.string())


def _span(name: str) -> list[pa.Field]:
    return [
        pa.field(f"{name}_start", pa.int32()),
        pa.field(f"{name}_end", pa.int32()),
        pa.field(f"{name}_text", pa.string()),
    ]


SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", pa.string()),
            ("title", pa.string()),
            ("publisher", pa.string()),
            ("published", pa.date32()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("chars", pa.int32()),
            ("text_sha1", pa.string()),
            ("text", pa.string()),
            ("ingested_at", pa.timestamp("s")),
        ]
    ),
    "statements": pa.schema(
        [
            ("doc_id", pa.string()),
            ("statement_id", pa.string()),
            ("kind", pa.string()),
            ("cue_class", pa.string()),
            ("speaker", pa.string()),
            ("addressee", pa.string()),
            *_span("cue"),
            *_span("source"),
            *_span("via"),
            ("content_start", pa.int32()),
            ("content_end", pa.int32()),
            ("content_text", pa.string()),
            ("content", pa.list_(SPAN)),
            ("topics", STRINGS),
            ("confidence", pa.float64()),
        ]
    ),
    "actors": pa.schema(
        [
            ("doc_id", pa.string()),
            ("actor_id", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("country", pa.string()),
            ("sector", pa.string()),
            ("aliases", STRINGS),
            ("roles", STRINGS),
            ("members", STRINGS),
        ]
    ),
    "mentions": pa.schema(
        [
            ("doc_id", pa.string()),
            ("actor_id", pa.string()),
            ("start_char", pa.int32()),
            ("end_char", pa.int32()),
            ("text", pa.string()),
        ]
    ),
    "events": pa.schema(
        [
            ("doc_id", pa.string()),
            ("event_id", pa.string()),
            ("type", pa.string()),
            ("mode", pa.string()),
            ("context", STRINGS),
            ("actors", STRINGS),
            ("recipients", STRINGS),
            ("date", pa.string()),  # a day, an ISO week (2022-W05) or a month (2022-01)
            ("negated", pa.bool_()),
            ("future", pa.bool_()),
            ("hypothetical", pa.bool_()),
            *_span("trigger"),
            *_span("evidence"),
            ("statement_id", pa.string()),
        ]
    ),
    "failures": pa.schema(
        [
            ("file", pa.string()),
            ("line", pa.int32()),
            ("level", pa.string()),
            ("reason", pa.string()),
            ("recorded_at", pa.timestamp("s")),
        ]
    ),
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)
# Views with actor names in place of ids, for reading the store by eye.
_NAMES = (
    "(SELECT string_agg(a.name, ', ' ORDER BY list_position(e.{0}, a.actor_id)) "
    "FROM actors a WHERE list_contains(e.{0}, a.actor_id)) AS {0}"
)
VIEWS = {
    "who_said_what": "SELECT s.doc_id, s.statement_id, sp.name AS speaker, s.cue_text AS cue, "
    "ad.name AS addressee, s.via_text AS via, s.kind, s.content_text AS content, "
    "s.content_start, s.content_end FROM statements s "
    "LEFT JOIN actors sp ON sp.actor_id = s.speaker "
    "LEFT JOIN actors ad ON ad.actor_id = s.addressee",
    "who_did_what": "SELECT e.doc_id, e.event_id, e.type, e.mode, "
    + _NAMES.format("actors")
    + ", "
    + _NAMES.format("recipients")
    + ", e.date, e.negated, e.future, e.hypothetical, e.trigger_text AS trigger, "
    "e.trigger_start, e.trigger_end, e.statement_id FROM events e",
}
RECORD_TABLES: tuple[str, ...] = TABLES[1:-1]  # the tables that hang off a document

# Every connection: no extension is installed or loaded behind the caller's back.
_EXTENSIONS_OFF = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
# A reader's connection also has no file system beyond the store (no ATTACH, COPY,
# EXPORT, read_csv, glob, ...) and a configuration that SET and PRAGMA cannot change.
_SANDBOX = {**_EXTENSIONS_OFF, "enable_external_access": False, "lock_configuration": True}
# What a reader may run: SELECT (with WITH, FROM-first, VALUES, SHOW, DESCRIBE and
# SUMMARIZE, which DuckDB parses as SELECT) and EXPLAIN.
_READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


class StoreError(RuntimeError):
    """The store cannot be opened or written (locked, another schema version, ...)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _flat(name: str, span: dict[str, Any] | None) -> dict[str, Any]:
    span = span or {}
    return {f"{name}_{key}": span.get(key) for key in ("start", "end", "text")}


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def rows(document: Document, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The table rows of one processed document (pure: no store needed)."""
    doc_id = record["doc_id"]
    out: dict[str, list[dict[str, Any]]] = {
        "documents": [
            {
                "doc_id": doc_id,
                "title": document.title,
                "publisher": document.publisher,
                "published": _date(document.published),
                "url": document.url,
                "source": document.source,
                "chars": len(document.text),
                "text_sha1": text_sha1(document.text),
                "text": document.text,
                "ingested_at": _now(),
            }
        ],
        "statements": [],
        "actors": [],
        "mentions": [],
        "events": [],
    }
    for s in record["statements"]:
        content = s["content"]
        out["statements"].append(
            {
                "doc_id": doc_id,
                "statement_id": s["id"],
                "kind": s["kind"],
                "cue_class": s.get("cue_class"),
                "speaker": s["speaker"],
                "addressee": s["addressee"],
                **_flat("cue", s["cue"]),
                **_flat("source", s["source"]),
                **_flat("via", s["via"]),
                "content_start": min(c["start"] for c in content) if content else None,
                "content_end": max(c["end"] for c in content) if content else None,
                "content_text": " … ".join(c["text"] for c in content),
                "content": content,
                "topics": s["topics"],
                "confidence": s["confidence"],
            }
        )
    for a in record["actors"]:
        out["actors"].append(
            {
                "doc_id": doc_id,
                "actor_id": a["id"],
                **{k: a[k] for k in ("name", "kind", "country", "sector")},
                **{k: a.get(k, []) for k in ("aliases", "roles", "members")},
            }
        )
        out["mentions"].extend(
            {
                "doc_id": doc_id,
                "actor_id": a["id"],
                "start_char": m["start"],
                "end_char": m["end"],
                "text": m["text"],
            }
            for m in a.get("mentions", [])
        )
    for e in record["events"]:
        out["events"].append(
            {
                "doc_id": doc_id,
                "event_id": e["id"],
                **{k: e[k] for k in ("type", "mode", "context", "actors", "recipients", "date")},
                **{k: e[k] for k in ("negated", "future", "hypothetical")},
                **_flat("trigger", e["trigger"]),
                **_flat("evidence", e["evidence"]),
                "statement_id": e.get("statement_id"),
            }
        )
    return out


def failure_row(failure: Failure) -> dict[str, Any]:
    return {
        "file": failure.file,
        "line": failure.line,
        "level": failure.level,
        "reason": failure.reason,
        "recorded_at": _now(),
    }


class Batch:
    """Rows collected for one transaction."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}

    def add(self, document: Document, record: dict[str, Any]) -> None:
        for name, table_rows in rows(document, record).items():
            self.tables[name].extend(table_rows)

    def fail(self, failure: Failure) -> None:
        self.tables["failures"].append(failure_row(failure))

    def counts(self) -> dict[str, int]:
        return {name: len(table_rows) for name, table_rows in self.tables.items()}

    def __len__(self) -> int:
        return len(self.tables["documents"])

    def __bool__(self) -> bool:
        return any(self.tables.values())

    def arrow(self) -> dict[str, pa.Table]:
        """The non-empty tables, typed by ``SCHEMAS``."""
        return {
            name: pa.Table.from_pylist(table_rows, schema=SCHEMAS[name])
            for name, table_rows in self.tables.items()
            if table_rows
        }

    def write_parquet(self, directory: Path) -> None:
        """One Parquet file per non-empty table, for a store to load later."""
        directory.mkdir(parents=True, exist_ok=True)
        for name, table in self.arrow().items():
            pq.write_table(table, directory / f"{name}.parquet")


class Store:
    """A DuckDB file holding communique's tables. Use as a context manager.

    ``read_only`` opens the store sandboxed for reading (see ``query``); a reader
    that must write files of its own (``export``) passes ``sandbox=False``.
    """

    def __init__(self, path: str | Path, read_only: bool = False, sandbox: bool = True) -> None:
        self.path = Path(path)
        existing = self.path.exists() and (self.path.is_dir() or self.path.stat().st_size > 0)
        if read_only and not existing:
            raise StoreError(f"no store at {self.path}")
        if existing and not read_only:
            Store(self.path, read_only=True).close()  # recognised before anything is written
        config = _SANDBOX if read_only and sandbox else _EXTENSIONS_OFF
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only, config=dict(config))
        except duckdb.Error as error:
            raise StoreError(f"cannot open {self.path}: {_first_line(error)}") from None
        if read_only:
            try:
                self._check()
            except StoreError:
                self.con.close()
                raise
        else:
            self._create()
        self.id: str = self._meta().get("store_id", "")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _create(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for name, schema in SCHEMAS.items():
            empty = schema.empty_table()  # noqa: F841 (read by DuckDB's replacement scan)
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} AS SELECT * FROM empty")
        for name, sql in VIEWS.items():
            self.con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
        # store_id tells this store's stage chunks from another's (stores made before
        # it existed get one the first time they are written)
        self.con.execute(
            "INSERT OR IGNORE INTO meta VALUES ('store_version', ?), ('record_schema', ?), "
            "('store_id', ?)",
            [str(STORE_VERSION), str(SCHEMA_VERSION), uuid.uuid4().hex],
        )

    def _meta(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT key, value FROM meta").fetchall())

    def _check(self) -> None:
        """Refuse a file that is not a communique store of the version this code uses."""
        not_ours = f"{self.path} is not a communique store (no communique meta table)"
        try:
            meta = self._meta()
        except duckdb.Error:
            raise StoreError(not_ours) from None
        if "store_version" not in meta:
            raise StoreError(not_ours)
        for key, ours, what in (
            ("store_version", STORE_VERSION, "store version"),
            ("record_schema", SCHEMA_VERSION, "record schema"),
        ):
            if meta.get(key, str(ours)) != str(ours):
                raise StoreError(
                    f"{self.path} has {what} {meta[key]}; this communique reads and writes "
                    f"{what} {ours}, and migrates no other"
                )

    def fingerprints(self) -> dict[str, str]:
        """doc_id -> SHA-1 of the text, for every stored document."""
        return dict(self.con.execute("SELECT doc_id, text_sha1 FROM documents").fetchall())

    def count(self, table: str) -> int:
        _check_table(table, views=True)
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def write(self, batch: Batch) -> int:
        """Store a batch in one transaction; returns the number of new documents."""
        if not batch:
            return 0
        relations = {}
        for name, table in batch.arrow().items():
            relations[name] = f"batch_{name}"
            self.con.register(f"batch_{name}", table)
        try:
            return self._insert(relations)
        finally:
            for view in relations.values():
                self.con.unregister(view)

    def load_parquet(self, directory: Path) -> int:
        """Store the tables a worker wrote to ``directory`` (see ``Batch.write_parquet``)."""
        relations = {
            name: f"read_parquet('{_quote(directory / f'{name}.parquet')}')"
            for name in TABLES
            if (directory / f"{name}.parquet").is_file()
        }
        return self._insert(relations)

    def _insert(self, relations: dict[str, str]) -> int:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            new = 0
            if "documents" in relations:
                con.execute(
                    "CREATE OR REPLACE TEMP TABLE new_ids AS SELECT DISTINCT doc_id FROM "
                    f"{relations['documents']} WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
                )
                new = con.execute("SELECT count(*) FROM new_ids").fetchone()[0]
                for name in ("documents", *RECORD_TABLES):
                    if name in relations:
                        con.execute(
                            f"INSERT INTO {name} BY NAME SELECT * FROM {relations[name]} "
                            "WHERE doc_id IN (SELECT doc_id FROM new_ids)"
                        )
            if "failures" in relations:
                con.execute(
                    f"INSERT INTO failures BY NAME SELECT * FROM {relations['failures']} b "
                    "WHERE NOT EXISTS (SELECT 1 FROM failures f WHERE f.file = b.file "
                    "AND f.line IS NOT DISTINCT FROM b.line AND f.reason = b.reason)"
                )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return new

    def export(self, table: str, out: Path, fmt: str, force: bool = False) -> int:
        """Write a table or view to ``out`` as parquet, csv or jsonl; returns the row count.

        An existing ``out`` is replaced only with ``force``.
        """
        _check_table(table, views=True)
        refuse_overwrite(out, force)
        options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}
        if fmt not in options:
            raise StoreError(f"unknown export format {fmt!r}; expected one of {', '.join(options)}")
        try:
            self.con.execute(f"COPY (SELECT * FROM {table}) TO '{_quote(out)}' ({options[fmt]})")
        except duckdb.Error as error:
            raise StoreError(f"cannot write {out}: {_first_line(error)}") from None
        return self.count(table)

    def records(self, batch_size: int = 500) -> Iterator[dict[str, Any]]:
        """The stored documents as schema-1 records, the shape ``extract`` gives."""
        ids = [r[0] for r in self.con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall()]
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            own: dict[str, dict[str, list[dict[str, Any]]]] = {
                doc_id: {name: [] for name in RECORD_TABLES} for doc_id in chunk
            }
            for name in RECORD_TABLES:
                for row in self._select(name, chunk):
                    own[row["doc_id"]][name].append(row)
            for document in sorted(self._select("documents", chunk), key=lambda r: r["doc_id"]):
                yield _record(document, own[document["doc_id"]])

    def _select(self, table: str, doc_ids: list[str]) -> list[dict[str, Any]]:
        """The rows of ``table`` for these documents, as dicts."""
        result = self.con.execute(
            f"SELECT * FROM {table} WHERE doc_id IN (SELECT unnest(?))", [doc_ids]
        )
        columns = [d[0] for d in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of one SQL statement that reads the store.

        Anything else (several statements, ATTACH, COPY, SET, INSTALL, ...) is a
        ``StoreError`` naming what is not allowed; on a read-only store DuckDB
        itself also refuses every file outside the store.
        """
        try:
            statements = duckdb.extract_statements(sql)
        except duckdb.Error as error:
            raise StoreError(_first_line(error)) from None
        if len(statements) != 1:
            raise StoreError(f"one SQL statement at a time (got {len(statements)})")
        kind = statements[0].type
        if kind not in _READ_STATEMENTS:
            raise StoreError(
                f"{kind.name} statements are not allowed: a query may only read the store "
                "(SELECT, WITH, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN)"
            )
        try:
            relation = self.con.execute(sql)
        except duckdb.Error as error:
            raise StoreError(_first_line(error)) from None
        if relation.description is None:
            return [], []
        return [d[0] for d in relation.description], relation.fetchall()


def _ordinal(record_id: str) -> int:
    """The number in an id such as "doc:s12" or "doc:a3": records keep that order."""
    tail = record_id.rpartition(":")[2].lstrip("sae")
    return int(tail) if tail.isdigit() else 0


def _span_of(row: dict[str, Any], name: str) -> dict[str, Any] | None:
    if row[f"{name}_start"] is None:
        return None
    return {key: row[f"{name}_{key}"] for key in ("start", "end", "text")}


def _record(document: dict[str, Any], rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A schema-1 record from a document's rows (the inverse of ``rows``)."""
    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in sorted(rows["mentions"], key=lambda m: (m["start_char"], m["end_char"])):
        span = {"start": m["start_char"], "end": m["end_char"], "text": m["text"]}
        mentions.setdefault(m["actor_id"], []).append(span)
    statements = [
        {
            "id": s["statement_id"],
            "doc_id": s["doc_id"],
            "kind": s["kind"],
            "cue": _span_of(s, "cue"),
            "content": s["content"],
            "source": _span_of(s, "source"),
            "speaker": s["speaker"],
            "addressee": s["addressee"],
            "via": _span_of(s, "via"),
            "topics": s["topics"],
            "confidence": s["confidence"],
            "cue_class": s["cue_class"],
        }
        for s in sorted(rows["statements"], key=lambda s: _ordinal(s["statement_id"]))
    ]
    actors = [
        {
            "id": a["actor_id"],
            **{k: a[k] for k in ("name", "kind", "country", "sector", "aliases", "roles")},
            "mentions": mentions.get(a["actor_id"], []),
            "members": a["members"],
        }
        for a in sorted(rows["actors"], key=lambda a: _ordinal(a["actor_id"]))
    ]
    events = [
        {
            "id": e["event_id"],
            "doc_id": e["doc_id"],
            **{k: e[k] for k in ("type", "mode", "context", "actors", "recipients", "date")},
            **{k: e[k] for k in ("negated", "future", "hypothetical")},
            "trigger": _span_of(e, "trigger"),
            "evidence": _span_of(e, "evidence"),
            "statement_id": e["statement_id"],
        }
        for e in sorted(rows["events"], key=lambda e: _ordinal(e["event_id"]))
    ]
    return {
        "schema": SCHEMA_VERSION,
        "doc_id": document["doc_id"],
        "text": document["text"],
        "statements": statements,
        "actors": actors,
        "events": events,
    }


def refuse_overwrite(out: Path, force: bool) -> None:
    """A ``StoreError`` if ``out`` exists and ``force`` is not given."""
    if not force and (out.exists() or out.is_symlink()):
        raise StoreError(f"{out} exists; not overwritten (pass --force to replace it)")


def _check_table(table: str, views: bool = False) -> None:
    known = (*TABLES, *VIEWS) if views else TABLES
    if table not in known:
        raise StoreError(f"unknown table {table!r}; expected one of {', '.join(known)}")


def _quote(path: Path | str) -> str:
    return str(path).replace("'", "''")


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
