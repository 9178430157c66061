"""Events and actors scored against the PLOVER gold records, as EVALUATION.md section 2 says.

Each gold sentence is one document with one gold event: a PLOVER type, the codes of its
``source`` actors and of its ``target`` actors (either may be absent). Predictions are
schema-1 records; ``score`` compares them per sentence and micro-averages, with a bootstrap
interval over sentences.

Choices the protocol leaves open, made here:

- Codes are normalised on both sides with ``CODES`` after upper-casing: the gold typos
  JAP→JPN, ITL→ITA, VTN→VNM (EVALUATION.md), and UNO→IGO, EUR→IGO. The PLOVER manual gives
  the UN and the EU their own codes, UNO and EUR, and communique's gazetteer uses them; the
  gold set predates them and codes both (and every other intergovernmental body) as IGO.
- Sectors are normalised on both sides by ``sector``: the first three letters, upper-cased
  (``REBkur``→``REB``, ``CVLtur``→``CVL``, ``RELCHR``→``REL``), with CAMEO's ``CIV`` read
  as PLOVER's ``CVL``; ``***``, ``UNK`` and empty or absent sectors are unknown (None).
- A gold ``source`` or ``target`` that is not a list of actors means no actor in that role:
  missing, an empty string, an empty list, or (one dev line, AGREE-0007, whose ``target`` is
  the context word ``"diplomatic"``) any other string. Actors without a code are skipped.
  The code sets are sets: two gold actors with one code (the Sudanese government and the
  SPLM/A, both SDN) give that code once.
- A predicted event's actor codes come from ``codes_of``: each actor's ``country``, or for a
  ``group`` with ``members`` the members' countries (one level; unknown ids and null codes
  are dropped). Every predicted event counts, whatever its mode, negation or tense; event
  types are compared upper-cased.
- Event type: per sentence, the gold pair is (sentence, gold type) and the predicted pairs
  are the distinct types of its predicted events.
- Actor and recipient codes: the predicted pairs are the union of the codes over the
  sentence's predicted events *of the gold type* only (events of other types are ignored:
  neither right nor wrong). Precision counts every such predicted pair, recall every gold
  pair. For recipients this means a sentence whose gold has no target adds no gold pair, but
  any recipient its predicted events of the gold type carry counts against precision.
- Full-event accuracy (headline): over all gold sentences, the share with at least one
  predicted event of the gold type whose own actor code set equals the gold source code set
  (both may be empty) and, when gold has a target, whose own recipient code set equals the
  gold target code set; when gold has no target, the event's recipients are not checked.
- A group's member that has no sector of its own (a state) takes the group's: the members
  of "Hungarian and Romanian officials" (GOV) are HUN/GOV and ROU/GOV.
- Sector accuracy (secondary): over the gold source actors with a known sector whose code is
  among the sentence's predicted actor codes (events of the gold type), the share for which
  some predicted actor of those events with that code has the gold sector. One gold actor is
  one unit, so SDN/GOV and SDN/REB are two.
- First event's type (secondary, the measure of sentence-level type sets, one label per
  sentence): the share of gold sentences whose first predicted event (in text order) has the
  gold type; a sentence without a predicted event counts as wrong. ``no_event`` is the share
  of gold sentences with no predicted event at all (lower is better).
- Per-type P/R/F1 follow the event-type pairs restricted to one type; the confusion list
  maps each gold type to the predicted types of its sentences (``(none)`` when a sentence has
  no predicted event).
- A gold sentence without a record (the pipeline failed on it, or the predictions file lacks
  it) counts as having no predicted events; ``missing`` counts them. Records for ids outside
  the gold are ignored; for a repeated id the last record wins.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from communique.eval.polnear import _interval, bootstrap, prf, read_records
from communique.pipeline import process
from communique.records import Document

__all__ = [
    "CODES",
    "GoldEvent",
    "code",
    "codes_of",
    "evaluate",
    "format_per_type",
    "format_report",
    "load_gold",
    "read_records",
    "score",
    "sector",
]

CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UNO": "IGO", "EUR": "IGO"}
SECTORS = {"CIV": "CVL"}
UNKNOWN_SECTORS = frozenset({"", "***", "UNK"})
ROLES = ("actors", "recipients")
NONE = "(none)"

PRF_METRICS = ("event_type", "actor_code", "recipient_code")
ACCURACY_METRICS = ("full_event", "sector", "first_event", "no_event")
LABELS = {
    "event_type": "event type",
    "actor_code": "actor code",
    "recipient_code": "recipient code",
    "full_event": "full-event accuracy (headline)",
    "sector": "sector accuracy (matched actors)",
    "first_event": "first event's type (sentences)",
    "no_event": "sentences with no event",
}


def code(value: str | None) -> str | None:
    """A country or non-state code, upper-cased and normalised with ``CODES``; None if empty."""
    value = (value or "").strip().upper()
    return CODES.get(value, value) or None


def sector(value: str | None) -> str | None:
    """A sector code as its first three letters upper-cased (``CIV``→``CVL``); None if
    unknown."""
    value = (value or "").strip()[:3].upper()
    return None if value in UNKNOWN_SECTORS else SECTORS.get(value, value)


@dataclass(frozen=True)
class GoldEvent:
    """One gold sentence and its event; codes normalised, sectors per source code."""

    id: str
    text: str
    type: str
    source: frozenset[str]
    target: frozenset[str]
    # code -> the sectors of the gold source actors with that code, one per actor (None unknown)
    source_sectors: Mapping[str, tuple[str | None, ...]] = field(default_factory=dict, hash=False)
    context: tuple[str, ...] = ()


def _gold_actors(value: Any) -> list[tuple[str, str | None]]:
    """(code, sector) per gold actor of a ``source``/``target`` field; [] unless a list."""
    if not isinstance(value, list):
        return []
    return [
        (c, sector(a.get("sector")))
        for a in value
        if isinstance(a, dict) and (c := code(a.get("code")))
    ]


def load_gold(path: Path) -> list[GoldEvent]:
    """The gold events of a PLOVER GSR JSONL file, in file order."""
    gold = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{where}: not JSON ({error.msg})") from None
            required = ("id", "text", "plover2_event")
            if not isinstance(row, dict) or not all(
                isinstance(row.get(key), str) and row[key] for key in required
            ):
                raise ValueError(f"{where}: needs 'id', 'text' and 'plover2_event'")
            source = _gold_actors(row.get("source"))
            target = _gold_actors(row.get("target"))
            sectors: dict[str, tuple[str | None, ...]] = {}
            for actor_code, actor_sector in source:
                sectors[actor_code] = (*sectors.get(actor_code, ()), actor_sector)
            context = row.get("context") or ""
            gold.append(
                GoldEvent(
                    id=row["id"],
                    text=row["text"],
                    type=row["plover2_event"].strip().upper(),
                    source=frozenset(c for c, _ in source),
                    target=frozenset(c for c, _ in target),
                    source_sectors=sectors,
                    context=tuple(c.strip() for c in str(context).split(",") if c.strip()),
                )
            )
    return gold


# --- predictions: schema-1 records -----------------------------------------------------------


def _pairs(
    event: dict[str, Any], actors: Mapping[str, dict], role: str
) -> set[tuple[str, str | None]]:
    """(code, sector) of each actor in ``event[role]``; groups with members give theirs."""
    pairs = set()
    for actor_id in event.get(role) or []:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        members = (actor.get("members") or []) if actor.get("kind") == "group" else []
        for one in [actors[m] for m in members if m in actors] if members else [actor]:
            if one_code := code(one.get("country")):
                # a member state takes the group's sector: "Hungarian and Romanian officials"
                # are GOV of each
                pairs.add((one_code, sector(one.get("sector")) or sector(actor.get("sector"))))
    return pairs


def codes_of(event: dict[str, Any], actors: Mapping[str, dict], role: str) -> frozenset[str]:
    """The codes of an event's ``actors`` or ``recipients`` (``role``): each actor's country,
    a group with members giving its members' countries; null codes dropped, codes normalised.
    ``actors`` maps actor id -> actor record."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    return frozenset(c for c, _ in _pairs(event, actors, role))


def _event_type(event: dict[str, Any]) -> str:
    return str(event.get("type") or "").strip().upper()


# --- per-sentence counts ---------------------------------------------------------------------

# A sentence's counts as one flat row: (precision numerator, denominator, recall numerator,
# denominator) for each of PRF_METRICS, then (right, total) for each of ACCURACY_METRICS.
_WIDTH = 4 * len(PRF_METRICS) + 2 * len(ACCURACY_METRICS)


def _exact(gold: frozenset[str], predicted: frozenset[str]) -> tuple[int, int, int, int]:
    hits = len(gold & predicted)
    return (hits, len(predicted), hits, len(gold))


def sentence_counts(gold: GoldEvent, record: dict[str, Any] | None) -> list[float]:
    """One gold sentence's counts (see ``_WIDTH``) against its record (None: no record)."""
    record = record or {}
    actors = {a["id"]: a for a in record.get("actors") or [] if isinstance(a, dict) and "id" in a}
    events = [e for e in record.get("events") or [] if isinstance(e, dict)]
    types = frozenset(t for t in map(_event_type, events) if t)
    of_type = [e for e in events if _event_type(e) == gold.type]
    actor_pairs = set().union(*(_pairs(e, actors, "actors") for e in of_type))
    actor_codes = frozenset(c for c, _ in actor_pairs)
    recipient_codes = frozenset().union(*(codes_of(e, actors, "recipients") for e in of_type))
    full = any(
        codes_of(e, actors, "actors") == gold.source
        and (not gold.target or codes_of(e, actors, "recipients") == gold.target)
        for e in of_type
    )
    sector_right = sector_total = 0
    for gold_code, sectors in gold.source_sectors.items():
        if gold_code not in actor_codes:
            continue
        predicted = {s for c, s in actor_pairs if c == gold_code}
        for gold_sector in sectors:
            if gold_sector is not None:
                sector_total += 1
                sector_right += gold_sector in predicted
    return [
        *_exact(frozenset({gold.type}), types),
        *_exact(gold.source, actor_codes),
        *_exact(gold.target, recipient_codes),
        int(full),
        1,
        sector_right,
        sector_total,
        int(bool(events) and _event_type(_first(events)) == gold.type),
        1,
        int(not events),
        1,
    ]


def _first(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The event told first: the earliest trigger (records list events in text order, but
    predictions from elsewhere may not)."""
    return min(events, key=lambda e: (e.get("trigger") or {}).get("start") or 0)


def _metrics(sums: Sequence[float]) -> dict[str, tuple[float, ...] | None]:
    """Metric -> (P, R, F1) or (accuracy,) from a row of counts summed over sentences; None
    for a metric with nothing to score (no gold and no predicted pair, or no unit)."""
    out: dict[str, tuple[float, ...] | None] = {}
    for m, metric in enumerate(PRF_METRICS):
        counts = sums[4 * m : 4 * m + 4]
        out[metric] = prf(counts) if counts[1] or counts[3] else None
    base = 4 * len(PRF_METRICS)
    for m, metric in enumerate(ACCURACY_METRICS):
        right, total = sums[base + 2 * m : base + 2 * m + 2]
        out[metric] = (right / total,) if total else None
    return out


def score(
    gold: list[GoldEvent],
    records: Mapping[str, dict[str, Any]],
    resamples: int = 1000,
    seed: int = 0,
) -> dict[str, Any]:
    """The EVALUATION.md section 2 report over the gold sentences (JSON-serialisable).

    ``records`` maps doc id -> schema-1 record. P/R/F1 metrics carry a 95% bootstrap
    interval for each of P, R and F1, accuracies one for the accuracy, resampling sentences
    (in ``gold`` order) ``resamples`` times with ``random.Random(seed)``. A metric with
    nothing to score is 0; resamples in which it has nothing to score are left out of its
    interval (the interval is the point estimate when no resample is left).
    """
    rows = [sentence_counts(g, records.get(g.id)) for g in gold]
    sums = [sum(column) for column in zip(*rows, strict=True)] if rows else [0] * _WIDTH
    point = _metrics(sums)
    resampled = [_metrics(s) for s in bootstrap(rows, resamples, seed)] if rows else []

    def estimate_and_samples(metric: str, width: int) -> tuple[tuple[float, ...], list]:
        estimate = point[metric] or (0.0,) * width
        samples = [s[metric] for s in resampled if s[metric] is not None]
        return estimate, samples or [estimate]

    metrics: dict[str, Any] = {}
    for m, metric in enumerate(PRF_METRICS):
        estimate, samples = estimate_and_samples(metric, 3)
        hits, predicted, _, total = sums[4 * m : 4 * m + 4]
        metrics[metric] = {
            **dict(zip(("p", "r", "f1"), estimate, strict=True)),
            "ci": {key: _interval(s[k] for s in samples) for k, key in enumerate(("p", "r", "f1"))},
            "correct": int(hits),
            "predicted": int(predicted),
            "gold": int(total),
        }
    base = 4 * len(PRF_METRICS)
    for m, metric in enumerate(ACCURACY_METRICS):
        estimate, samples = estimate_and_samples(metric, 1)
        right, total = sums[base + 2 * m : base + 2 * m + 2]
        metrics[metric] = {
            "accuracy": estimate[0],
            "ci": _interval(s[0] for s in samples),
            "correct": int(right),
            "total": int(total),
        }
    return {
        "sentences": len(gold),
        "predicted_events": sum(len(records.get(g.id, {}).get("events") or []) for g in gold),
        "missing": sum(g.id not in records for g in gold),
        "metrics": metrics,
        "per_type": per_type(gold, records),
        "confusion": confusion(gold, records),
    }


def _types(record: dict[str, Any] | None) -> set[str]:
    events = (record or {}).get("events") or []
    return {t for t in (_event_type(e) for e in events if isinstance(e, dict)) if t}


def per_type(gold: list[GoldEvent], records: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """PLOVER type -> gold and predicted sentence counts and P/R/F1 of that type's pairs,
    for every type in the gold or the predictions, sorted by name."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # hits, predicted, gold
    for g in gold:
        types = _types(records.get(g.id))
        counts[g.type][2] += 1
        counts[g.type][0] += g.type in types
        for t in types:
            counts[t][1] += 1
    out = {}
    for t, (hits, predicted, total) in sorted(counts.items()):
        p, r, f1 = prf((hits, predicted, hits, total))
        out[t] = {"gold": total, "predicted": predicted, "correct": hits, "p": p, "r": r, "f1": f1}
    return out


def confusion(
    gold: list[GoldEvent], records: Mapping[str, dict[str, Any]]
) -> dict[str, dict[str, int]]:
    """Gold type -> predicted type -> number of its sentences predicting that type
    (``(none)``: sentences with no predicted event); most frequent first."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for g in gold:
        table[g.type].update(_types(records.get(g.id)) or {NONE})
    return {
        t: dict(sorted(c.items(), key=lambda item: (-item[1], item[0])))
        for t, c in sorted(table.items())
    }


# --- running and reporting -------------------------------------------------------------------


def evaluate(
    path: Path,
    nlp: Any = None,
    records: Iterable[dict[str, Any]] | None = None,
    resamples: int = 1000,
    seed: int = 0,
) -> dict[str, Any]:
    """Score ``records`` (or communique's pipeline run over each gold sentence as one
    document, with no publication date) against the gold file at ``path``."""
    gold = load_gold(path)
    if records is None:
        documents = (Document(id=g.id, text=g.text) for g in gold)
        records = (record for _, record in process(documents, nlp))
    by_id = {r.get("doc_id"): r for r in records if isinstance(r, dict)}
    return score(gold, by_id, resamples=resamples, seed=seed)


def _range(low: float, high: float) -> str:
    return f"{low:.3f}–{high:.3f}"


def format_report(report: dict[str, Any], title: str) -> Table:
    """A rich table: one row per metric with P, R and F1 (or the accuracy) and its 95%
    interval (of F1 for the P/R/F1 metrics)."""
    metrics = report["metrics"]
    table = Table(
        title=title,
        title_justify="left",
        caption=(
            f"{report['sentences']} gold sentences, {report['predicted_events']} predicted events"
            + (f" ({report['missing']} sentences without a record)" if report["missing"] else "")
            + f"; sector accuracy over {metrics['sector']['total']} matched gold source actors"
            + "; 95% bootstrap over sentences"
        ),
        caption_justify="left",
    )
    table.add_column("metric")
    for column in ("P", "R", "F1 / acc", "95% CI"):
        table.add_column(column, justify="right")
    for metric in PRF_METRICS:
        result = metrics[metric]
        table.add_row(
            LABELS[metric],
            f"{result['p']:.3f}",
            f"{result['r']:.3f}",
            f"[bold]{result['f1']:.3f}[/]",
            _range(*result["ci"]["f1"]),
        )
    for metric in ACCURACY_METRICS:
        result = metrics[metric]
        table.add_row(
            LABELS[metric],
            "",
            "",
            f"[bold]{result['accuracy']:.3f}[/]",
            _range(*result["ci"]),
        )
    return table


def format_per_type(report: dict[str, Any], title: str = "Event type by PLOVER type") -> Table:
    """A rich table: per PLOVER type, its gold and predicted sentences and P/R/F1."""
    types = Table(title=title, title_justify="left")
    types.add_column("type")
    for column in ("gold", "predicted", "P", "R", "F1"):
        types.add_column(column, justify="right")
    for name, result in report["per_type"].items():
        types.add_row(
            name,
            str(result["gold"]),
            str(result["predicted"]),
            f"{result['p']:.3f}",
            f"{result['r']:.3f}",
            f"{result['f1']:.3f}",
        )
    return types
