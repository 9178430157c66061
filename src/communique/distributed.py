"""Dask execution: the same ingest steps as tasks on a Dask distributed cluster.

The client reads the inputs and skips stored documents, then submits chunks of
documents as tasks. Each worker loads the model once (``nlp.load`` is cached per
process), processes its chunk and writes the rows as Parquet files under the
stage directory (``<stage>/chunk-<id>/<table>.parquet``, renamed into place
only when complete); the client loads each finished chunk into the store in one
transaction and removes it. Chunks left by a killed run are loaded on restart.

The stage directory must be readable by the client and writable by the workers
at the same path: on a real cluster, a shared file system.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

import dask
import pyarrow.parquet as pq
from distributed import Client, LocalCluster, get_worker, wait

from communique import nlp as nlp_module
from communique.corpus import Progress, Summary, new_documents, peak_rss
from communique.pipeline import BATCH_SIZE, process
from communique.records import Document, Failure
from communique.store import TABLES, Batch, Store

CHUNK_SIZE = 32  # documents per task
IN_FLIGHT = 3  # tasks queued per worker: enough to keep workers busy, bounded memory
# Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536 to hand memory back to the
# system sooner; parsing allocates so much that it costs about 14% of throughput
# here, and a worker's memory stays flat (about 1.1 GB) without it. Dask's
# statistical profiler samples the task's stack every 10 ms: about as much again
# (BENCHMARKS.md).
LOCAL_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}


@contextmanager
def client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A Dask client: connected to ``scheduler``, or to a LocalCluster on 127.0.0.1."""
    if scheduler:
        with Client(scheduler) as c:
            yield c
        return
    with (
        dask.config.set(LOCAL_WORKER_CONFIG),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def process_chunk(
    documents: list[Document], model: str | None, stage: str, batch_size: int = BATCH_SIZE
) -> dict[str, Any]:
    """The task: process documents and write their rows under ``stage``."""
    nlp = nlp_module.load(model)
    batch = Batch()
    for document, record in process(documents, nlp, batch_size, on_failure=batch.fail):
        batch.add(document, record)
    chunk = uuid.uuid4().hex
    partial = Path(stage) / f"tmp-{chunk}"
    batch.write_parquet(partial)
    final = Path(stage) / f"chunk-{chunk}"
    partial.rename(final)  # atomic: the client never sees half a chunk
    return {
        "path": str(final),
        "documents": len(documents),
        "worker": get_worker().address,
        "peak_rss": peak_rss(),
    }


def load_chunk(store: Store, path: Path) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Store a finished chunk and remove it; returns its row counts and failure rows."""
    files = {name: path / f"{name}.parquet" for name in TABLES}
    counts = {name: pq.read_metadata(f).num_rows for name, f in files.items() if f.is_file()}
    failures = pq.read_table(files["failures"]).to_pylist() if "failures" in counts else []
    store.load_parquet(path)
    shutil.rmtree(path)
    return counts, failures


def recover(store: Store, stage: Path, summary: Summary) -> None:
    """Load chunks a killed run finished but did not store; drop half-written ones."""
    for path in sorted(stage.glob("tmp-*")):
        shutil.rmtree(path, ignore_errors=True)
    for path in sorted(stage.glob("chunk-*")):
        summary.add(*load_chunk(store, path))


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ingest(
    items: Iterable[Document | Failure],
    store: Store,
    dask_client: Any,
    stage: Path,
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    chunk_size: int = CHUNK_SIZE,
    progress: Progress | None = None,
    task: Callable[..., dict[str, Any]] = process_chunk,
) -> Summary:
    """Process documents as Dask tasks and load their results into ``store``.

    A task that fails for good (its worker died every time Dask retried it, say)
    costs its documents, each recorded as a failure; the run goes on.
    """
    started = time.perf_counter()
    advance = progress or (lambda n: None)
    stage.mkdir(parents=True, exist_ok=True)
    summary = Summary(workers=max(1, len(dask_client.scheduler_info()["workers"])))
    recover(store, stage, summary)
    failures = Batch()
    peaks: dict[str, int] = {}

    def skip() -> None:
        summary.skipped += 1
        advance(1)

    def collect(done: Iterable[Any]) -> None:
        for future in done:
            chunk = running.pop(future)
            try:
                result = future.result()
            except Exception as error:
                reason = f"worker failed: {type(error).__name__}: {' '.join(str(error).split())}"
                for document in chunk:
                    failures.fail(Failure.of(document, reason))
                advance(len(chunk))
                continue
            peaks[result["worker"]] = max(peaks.get(result["worker"], 0), result["peak_rss"])
            summary.add(*load_chunk(store, Path(result["path"])))
            advance(result["documents"])
        if failures:
            store.write(failures)
            summary.add({}, failures.tables["failures"])
            failures.tables["failures"] = []

    documents = new_documents(items, store.fingerprints(), failures.fail, skip)
    limit = IN_FLIGHT * summary.workers
    running: dict[Any, list[Document]] = {}  # future -> its documents
    for chunk in _chunks(documents, chunk_size):
        future = dask_client.submit(
            task, chunk, model, str(stage.resolve()), batch_size, pure=False
        )
        running[future] = chunk
        if len(running) >= limit:
            collect(wait(list(running), return_when="FIRST_COMPLETED").done)
    collect(wait(list(running)).done)
    if not any(stage.iterdir()):
        stage.rmdir()
    summary.seconds = time.perf_counter() - started
    summary.peak_rss = sorted(peaks.values())
    return summary
