"""What the web app reads from the store: plain SQL over its tables and the app's index
(``communique.web.index``), one page at a time.

Every list takes ``limit`` and ``offset`` and returns one page (``Page``: its rows and
whether more follow): the page's rows are found in the index first, then their text and
names read for those rows only. Actors are grouped across documents by ``Actor.key``; a
statement is dated by its document, an event by its own date when it has one, else by its
document's. The reader holds one connection and answers one query at a time (DuckDB
parallelises each query itself); the index is attached (or built) when the reader is made
and brought up to date after each write.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.compare import report
from communique.records import Account, Alignment, Divergence, Narration, Story
from communique.store import LAYOUTS, Store
from communique.web import index

SNIPPET = 220  # characters of text around a search match


@dataclass(slots=True)
class Page:
    """One page of a list: its rows, where it starts, and whether more follow."""

    items: list[dict[str, Any]]
    offset: int
    limit: int
    more: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "offset": self.offset,
            "limit": self.limit,
            "next_offset": self.offset + self.limit if self.more else None,
            **self.extra,
        }


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


class Reader:
    """Queries for the pages and the API over one store (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        read_only: bool = True,
        index_path: Path | None = None,
        say: Callable[[str], None] = lambda _: None,
    ) -> None:
        """``index_path``: the index's sidecar file (``index.attach``; None: in memory)."""
        self.store = store
        self.read_only = read_only
        self._lock = threading.Lock()
        self._say = say
        self.index = index.attach(store.con, index_path, writable=not read_only, say=say)
        self.index_seconds = self.index.seconds
        self.last_update, self.update_seconds = "", 0.0  # what the last write did to the index

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        with self._lock:
            yield self.store.con

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store, for a write, with no query running meanwhile; the index is brought up
        to date after it (``index.update``: the documents added, appended)."""
        if self.read_only:
            raise RuntimeError("the store is open read-only")
        with self._lock:
            try:
                yield self.store
            finally:
                started = time.perf_counter()
                self.last_update = index.update(self.store.con, self.index, self._say)
                self.update_seconds = time.perf_counter() - started

    def rows(self, sql: str, parameters: list[Any] | None = None) -> list[dict[str, Any]]:
        """The rows of a query as dicts, dates as ISO strings."""
        with self._connection() as con:
            result = con.execute(sql, parameters or [])
            columns = [d[0] for d in result.description]
            found = result.fetchall()
        return [{c: _iso(v) for c, v in zip(columns, row, strict=True)} for row in found]

    def _page(self, sql: str, parameters: list[Any], limit: int, offset: int) -> Page:
        found = self.rows(f"{sql} LIMIT ? OFFSET ?", [*parameters, limit + 1, offset])
        return Page(found[:limit], offset, limit, more=len(found) > limit)

    # -- documents ------------------------------------------------------------------------------

    def documents(
        self,
        q: str | None = None,
        publisher: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page:
        """Documents whose title or text has every word of ``q`` (a word or the beginning of
        one: "minist" finds "minister" and "ministry"), newest first, each with a snippet
        around the first word found. A ``q`` with no letter or digit matches as written."""
        where, parameters = ["TRUE"], []
        found = index.words(q or "")
        for word in found:
            where.append("o.row IN (SELECT row FROM words WHERE word >= ? AND word < ?)")
            parameters += [word, word + "\U0010ffff"]
        if q and not found:
            where.append(
                "o.doc_id IN (SELECT doc_id FROM documents WHERE text ILIKE ? ESCAPE '\\' "
                "OR title ILIKE ? ESCAPE '\\')"
            )
            parameters += [_like(q), _like(q)]
        if publisher:
            where.append("o.publisher = ?")
            parameters.append(publisher)
        where, parameters = _dated("o.published", where, parameters, date_from, date_to)
        page = self._page(
            "SELECT o.doc_id, o.row, o.statements, o.events FROM doc_order o "
            f"WHERE {' AND '.join(where)} ORDER BY o.published DESC NULLS LAST, o.doc_id",
            parameters,
            limit,
            offset,
        )
        first = found[0] if found else (q or "")
        at = "greatest(coalesce(nullif(instr(lower(d.text), ?), 0), 1) - 80, 1)"
        texts = {
            row["doc_id"]: row
            for row in self.rows(
                "SELECT d.doc_id, d.title, d.publisher, d.published, d.url, d.chars, d.issuer, "
                f"substr(d.text, {at}, {SNIPPET}) AS snippet, {at} > 1 AS snippet_cut "
                "FROM documents d WHERE d.rowid = ANY(?::BIGINT[])",
                [first.lower(), first.lower(), [row["row"] for row in page.items]],
            )
        }
        page.items = [
            {**texts[row["doc_id"]], "statements": row["statements"], "events": row["events"]}
            for row in page.items
        ]
        return page

    def publishers(self) -> list[str]:
        return [
            r["publisher"]
            for r in self.rows(
                "SELECT DISTINCT publisher FROM doc_order WHERE publisher IS NOT NULL ORDER BY 1 "
                "LIMIT 500"
            )
        ]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A document with its statements, actors, events and omissions (the schema-1
        record) and its metadata; None if it is not stored."""
        with self._connection():
            found = self.store.records_of([doc_id])
        if not found:
            return None
        (meta,) = self.rows(
            "SELECT doc_id, title, publisher, published, url, source, chars, issuer "
            "FROM documents WHERE doc_id = ?",
            [doc_id],
        )
        record = found[0]
        stories = self.rows(
            "SELECT story_id, type, mode, participants, date FROM stories "
            "WHERE list_contains(documents, ?) ORDER BY date, story_id",
            [doc_id],
        )
        return {**meta, **record, "stories": stories}

    # -- actors ---------------------------------------------------------------------------------

    def actors(self, q: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        """Actors across documents, by key, the most reported first; ``q`` in a name."""
        where, parameters = "TRUE", []
        if q:
            where = "(name ILIKE ? ESCAPE '\\' OR key ILIKE ? ESCAPE '\\')"
            parameters = [_like(q), _like(q)]
        return self._page(
            "SELECT key, name, kind, country, sector, documents FROM actor_keys "
            f"WHERE {where} ORDER BY documents DESC, key",
            parameters,
            limit,
            offset,
        )

    def actor(self, key: str) -> dict[str, Any] | None:
        """One actor across documents: its names, counts, statements and events per month,
        and its counterparts (whom it addressed or acted on, and who addressed or acted on
        it); None if no document has it."""
        found = self.rows(
            "SELECT name, kind, country, sector, documents FROM actor_keys WHERE key = ?", [key]
        )
        if not found:
            return None
        names = self.rows(
            "SELECT name, count(*) AS n FROM actors WHERE key = ? GROUP BY name "
            "ORDER BY n DESC, name LIMIT 20",
            [key],
        )
        months = self.rows(
            "SELECT month, what, sum(n)::INTEGER AS n FROM activity WHERE key = ? GROUP BY ALL "
            "ORDER BY month NULLS LAST, what",
            [key],
        )
        return {
            "key": key,
            **found[0],
            "names": [row["name"] for row in names],
            "months": months,
            "counterparts": self.named(self.counterparts(key)),
        }

    def named(self, rows: list[dict[str, Any]], column: str = "key") -> list[dict[str, Any]]:
        """Rows with the name most documents give the actor of their ``column`` key."""
        keys = sorted({r[column] for r in rows if r[column]})
        names = {
            r["key"]: r["name"]
            for r in self.rows(
                "SELECT key, name FROM actor_keys WHERE key IN (SELECT unnest(?::VARCHAR[]))",
                [keys],
            )
        }
        return [{**r, "name": names.get(r[column])} for r in rows]

    def counterparts(self, key: str, limit: int = 30) -> list[dict[str, Any]]:
        """Whom an actor addressed or acted on, and who addressed or acted on it, by count."""
        return self.rows(
            "SELECT CASE WHEN source = $1 THEN target ELSE source END AS key, "
            "CASE WHEN source = $1 THEN 'to' ELSE 'from' END AS direction, "
            "sum(statements + events)::INTEGER AS n FROM edges "
            "WHERE source = $1 OR target = $1 GROUP BY ALL ORDER BY n DESC, key LIMIT $2",
            [key, limit],
        )

    # -- statements and events ------------------------------------------------------------------

    def statements(
        self,
        speaker: str | None = None,
        addressee: str | None = None,
        q: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page:
        """Statements, newest first; ``speaker`` and ``addressee`` are actor keys, ``q``
        words in their content."""
        where, parameters = ["TRUE"], []
        for column, key in (("speaker", speaker), ("addressee", addressee)):
            if key:
                where.append(f"k.{column} = ?")
                parameters.append(key)
        if q:
            where.append(
                "k.statement_id IN (SELECT statement_id FROM statements "
                "WHERE content_text ILIKE ? ESCAPE '\\')"
            )
            parameters.append(_like(q))
        where, parameters = _dated("k.day", where, parameters, date_from, date_to)
        page = self._page(  # the page's statements first, then their text
            "SELECT k.statement_id, k.row, k.doc_id, k.day AS published, "
            "k.speaker AS speaker_key, k.speaker_name AS speaker, k.addressee AS addressee_key, "
            "k.addressee_name AS addressee "
            f"FROM statement_keys k WHERE {' AND '.join(where)} "
            "ORDER BY k.day DESC NULLS LAST, k.doc_id, k.content_start, k.row",
            parameters,
            limit,
            offset,
        )
        rows = [row["row"] for row in page.items]
        found = {
            row["statement_id"]: row
            for row in self.rows(
                "SELECT statement_id, kind, cue_text AS cue, source_text AS source, "
                "via_text AS via, content_text AS content, content_start, content_end, topics, "
                "confidence FROM statements WHERE rowid = ANY(?::BIGINT[])",
                [rows],
            )
        }
        page.items = [{**row, **found[row.pop("statement_id")]} for row in page.items]
        for row in page.items:
            del row["row"]
        return page

    def events(
        self,
        type: str | None = None,
        actor: str | None = None,
        recipient: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page:
        """PLOVER events, newest first; ``actor`` and ``recipient`` are actor keys."""
        where, parameters = _event_filters(type, actor, recipient, date_from, date_to)
        page = self._page(  # the page's events first, then their text and names
            f"SELECT k.event_id, k.row, k.day FROM event_days k WHERE {' AND '.join(where)} "
            "ORDER BY k.day DESC NULLS LAST, k.doc_id, k.trigger_start, k.row",
            parameters,
            limit,
            offset,
        )
        days = {row["event_id"]: row["day"] for row in page.items}
        found = {
            row["event_id"]: row
            for row in self.rows(
                "SELECT e.event_id, e.doc_id, e.date, e.type, e.mode, e.context, "
                "e.actors AS actor_ids, e.recipients AS recipient_ids, e.negated, e.future, "
                "e.hypothetical, e.trigger_text AS trigger, e.evidence_text AS evidence, "
                "e.evidence_start, e.evidence_end, e.statement_id FROM events e "
                "WHERE e.rowid = ANY(?::BIGINT[])",
                [[row["row"] for row in page.items]],
            )
        }
        names = {
            row["actor_id"]: row["name"]
            for row in self.rows(
                "SELECT DISTINCT actor_id, name FROM event_parts "
                "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                [list(days)],
            )
        }
        page.items = [
            _named_event({"day": day, **found[event_id]}, names) for event_id, day in days.items()
        ]
        return page

    def event_months(
        self,
        type: str | None = None,
        actor: str | None = None,
        recipient: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """The number of events per month and type (undated events left out)."""
        where, parameters = _event_filters(type, actor, recipient, date_from, date_to)
        return self.rows(
            "SELECT strftime(k.day, '%Y-%m') AS month, k.type, count(*) AS n "
            f"FROM event_days k WHERE {' AND '.join(where)} AND k.day IS NOT NULL "
            "GROUP BY ALL ORDER BY month, k.type",
            parameters,
        )

    def event_types(self) -> list[str]:
        return [r["type"] for r in self.rows("SELECT DISTINCT type FROM event_days ORDER BY 1")]

    # -- stories --------------------------------------------------------------------------------

    def stories(self, q: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        """Stories, newest first; ``q`` in a participant's key or a topic."""
        where, parameters = "TRUE", []
        if q:
            where = (
                "(list_string_agg(participants) ILIKE ? ESCAPE '\\' "
                "OR list_string_agg(topics) ILIKE ? ESCAPE '\\')"
            )
            parameters = [_like(q), _like(q)]
        return self._page(
            "SELECT story_id, type, mode, participants, date, dates_reported, "
            "len(documents) AS documents, topics[:8] AS topics, "
            "(SELECT list(party ORDER BY rowid) FROM story_accounts a "
            "WHERE a.story_id = s.story_id) AS parties "
            f"FROM stories s WHERE {where} ORDER BY date DESC NULLS LAST, story_id",
            parameters,
            limit,
            offset,
        )

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story as ``compare.report`` gives it: each account's statements with their
        text and offsets, the alignments and the divergence; None if there is none."""
        found = self.rows("SELECT * FROM stories WHERE story_id = ?", [story_id])
        if not found:
            return None
        parts: dict[str, list[Any]] = {"accounts": [], "divergence": [], "alignments": []}
        kinds = {
            "accounts": ("story_accounts", Account),
            "divergence": ("story_divergence", Divergence),
            "alignments": ("story_alignments", Alignment),
        }
        for key, (table, record) in kinds.items():
            for row in self.rows(
                f"SELECT * FROM {table} WHERE story_id = ? ORDER BY rowid", [story_id]
            ):
                part = LAYOUTS[table].record(row)
                if key == "accounts":
                    part["narration"] = [Narration(**n) for n in part["narration"] or []]
                parts[key].append(record(**part))
        row = {k: v for k, v in found[0].items()}
        story = Story(**LAYOUTS["stories"].record(_dates(row), **parts))
        return report(story, self._story_records(story))

    def _story_records(self, story: Story) -> dict[str, dict[str, Any]]:
        """The records ``compare.report`` reads for a story: the statements and omissions it
        names, and the names of their actors, by doc_id (read by row, not by document)."""
        ids = {ref for a in story.accounts for ref in a.statements + a.omissions}
        ids |= {ref for d in story.divergence for ref in d.evidence}
        ids |= {ref for a in story.alignments for ref in (a.left, a.right)}
        records: dict[str, dict[str, Any]] = {
            doc_id: {"doc_id": doc_id, "statements": [], "actors": [], "omissions": []}
            for doc_id in {ref.rsplit(":", 1)[0] for ref in ids}
        }
        keys = self.rows(
            "SELECT statement_id, row, doc_id, speaker_id, speaker_name, via_actor_id, "
            "via_actor_name FROM statement_keys WHERE statement_id IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [sorted(ids)],
        )
        layout = LAYOUTS["statements"]
        for found in self.rows(
            "SELECT * FROM statements WHERE rowid = ANY(?::BIGINT[])", [[k["row"] for k in keys]]
        ):
            records[found["doc_id"]]["statements"].append(layout.record(found))
        for key in keys:
            for role in ("speaker", "via_actor"):
                if key[f"{role}_id"]:
                    records[key["doc_id"]]["actors"].append(
                        {"id": key[f"{role}_id"], "name": key[f"{role}_name"]}
                    )
        for found in self.rows(
            "SELECT o.*, p.party_name FROM omissions o LEFT JOIN omission_parties p "
            "USING (omission_id) WHERE omission_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(ids)],
        ):
            record = records[found["doc_id"]]
            record["omissions"].append(LAYOUTS["omissions"].record(found))
            if found["party"]:
                record["actors"].append({"id": found["party"], "name": found["party_name"]})
        return records

    # -- the network ----------------------------------------------------------------------------

    def network(
        self,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 100,
    ) -> dict[str, Any]:
        """Who addressed or acted on whom: the ``limit`` heaviest edges between actor keys
        (statements to an addressee, events to a recipient), and their nodes."""
        where, parameters = _dated("day", ["TRUE"], [], date_from, date_to)
        edges = self.rows(
            "SELECT source, target, sum(statements + events)::INTEGER AS n, "
            "sum(statements)::INTEGER AS statements, sum(events)::INTEGER AS events "
            f"FROM edges WHERE {' AND '.join(where)} GROUP BY ALL "
            "ORDER BY n DESC, source, target LIMIT ?",
            [*parameters, limit],
        )
        keys = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        nodes = self.rows(
            "SELECT key, name, kind, country FROM actor_keys "
            "WHERE key IN (SELECT unnest(?::VARCHAR[])) ORDER BY key",
            [keys],
        )
        return {"nodes": nodes, "edges": edges}


def _named_event(event: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """An event row with its actors' and recipients' names in place of their ids."""
    named: dict[str, Any] = {}
    for column, value in event.items():
        if column in ("actor_ids", "recipient_ids"):
            named[column.removesuffix("_ids") + "s"] = [names.get(i, i) for i in value]
        else:
            named[column] = value
    return named


def _dated(
    day: str,
    where: list[str],
    parameters: list[Any],
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> tuple[list[str], list[Any]]:
    if date_from:
        where.append(f"{day} >= ?")
        parameters.append(date_from)
    if date_to:
        where.append(f"{day} <= ?")
        parameters.append(date_to)
    return where, parameters


def _event_filters(
    type: str | None,
    actor: str | None,
    recipient: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> tuple[list[str], list[Any]]:
    """Conditions on ``event_days k`` and their parameters."""
    where: list[str] = ["TRUE"]
    parameters: list[Any] = []
    if type:
        where.append("k.type = ?")
        parameters.append(type.upper())
    for role, key in (("actor", actor), ("recipient", recipient)):
        if key:
            where.append(
                "k.event_id IN (SELECT event_id FROM event_parts WHERE key = ? AND role = ?)"
            )
            parameters += [key, role]
    return _dated("k.day", where, parameters, date_from, date_to)


def _dates(row: dict[str, Any]) -> dict[str, Any]:
    """A stories row with its date back as a DATE, as ``Layout.record`` expects."""
    if isinstance(row.get("date"), str):
        row["date"] = dt.date.fromisoformat(row["date"])
    return row
