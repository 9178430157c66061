"""Ingest a corpus into the store: read, skip what is stored, process, write in batches.

``run`` is the entry point: in this process (``local.ingest``) or as tasks on a
Dask cluster (``distributed.ingest``). Both write through ``Store``, one
transaction per batch, so a killed run loses at most the batch in flight and a
restart stores each document exactly once. Then the new documents are linked into the
stories (``stories.update``; a document killed before it was linked is linked by the
next run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from communique import nlp as nlp_module
from communique.corpus import distributed, stories
from communique.corpus.local import ingest, new_documents
from communique.corpus.summary import Progress, Summary, peak_rss
from communique.ingest import read
from communique.pipeline import BATCH_SIZE, TIME_LIMIT, load
from communique.records import Document, Failure
from communique.store import Store
from communique.stories.topics import merge

__all__ = ["Progress", "Summary", "ingest", "new_documents", "peak_rss", "run"]


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

    def items() -> Iterator[Document | Failure]:
        for item in read(paths, published=published, on_read=on_read, **read_options):
            if isinstance(item, Failure) and on_failure is not None:
                on_failure(item)
            yield item

    name = nlp_module.resolve_model_name(model)
    db = Path(db)
    with Store(db) as store:
        if workers == 1 and not scheduler:
            summary = ingest(items(), store, load(name), batch_size, progress, time_limit)
        else:
            with distributed.client(scheduler, workers) as client:
                summary = distributed.ingest(
                    items(),
                    store,
                    client,
                    Path(stage) if stage else db.with_name(db.name + ".stage"),
                    model=name,
                    batch_size=batch_size,
                    time_limit=time_limit,
                    progress=progress,
                )
        summary.stories = len(stories.update(store, merge))
        return summary
