"""Attribution scored against PolNeAR, exactly as EVALUATION.md section 1 describes.

Gold and predictions both become ``Attribution`` values: sets of character
offsets for the cue, the content and the source, each the union of the span's
fragments after trimming. ``score`` compares them per document and
micro-averages over the split, with a bootstrap interval over articles.

Choices the protocol leaves open, made here:

- A span made only of strippable characters (PolNeAR's ``:`` and ``―`` cues)
  is kept whole rather than trimmed to nothing.
- Every gold ``E`` line with a ``Content`` argument is one gold attribution; the
  few without one (1 in dev, 36 in train; mostly abandoned annotations with no cue
  either) could never be matched and are skipped. The source is the union of the
  ``Source`` arguments of an ``Attribution`` line; an ``Attribution-no-source``
  line has no source even if it carries a ``Source`` argument.
- Cue metrics compare the non-empty cue sets (a statement without a cue, or an
  ``E`` line without one, has no cue to score); content soft metrics compare
  the non-empty content sets. Attribution and strict metrics count every
  attribution.
- Pairs qualify for matching only when they share at least one character.
  Greedy matching takes the largest overlap first; ties go to the pair whose
  source is right, then to the earlier gold and the earlier prediction.
- Breakdowns of the attribution metric: recall is over the gold attributions
  with the property; precision is over the predictions with the property
  themselves (their own content contains a quote mark / their own source is a
  pronoun). A content "contains a quote mark" (double quotes, « » „ or ‘, not
  apostrophes) when its fragments do, counting the punctuation that touches their
  ends: ``We will win`` inside ``“We will win,”`` is quoted whether or not the
  marks were annotated or predicted as part of it. Either side counts as correct
  when it belongs to a matched pair whose source is right, whatever the property
  of its partner. "Other source" is the complement of "pronoun source": it
  includes attributions with no source, so each breakdown pair partitions the gold.
"""

from __future__ import annotations

import json
import math
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from communique.pipeline import process
from communique.records import Document

Offsets = frozenset[int]
Fragments = list[tuple[int, int]]
Counts = tuple[float, float, float, float]  # precision numerator, denominator; recall's

QUOTE_MARKS = "\"'“”‘’«»„"
# A content with one of these is "quoted"; apostrophes (' ’) do not count.
QUOTING_MARKS = '"“”«»„‟‘'
EXTRA_SYMBOLS = "`´~|•·"
_PERSONAL = ("i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them")
_POSSESSIVE = ("my", "mine", "our", "ours", "your", "yours", "his", "hers", "its", "their")
_REFLEXIVE = ("myself", "ourselves", "yourself", "yourselves", "himself", "herself", "itself")
_DEMONSTRATIVE_AND_RELATIVE = ("this", "that", "these", "those", "who", "whom", "whose", "which")
PRONOUNS = frozenset(
    (*_PERSONAL, *_POSSESSIVE, "theirs", *_REFLEXIVE, "themselves", *_DEMONSTRATIVE_AND_RELATIVE)
)
METRICS = (
    "cue_exact",
    "cue_overlap",
    "content_soft",
    "attribution",
    "content",
    "strict",
    "attribution_quote",
    "attribution_no_quote",
    "attribution_pronoun_source",
    "attribution_other_source",
)
LABELS = {
    "cue_exact": "cue (exact)",
    "cue_overlap": "cue (any overlap)",
    "content_soft": "content (soft)",
    "attribution": "attribution (headline)",
    "content": "content (matched, source ignored)",
    "strict": "strict (cue, content, source exact)",
    "attribution_quote": "  attribution: quote in gold content",
    "attribution_no_quote": "  attribution: no quote",
    "attribution_pronoun_source": "  attribution: pronoun source",
    "attribution_other_source": "  attribution: other source",
}
SPLITS = ("train", "dev")


@dataclass(frozen=True)
class Attribution:
    """One attribution as sets of character offsets (trimmed); ``source`` None when absent."""

    cue: Offsets
    content: Offsets
    source: Offsets | None
    content_text: str = field(default="", compare=False)  # with its marks, see ``_marked``
    source_text: str | None = field(default=None, compare=False)  # trimmed

    @property
    def quoted(self) -> bool:
        """The content, with the punctuation touching its ends, contains a quote mark."""
        return any(char in QUOTING_MARKS for char in self.content_text)

    @property
    def pronoun_source(self) -> bool:
        """The source is a pronoun ("he", "they", "this" ...)."""
        return self.source_text is not None and self.source_text.lower() in PRONOUNS


# --- spans -----------------------------------------------------------------------------------


def _strippable(char: str) -> bool:
    return (
        char.isspace()
        or char in QUOTE_MARKS
        or char in EXTRA_SYMBOLS
        or unicodedata.category(char)[0] in "PZC"
    )


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace, punctuation and quote marks from both ends (may become empty)."""
    while start < end and _strippable(text[start]):
        start += 1
    while end > start and _strippable(text[end - 1]):
        end -= 1
    return start, end


def _trimmed(text: str, fragments: Fragments) -> Fragments:
    """The fragments trimmed, empty ones dropped; all kept whole if all would vanish."""
    kept = [(s, e) for s, e in (trim(text, *f) for f in fragments) if s < e]
    return sorted(kept or fragments)


def _offsets(fragments: Fragments) -> Offsets:
    return frozenset(i for start, end in fragments for i in range(start, end))


def _marked(text: str, start: int, end: int) -> tuple[int, int]:
    """The fragment grown over the punctuation and quote marks touching its ends, so that
    a content quoted as ``“We will win,”`` reads the same with or without its marks."""
    while start > 0 and _strippable(text[start - 1]) and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and _strippable(text[end]) and not text[end].isspace():
        end += 1
    return start, end


def _text(text: str, fragments: Fragments) -> str:
    return " ".join(text[start:end] for start, end in sorted(fragments))


def attribution(
    text: str, cue: Fragments, content: Fragments, source: Fragments | None
) -> Attribution:
    """An ``Attribution`` from raw (untrimmed) fragments of ``text``."""
    source_fragments = _trimmed(text, source) if source is not None else None
    return Attribution(
        cue=_offsets(_trimmed(text, cue)),
        content=_offsets(_trimmed(text, content)),
        source=_offsets(source_fragments) if source_fragments is not None else None,
        content_text=_text(text, [_marked(text, *fragment) for fragment in content]),
        source_text=_text(text, source_fragments) if source_fragments is not None else None,
    )


# --- gold: brat standoff ---------------------------------------------------------------------

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t", re.MULTILINE)
_E_LINE = re.compile(r"^E\d+\t(.*)$", re.MULTILINE)


def parse_ann(text: str, ann: str) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file over ``text``: one per ``E`` line with
    a content."""
    spans: dict[str, Fragments] = {}
    for match in _T_LINE.finditer(ann):
        spans[match[1]] = [
            (int(start), int(end)) for start, end in (pair.split() for pair in match[3].split(";"))
        ]
    attributions = []
    for match in _E_LINE.finditer(ann):
        kind, *arguments = match[1].split()
        roles: dict[str, Fragments] = {}
        for argument in arguments:
            role, _, span_id = argument.partition(":")
            roles.setdefault(role.rstrip("0123456789"), []).extend(spans.get(span_id, []))
        if not roles.get("Content"):
            continue
        has_source = kind.startswith("Attribution:") and "Source" in roles
        attributions.append(
            attribution(
                text,
                cue=roles.get("Cue", []),
                content=roles.get("Content", []),
                source=roles["Source"] if has_source else None,
            )
        )
    return attributions


def annotation_files(directory: Path) -> dict[str, Path]:
    """Document name -> its ``.ann`` file, the annotator id that sorts first winning."""
    chosen: dict[str, tuple[str, Path]] = {}
    for path in directory.glob("*.ann"):
        name, _, annotator = path.stem.rpartition("_")
        if name not in chosen or annotator < chosen[name][0]:
            chosen[name] = (annotator, path)
    return {name: path for name, (_, path) in chosen.items()}


def load_gold(data: Path, split: str) -> dict[str, tuple[str, list[Attribution]]]:
    """Document name -> (text, gold attributions) for one PolNeAR split."""
    if split not in SPLITS:
        raise ValueError(f"unknown PolNeAR split {split!r}; use one of {', '.join(SPLITS)}")
    root = Path(data) / split
    texts, annotations = root / "text", root / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise FileNotFoundError(f"PolNeAR {split} split not found at {root}")
    files = annotation_files(annotations)
    gold = {}
    for path in sorted(texts.glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as file:  # offsets count any "\r"
            text = file.read()
        ann = files[path.stem].read_text(encoding="utf-8") if path.stem in files else ""
        gold[path.stem] = (text, parse_ann(text, ann))
    return gold


# --- predictions: schema-1 records -----------------------------------------------------------


def _fragment(span: dict[str, Any]) -> tuple[int, int]:
    return (span["start"], span["end"])


def from_records(
    records: Iterable[dict[str, Any]], texts: dict[str, str]
) -> dict[str, list[Attribution]]:
    """Document id -> predicted attributions, from schema-1 records; ids not in ``texts``
    are skipped."""
    predicted: dict[str, list[Attribution]] = {}
    for record in records:
        text = texts.get(record["doc_id"])
        if text is None:
            continue
        attributions = predicted.setdefault(record["doc_id"], [])
        for statement in record["statements"]:
            cue, source = statement.get("cue"), statement.get("source")
            attributions.append(
                attribution(
                    text,
                    cue=[_fragment(cue)] if cue else [],
                    content=[_fragment(span) for span in statement.get("content", [])],
                    source=[_fragment(source)] if source else None,
                )
            )
    return predicted


# --- matching and per-document counts --------------------------------------------------------


def source_right(gold: Attribution, predicted: Attribution) -> bool:
    """Both sources absent, or both present and sharing a character."""
    if gold.source is None or predicted.source is None:
        return gold.source is None and predicted.source is None
    return bool(gold.source & predicted.source)


def half_overlap(shared: int, predicted: int, gold: int) -> bool:
    """The attribution rule: |p∩g| ≥ 0.5·max(|p|, |g|)."""
    return 2 * shared >= max(predicted, gold)


def greedy_match(
    gold: Sequence[Offsets],
    predicted: Sequence[Offsets],
    qualifies: Callable[[int, int, int], bool] = lambda shared, p, g: True,
    prefer: Callable[[int, int], bool] = lambda g, p: False,
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, largest overlap first.

    A pair is a candidate when it shares a character and ``qualifies(shared, |p|, |g|)``;
    ties in overlap go to pairs where ``prefer(g, p)``, then to lower indices.
    """
    candidates = []
    for g, gold_set in enumerate(gold):
        for p, predicted_set in enumerate(predicted):
            shared = len(gold_set & predicted_set)
            if shared and qualifies(shared, len(predicted_set), len(gold_set)):
                candidates.append((-shared, not prefer(g, p), g, p))
    candidates.sort()
    pairs, used_gold, used_predicted = [], set(), set()
    for _, _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            pairs.append((g, p))
            used_gold.add(g)
            used_predicted.add(p)
    return pairs


def _exact(gold: Iterable[Any], predicted: Iterable[Any]) -> Counts:
    """One-to-one exact matches between two multisets."""
    gold, predicted = Counter(gold), Counter(predicted)
    hits = sum((gold & predicted).values())
    return (hits, sum(predicted.values()), hits, sum(gold.values()))


def _soft(gold: list[Offsets], predicted: list[Offsets]) -> Counts:
    """Sums of best-overlap shares: of each predicted content, of each gold content."""

    def best(sets: list[Offsets], others: list[Offsets]) -> float:
        return sum(max((len(s & o) / len(s) for o in others), default=0.0) for s in sets)

    return (best(predicted, gold), len(predicted), best(gold, predicted), len(gold))


def _subset(
    gold: list[Attribution],
    predicted: list[Attribution],
    correct_gold: set[int],
    correct_predicted: set[int],
    has: Callable[[Attribution], bool],
) -> Counts:
    """Attribution counts restricted to the gold and predictions for which ``has`` holds."""
    in_predicted = [p for p, a in enumerate(predicted) if has(a)]
    in_gold = [g for g, a in enumerate(gold) if has(a)]
    return (
        sum(p in correct_predicted for p in in_predicted),
        len(in_predicted),
        sum(g in correct_gold for g in in_gold),
        len(in_gold),
    )


def document_counts(gold: list[Attribution], predicted: list[Attribution]) -> dict[str, Counts]:
    """Metric name -> (precision numerator, denominator, recall numerator, denominator)."""
    gold_cues = [a.cue for a in gold if a.cue]
    predicted_cues = [a.cue for a in predicted if a.cue]
    cue_pairs = greedy_match(gold_cues, predicted_cues)
    pairs = greedy_match(
        [a.content for a in gold],
        [a.content for a in predicted],
        qualifies=half_overlap,
        prefer=lambda g, p: source_right(gold[g], predicted[p]),
    )
    right = [(g, p) for g, p in pairs if source_right(gold[g], predicted[p])]
    correct_gold, correct_predicted = {g for g, _ in right}, {p for _, p in right}

    def subset(has: Callable[[Attribution], bool]) -> Counts:
        return _subset(gold, predicted, correct_gold, correct_predicted, has)

    return {
        "cue_exact": _exact(gold_cues, predicted_cues),
        "cue_overlap": (len(cue_pairs), len(predicted_cues), len(cue_pairs), len(gold_cues)),
        "content_soft": _soft(
            [a.content for a in gold if a.content], [a.content for a in predicted if a.content]
        ),
        "attribution": (len(right), len(predicted), len(right), len(gold)),
        "content": (len(pairs), len(predicted), len(pairs), len(gold)),
        "strict": _exact(
            ((a.cue, a.content, a.source) for a in gold),
            ((a.cue, a.content, a.source) for a in predicted),
        ),
        "attribution_quote": subset(lambda a: a.quoted),
        "attribution_no_quote": subset(lambda a: not a.quoted),
        "attribution_pronoun_source": subset(lambda a: a.pronoun_source),
        "attribution_other_source": subset(lambda a: not a.pronoun_source),
    }


# --- micro-averaging and the bootstrap -------------------------------------------------------


def prf(counts: Sequence[float]) -> tuple[float, float, float]:
    """Precision, recall and F1 from summed counts (0 where undefined)."""
    p_num, p_den, r_num, r_den = counts
    precision = p_num / p_den if p_den else 0.0
    recall = r_num / r_den if r_den else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _percentile(ordered: Sequence[float], q: float) -> float:
    """The q-th percentile of sorted values, interpolating linearly (numpy's default)."""
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _columns(rows: list[list[float]]) -> list[float]:
    return [math.fsum(column) for column in zip(*rows, strict=True)] if rows else []


def _row(counts: dict[str, Counts]) -> list[float]:
    """A document's counts as one flat row, four numbers per metric in ``METRICS`` order."""
    return [value for metric in METRICS for value in counts[metric]]


def _micro(sums: Sequence[float]) -> dict[str, tuple[float, float, float]]:
    """Metric -> (P, R, F1) from a row of counts summed over documents."""
    return {metric: prf(sums[4 * m : 4 * m + 4]) for m, metric in enumerate(METRICS)}


def _interval(values: Iterable[float]) -> list[float]:
    """The 2.5th and 97.5th percentiles."""
    ordered = sorted(values)
    return [_percentile(ordered, 2.5), _percentile(ordered, 97.5)]


def bootstrap(rows: list[list[float]], resamples: int = 1000, seed: int = 0) -> list[list[float]]:
    """Column sums of ``resamples`` resamplings of the rows (documents) with replacement."""
    rng = random.Random(seed)
    n = len(rows)
    return [_columns([rows[i] for i in rng.choices(range(n), k=n)]) for _ in range(resamples)]


def score(
    gold: dict[str, tuple[str, list[Attribution]]],
    predicted: dict[str, list[Attribution]],
    resamples: int = 1000,
    seed: int = 0,
) -> dict[str, Any]:
    """The EVALUATION.md section 1 report over the gold documents (JSON-serialisable).

    Predictions for documents outside ``gold`` are ignored; ``missing`` counts the gold
    documents absent from ``predicted`` (no record: scored as no predictions). Each
    metric has P, R, F1 and a 95% bootstrap interval for each, resampling articles
    (sorted by name).
    """
    names = sorted(gold)
    rows = [_row(document_counts(gold[name][1], predicted.get(name, []))) for name in names]
    point = _micro(_columns(rows) if rows else [0.0] * 4 * len(METRICS))
    resampled = [_micro(sums) for sums in bootstrap(rows, resamples, seed)] if rows else []
    metrics = {}
    for metric in METRICS:
        samples = [sample[metric] for sample in resampled] or [point[metric]]
        precision, recall, f1 = point[metric]
        metrics[metric] = {
            "p": precision,
            "r": recall,
            "f1": f1,
            "ci": {key: _interval(s[k] for s in samples) for k, key in enumerate(("p", "r", "f1"))},
        }
    return {
        "documents": len(names),
        "gold": sum(len(gold[name][1]) for name in names),
        "predicted": sum(len(predicted.get(name, [])) for name in names),
        "missing": sum(name not in predicted for name in names),
        "metrics": metrics,
    }


# --- running and reporting -------------------------------------------------------------------


def read_records(path: Path) -> list[dict[str, Any]]:
    """Schema-1 records from a JSONL file (blank lines skipped)."""
    records = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
    return records


def evaluate(
    data: Path,
    split: str,
    nlp: Any = None,
    records: Iterable[dict[str, Any]] | None = None,
    resamples: int = 1000,
    seed: int = 0,
) -> dict[str, Any]:
    """Score ``records`` (or communique's pipeline run over the split) against the gold."""
    gold = load_gold(data, split)
    if records is None:
        documents = (Document(id=name, text=text) for name, (text, _) in sorted(gold.items()))
        records = (record for _, record in process(documents, nlp))
    texts = {name: text for name, (text, _) in gold.items()}
    return score(gold, from_records(records, texts), resamples=resamples, seed=seed)


def format_report(report: dict[str, Any], title: str) -> Table:
    """A rich table: one row per metric with P, R, F1 and the F1 interval."""
    table = Table(
        title=title,
        title_justify="left",
        caption=(
            f"{report['documents']} articles, {report['gold']} gold and "
            f"{report['predicted']} predicted attributions"
            + (f" ({report['missing']} articles without a record)" if report["missing"] else "")
            + "; 95% bootstrap over articles"
        ),
        caption_justify="left",
    )
    table.add_column("metric")
    for column in ("P", "R", "F1", "F1 95% CI"):
        table.add_column(column, justify="right")
    for metric in METRICS:
        result = report["metrics"][metric]
        low, high = result["ci"]["f1"]
        table.add_row(
            LABELS[metric],
            f"{result['p']:.3f}",
            f"{result['r']:.3f}",
            f"[bold]{result['f1']:.3f}[/]",
            f"{low:.3f}–{high:.3f}",
        )
    return table
