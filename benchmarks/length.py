"""Seconds and memory against document length: is every stage near-linear?

    .venv/bin/python benchmarks/length.py [--text FILE] [--lengths 10000 ... 1000000] [--plot PNG]

One document per length, cut from real news prose (default: the PolNeAR train
articles joined with blank lines; ``--text`` takes any UTF-8 file, repeated to
the length needed), run through communique's pipeline as ``process`` runs it: a
document longer than ``pipeline.SEGMENT_CHARS`` has the model run on its pieces,
which are joined before attribution (with actors) and events. Each length runs in
a fresh process, so that its peak memory is its own. Also two hostile inputs of
50,000 characters: quote marks and opening parentheses, which spaCy's tokenizer
alone takes minutes over.

Prints a Markdown table (seconds per stage, peak memory) and the growth exponent
k of time ~ length^k between successive lengths (1 is linear, 2 quadratic);
``--plot`` draws seconds against length on log-log axes (matplotlib, from the
``bench`` extra).
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
LENGTHS = [10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]
STAGES = ("model", "join", "attribution", "events", "record")


def prose(length: int, source: Path | None) -> str:
    if source is not None:
        text = source.read_text(encoding="utf-8")
    else:
        if not DEFAULT_TEXTS.is_dir():
            sys.exit(f"no texts at {DEFAULT_TEXTS}; pass --text FILE")
        paths = sorted(DEFAULT_TEXTS.glob("*.txt"))
        text = "\n\n".join(p.read_text(encoding="utf-8") for p in paths)
    return ("\n\n".join([text] * (length // len(text) + 1)))[:length]


def one(text: str) -> dict[str, float]:
    """Time each stage on one document, in this process."""
    from spacy.tokens import Doc

    from communique import nlp as nlp_module
    from communique import pipeline
    from communique.records import Document

    nlp = pipeline.load()
    list(nlp.pipe(["Warm-up: the minister said so."]))
    document = Document(id="length", text=text)
    whole = list(nlp_module.DOCUMENT_COMPONENTS)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    pieces = list(
        nlp.pipe(
            pipeline.segments(nlp_module.tokenizable(text), pipeline.SEGMENT_CHARS),
            disable=whole,
            batch_size=1,
        )
    )
    seconds["model"] = time.perf_counter() - started
    started = time.perf_counter()
    doc = Doc.from_docs(pieces, ensure_whitespace=False)
    doc._.doc_id = document.id
    seconds["join"] = time.perf_counter() - started
    for name, component in nlp.pipeline:
        if name in whole:
            started = time.perf_counter()
            doc = component(doc)
            seconds[name.removeprefix("communique_")] = time.perf_counter() - started
    started = time.perf_counter()
    record = pipeline.record(document, doc)
    seconds["record"] = time.perf_counter() - started
    return {
        **seconds,
        "total": sum(seconds.values()),
        "tokens": len(doc),
        "statements": len(record["statements"]),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(label: str, length: int, source: Path | None, kind: str) -> dict[str, object]:
    command = [sys.executable, __file__, "--one", str(length), "--kind", kind]
    if source is not None:
        command += ["--text", str(source)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return {"label": label, "chars": length, **json.loads(result.stdout.splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", type=Path, help="A UTF-8 text file to cut documents from.")
    parser.add_argument("--lengths", type=int, nargs="+", default=LENGTHS)
    parser.add_argument("--plot", type=Path, help="Draw seconds against length to this PNG.")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--kind", default="prose", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        texts = {"prose": lambda n: prose(n, args.text), '"': lambda n: '"' * n}
        texts["("] = lambda n: "(" * n
        print(json.dumps(one(texts[args.kind](args.one))))
        return

    rows = [measure(f"{n:,}", n, args.text, "prose") for n in args.lengths]
    hostile = [measure(f"50,000 × {c}", 50_000, None, c) for c in ('"', "(")]
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}\n")
    print(
        "| characters | tokens | model | join | attribution | events | record | total "
        "| growth k | peak memory |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for i, row in enumerate([*rows, *hostile]):
        k = f"{growth(rows[i - 1], row):.2f}" if 0 < i < len(rows) else ""
        stages = " | ".join(f"{row[s]:.2f} s" for s in STAGES)
        print(
            f"| {row['label']} | {row['tokens']:,} | {stages} | **{row['total']:.2f} s** "
            f"| {k} | {row['peak_mb']:,.0f} MB |"
        )
    print(
        f"\nGrowth exponent from {rows[0]['label']} to {rows[-1]['label']} characters: "
        f"{growth(rows[0], rows[-1]):.2f}"
    )
    if args.plot:
        plot(rows, args.plot)


def growth(a: dict[str, object], b: dict[str, object]) -> float:
    """k in time ~ length^k between two rows."""
    return math.log(b["total"] / a["total"]) / math.log(b["chars"] / a["chars"])


def plot(rows: list[dict[str, object]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chars = [row["chars"] for row in rows]
    figure, axes = plt.subplots(figsize=(6.4, 4.2))
    for stage in (*STAGES, "total"):
        axes.plot(chars, [row[stage] for row in rows], marker="o", label=stage)
    linear = [rows[-1]["total"] * c / chars[-1] for c in chars]
    axes.plot(chars, linear, linestyle="--", color="grey", label="linear (through total)")
    axes.set(
        xscale="log",
        yscale="log",
        xlabel="document length (characters)",
        ylabel="seconds",
        title="communique: seconds against document length",
    )
    axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(out, dpi=100)
    print(f"plot: {out}")


if __name__ == "__main__":
    main()
