"""What the web app reads from the store: plain SQL over its tables, one page at a time.

Every list takes ``limit`` and ``offset`` and returns one page (``Page``: its rows and
whether more follow). Actors are grouped across documents by ``Actor.key``; a statement
is dated by its document, an event by its own date when it has one, else by its
document's. The reader holds one read-only connection and answers one query at a time
(DuckDB parallelises each query itself).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from communique.compare import report
from communique.records import Account, Alignment, Divergence, Narration, Story
from communique.store import LAYOUTS, Store

# An event's day: its own date when the text gives one, else its document's publication.
EVENT_DAY = "coalesce(TRY_CAST(e.date AS DATE), d.published)"
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

    def __init__(self, store: Store, read_only: bool = True) -> None:
        self.store = store
        self.read_only = read_only
        self._lock = threading.Lock()

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        with self._lock:
            yield self.store.con

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store, for a write, with no query running meanwhile."""
        if self.store.con is None or self.read_only:
            raise RuntimeError("the store is open read-only")
        with self._lock:
            yield self.store

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
        """Documents whose text (or title) contains ``q``, newest first, each with a snippet
        around the first match."""
        where, parameters = ["TRUE"], []
        if q:
            where.append("(d.text ILIKE ? ESCAPE '\\' OR d.title ILIKE ? ESCAPE '\\')")
            parameters += [_like(q), _like(q)]
        if publisher:
            where.append("d.publisher = ?")
            parameters.append(publisher)
        if date_from:
            where.append("d.published >= ?")
            parameters.append(date_from)
        if date_to:
            where.append("d.published <= ?")
            parameters.append(date_to)
        at = "greatest(coalesce(nullif(instr(lower(d.text), lower(?)), 0), 1) - 80, 1)"
        # the page's ids first (a top-N over the filter), then the snippets of those only
        page = self._page(
            f"SELECT d.doc_id FROM documents d WHERE {' AND '.join(where)} "
            "ORDER BY d.published DESC NULLS LAST, d.doc_id",
            parameters,
            limit,
            offset,
        )
        found = {
            row["doc_id"]: row
            for row in self.rows(
                "SELECT d.doc_id, d.title, d.publisher, d.published, d.url, d.chars, d.issuer, "
                f"substr(d.text, {at}, {SNIPPET}) AS snippet, {at} > 1 AS snippet_cut "
                "FROM documents d WHERE d.doc_id IN (SELECT unnest(?::VARCHAR[]))",
                [q or "", q or "", [row["doc_id"] for row in page.items]],
            )
        }
        page.items = [found[row["doc_id"]] for row in page.items]
        self._counts(page.items)
        return page

    def _counts(self, documents: list[dict[str, Any]]) -> None:
        """Add each document's statement and event counts."""
        ids = [d["doc_id"] for d in documents]
        if not ids:
            return
        counts: dict[str, dict[str, int]] = {i: {"statements": 0, "events": 0} for i in ids}
        for table in ("statements", "events"):
            for row in self.rows(
                f"SELECT doc_id, count(*) AS n FROM {table} "
                "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY doc_id",
                [ids],
            ):
                counts[row["doc_id"]][table] = row["n"]
        for document in documents:
            document.update(counts[document["doc_id"]])

    def publishers(self) -> list[str]:
        return [
            r["publisher"]
            for r in self.rows(
                "SELECT DISTINCT publisher FROM documents WHERE publisher IS NOT NULL ORDER BY 1 "
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
        """Actors across documents, by key, the most mentioned first; ``q`` in a name."""
        where, parameters = "a.key IS NOT NULL", []
        if q:
            where += " AND (a.name ILIKE ? ESCAPE '\\' OR a.key ILIKE ? ESCAPE '\\')"
            parameters += [_like(q), _like(q)]
        return self._page(
            "SELECT a.key, mode(a.name) AS name, mode(a.kind) AS kind, "
            "mode(a.country) AS country, mode(a.sector) AS sector, "
            "count(DISTINCT a.doc_id) AS documents FROM actors a "
            f"WHERE {where} GROUP BY a.key ORDER BY documents DESC, a.key",
            parameters,
            limit,
            offset,
        )

    def actor(self, key: str) -> dict[str, Any] | None:
        """One actor across documents: its names, counts, statements and events per month,
        and its counterparts (whom it addressed or acted on, and who addressed or acted on
        it); None if no document has it."""
        found = self.rows(
            "SELECT mode(name) AS name, mode(kind) AS kind, mode(country) AS country, "
            "mode(sector) AS sector, list(DISTINCT name ORDER BY name)[:20] AS names, "
            "count(DISTINCT doc_id) AS documents FROM actors WHERE key = ?",
            [key],
        )
        if not found or not found[0]["documents"]:
            return None
        ids = "SELECT actor_id FROM actors WHERE key = ?"
        months = self.rows(
            "WITH s AS (SELECT strftime(d.published, '%Y-%m') AS month, 'statements' AS what "
            f"FROM statements s JOIN documents d USING (doc_id) WHERE s.speaker IN ({ids})), "
            "ev AS (SELECT unnest(actors) AS actor_id, event_id, e.doc_id, e.date "
            "FROM events e), "
            f"e AS (SELECT strftime({EVENT_DAY}, '%Y-%m') AS month, 'events' AS what "
            f"FROM ev e JOIN documents d USING (doc_id) WHERE e.actor_id IN ({ids})) "
            "SELECT month, what, count(*) AS n FROM (SELECT * FROM s UNION ALL SELECT * FROM e) "
            "GROUP BY ALL ORDER BY month NULLS LAST, what",
            [key, key],
        )
        return {
            "key": key,
            **found[0],
            "months": months,
            "counterparts": self.named(self.counterparts(key)),
        }

    def named(self, rows: list[dict[str, Any]], column: str = "key") -> list[dict[str, Any]]:
        """Rows with the name most documents give the actor of their ``column`` key."""
        keys = sorted({r[column] for r in rows if r[column]})
        names = {
            r["key"]: r["name"]
            for r in self.rows(
                "SELECT key, mode(name) AS name FROM actors "
                "WHERE key IN (SELECT unnest(?::VARCHAR[])) GROUP BY key",
                [keys],
            )
        }
        return [{**r, "name": names.get(r[column])} for r in rows]

    def counterparts(self, key: str, limit: int = 30) -> list[dict[str, Any]]:
        """Whom an actor addressed or acted on, and who addressed or acted on it, by count."""
        return self.rows(
            f"WITH edges AS ({_EDGES}) "
            "SELECT CASE WHEN source = $3 THEN target ELSE source END AS key, "
            "CASE WHEN source = $3 THEN 'to' ELSE 'from' END AS direction, sum(n) AS n "
            "FROM edges WHERE (source = $3 OR target = $3) AND source <> target "
            "GROUP BY ALL ORDER BY n DESC, key LIMIT $4",
            [None, None, key, limit],
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
        """Statements, newest first; ``speaker`` and ``addressee`` are actor keys."""
        where, parameters = ["TRUE"], []
        for column, key in (("speaker", speaker), ("addressee", addressee)):
            if key:
                where.append(f"s.{column} IN (SELECT actor_id FROM actors WHERE key = ?)")
                parameters.append(key)
        if q:
            where.append("s.content_text ILIKE ? ESCAPE '\\'")
            parameters.append(_like(q))
        where, parameters = _dated("d.published", where, parameters, date_from, date_to)
        page = self._page(  # the page's statements first, then their actors' names
            "SELECT s.statement_id FROM statements s JOIN documents d USING (doc_id) "
            f"WHERE {' AND '.join(where)} "
            "ORDER BY d.published DESC NULLS LAST, s.doc_id, s.content_start",
            parameters,
            limit,
            offset,
        )
        ids = [row["statement_id"] for row in page.items]
        found = {
            row["statement_id"]: row
            for row in self.rows(
                "WITH s AS (SELECT * FROM statements "
                "WHERE statement_id IN (SELECT unnest(?::VARCHAR[]))), "
                "a AS (SELECT actor_id, key, name FROM actors "
                "WHERE doc_id IN (SELECT doc_id FROM s)) "
                "SELECT s.statement_id, s.doc_id, d.published, s.kind, s.cue_text AS cue, "
                "s.source_text AS source, sp.key AS speaker_key, sp.name AS speaker, "
                "ad.key AS addressee_key, ad.name AS addressee, s.via_text AS via, "
                "s.content_text AS content, s.content_start, s.content_end, s.topics, "
                "s.confidence FROM s JOIN documents d USING (doc_id) "
                "LEFT JOIN a sp ON sp.actor_id = s.speaker "
                "LEFT JOIN a ad ON ad.actor_id = s.addressee",
                [ids],
            )
        }
        page.items = [found[i] for i in ids]
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
        # the page's events first (a top-N over the filter), then their actors' names
        page = self._page(
            f"SELECT e.event_id, e.doc_id, {EVENT_DAY} AS day, e.date, e.type, e.mode, "
            "e.context, e.actors AS actor_ids, e.recipients AS recipient_ids, e.negated, "
            "e.future, e.hypothetical, e.trigger_text AS trigger, e.evidence_text AS evidence, "
            "e.evidence_start, e.evidence_end, e.statement_id "
            f"FROM events e JOIN documents d USING (doc_id) WHERE {' AND '.join(where)} "
            "ORDER BY day DESC NULLS LAST, e.doc_id, e.trigger_start",
            parameters,
            limit,
            offset,
        )
        ids = sorted({i for e in page.items for i in e["actor_ids"] + e["recipient_ids"]})
        names = {
            row["actor_id"]: row["name"]
            for row in self.rows(
                "SELECT actor_id, name FROM actors "
                "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) "
                "AND actor_id IN (SELECT unnest(?::VARCHAR[]))",
                [sorted({e["doc_id"] for e in page.items}), ids],
            )
        }
        page.items = [_named_event(event, names) for event in page.items]
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
            f"SELECT strftime({EVENT_DAY}, '%Y-%m') AS month, e.type, count(*) AS n "
            f"FROM events e JOIN documents d USING (doc_id) WHERE {' AND '.join(where)} "
            f"AND {EVENT_DAY} IS NOT NULL GROUP BY ALL ORDER BY month, e.type",
            parameters,
        )

    def event_types(self) -> list[str]:
        return [r["type"] for r in self.rows("SELECT DISTINCT type FROM events ORDER BY 1")]

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
        with self._connection():
            records = {r["doc_id"]: r for r in self.store.records_of(story.documents)}
        return report(story, records)

    # -- the network ----------------------------------------------------------------------------

    def network(
        self,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 100,
    ) -> dict[str, Any]:
        """Who addressed or acted on whom: the ``limit`` heaviest edges between actor keys
        (statements to an addressee, events to a recipient), and their nodes."""
        edges = self.rows(
            f"WITH edges AS ({_EDGES}) SELECT source, target, sum(n) AS n, "
            "sum(statements) AS statements, sum(events) AS events FROM edges "
            "WHERE source <> target GROUP BY ALL ORDER BY n DESC, source, target LIMIT $3",
            [date_from, date_to, limit],
        )
        keys = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        nodes = self.rows(
            "SELECT key, mode(name) AS name, mode(kind) AS kind, mode(country) AS country "
            "FROM actors WHERE key IN (SELECT unnest(?::VARCHAR[])) GROUP BY key ORDER BY key",
            [keys],
        )
        return {"nodes": nodes, "edges": edges}


# Edges between actor keys: a statement's speaker to its addressee, an event's actors to its
# recipients, dated by the document (a statement) or the event; parameters: from, to.
_EDGES = (
    "SELECT sp.key AS source, ad.key AS target, count(*) AS n, count(*) AS statements, "
    "0 AS events FROM statements s JOIN documents d USING (doc_id) "
    "JOIN actors sp ON sp.actor_id = s.speaker JOIN actors ad ON ad.actor_id = s.addressee "
    "WHERE ($1::DATE IS NULL OR d.published >= $1) AND ($2::DATE IS NULL OR d.published <= $2) "
    "GROUP BY ALL UNION ALL "
    "SELECT ac.key, rc.key, count(*), 0, count(*) FROM "
    "(SELECT e.doc_id, unnest(e.actors) AS actor, e.recipients, "
    f"{EVENT_DAY} AS day FROM events e JOIN documents d USING (doc_id)) e, "
    "unnest(e.recipients) AS r(recipient) "
    "JOIN actors ac ON ac.actor_id = e.actor JOIN actors rc ON rc.actor_id = r.recipient "
    "WHERE ($1::DATE IS NULL OR e.day >= $1) AND ($2::DATE IS NULL OR e.day <= $2) "
    "GROUP BY ALL"
)


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
    where: list[str] = ["TRUE"]
    parameters: list[Any] = []
    if type:
        where.append("e.type = ?")
        parameters.append(type.upper())
    for column, key in (("actors", actor), ("recipients", recipient)):
        if key:
            where.append(
                f"e.event_id IN (SELECT event_id FROM (SELECT event_id, unnest({column}) AS id "
                "FROM events) JOIN actors a ON a.actor_id = id WHERE a.key = ?)"
            )
            parameters.append(key)
    return _dated(EVENT_DAY, where, parameters, date_from, date_to)


def _dates(row: dict[str, Any]) -> dict[str, Any]:
    """A stories row with its date back as a DATE, as ``Layout.record`` expects."""
    if isinstance(row.get("date"), str):
        row["date"] = dt.date.fromisoformat(row["date"])
    return row
