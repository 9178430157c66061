"""What linking stories costs next to extraction, on a corpus of 10,000 documents.

    .venv/bin/python benchmarks/stories.py [--documents 10000] [--texts 300] [--batches 10]
        [--order date|random] [--memory]

Extracts ``--texts`` PolNeAR train articles (``../shared/data/polnear/train/text``) and the
texts of ``examples/`` once, timing it; copies their records to ``--documents`` documents
with new ids and publication dates spread over a year (seed 0); stores them in a fresh
store in ``--batches`` ingests in date order, as a news feed arrives (or, with ``--order
random``, in batches of documents drawn at random over the year), running
``communique.corpus.stories.update`` after each as ``ingest`` does; and prints the seconds
and peak memory of linking against the extraction time of the same number of documents
(extraction measured per document and scaled), then each update: the documents stored so
far, the documents it read, its seconds and, with ``--memory`` (tracemalloc, which slows
the updates: time them in a run without it), the peak of the memory it allocated itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def _documents(count: int) -> list[object]:
    from communique.records import Document

    paths = sorted(TEXTS.glob("*.txt"))[:count] + sorted((ROOT / "examples").rglob("*.txt"))
    if not paths:
        sys.exit(f"no texts at {TEXTS}")
    return [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths]


def _copy(record: dict, document: object, n: int, day: str) -> tuple[object, dict]:
    """A record and its document under a new id (every id of the record renamed)."""
    from dataclasses import replace

    old = record["doc_id"]
    new = f"{old}~{n}"
    text = json.dumps(record, ensure_ascii=False).replace(f'"{old}:', f'"{new}:')
    copied = json.loads(text)
    copied["doc_id"] = new
    for key in ("statements", "events", "omissions"):
        for item in copied[key]:
            item["doc_id"] = new
    return replace(document, id=new, published=day), copied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--order", choices=("date", "random"), default="date")
    parser.add_argument("--memory", action="store_true", help="trace each update's memory")
    args = parser.parse_args()

    from communique.corpus import stories
    from communique.pipeline import load, process
    from communique.store import Batch, Store
    from communique.stories.topics import merge

    nlp = load()
    list(nlp.pipe(["Warm-up: the minister said so."]))
    documents = _documents(args.texts)
    started = time.perf_counter()
    extracted = list(process(documents, nlp))
    per_document = (time.perf_counter() - started) / len(extracted)

    rng = random.Random(0)
    first = dt.date(2022, 1, 1)
    copies = []
    for n in range(args.documents):
        document, record = extracted[n % len(extracted)]
        day = (first + dt.timedelta(days=rng.randrange(365))).isoformat()
        copies.append(_copy(record, document, n, day))
    if args.order == "date":
        copies.sort(key=lambda pair: (pair[0].published, pair[0].id))  # a feed: in date order
    linking = 0.0
    stored = 0
    updates: list[tuple[int, int, float, float | None]] = []
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "s.duckdb") as store:
        read = _count_reads(store)
        size = -(-len(copies) // args.batches)
        for start in range(0, len(copies), size):
            batch = Batch()
            for document, record in copies[start : start + size]:
                batch.add(document, record)
            store.write(batch)
            read.clear()
            if args.memory:
                tracemalloc.start()
            begun = time.perf_counter()
            stories.update(store, merge)
            took = time.perf_counter() - begun
            linking += took
            allocated = None
            if args.memory:
                allocated = tracemalloc.get_traced_memory()[1] / 2**20
                tracemalloc.stop()
            updates.append((start + len(batch), sum(read), took, allocated))
        stored = store.count("stories")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    extraction = per_document * len(copies)
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}")
    print()
    print("| documents | batches | stories | extraction (scaled) | linking | share | peak memory |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {len(copies):,} | {args.batches} | {stored:,} | {extraction:,.0f} s "
        f"({per_document * 1000:.0f} ms/doc) | {linking:,.1f} s | "
        f"{100 * linking / extraction:.1f}% | {peak:,.0f} MB |"
    )
    print()
    print("| update | documents stored | documents read | seconds | peak allocated |")
    print("|---|---|---|---|---|")
    for n, (total, documents, took, allocated) in enumerate(updates, 1):
        memory = f"{allocated:,.0f} MB" if allocated is not None else "-"
        print(f"| {n} | {total:,} | {documents:,} | {took:.1f} | {memory} |")


def _count_reads(store: object) -> list[int]:
    """The number of records each call of the store's ``records_of`` reads, as a list the
    caller clears between updates."""
    counts: list[int] = []
    records_of = store.records_of

    def counted(doc_ids: list[str], *args: object) -> list[dict]:
        counts.append(len(doc_ids))
        return records_of(doc_ids, *args)

    store.records_of = counted
    return counts


if __name__ == "__main__":
    main()
