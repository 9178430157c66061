"""Throughput: communique's full pipeline against bare spaCy parsing, same model, one process.

    .venv/bin/python benchmarks/throughput.py [--texts DIR] [--limit N] [--repeat R]

Texts default to the PolNeAR train split (``../shared/data/polnear/train/text``).
Both run ``--repeat`` times, interleaved, over the same texts after a warm-up;
the best run of each counts. Prints words/s for both and their ratio.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from communique import nlp as nlp_module
from communique.pipeline import process
from communique.records import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.texts.glob("*.txt"))[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)

    full = nlp_module.load()
    bare = spacy.load(nlp_module.resolve_model_name())
    documents = [Document(id=p.stem, text=t) for p, t in zip(paths, texts, strict=True)]
    list(bare.pipe(texts[:5]))  # warm-up
    list(process(documents[:5], full))

    # Interleaved, so that both see the same machine state; the best run of each counts.
    bare_runs, full_runs = [], []
    for _ in range(args.repeat):
        bare_runs.append(timed(lambda: list(bare.pipe(texts, batch_size=32))))
        full_runs.append(timed(lambda: list(process(documents, full))))
    bare_s, full_s = min(bare_runs), min(full_runs)
    print(
        f"machine: {platform.processor() or platform.machine()}, "
        f"python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"model {full.meta['name']} {full.meta['version']}"
    )
    print(f"texts: {len(texts)} from {args.texts} ({words:,} words)")
    print(f"bare spaCy nlp.pipe: {words / bare_s:,.0f} words/s ({bare_s:.2f} s)")
    print(f"communique pipeline: {words / full_s:,.0f} words/s ({full_s:.2f} s)")
    print(f"ratio: {bare_s / full_s:.2f}")


if __name__ == "__main__":
    main()
