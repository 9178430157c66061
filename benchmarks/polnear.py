"""Attribution on PolNeAR: communique against peer baselines, same model, same machine.

    .venv/bin/pip install -e '.[bench]'     # textacy, for its baseline only
    .venv/bin/python benchmarks/polnear.py [--split dev] [--data ../shared/data/polnear]

Scores each system with ``communique.eval.polnear`` (EVALUATION.md section 1) and
times it end to end (parsing included) in words per second. Prints a Markdown
table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from baselines import quote_verb_records, textacy_records
from spacy.language import Language
from spacy.tokens import Doc

from communique import nlp as nlp_module
from communique.eval.polnear import from_records, load_gold, score
from communique.pipeline import load, process
from communique.records import Document

ROOT = Path(__file__).resolve().parents[1]
ROWS = ("attribution", "content", "content_soft", "cue_exact", "strict")


def communique_records(nlp: Language, names: list[str], texts: list[str]) -> list[dict[str, Any]]:
    documents = [Document(id=n, text=t) for n, t in zip(names, texts, strict=True)]
    return [record for _, record in process(documents, nlp)]


def baseline_records(
    bare: Language,
    names: list[str],
    texts: list[str],
    extract: Callable[[Iterable[tuple[str, Doc]]], Iterator[dict[str, Any]]],
) -> list[dict[str, Any]]:
    docs = zip(names, bare.pipe(texts, batch_size=32), strict=True)
    return list(extract(docs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    args = parser.parse_args()
    gold = load_gold(args.data, args.split)
    names = sorted(gold)
    texts = [gold[n][0] for n in names]
    words = sum(len(t.split()) for t in texts)

    full = load()
    bare = spacy.load(nlp_module.resolve_model_name())
    systems = {
        "communique": lambda: communique_records(full, names, texts),
        "textacy direct_quotations": lambda: baseline_records(bare, names, texts, textacy_records),
        "quote marks + nearest speech verb": lambda: baseline_records(
            bare, names, texts, quote_verb_records
        ),
    }
    print(
        f"PolNeAR {args.split}: {len(names)} articles, {words:,} words; "
        f"model {full.meta['name']} {full.meta['version']}, spaCy {spacy.__version__}, "
        f"Python {platform.python_version()}, {platform.machine()}"
    )
    print()
    header = (
        "| system | attribution F1 (95% CI) | P | R | content F1 | content soft F1 "
        "| cue F1 | strict F1 | words/s |"
    )
    print(header)
    print("|" + "---|" * 9)
    for label, run in systems.items():
        start = time.perf_counter()
        records = run()
        seconds = time.perf_counter() - start
        predicted = from_records(records, {n: gold[n][0] for n in names})
        metrics = score(gold, predicted)["metrics"]
        head = metrics["attribution"]
        low, high = head["ci"]["f1"]
        print(
            f"| {label} | {head['f1']:.3f} ({low:.3f}–{high:.3f}) | {head['p']:.3f} | "
            f"{head['r']:.3f} | {metrics['content']['f1']:.3f} | "
            f"{metrics['content_soft']['f1']:.3f} | {metrics['cue_exact']['f1']:.3f} | "
            f"{metrics['strict']['f1']:.3f} | {words / seconds:,.0f} |"
        )


if __name__ == "__main__":
    main()
