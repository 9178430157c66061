"""Keep the store's stories up to date as documents arrive.

After an ingest, the documents not yet linked are linked with every stored document whose
reports they can join: starting from the new documents, the stored ones within the linking
window of their events' days are read (each once), those with a report alike to one already
taken are taken too, and so on until none joins. The stories of what was taken are told again
(accounts, divergence) and replace the stories that held any of it, in one transaction.
Whatever the batches, the stories come out as one run over the whole corpus would make
them: a story found today gains tomorrow's reports without the corpus being read again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from communique.records import Story
from communique.store import Store
from communique.stories.divergence import Canonical, as_written
from communique.stories.linking import WINDOW_DAYS, Occurrence, Reports, link, reports
from communique.stories.tell import tell

Record = Mapping[str, Any]
# What linking and telling read of a stored record: not the actors' mentions.
_TABLES = ("statements", "actors", "events", "omissions")
_READ_AT_ONCE = 500  # documents whose records are held at once while looking for joins


def _days(found: list[Occurrence]) -> list[dt.date]:
    return sorted({o.day for o in found if o.day is not None})


def update(store: Store, canonical: Canonical = as_written) -> list[Story]:
    """Link the stored documents not yet linked (see the module docstring); returns the
    stories written, those of the documents read."""
    new = store.unlinked()
    if not new:
        return []
    published = store.published(new)
    taken = {r["doc_id"]: r for r in store.records_of(new, _TABLES)}
    held = Reports()
    frontier = [o for r in taken.values() for o in reports(r, published[r["doc_id"]])]
    for occurrence in frontier:
        held.add(occurrence)
    # Each stored document is read once to see what it reports; those that report something
    # and have not joined (yet) wait with their reports only, and are read again in full if
    # they join.
    read: set[str] = set(taken)
    waiting: dict[str, list[Occurrence]] = {}
    while frontier:
        near = [d for d in store.documents_near(_days(frontier), WINDOW_DAYS) if d not in read]
        read.update(near)
        published.update(store.published(near))
        for start in range(0, len(near), _READ_AT_ONCE):
            for record in store.records_of(near[start : start + _READ_AT_ONCE], _TABLES):
                found = reports(record, published[record["doc_id"]])
                if found:
                    waiting[record["doc_id"]] = found
        joined = [d for d, found in waiting.items() if any(held.joins(o) for o in found)]
        frontier = [o for d in joined for o in waiting.pop(d)]
        for occurrence in frontier:
            held.add(occurrence)
        taken.update((r["doc_id"], r) for r in store.records_of(joined, _TABLES))
    stories = tell(link(taken.values(), published), taken, canonical)
    store.replace_stories(stories, sorted(taken), new)
    return stories
