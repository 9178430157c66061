"""Bounded work per document: punctuation runs, long documents in pieces, the time limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique import pipeline
from communique.nlp import PUNCTUATION_RUN, tokenizable
from communique.pipeline import process, segments
from communique.records import Document, Failure

ROOT = Path(__file__).resolve().parents[1]


def examples_text() -> str:
    """The reports in examples/, one after another: a long text written for the project."""
    paths = sorted((ROOT / "examples" / "reports").glob("*.txt"))
    return "\n\n".join(p.read_text(encoding="utf-8").strip() for p in paths)


def spans(value: object) -> list[dict]:
    """Every span (start, end, text) in a record."""
    if isinstance(value, dict):
        own = [value] if {"start", "end", "text"} <= value.keys() else []
        return own + [s for item in value.values() for s in spans(item)]
    if isinstance(value, list):
        return [s for item in value for s in spans(item)]
    return []


def test_tokenizable_cuts_punctuation_runs_and_keeps_every_offset() -> None:
    text = 'He said "' + '"' * 40 + " no ((((((((((((( —— wait!!! 😀😀😀😀😀😀😀😀😀😀 ok.\n"
    cut = tokenizable(text)
    assert len(cut) == len(text)
    assert all(a == b or a == " " for a, b in zip(cut, text, strict=True))
    assert '"' * PUNCTUATION_RUN + " " in cut and '"' * (PUNCTUATION_RUN + 1) not in cut
    assert "—— wait!!!" in cut, "short runs are left alone"
    assert tokenizable("“We will not back down,” the minister said.") == (
        "“We will not back down,” the minister said."
    )


def test_a_run_of_quote_marks_leaves_the_records_true_to_the_text(nlp) -> None:
    text = "“We will not back down,” the minister said.\n" + '"' * 5000 + "\nThe talks resume.\n"
    ((_, record),) = process([Document(id="q", text=text)], nlp)
    assert record["text"] == text
    assert [s["content"][0]["text"] for s in record["statements"]] == ["We will not back down"]
    for span in spans(record):
        assert text[span["start"] : span["end"]] == span["text"]


def test_segments_join_back_cut_after_line_breaks() -> None:
    text = examples_text()
    pieces = list(segments(text, 1000))
    assert "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces) and len(pieces) > len(text) // 1000
    assert all(p.endswith("\n") for p in pieces[:-1])
    one_paragraph = "The minister spoke. " * 200
    pieces = list(segments(one_paragraph, 1000))
    assert "".join(pieces) == one_paragraph
    assert all(p.endswith(". ") for p in pieces)
    assert list(segments("x" * 2500, 1000)) == ["x" * 1000, "x" * 1000, "x" * 500]


def test_a_long_document_in_pieces_has_the_records_of_the_whole(
    nlp, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = Document(id="long", text=examples_text(), published="2022-02-12")
    ((_, whole),) = process([document], nlp)
    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 1500)
    ((_, pieces),) = process([document], nlp)
    assert len(document.text) > 5 * 1500
    assert pieces["statements"] == whole["statements"]
    assert pieces["actors"] == whole["actors"]
    assert [(e["type"], e["trigger"]) for e in pieces["events"]] == [
        (e["type"], e["trigger"]) for e in whole["events"]
    ]


def test_a_document_over_the_time_limit_is_a_failure_and_the_run_goes_on(
    nlp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 1500)
    long = Document(id="long", text=examples_text(), source="feed.jsonl:7")
    short = Document(id="short", text="“We will not back down,” the minister said.")
    failures: list[Failure] = []
    done = list(process([long, short], nlp, on_failure=failures.append, time_limit=0.0))
    assert [d.id for d, _ in done] == ["short"]
    assert [str(f) for f in failures] == [
        "feed.jsonl:7: processing took over 0 s, the time limit for one document; not stored"
    ]


def _prose(chars: int) -> str:
    """The reports in examples/ again and again, cut at ``chars`` characters."""
    text = examples_text()
    return ("\n\n".join([text] * (chars // len(text) + 1)))[:chars]


# Each input, and the seconds it may take at most (model loading and the store included);
# a run that takes longer is a stalled one, not a slow one: see benchmarks/length.py.
HOSTILE = {
    "quotes.txt": (lambda: '"' * 50_000, 120),
    "parentheses.txt": (lambda: "(" * 50_000, 120),
    "article.txt": (lambda: _prose(1_000_000), 300),
}
# The ingest in a process of its own, its peak memory printed by a parent that has no
# other child.
_MEASURED = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_document_finishes_in_bounded_time_and_memory(tmp_path: Path, name: str) -> None:
    import subprocess
    import sys

    from communique.store import Store

    make, seconds = HOSTILE[name]
    path, db = tmp_path / name, tmp_path / "c.duckdb"
    path.write_text(make(), encoding="utf-8")
    command = [sys.executable, "-m", "communique", "ingest", str(path), "--db", str(db)]
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, *command],
        capture_output=True,
        text=True,
        timeout=seconds,
    )
    peak = int(result.stdout.split()[-1]) * 1024  # ru_maxrss is in kilobytes on Linux
    assert peak < 2 * 2**30, f"peak memory {peak / 2**30:.2f} GB"
    with Store(db, read_only=True) as store:
        stored, failed = store.count("documents"), store.count("failures")
        statements = store.count("statements")
    assert (stored, failed) == (1, 0), result.stderr
    if name == "article.txt":
        assert statements > 1000


def test_cordoned_is_cordon(nlp) -> None:
    # The rule lemmatizer's index lacks "cordon": "cordoned" lost a letter too many.
    doc = nlp("Police cordoned off the square and are cordoning off the streets.")
    assert [t.lemma_ for t in doc if t.lower_.startswith("cordon")] == ["cordon", "cordon"]


def test_staged_is_stage_not_stag(nlp) -> None:
    # The rule lemmatizer's index holds the verb "stag", which shadowed "stage".
    doc = nlp("Teachers staged a rally; the unions are staging more.")
    assert [t.lemma_ for t in doc if t.lower_ in {"staged", "staging"}] == ["stage", "stage"]


def test_hyphenated_acts_are_one_word(nlp) -> None:
    doc = nlp("The rebels declared a cease-fire; nurses staged walk-outs and a Sit-in.")
    assert {"cease-fire", "walk-outs", "Sit-in"} <= {t.text for t in doc}
    assert doc.text == "The rebels declared a cease-fire; nurses staged walk-outs and a Sit-in."
