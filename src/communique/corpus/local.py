"""Ingest in this process: read, skip what is stored, process, write in batches.

One transaction per batch, so a killed run loses at most the batch in flight and
a restart stores each document exactly once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from communique.corpus.summary import Progress, Summary, peak_rss
from communique.ingest.fields import text_sha1
from communique.pipeline import BATCH_SIZE, TIME_LIMIT, process
from communique.records import Document, Failure
from communique.store import Batch, Store


def new_documents(
    items: Iterable[Document | Failure],
    known: dict[str, str],
    on_failure: Callable[[Failure], None],
    on_skip: Callable[[Document], None],
) -> Iterator[Document]:
    """The documents not yet stored; failures go to ``on_failure``.

    ``known`` maps stored (and already yielded) document ids to the SHA-1 of
    their text. The same id with the same text is skipped; the same id with
    another text is a failure, so that nothing is silently overwritten or lost.
    """
    for item in items:
        if isinstance(item, Failure):
            on_failure(item)
            continue
        digest = text_sha1(item.text)
        stored = known.get(item.id)
        if stored is None:
            known[item.id] = digest
            yield item
        elif stored == digest:
            on_skip(item)
        else:
            on_failure(
                Failure.of(
                    item,
                    f"document id {item.id!r} is already stored with another text; "
                    "not stored (give the document its own id)",
                )
            )


def ingest(
    items: Iterable[Document | Failure],
    store: Store,
    nlp: Language,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    time_limit: float = TIME_LIMIT,
) -> Summary:
    """Process documents in this process, committing one transaction per batch."""
    started = time.perf_counter()
    summary = Summary()
    batch = Batch()
    advance = progress or (lambda n: None)

    def skip(document: Document) -> None:
        summary.skipped += 1
        advance(1)

    def commit() -> None:
        nonlocal batch
        store.write(batch)
        summary.add(batch.counts(), batch.tables["failures"])
        advance(len(batch))
        batch = Batch()

    documents = new_documents(items, store.fingerprints(), lambda f: batch.fail(f), skip)
    for document, record in process(
        documents, nlp, batch_size, on_failure=lambda f: batch.fail(f), time_limit=time_limit
    ):
        batch.add(document, record)
        if len(batch) >= batch_size:
            commit()
    commit()
    summary.seconds = time.perf_counter() - started
    summary.peak_rss = [peak_rss()]
    return summary
