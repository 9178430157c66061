"""The app's index: temporary tables built on its read-only connection when it starts,
so that no page scans the store's big tables.

- ``doc_order``: each document's rank, newest first (``n``), row, publisher, day, and
  numbers of statements and events;
- ``words``: each distinct word (lower case, letters and digits) of each document's title
  and text, sorted: a word or a word's beginning is a range of this table, not a scan of
  the texts;
- ``actor_keys``: each actor key across documents with its usual name, kind, country,
  sector and number of documents, the most reported first;
- ``statement_keys``: each statement's row, day (its document's), speaker and addressee
  keys, and the names of its speaker, addressee and the party it comes through (``via_actor``);
- ``event_days`` and ``event_parts``: each event's day (its own date, else its document's)
  and type; its actors' and recipients' keys and names; ``omission_parties``: the name of
  each omission's party;
- ``activity``: statements and events per actor key and month;
- ``edges``: per day, statements from a speaker to an addressee and events from an actor to
  a recipient, between actor keys (the network, and an actor's counterparts).

Nothing is written to the store: temporary tables live in the connection's memory.
"""

from __future__ import annotations

import re

import duckdb

WORD = r"[^\pL\pN]+"  # what separates words (RE2): anything but letters and digits

TABLES: dict[str, str] = {
    "doc_order": (
        "SELECT row_number() OVER (ORDER BY published DESC NULLS LAST, doc_id)::INTEGER AS n, "
        "d.doc_id, d.rowid AS row, d.published, d.publisher, "
        "coalesce(s.n, 0)::INTEGER AS statements, coalesce(e.n, 0)::INTEGER AS events "
        "FROM documents d "
        "LEFT JOIN (SELECT doc_id, count(*) AS n FROM statements GROUP BY doc_id) s "
        "USING (doc_id) "
        "LEFT JOIN (SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id) e USING (doc_id) "
        "ORDER BY n"
    ),
    "words": (
        "SELECT DISTINCT word, n FROM (SELECT o.n, unnest(regexp_split_to_array("
        f"lower(coalesce(d.title, '') || ' ' || d.text), '{WORD}')) AS word "
        "FROM documents d JOIN doc_order o USING (doc_id)) WHERE word <> '' ORDER BY word, n"
    ),
    "actor_keys": (
        "SELECT key, mode(name) AS name, mode(kind) AS kind, mode(country) AS country, "
        "mode(sector) AS sector, count(DISTINCT doc_id)::INTEGER AS documents FROM actors "
        "WHERE key IS NOT NULL GROUP BY key ORDER BY documents DESC, key"
    ),
    "statement_keys": (
        "SELECT s.statement_id, s.rowid AS row, s.doc_id, d.published AS day, "
        "s.content_start, sp.key AS speaker, ad.key AS addressee, s.speaker AS speaker_id, "
        "sp.name AS speaker_name, s.addressee AS addressee_id, ad.name AS addressee_name, "
        "s.via_actor AS via_actor_id, va.name AS via_actor_name FROM statements s "
        "JOIN documents d USING (doc_id) "
        "LEFT JOIN actors sp ON sp.actor_id = s.speaker "
        "LEFT JOIN actors ad ON ad.actor_id = s.addressee "
        "LEFT JOIN actors va ON va.actor_id = s.via_actor "
        "ORDER BY day DESC NULLS LAST, s.doc_id, s.content_start"
    ),
    "event_days": (
        "SELECT e.event_id, e.rowid AS row, e.doc_id, "
        "coalesce(TRY_CAST(e.date AS DATE), d.published) AS day, "
        "e.type, e.trigger_start FROM events e JOIN documents d USING (doc_id) "
        "ORDER BY day DESC NULLS LAST, e.doc_id, e.trigger_start"
    ),
    "event_parts": (
        "SELECT DISTINCT p.event_id, p.role, a.key, p.actor_id, a.name FROM ("
        "SELECT event_id, 'actor' AS role, unnest(actors) AS actor_id FROM events UNION ALL "
        "SELECT event_id, 'recipient', unnest(recipients) FROM events) p "
        "JOIN actors a USING (actor_id) WHERE a.key IS NOT NULL ORDER BY a.key, p.role"
    ),
    "omission_parties": (
        "SELECT o.omission_id, a.name AS party_name FROM omissions o "
        "JOIN actors a ON a.actor_id = o.party"
    ),
    "activity": (
        "SELECT key, month, what, count(*)::INTEGER AS n FROM ("
        "SELECT speaker AS key, strftime(day, '%Y-%m') AS month, 'statements' AS what "
        "FROM statement_keys WHERE speaker IS NOT NULL UNION ALL "
        "SELECT p.key, strftime(d.day, '%Y-%m'), 'events' FROM event_parts p "
        "JOIN event_days d USING (event_id) WHERE p.role = 'actor') "
        "GROUP BY ALL ORDER BY key, month"
    ),
    "edges": (
        "SELECT source, target, day, sum(statements)::INTEGER AS statements, "
        "sum(events)::INTEGER AS events FROM ("
        "SELECT speaker AS source, addressee AS target, day, 1 AS statements, 0 AS events "
        "FROM statement_keys WHERE speaker IS NOT NULL AND addressee IS NOT NULL UNION ALL "
        "SELECT a.key, r.key, d.day, 0, 1 FROM event_parts a "
        "JOIN event_parts r ON r.event_id = a.event_id AND r.role = 'recipient' "
        "JOIN event_days d ON d.event_id = a.event_id WHERE a.role = 'actor') "
        "WHERE source <> target GROUP BY ALL ORDER BY day"
    ),
}


def build(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build every table of the index on this connection, in order."""
    for name, sql in TABLES.items():
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")


def words(query: str) -> list[str]:
    """The words of a search (at most 10), as the index holds them: lower case, letters and
    digits."""
    return [w for w in re.split(r"[\W_]+", query.lower()) if w][:10]
