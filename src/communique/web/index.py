"""The app's index: tables that spare every page a scan of the store's big tables, kept in
a sidecar DuckDB file beside the store (``<store>.index.duckdb``) and reused across starts.

- ``doc_order``: each document's row, publisher, day, and numbers of statements and events;
- ``words``: each distinct word (lower case, letters and digits) of each document's title
  and text with the document's row, sorted: a word or a word's beginning is a range of this
  table, not a scan of the texts;
- ``actor_keys``: each actor key across documents with its usual name, kind, country,
  sector (the most frequent; of equals, the first in order) and number of documents;
- ``statement_keys``: each statement's row, day (its document's), speaker and addressee
  keys, and the names of its speaker, addressee and the party it comes through (``via_actor``);
- ``event_days`` and ``event_parts``: each event's day (its own date, else its document's)
  and type; its actors' and recipients' keys and names; ``omission_parties``: the name of
  each omission's party;
- ``activity``: statements and events per actor key and month (summed when read);
- ``edges``: per day, statements from a speaker to an addressee and events from an actor to
  a recipient, between actor keys (the network, and an actor's counterparts; summed when read).

Rows point at the store's rows by ``rowid``: the tables the index reads only ever gain rows
(``Store`` appends and never updates or deletes them), so a row keeps its rowid, and the rows
a write adds are those past the last rowid the index saw.

The sidecar holds the ``fingerprint`` of the store it was built from: the store's id and
versions, this module's SQL, and per table read its number of rows, last rowid and a hash of
each row's rowid and id (any row added or removed changes it, whatever a checkpoint does to
rowids; these scans take about 0.2 s on 100,000 documents). ``attach`` reuses a sidecar whose
fingerprint matches and whose every block reads back intact, attached to the store's
connection; a missing, stale or unreadable one is rebuilt into a temporary file renamed over
it when complete. Where the sidecar cannot be
written, the index is built in memory (temporary tables on the connection). Either way the
tables are found by their bare names: the sidecar is on the connection's search path.
``update`` adds the documents stored since (an upload) to the index in place.
"""

from __future__ import annotations

import glob
import hashlib
import itertools
import json
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from communique.store import StoreError

WORD = r"[^\pL\pN]+"  # what separates words (RE2): anything but letters and digits

# The store's tables the index reads, and the columns that identify a row of each.
READS: dict[str, str] = {
    "documents": "doc_id, text_sha1",
    "statements": "statement_id",
    "actors": "actor_id",
    "events": "event_id",
    "omissions": "omission_id",
}

# Each table's SELECT. ``{documents}`` etc. are the store's rows to index (each with its
# rowid as ``row``), ``{keyed_actors}`` the actors of every key among them, and ``{at}`` is
# where the index's tables are being made (``activity`` and ``edges`` read earlier ones).
TABLES: dict[str, str] = {
    "doc_order": (
        "SELECT d.doc_id, d.row, d.published, d.publisher, "
        "coalesce(s.n, 0)::INTEGER AS statements, coalesce(e.n, 0)::INTEGER AS events "
        "FROM {documents} d "
        "LEFT JOIN (SELECT doc_id, count(*) AS n FROM {statements} GROUP BY doc_id) s "
        "USING (doc_id) "
        "LEFT JOIN (SELECT doc_id, count(*) AS n FROM {events} GROUP BY doc_id) e USING (doc_id) "
        "ORDER BY d.published DESC NULLS LAST, d.doc_id"
    ),
    "words": (
        "SELECT DISTINCT word, row FROM (SELECT d.row, unnest(regexp_split_to_array("
        f"lower(coalesce(d.title, '') || ' ' || d.text), '{WORD}')) AS word "
        "FROM {documents} d) WHERE word <> '' ORDER BY word, row"
    ),
    "actor_keys": (
        "SELECT key, mode(name ORDER BY name) AS name, mode(kind ORDER BY kind) AS kind, "
        "mode(country ORDER BY country) AS country, mode(sector ORDER BY sector) AS sector, "
        "count(DISTINCT doc_id)::INTEGER AS documents "
        "FROM {keyed_actors} WHERE key IS NOT NULL GROUP BY key ORDER BY documents DESC, key"
    ),
    "statement_keys": (
        "SELECT s.statement_id, s.row, s.doc_id, d.published AS day, "
        "s.content_start, sp.key AS speaker, ad.key AS addressee, s.speaker AS speaker_id, "
        "sp.name AS speaker_name, s.addressee AS addressee_id, ad.name AS addressee_name, "
        "s.via_actor AS via_actor_id, va.name AS via_actor_name FROM {statements} s "
        "JOIN {documents} d USING (doc_id) "
        "LEFT JOIN {actors} sp ON sp.actor_id = s.speaker "
        "LEFT JOIN {actors} ad ON ad.actor_id = s.addressee "
        "LEFT JOIN {actors} va ON va.actor_id = s.via_actor "
        "ORDER BY day DESC NULLS LAST, s.doc_id, s.content_start"
    ),
    "event_days": (
        "SELECT e.event_id, e.row, e.doc_id, "
        "coalesce(TRY_CAST(e.date AS DATE), d.published) AS day, "
        "e.type, e.trigger_start FROM {events} e JOIN {documents} d USING (doc_id) "
        "ORDER BY day DESC NULLS LAST, e.doc_id, e.trigger_start"
    ),
    "event_parts": (
        "SELECT DISTINCT p.event_id, p.role, a.key, p.actor_id, a.name FROM ("
        "SELECT event_id, 'actor' AS role, unnest(actors) AS actor_id FROM {events} UNION ALL "
        "SELECT event_id, 'recipient', unnest(recipients) FROM {events}) p "
        "JOIN {actors} a USING (actor_id) WHERE a.key IS NOT NULL ORDER BY a.key, p.role"
    ),
    "omission_parties": (
        "SELECT o.omission_id, a.name AS party_name FROM {omissions} o "
        "JOIN {actors} a ON a.actor_id = o.party"
    ),
    "activity": (
        "SELECT key, month, what, count(*)::INTEGER AS n FROM ("
        "SELECT speaker AS key, strftime(day, '%Y-%m') AS month, 'statements' AS what "
        "FROM {at}statement_keys WHERE speaker IS NOT NULL UNION ALL "
        "SELECT p.key, strftime(d.day, '%Y-%m'), 'events' FROM {at}event_parts p "
        "JOIN {at}event_days d USING (event_id) WHERE p.role = 'actor') "
        "GROUP BY ALL ORDER BY key, month"
    ),
    "edges": (
        "SELECT source, target, day, sum(statements)::INTEGER AS statements, "
        "sum(events)::INTEGER AS events FROM ("
        "SELECT speaker AS source, addressee AS target, day, 1 AS statements, 0 AS events "
        "FROM {at}statement_keys WHERE speaker IS NOT NULL AND addressee IS NOT NULL UNION ALL "
        "SELECT a.key, r.key, d.day, 0, 1 FROM {at}event_parts a "
        "JOIN {at}event_parts r ON r.event_id = a.event_id AND r.role = 'recipient' "
        "JOIN {at}event_days d ON d.event_id = a.event_id WHERE a.role = 'actor') "
        "WHERE source <> target GROUP BY ALL ORDER BY day"
    ),
}
# Tables whose rows for a key are all made again when a document adds to the key (the rest
# only gain the new documents' rows).
KEYED = {"actor_keys": "key"}
# Changes whenever the index's SQL does: a sidecar made by other SQL is stale.
VERSION = hashlib.sha1(json.dumps([READS, TABLES, KEYED]).encode()).hexdigest()[:16]
META = "index_meta"
_STORE_META = ("store_id", "store_version", "record_schema")
_DUCKDB_FILES = ("", ".wal", ".wal.checkpoint", ".wal.recovery")  # a database and its logs
# Each index gets a name of its own: stores of one file opened in one process share DuckDB's
# database, and with it what is attached.
_aliases = itertools.count(1)


@dataclass(slots=True)
class Index:
    """Where the index's tables are, and how they came to be there."""

    path: Path | None  # the sidecar; None when the index is in memory
    catalog: str  # the sidecar's name on the connection, or "temp"
    reason: str  # "reused", or why it was built
    built: bool
    seconds: float

    def table(self, name: str) -> str:
        """The full name of one of its tables."""
        return f"{self.catalog}.main.{name}"


def beside(db: Path) -> Path:
    """The sidecar's default path: ``<store>.index.duckdb``."""
    return db.with_name(f"{db.name}.index.duckdb")


def locate(db: Path, index: Path | None = None) -> Path:
    """The sidecar of the store at ``db``: ``index`` if given, else beside the store; never
    the store itself."""
    path = index or beside(db)
    if path.resolve() == db.resolve() or (path.exists() and path.samefile(db)):
        raise StoreError(f"the index cannot be the store itself ({path})")
    return path


def _temporary(path: Path) -> Path:
    return path.with_name(f"{path.name}.{os.getpid()}.tmp")


def _leftovers(path: Path) -> list[Path]:
    """The temporary files of builds of ``path`` whose process is gone (killed midway)."""
    found = []
    for candidate in path.parent.glob(f"{glob.escape(path.name)}.*.tmp"):
        pid = candidate.name[len(path.name) + 1 : -len(".tmp")]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            found.append(candidate)
    return found


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: asks whether the process exists, sends nothing
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, as another user's
    return True


def files(path: Path) -> list[Path]:
    """The files DuckDB opens for the sidecar at ``path`` (its temporary one and their logs):
    what a sandboxed store connection must still be allowed to open."""
    return [Path(f"{p}{suffix}") for p in (path, _temporary(path)) for suffix in _DUCKDB_FILES]


def fingerprint(
    con: duckdb.DuckDBPyConnection, upto: Mapping[str, int] | None = None
) -> dict[str, str]:
    """What identifies the store's indexed contents (see the module docstring); with
    ``upto``, of each table's rows up to that rowid only."""
    found = {"index": VERSION}
    found.update(
        con.execute(
            "SELECT key, value FROM main.meta WHERE key IN (SELECT unnest(?::VARCHAR[]))",
            [list(_STORE_META)],
        ).fetchall()
    )
    for table, columns in READS.items():
        where = "" if upto is None else f" WHERE rowid <= {int(upto[table])}"
        rows, last, digest = con.execute(
            "SELECT count(*), coalesce(max(rowid), -1), "
            f"coalesce(bit_xor(hash(rowid, {columns})), 0) FROM main.{table}{where}"
        ).fetchone()
        found |= {
            f"{table}.rows": str(rows),
            f"{table}.last": str(last),
            f"{table}.hash": str(digest),
        }
    return found


def _sources(since: Mapping[str, int] | None) -> dict[str, str]:
    """The store's rows to index: all, or those past the rowids of ``since``."""
    found = {}
    for table in READS:
        where = "" if since is None else f" WHERE rowid > {int(since[table])}"
        found[table] = f"(SELECT rowid AS row, * FROM main.{table}{where})"
    found["keyed_actors"] = (
        "main.actors"
        if since is None
        else f"(SELECT * FROM main.actors WHERE key IN (SELECT key FROM {found['actors']}))"
    )
    return found


def build(
    con: duckdb.DuckDBPyConnection,
    catalog: str = "temp",
    prefix: str = "",
    since: Mapping[str, int] | None = None,
) -> None:
    """Make every table of the index in ``catalog`` (``temp``: temporary tables), named with
    ``prefix``, in order; of the rows past ``since`` only, if given."""
    sources = _sources(since)
    at = f"{catalog}.main.{prefix}"
    for name, sql in TABLES.items():
        create = (
            f"CREATE OR REPLACE TEMP TABLE {prefix}{name}"
            if catalog == "temp"
            else f"CREATE OR REPLACE TABLE {at}{name}"
        )
        con.execute(f"{create} AS {sql.format(at=at, **sources)}")


def _stamp(con: duckdb.DuckDBPyConnection, index: Index, found: Mapping[str, str]) -> None:
    """Record ``found`` as the fingerprint of the store the index holds."""
    if index.catalog == "temp":
        con.execute(f"CREATE OR REPLACE TEMP TABLE {META} (key VARCHAR, value VARCHAR)")
    else:
        con.execute(f"CREATE OR REPLACE TABLE {index.table(META)} (key VARCHAR, value VARCHAR)")
    con.executemany(f"INSERT INTO {index.table(META)} VALUES (?, ?)", list(found.items()))


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _remove(path: Path, logs_only: bool = False) -> None:
    """Delete the database at ``path`` and its logs (or its logs only)."""
    for suffix in _DUCKDB_FILES[1:] if logs_only else _DUCKDB_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _detach(con: duckdb.DuckDBPyConnection, catalog: str) -> None:
    con.execute("SET search_path = 'main'")  # not naming a catalog that is gone
    con.execute(f"DETACH {catalog}")


def _intact(con: duckdb.DuckDBPyConnection, catalog: str) -> bool:
    """Whether every block of the attached index reads back as written: DuckDB checks each
    block's checksum when it reads it, and a query reads only what it needs, so every value
    of every table is read once here (0.25 s for the index of 100,000 documents)."""
    try:
        for name in TABLES:
            con.execute(f"SELECT bit_xor(hash(COLUMNS(*))) FROM {catalog}.main.{name}").fetchall()
    except duckdb.Error:
        return False
    return True


def _attach(con: duckdb.DuckDBPyConnection, path: Path, catalog: str, writable: bool) -> str | None:
    """Attach the sidecar at ``path`` as ``catalog`` if it holds this store's index (then
    None); else leave it detached and say why not."""
    if not path.exists():
        return "missing"
    mode = "READ_WRITE" if writable else "READ_ONLY"
    try:
        con.execute(f"ATTACH '{_quote(path.absolute())}' AS {catalog} ({mode})")
    except (duckdb.Error, OSError):
        return "unreadable"
    try:
        stored = dict(con.execute(f"SELECT key, value FROM {catalog}.main.{META}").fetchall())
    except duckdb.CatalogException:  # no fingerprint: another database, or an empty one
        (tables,) = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = ?", [catalog]
        ).fetchone()
        why = "not an index" if tables else "unreadable"
    except duckdb.Error:
        why = "unreadable"
    else:
        why = None
        if stored.get("index") != VERSION:
            why = "made by another version of communique"
        elif stored != fingerprint(con):
            why = "the store has changed"
        elif not _intact(con, catalog):
            why = "unreadable"
    if why:
        _detach(con, catalog)
    return why


def _write(con: duckdb.DuckDBPyConnection, path: Path, catalog: str, writable: bool) -> None:
    """Build the index into a temporary file, rename it to ``path`` and attach it."""
    temporary = _temporary(path)
    for left in [temporary, *_leftovers(path)]:
        _remove(left)
    found = fingerprint(con)
    try:
        con.execute(f"ATTACH '{_quote(temporary.absolute())}' AS {catalog} (READ_WRITE)")
        try:
            build(con, catalog)
            _stamp(con, Index(temporary, catalog, "", True, 0.0), found)
        finally:
            _detach(con, catalog)
        _remove(path, logs_only=True)  # a log of the file replaced is not this one's
        temporary.replace(path)
    except BaseException:
        _remove(temporary)
        raise
    why = _attach(con, path, catalog, writable)
    if why:
        raise duckdb.IOException(f"the index just written is {why}")


def _search(con: duckdb.DuckDBPyConnection, index: Index) -> None:
    """Let the index's tables be named bare on this connection."""
    path = "main" if index.catalog == "temp" else f"main,{index.catalog}"
    con.execute(f"SET search_path = '{path}'")


def _in_memory(con: duckdb.DuckDBPyConnection, reason: str) -> Index:
    index = Index(None, "temp", reason, True, 0.0)
    found = fingerprint(con)
    build(con)
    _stamp(con, index, found)
    return index


def attach(
    con: duckdb.DuckDBPyConnection,
    path: Path | None,
    writable: bool = False,
    rebuild: bool = False,
    say: Callable[[str], None] = lambda _: None,
) -> Index:
    """The index of the store open on ``con``: the sidecar at ``path`` reused if it is this
    store's (and ``rebuild`` is not asked), else built (there, or in memory if it cannot be
    written or ``path`` is None); ``writable`` for a connection that will write the store
    (``update``). ``say`` gets one line on what was done and why."""
    started = time.perf_counter()
    catalog = f"communique_index_{next(_aliases)}"
    if path is None:
        index = _in_memory(con, "in memory")
    else:
        reason = _attach(con, path, catalog, writable)
        if reason is None and rebuild:
            _detach(con, catalog)
            reason = "asked to build it again"
        if reason is None:
            index = Index(path, catalog, "reused", False, 0.0)
            say(f"index {path}: up to date, reused")
        elif reason == "not an index":
            say(f"warning: {path} is not a communique index: left untouched; indexing in memory")
            index = _in_memory(con, reason)
        else:
            say(f"index {path}: {reason}; building it …")
            try:
                _write(con, path, catalog, writable)
                index = Index(path, catalog, reason, True, 0.0)
            except (duckdb.Error, OSError) as error:
                say(
                    f"warning: cannot write the index {path} ({_first_line(error)}); "
                    "indexing in memory"
                )
                index = _in_memory(con, f"{reason}; cannot be written")
    _search(con, index)
    index.seconds = time.perf_counter() - started
    return index


def update(
    con: duckdb.DuckDBPyConnection, index: Index, say: Callable[[str], None] = lambda _: None
) -> str:
    """Bring the index up to the store after a write: the rows of the documents stored since
    are added (``actor_keys`` made again for their keys), in one transaction with the new
    fingerprint; anything but added documents has it built again. Says which it did."""
    stored = dict(con.execute(f"SELECT key, value FROM {index.table(META)}").fetchall())
    now = fingerprint(con)
    if now == stored:
        return "unchanged"
    since = {table: int(stored[f"{table}.last"]) for table in READS}
    same = all(now.get(key) == stored.get(key) for key in ("index", *_STORE_META))
    if not same or fingerprint(con, upto=since) != stored:
        say("index: the store changed other than by added documents; building it again")
        if index.path is not None:
            _detach(con, index.catalog)
            try:
                _write(con, index.path, index.catalog, writable=True)
            except (duckdb.Error, OSError) as error:
                say(
                    f"warning: cannot write the index {index.path} ({_first_line(error)}); "
                    "indexing in memory"
                )
                index.path, index.catalog = None, "temp"
        if index.path is None:
            build(con)
            _stamp(con, index, now)
        _search(con, index)
        return "rebuilt"
    build(con, "temp", "new_", since)  # the new documents' rows, staged
    con.execute("BEGIN TRANSACTION")
    try:
        for name in TABLES:
            if name in KEYED:
                key = KEYED[name]
                con.execute(
                    f"DELETE FROM {index.table(name)} WHERE {key} IN "
                    f"(SELECT {key} FROM temp.main.new_{name})"
                )
            con.execute(f"INSERT INTO {index.table(name)} SELECT * FROM temp.main.new_{name}")
        con.execute(f"DELETE FROM {index.table(META)}")
        con.executemany(f"INSERT INTO {index.table(META)} VALUES (?, ?)", list(now.items()))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in TABLES:
            con.execute(f"DROP TABLE IF EXISTS temp.main.new_{name}")
    return "updated"


def words(query: str) -> list[str]:
    """The words of a search (at most 10), as the index holds them: lower case, letters and
    digits."""
    return [w for w in re.split(r"[\W_]+", query.lower()) if w][:10]
