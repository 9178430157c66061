"""Ingest a corpus into the store: read, skip what is stored, process, write in batches.

``ingest`` runs in this process; ``communique.distributed.ingest`` runs the same
steps as tasks on a Dask cluster. Both write through ``Store``, one transaction
per batch, so a killed run loses at most the batch in flight and a restart
stores each document exactly once.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from communique.ingest.fields import text_sha1
from communique.pipeline import BATCH_SIZE, TIME_LIMIT, process
from communique.records import Document, Failure
from communique.store import Batch, Store

Progress = Callable[[int], None]


@dataclass(slots=True)
class Summary:
    """What one ingest run did."""

    documents: int = 0  # newly stored
    recovered: int = 0  # of which from the finished chunks of a killed Dask run
    skipped: int = 0  # already in the store
    statements: int = 0
    events: int = 0
    failures: int = 0  # errors: inputs or documents not stored
    warnings: int = 0  # stored with a caveat
    seconds: float = 0.0
    workers: int = 1
    peak_rss: list[int] = field(default_factory=list)  # bytes, per worker process
    notices: list[str] = field(default_factory=list)  # for the user: chunks left in place, ...

    def add(self, rows: dict[str, int], failures: Iterable[dict[str, object]] = ()) -> None:
        """Count stored rows (per table) and failure rows."""
        self.documents += rows.get("documents", 0)
        self.statements += rows.get("statements", 0)
        self.events += rows.get("events", 0)
        for row in failures:
            if row["level"] == "warning":
                self.warnings += 1
            else:
                self.failures += 1


def peak_rss() -> int:
    """This process's peak resident memory in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


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


def run(
    paths: Iterable[str | Path],
    db: str | Path,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    stage: str | Path | None = None,
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    published: str | None = None,
    time_limit: float = TIME_LIMIT,
    progress: Progress | None = None,
    on_read: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    **read_options: str,
) -> Summary:
    """Ingest files, directories or globs into the store at ``db``.

    One worker runs in this process; more, or a ``scheduler`` address, run on
    Dask (a LocalCluster on 127.0.0.1, or that cluster). ``published`` is the
    date of documents that carry none; a document that takes longer than
    ``time_limit`` seconds is a failure; ``progress`` is told of documents done,
    ``on_read`` of bytes of input read; ``on_failure`` sees every failure and
    warning as it is read; ``read_options`` go to ``communique.ingest.read``.
    """
    from communique import nlp as nlp_module
    from communique.ingest import read

    def items() -> Iterator[Document | Failure]:
        for item in read(paths, published=published, on_read=on_read, **read_options):
            if isinstance(item, Failure) and on_failure is not None:
                on_failure(item)
            yield item

    name = nlp_module.resolve_model_name(model)
    db = Path(db)
    with Store(db) as store:
        if workers == 1 and not scheduler:
            return ingest(items(), store, nlp_module.load(name), batch_size, progress, time_limit)
        from communique import distributed

        with distributed.client(scheduler, workers) as client:
            return distributed.ingest(
                items(),
                store,
                client,
                Path(stage) if stage else db.with_name(db.name + ".stage"),
                model=name,
                batch_size=batch_size,
                time_limit=time_limit,
                progress=progress,
            )
