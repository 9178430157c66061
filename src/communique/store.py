"""The embedded store: one DuckDB file, one table per record type.

Tables: ``documents``, ``statements``, ``actors``, ``mentions``, ``events`` and
``failures`` (plus ``meta``, which records the schema version), and the views
``who_said_what`` and ``who_did_what`` with actor names in place of ids. Each table
is derived from its record's fields (``LAYOUTS``): spans are flattened into
``<name>_start``, ``<name>_end`` and ``<name>_text`` columns, so every field keeps
its character offsets into ``documents.text``, and a record read back from its rows
is the record that was stored (``Store.records``).

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

import dataclasses
import datetime as dt
import string
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import EllipsisType, UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from communique.ingest.dates import parse_date
from communique.ingest.fields import text_sha1
from communique.records import (
    FORMAT,
    SCHEMA_VERSION,
    Account,
    Actor,
    Alignment,
    Divergence,
    Document,
    Event,
    Failure,
    Narration,
    Omission,
    Record,
    Span,
    Statement,
    Story,
)

# The store's own layout version; bump it when a table changes (tests/test_store.py pins them),
# and say in MIGRATIONS how a store of the version before becomes this one.
STORE_VERSION = 4
DEFAULT_DB = "communique.duckdb"

# --- the tables, derived from the records' fields ---------------------------------------------
# A field's type gives its Arrow type; a span is kept in three columns (<name>_start, _end,
# _text), a list of spans or records as a list of structs. What the store adds to the
# records' fields (extra columns, column order, renames, the mentions table) is declared
# once, in LAYOUTS.

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int32(),
    float: pa.float64(),
    bool: pa.bool_(),
}


def _typed_fields(record: type[Record]) -> list[tuple[dataclasses.Field[Any], Any]]:
    """A record type's fields with their types."""
    hints = get_type_hints(record)
    return [(field, hints[field.name]) for field in dataclasses.fields(record)]


def _required(hint: Any) -> Any:
    """A field's type without its ``| None``."""
    if get_origin(hint) in (Union, UnionType):
        (hint,) = (arg for arg in get_args(hint) if arg is not type(None))
    return hint


def _arrow(hint: Any) -> pa.DataType:
    """The Arrow type of a record field's type."""
    hint = _required(hint)
    if hint is Span:
        return SPAN
    if get_origin(hint) is list:
        return pa.list_(_arrow(get_args(hint)[0]))
    if get_origin(hint) is Literal:
        return _SCALARS[type(get_args(hint)[0])]
    if dataclasses.is_dataclass(hint):  # a record inside a record (Account.narration)
        return pa.struct([(f.name, _arrow(h)) for f, h in _typed_fields(hint)])
    return _SCALARS[hint]


SPAN = pa.struct([(f.name, _arrow(hint)) for f, hint in _typed_fields(Span)])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _date(value: str | None) -> dt.date | None:
    """An ISO date as a DATE; None for none, or one that cannot be read."""
    try:
        return parse_date(value, iso_only=True) if value else None
    except ValueError:
        return None


def _value(item: Mapping[str, Any], field: dataclasses.Field[Any]) -> Any:
    """A field's value in a record's dict; its default if the dict was made before the field."""
    if field.name in item:
        return item[field.name]
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    if field.default is not dataclasses.MISSING:
        return field.default
    raise KeyError(field.name)


@dataclass(frozen=True, slots=True)
class Stored:
    """A record field in a table: one column, or three for a span (``<column>_start``, ...)."""

    field: dataclasses.Field[Any]
    column: str
    type: pa.DataType

    @property
    def date(self) -> bool:
        """An ISO date string, kept as a DATE."""
        return self.field.metadata.get(FORMAT) == "date"

    def columns(self) -> list[pa.Field]:
        if self.type == SPAN:
            return [pa.field(f"{self.column}_{part.name}", part.type) for part in SPAN]
        return [pa.field(self.column, pa.date32() if self.date else self.type)]

    def put(self, item: Mapping[str, Any]) -> dict[str, Any]:
        """The field's columns in the row of a record's dict."""
        value = _value(item, self.field)
        if self.type == SPAN:
            return {f"{self.column}_{part}": (value or {}).get(part) for part in SPAN.names}
        return {self.column: _date(value) if self.date else value}

    def take(self, row: Mapping[str, Any]) -> Any:
        """The field's value in a record's dict, from its row (the inverse of ``put``)."""
        if self.type == SPAN:
            if row[f"{self.column}_start"] is None:
                return None
            return {part: row[f"{self.column}_{part}"] for part in SPAN.names}
        value = row[self.column]
        return value.isoformat() if self.date and value is not None else value


@dataclass(frozen=True, slots=True)
class Extra:
    """A column the store adds to a record's fields, computed from the record's dict."""

    name: str
    type: pa.DataType
    value: Callable[[Mapping[str, Any]], Any] | None = None  # None: the dict's own key

    def columns(self) -> list[pa.Field]:
        return [pa.field(self.name, self.type)]

    def put(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {self.name: item[self.name] if self.value is None else self.value(item)}


def _ordinal(record_id: str) -> int:
    """The number in an id such as "doc:s12" or "doc:a3": records keep that order."""
    tail = record_id.rpartition(":")[2].lstrip(string.ascii_lowercase)
    return int(tail) if tail.isdigit() else 0


class Layout:
    """A record type as a table: its fields and the store's extras, in column order.

    ``order`` names fields and places extras; ``...`` stands for the fields it does not
    name, in the record's order. ``renamed`` gives a field its column name (a span's
    columns take it as their prefix); ``elsewhere`` names fields kept in another table.
    """

    def __init__(
        self,
        record: type[Record],
        *order: str | Extra | EllipsisType,
        renamed: Mapping[str, str] | None = None,
        elsewhere: tuple[str, ...] = (),
    ) -> None:
        renamed = renamed or {}
        typed = {f.name: (f, hint) for f, hint in _typed_fields(record)}
        named = {part for part in order if isinstance(part, str)}
        rest = [name for name in typed if name not in named and name not in elsewhere]
        if rest and ... not in order:
            raise ValueError(f"{record.__name__} fields with no column: {', '.join(rest)}")
        self.parts: list[Stored | Extra] = []
        for part in order:
            for name in rest if part is ... else [part]:
                if isinstance(name, Extra):
                    self.parts.append(name)
                else:
                    field, hint = typed[name]
                    self.parts.append(Stored(field, renamed.get(name, name), _arrow(hint)))
        self.fields: dict[str, Stored] = {
            p.field.name: p for p in self.parts if isinstance(p, Stored)
        }
        self.names = list(typed)
        self.key = renamed.get("id", "id")  # the column of the record's id
        self.schema = pa.schema([column for part in self.parts for column in part.columns()])

    def row(self, item: Mapping[str, Any]) -> dict[str, Any]:
        """The table row of a record's dict."""
        row: dict[str, Any] = {}
        for part in self.parts:
            row.update(part.put(item))
        return row

    def record(self, row: Mapping[str, Any], **elsewhere: Any) -> dict[str, Any]:
        """A record's dict from its row and the fields kept elsewhere, in field order."""
        return {
            name: elsewhere[name] if name in elsewhere else self.fields[name].take(row)
            for name in self.names
        }

    def in_order(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Rows in their records' order: by the number in their ids ("doc:s12")."""
        return sorted(rows, key=lambda row: _ordinal(row[self.key]))


# The whole content of a statement at a glance: where it starts and ends, its pieces joined.
def _content_start(statement: Mapping[str, Any]) -> int | None:
    return min((span["start"] for span in statement["content"]), default=None)


def _content_end(statement: Mapping[str, Any]) -> int | None:
    return max((span["end"] for span in statement["content"]), default=None)


def _content_text(statement: Mapping[str, Any]) -> str:
    return " … ".join(span["text"] for span in statement["content"])


_DOC_ID = Extra("doc_id", pa.string())  # of an actor or a mention
_STORY_ID = Extra("story_id", pa.string())  # of an account or a divergence


@dataclass(slots=True)
class Linked(Record):
    """A document whose events have been linked into the stories."""

    doc_id: str


LAYOUTS: dict[str, Layout] = {
    "documents": Layout(
        Document,
        "id",
        ...,
        Extra("chars", pa.int32(), lambda d: len(d["text"])),
        Extra("text_sha1", pa.string(), lambda d: text_sha1(d["text"])),
        "text",
        Extra("ingested_at", pa.timestamp("s"), lambda _: _now()),
        "issuer",
        renamed={"id": "doc_id"},
    ),
    "statements": Layout(
        Statement,
        *("doc_id", "id", "kind", "cue_class", "speaker", "addressee", "cue", "source", "via"),
        Extra("content_start", pa.int32(), _content_start),
        Extra("content_end", pa.int32(), _content_end),
        Extra("content_text", pa.string(), _content_text),
        ...,
        renamed={"id": "statement_id"},
    ),
    "actors": Layout(Actor, _DOC_ID, ..., renamed={"id": "actor_id"}, elsewhere=("mentions",)),
    "mentions": Layout(  # Actor.mentions, one row each
        Span,
        _DOC_ID,
        Extra("actor_id", pa.string()),
        ...,
        renamed={"start": "start_char", "end": "end_char"},
    ),
    "events": Layout(Event, "doc_id", "id", ..., renamed={"id": "event_id"}),
    "omissions": Layout(Omission, "doc_id", "id", ..., renamed={"id": "omission_id"}),
    # Stories: computed over documents, not of one; updated after each ingest.
    "stories": Layout(
        Story,
        "id",
        ...,
        renamed={"id": "story_id"},
        elsewhere=("accounts", "divergence", "alignments"),
    ),
    "story_accounts": Layout(Account, _STORY_ID, ...),  # Story.accounts, one row each
    "story_divergence": Layout(Divergence, _STORY_ID, ...),  # Story.divergence
    "story_alignments": Layout(Alignment, _STORY_ID, ...),  # Story.alignments
    "linked_documents": Layout(Linked, "doc_id"),
    "failures": Layout(
        Failure,
        *("file", "line", "level"),
        ...,
        Extra("recorded_at", pa.timestamp("s"), lambda _: _now()),
    ),
}
SCHEMAS: dict[str, pa.Schema] = {name: layout.schema for name, layout in LAYOUTS.items()}
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
# the tables that hang off a document
RECORD_TABLES = ("statements", "actors", "mentions", "events", "omissions")
STORY_TABLES = ("stories", "story_accounts", "story_divergence", "story_alignments")
# Story fields kept in tables of their own, with the record type of their rows.
_STORY_PARTS = {
    "accounts": "story_accounts",
    "divergence": "story_divergence",
    "alignments": "story_alignments",
}

# Every connection: no extension is installed or loaded behind the caller's back.
_EXTENSIONS_OFF = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
# A reader's connection also has no file system beyond the store (no ATTACH, COPY,
# EXPORT, read_csv, glob, ...) and a configuration that SET and PRAGMA cannot change.
_SANDBOX = {**_EXTENSIONS_OFF, "enable_external_access": False, "lock_configuration": True}
# A reader connects with this and is then sandboxed (``_sandbox``); the mark keeps it from
# sharing DuckDB's instance of the file with a connection of this process that is not.
_READER = {**_EXTENSIONS_OFF, "custom_user_agent": "communique-reader"}
# What a reader may run: SELECT (with WITH, FROM-first, VALUES, SHOW, DESCRIBE and
# SUMMARIZE, which DuckDB parses as SELECT) and EXPLAIN.
_READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


class StoreError(RuntimeError):
    """The store cannot be opened or written (locked, another schema version, ...)."""


def rows(document: Document, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The table rows of one processed document (pure: no store needed)."""
    doc_id, actors = record["doc_id"], record["actors"]
    items = {
        "documents": [{**document.to_dict(), "id": doc_id, "issuer": record.get("issuer")}],
        "statements": record["statements"],
        "actors": [{"doc_id": doc_id, **actor} for actor in actors],
        "mentions": [
            {"doc_id": doc_id, "actor_id": actor["id"], **mention}
            for actor in actors
            for mention in actor.get("mentions", [])
        ],
        "events": record["events"],
        "omissions": record.get("omissions", []),
    }
    return {name: [LAYOUTS[name].row(item) for item in found] for name, found in items.items()}


def failure_row(failure: Failure) -> dict[str, Any]:
    return LAYOUTS["failures"].row(failure.to_dict())


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
    that must write files of its own (``export``) passes ``sandbox=False``, one that needs
    a few (the web app's index) names them in ``allowed``.
    """

    def __init__(
        self,
        path: str | Path,
        read_only: bool = False,
        sandbox: bool = True,
        allowed: Sequence[Path] = (),
    ) -> None:
        self.path = Path(path)
        existing = self.path.exists() and (self.path.is_dir() or self.path.stat().st_size > 0)
        if read_only and not existing:
            raise StoreError(f"no store at {self.path}")
        if existing and not read_only:
            Store(self.path, read_only=True).close()  # recognised before anything is written
        sandboxed = read_only and sandbox
        config = _READER if sandboxed else _EXTENSIONS_OFF
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only, config=dict(config))
            if sandboxed:
                _sandbox(self.con, allowed)
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
        found = meta["store_version"]
        if found.isdigit() and int(found) in MIGRATIONS:
            raise StoreError(
                f"{self.path} has store version {found}; this communique reads and writes "
                f"version {STORE_VERSION}: `communique migrate --db {self.path}` brings it "
                "there (nothing stored is lost)"
            )
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
            yield from self.records_of(ids[start : start + batch_size])

    def records_of(
        self, doc_ids: list[str], tables: tuple[str, ...] = RECORD_TABLES
    ) -> list[dict[str, Any]]:
        """The records of these stored documents, by doc_id; of the record tables only
        ``tables`` are read (the others' fields come back empty: linking needs no mentions)."""
        own: dict[str, dict[str, list[dict[str, Any]]]] = {
            doc_id: {name: [] for name in RECORD_TABLES} for doc_id in doc_ids
        }
        for name in tables:
            for row in self._select(name, doc_ids):
                own[row["doc_id"]][name].append(row)
        documents = sorted(self._select("documents", doc_ids), key=lambda r: r["doc_id"])
        return [_record(document, own[document["doc_id"]]) for document in documents]

    def published(self, doc_ids: list[str]) -> dict[str, str | None]:
        """The publication dates (ISO) of these documents."""
        found = self.con.execute(
            "SELECT doc_id, published FROM documents WHERE doc_id IN (SELECT unnest(?))",
            [doc_ids],
        ).fetchall()
        return {doc_id: day.isoformat() if day else None for doc_id, day in found}

    # -- stories ------------------------------------------------------------------------------

    def unlinked(self) -> list[str]:
        """The documents stored but not yet linked into the stories."""
        return [
            row[0]
            for row in self.con.execute(
                "SELECT doc_id FROM documents WHERE doc_id NOT IN "
                "(SELECT doc_id FROM linked_documents) ORDER BY 1"
            ).fetchall()
        ]

    def documents_near(self, days: list[dt.date], window: int) -> list[str]:
        """The documents published, or with an event dated, within ``window`` days of one of
        ``days``: where the reports of the same events can be."""
        if not days:
            return []
        result = self.con.execute(
            "WITH days AS (SELECT unnest(?::DATE[]) AS day), "
            "dated AS (SELECT doc_id, published AS day FROM documents "
            "UNION ALL SELECT doc_id, TRY_CAST(date AS DATE) FROM events) "
            "SELECT DISTINCT dated.doc_id FROM dated JOIN days "
            "ON abs(date_diff('day', dated.day, days.day)) <= ? ORDER BY 1",
            [sorted(set(days)), window],
        )
        return [row[0] for row in result.fetchall()]

    def replace_stories(
        self, stories: list[Story], documents: list[str], linked: list[str]
    ) -> None:
        """In one transaction: drop the stories that hold any of ``documents``, store
        ``stories`` (with their accounts and divergence) and mark ``linked`` as linked."""
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in STORY_TABLES}
        for story in stories:
            item = story.to_dict()
            rows["stories"].append(LAYOUTS["stories"].row(item))
            for key, name in _STORY_PARTS.items():
                layout = LAYOUTS[name]
                rows[name] += [layout.row({"story_id": story.id, **part}) for part in item[key]]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            gone = "SELECT story_id FROM stories WHERE list_has_any(documents, ?::VARCHAR[])"
            for name in _STORY_PARTS.values():
                con.execute(f"DELETE FROM {name} WHERE story_id IN ({gone})", [documents])
            con.execute(f"DELETE FROM stories WHERE story_id IN ({gone})", [documents])
            for name, found in rows.items():
                con.register("new_rows", pa.Table.from_pylist(found, schema=SCHEMAS[name]))
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM new_rows")
                con.unregister("new_rows")
            done = pa.Table.from_pylist(  # noqa: F841
                [{"doc_id": d} for d in linked], schema=SCHEMAS["linked_documents"]
            )
            con.execute(
                "INSERT INTO linked_documents SELECT * FROM done "
                "WHERE doc_id NOT IN (SELECT doc_id FROM linked_documents)"
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def stories(self) -> list[Story]:
        """The stored stories, by date, with their accounts and divergence."""
        records = {"accounts": Account, "divergence": Divergence, "alignments": Alignment}
        parts: dict[str, dict[str, list[Any]]] = {}
        for key, name in _STORY_PARTS.items():
            layout = LAYOUTS[name]
            for row in self._rows(f"SELECT * FROM {name} ORDER BY rowid"):
                found = parts.setdefault(row["story_id"], {k: [] for k in _STORY_PARTS})
                part = layout.record(row)
                if key == "accounts":
                    part["narration"] = [Narration(**n) for n in part["narration"] or []]
                found[key].append(records[key](**part))
        layout = LAYOUTS["stories"]
        stories = []
        for row in self._rows("SELECT * FROM stories ORDER BY date NULLS LAST, story_id"):
            elsewhere = parts.get(row["story_id"], {k: [] for k in _STORY_PARTS})
            stories.append(Story(**layout.record(row, **elsewhere)))
        return stories

    def _rows(self, sql: str, parameters: list[Any] | None = None) -> list[dict[str, Any]]:
        """The rows a query gives, as dicts."""
        result = self.con.execute(sql, parameters)
        columns = [d[0] for d in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

    def _select(self, table: str, doc_ids: list[str]) -> list[dict[str, Any]]:
        """The rows of ``table`` for these documents, as dicts."""
        return self._rows(f"SELECT * FROM {table} WHERE doc_id IN (SELECT unnest(?))", [doc_ids])

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


def _record(document: dict[str, Any], rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A schema-1 record from a document's rows (the inverse of ``rows``)."""
    mentions: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(rows["mentions"], key=lambda m: (m["start_char"], m["end_char"])):
        mentions.setdefault(row["actor_id"], []).append(LAYOUTS["mentions"].record(row))

    statements, actors, events, omissions = (
        LAYOUTS[name] for name in ("statements", "actors", "events", "omissions")
    )
    return {
        "schema": SCHEMA_VERSION,
        "doc_id": document["doc_id"],
        "text": document["text"],
        "issuer": document["issuer"],
        "statements": [statements.record(s) for s in statements.in_order(rows["statements"])],
        "actors": [
            actors.record(a, mentions=mentions.get(a["actor_id"], []))
            for a in actors.in_order(rows["actors"])
        ],
        "events": [events.record(e) for e in events.in_order(rows["events"])],
        "omissions": [omissions.record(o) for o in omissions.in_order(rows["omissions"])],
    }


# --- migrations: how a store of one version becomes the next ---------------------------------


def _add_missing(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Add the tables and columns of this version that a store lacks (for additive
    changes, whose new columns come last); returns what was added."""
    added = []
    tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    for name, schema in SCHEMAS.items():
        empty = schema.empty_table()  # noqa: F841 (read by DuckDB's replacement scan)
        if name not in tables:
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM empty")
            added.append(f"table {name}")
            continue
        have = {row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()}
        types = {row[0]: row[1] for row in con.execute("DESCRIBE SELECT * FROM empty").fetchall()}
        for column in schema.names:
            if column not in have:
                con.execute(f'ALTER TABLE {name} ADD COLUMN "{column}" {types[column]}')
                added.append(f"{name}.{column}")
    return added


# A store of version N becomes version N + 1 by MIGRATIONS[N].
# 1 -> 2, readouts and stories: Actor.key, Statement.parent and .via_actor,
# Event.date_expression and .initiator, Document.issuer, the omissions table.
# 2 -> 3, stories: the stories, story_accounts, story_divergence and linked_documents tables.
# 3 -> 4, stories: Account.narration (the press's), Story.topics.
MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], list[str]]] = {
    1: _add_missing,
    2: _add_missing,
    3: _add_missing,
}


def _store_version(path: Path) -> int:
    """The version of the store at ``path``, read without writing to it."""
    try:
        con = duckdb.connect(str(path), read_only=True, config=dict(_SANDBOX))
    except duckdb.Error as error:
        raise StoreError(f"cannot open {path}: {_first_line(error)}") from None
    try:
        found = dict(con.execute("SELECT key, value FROM meta").fetchall())["store_version"]
    except (duckdb.Error, KeyError):
        raise StoreError(f"{path} is not a communique store (no communique meta table)") from None
    finally:
        con.close()
    if not found.isdigit() or not (int(found) in MIGRATIONS or int(found) == STORE_VERSION):
        raise StoreError(f"{path} has store version {found}, which this communique cannot migrate")
    return int(found)


def migrate(path: str | Path) -> list[str]:
    """Bring a communique store of an older version to this one, one transaction per step;
    returns what the steps added (nothing for a store already of this version). Anything
    else is refused before the file is opened for writing."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"no store at {path}")
    found = _store_version(path)
    if found == STORE_VERSION:
        return []
    try:
        con = duckdb.connect(str(path), config=dict(_EXTENSIONS_OFF))
    except duckdb.Error as error:
        raise StoreError(f"cannot open {path}: {_first_line(error)}") from None
    added: list[str] = []
    try:
        for version in range(found, STORE_VERSION):
            con.execute("BEGIN TRANSACTION")
            try:
                added += MIGRATIONS[version](con)
                for name, sql in VIEWS.items():
                    con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
                con.execute(
                    "UPDATE meta SET value = ? WHERE key = 'store_version'", [str(version + 1)]
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
    finally:
        con.close()
    return added


def _sandbox(con: duckdb.DuckDBPyConnection, allowed: Sequence[Path]) -> None:
    """``_SANDBOX`` set on a reader's connection, with the files in ``allowed`` still open to
    it (DuckDB refuses ``allowed_paths`` given with external access off at connect). A store
    this process has open already shares the connection's database: it is sandboxed, with the
    files that store allowed."""
    (locked,) = con.execute("SELECT current_setting('lock_configuration')").fetchone()
    if not locked:
        if allowed:
            con.execute("SET allowed_paths = ?", [[str(p.absolute()) for p in allowed]])
        for name, value in _SANDBOX.items():
            con.execute(f"SET {name} = {str(value).lower()}")


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
