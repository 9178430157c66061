"""Dask execution: the same ingest steps as tasks on a Dask distributed cluster.

The client reads the inputs and skips stored documents, then submits chunks of
documents as tasks. Each worker loads the model once (``pipeline.load`` is cached per
process), processes its chunk and writes the rows as Parquet files under the
stage directory, renamed into place only when complete:

    <stage>/store-<store id>/run-<run id>/chunk-<id>/<table>.parquet

The client loads each chunk its own tasks return into the store, one
transaction each, and removes it. Chunks a killed run of the same store left
are loaded on restart; chunks of another store are never touched, so one stage
directory can serve many stores and runs at once.

The stage directory must be readable by the client and writable by the workers
at the same path: on a real cluster, a shared file system. The LocalCluster
speaks TLS with certificates made for the run, so only this process can submit
work to it, and serves no dashboard.
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
from distributed.security import Security

from communique.corpus.local import new_documents
from communique.corpus.summary import Progress, Summary, peak_rss
from communique.pipeline import BATCH_SIZE, TIME_LIMIT, load, process
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
    # Dask's scheduler and workers always start an HTTP server (dashboard, metrics,
    # health); with no routes it answers nothing.
    "distributed.scheduler.http.routes": [],
    "distributed.worker.http.routes": [],
}


@contextmanager
def client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A Dask client: connected to ``scheduler``, or to a LocalCluster on 127.0.0.1.

    The LocalCluster uses TLS with a temporary certificate authority: its scheduler
    accepts only this client and its own workers, not another local user.
    """
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
            protocol="tls://",
            security=Security.temporary(),
            dashboard_address=None,
            # the scheduler's HTTP server would take port 8787 otherwise
            scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def process_chunk(
    documents: list[Document],
    model: str | None,
    run: str,
    batch_size: int = BATCH_SIZE,
    time_limit: float = TIME_LIMIT,
) -> dict[str, Any]:
    """The task: process documents and write their rows as a chunk under ``run``."""
    nlp = load(model)
    batch = Batch()
    for document, record in process(
        documents, nlp, batch_size, on_failure=batch.fail, time_limit=time_limit
    ):
        batch.add(document, record)
    chunk = uuid.uuid4().hex
    partial = Path(run) / f"tmp-{chunk}"
    batch.write_parquet(partial)
    final = Path(run) / f"chunk-{chunk}"
    partial.rename(final)  # atomic: the client never sees half a chunk
    return {
        "path": str(final),
        "documents": len(documents),
        "worker": get_worker().address,
        "peak_rss": peak_rss(),
    }


def store_stage(stage: Path, store: Store) -> Path:
    """The part of a stage directory that belongs to ``store``."""
    return stage / f"store-{store.id}"


def load_chunk(store: Store, path: Path) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Store a finished chunk and remove it; returns its row counts and failure rows.

    The count of documents is of those newly stored.
    """
    files = {name: path / f"{name}.parquet" for name in TABLES}
    counts = {name: pq.read_metadata(f).num_rows for name, f in files.items() if f.is_file()}
    failures = pq.read_table(files["failures"]).to_pylist() if "failures" in counts else []
    counts["documents"] = store.load_parquet(path)
    shutil.rmtree(path)
    return counts, failures


def _chunk_ids(path: Path) -> list[str]:
    documents = path / "documents.parquet"
    if not documents.is_file():
        return []
    return pq.read_table(documents, columns=["doc_id"]).column("doc_id").to_pylist()


def recover(store: Store, stage: Path, summary: Summary) -> set[str]:
    """Load the chunks killed runs of this store finished but did not store; drop
    half-written ones. Chunks of other stores are left in place, with a notice.

    Returns the ids of the documents in the loaded chunks.
    """
    recovered: set[str] = set()
    own = store_stage(stage, store)
    for run in sorted(own.glob("run-*")):
        for path in sorted(run.glob("tmp-*")):
            shutil.rmtree(path, ignore_errors=True)
        for path in sorted(run.glob("chunk-*")):
            recovered.update(_chunk_ids(path))
            summary.add(*load_chunk(store, path))
        _remove_empty(run)
    summary.recovered = len(recovered)
    for other in sorted(stage.glob("store-*")):
        chunks = sum(1 for _ in other.glob("run-*/chunk-*"))
        if other != own and chunks:
            summary.notices.append(
                f"{other} holds {chunks} unloaded chunk(s) of another store; left in place "
                "(the next ingest into that store loads them)"
            )
    legacy = sum(1 for _ in stage.glob("chunk-*"))
    if legacy:
        summary.notices.append(
            f"{stage} holds {legacy} chunk(s) from an older communique, of no known store; "
            "left in place"
        )
    return recovered


def _remove_empty(*directories: Path) -> None:
    """Remove each directory if it exists and is empty, in order (innermost first)."""
    for directory in directories:
        try:
            directory.rmdir()
        except OSError:  # not empty, or already gone
            return


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
    time_limit: float = TIME_LIMIT,
    progress: Progress | None = None,
    task: Callable[..., dict[str, Any]] = process_chunk,
) -> Summary:
    """Process documents as Dask tasks and load their results into ``store``.

    A task that fails for good (its worker died every time Dask retried it, say)
    costs its documents, each recorded as a failure; the run goes on.
    """
    started = time.perf_counter()
    advance = progress or (lambda n: None)
    summary = Summary(workers=max(1, len(dask_client.scheduler_info()["workers"])))
    recovered = recover(store, stage, summary)
    run = store_stage(stage, store) / f"run-{uuid.uuid4().hex}"
    run.mkdir(parents=True)
    failures = Batch()
    peaks: dict[str, int] = {}

    def skip(document: Document) -> None:
        if document.id not in recovered:  # stored by this run, from a killed run's chunk
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
            task, chunk, model, str(run.resolve()), batch_size, time_limit, pure=False
        )
        running[future] = chunk
        if len(running) >= limit:
            collect(wait(list(running), return_when="FIRST_COMPLETED").done)
    collect(wait(list(running)).done)
    _remove_empty(run, run.parent, stage)
    summary.seconds = time.perf_counter() - started
    summary.peak_rss = sorted(peaks.values())
    return summary
