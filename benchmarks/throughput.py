"""Throughput: `communique ingest` against bare spaCy parsing, same model, same processes.

    .venv/bin/python benchmarks/throughput.py [--texts DIR] [--limit N] [--workers 1 2] [--repeat R]

Texts default to the PolNeAR train split (``../shared/data/polnear/train/text``).
For each worker count N, in one run:

- bare: spaCy ``nlp.pipe(texts, n_process=N)`` with the same model, texts in memory;
- communique: the whole ingest — read the files, skip nothing, run the full
  pipeline (attribution, actors, events), write every record into a new DuckDB
  store — in this process for N = 1, on a Dask LocalCluster of N single-threaded
  worker processes otherwise (the cluster is started and each worker has loaded
  the model before the clock starts, as in a long run where start-up is amortised).

With ``--repeat R`` both run R times, interleaved, and the best of each
counts. Prints words/s and documents/s of both, their ratio, the scaling from the
first to the last worker count, peak memory per worker, and the projected time
for 250,000 articles at the texts' mean length.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

import spacy

from communique import corpus
from communique import nlp as nlp_module
from communique.corpus import distributed
from communique.ingest import read
from communique.pipeline import load
from communique.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
GDELT_DAY = 250_000


def bare(texts: list[str], workers: int) -> float:
    nlp = spacy.load(nlp_module.resolve_model_name())
    list(nlp.pipe(texts[:5]))  # warm-up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=workers):
        pass
    return time.perf_counter() - started


def ingest(paths: list[Path], workers: int, scratch: Path) -> corpus.Summary:
    scratch.mkdir(parents=True)
    db = scratch / "bench.duckdb"
    with Store(db) as store:
        if workers == 1:
            nlp = load()
            list(nlp.pipe(["Warm-up: the minister said so."]))
            return corpus.ingest(read(paths), store, nlp)
        with distributed.client(workers=workers) as client:
            client.run(load)  # each worker loads the model before the clock starts
            return distributed.ingest(read(paths), store, client, scratch / "stage")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--limit", type=int, default=None, help="first N texts (default: all)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best counts")
    args = parser.parse_args()
    paths = sorted(args.texts.glob("*.txt"))[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    mean_words = statistics.mean(len(t.split()) for t in texts)
    model = load()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python "
        f"{platform.python_version()}, spaCy {spacy.__version__}, "
        f"model {model.meta['name']} {model.meta['version']}"
    )
    print(f"texts: {len(texts)} from {args.texts} ({words:,} words, mean {mean_words:,.0f})")
    rates: dict[int, float] = {}
    bare_rates: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for workers in args.workers:
            bare_times, runs = [], []
            for attempt in range(args.repeat):  # interleaved; the best of each counts
                bare_times.append(bare(texts, workers))
                runs.append(ingest(paths, workers, Path(scratch) / f"{workers}-{attempt}"))
            bare_s = min(bare_times)
            summary = min(runs, key=lambda s: s.seconds)
            assert summary.documents == len(paths), summary
            rates[workers] = len(paths) / summary.seconds
            bare_rates[workers] = len(paths) / bare_s
            peak = max(summary.peak_rss) / 2**30
            print(
                f"\n{workers} process(es)\n"
                f"  bare spaCy nlp.pipe: {words / bare_s:,.0f} words/s, "
                f"{len(paths) / bare_s:,.2f} docs/s ({bare_s:.1f} s)\n"
                f"  communique ingest:   {words / summary.seconds:,.0f} words/s, "
                f"{rates[workers]:,.2f} docs/s ({summary.seconds:.1f} s; "
                f"{summary.statements:,} statements, {summary.events:,} events stored)\n"
                f"  ratio communique/bare: {bare_s / summary.seconds:.2f}\n"
                f"  peak memory per worker: {peak:.2f} GB\n"
                f"  projected {GDELT_DAY:,} articles of {mean_words:,.0f} words: "
                f"{GDELT_DAY / rates[workers] / 3600:,.1f} h"
            )
    first, last = args.workers[0], args.workers[-1]
    if last != first:
        # bare spaCy's own scaling is the control: what the extra cores gave in this run
        print(
            f"\nscaling {first} -> {last} workers: {rates[last] / rates[first]:.2f}x "
            f"(bare spaCy: {bare_rates[last] / bare_rates[first]:.2f}x)"
        )


if __name__ == "__main__":
    main()
