"""The event model: its validation on held-out synthetic templates, on sentences written
blind to the coder, and the PLOVER dev check.

    .venv/bin/python benchmarks/events_model.py [--train] [--shared ../shared] [--sets ...]

With ``--train``, first runs ``communique train events --force`` (the package's model and
CAMEO lexicon are rewritten; it prints the validation F1 per type: rules alone, the model
alone, the coder with the model) and times it. Then scores each gold set, as
``communique eval plover`` does, with the rules alone (no model) and with the packaged model:

- ``written-validation``, ``written-test``: ``benchmarks/data/plover_written`` (192 sentences
  each, 12 per type, written from the PLOVER manual by a writer who had seen neither the
  coder's rules nor its tests). The coder's choices may be tuned on the validation half; the
  test half is scored once per change, never tuned on;
- ``written2-validation``: ``benchmarks/data/plover_written_2`` (192 sentences, 12 per type,
  a second blind writer, other regions and a harder style): the validation set once the
  first validation half was spent; the event model's thresholds are chosen on both
  validation sets and both no-event files;
- ``written3-validation``, ``written3-test``: ``benchmarks/data/plover_written_3`` (192
  sentences each, two more blind writers working apart, closer to real wire copy): the
  validation half joins the threshold choice; the test half is scored, never read;
- ``written4-validation``, ``written4-test``: ``benchmarks/data/plover_written_4`` (192
  sentences each, two more blind writers, wire copy with the widest vocabulary: phrasal
  verbs, idioms, nominal events; a different trigger word for each sentence of a type): the
  validation half joins the threshold choice; the test half is scored, never read;
- ``dev``: the 164 PLOVER gold records, the final check: nothing was tuned on them;
- ``none``, ``written2-none``, ``written3-none``, ``written3-test-none``, ``written4-none``,
  ``written4-test-none``: the written
  sentences that report no event (40 in each file); the number of events coded in them
  (every one is false).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from communique.eval import plover
from communique.events import model as event_model
from communique.pipeline import load, process
from communique.records import Document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
GOLD = {
    "written-validation": DATA / "plover_written" / "validation.jsonl",
    "written2-validation": DATA / "plover_written_2" / "validation.jsonl",
    "written3-validation": DATA / "plover_written_3" / "validation.jsonl",
    "written-test": DATA / "plover_written" / "test.jsonl",
    "written3-test": DATA / "plover_written_3" / "test.jsonl",
    "written4-validation": DATA / "plover_written_4" / "validation.jsonl",
    "written4-test": DATA / "plover_written_4" / "test.jsonl",
    "dev": Path("plover_gsr") / "dev.jsonl",  # under --shared's data
    "none": DATA / "plover_written" / "none.jsonl",
    "written2-none": DATA / "plover_written_2" / "none.jsonl",
    "written3-none": DATA / "plover_written_3" / "none.jsonl",
    "written3-test-none": DATA / "plover_written_3" / "test_none.jsonl",
    "written4-none": DATA / "plover_written_4" / "none.jsonl",
    "written4-test-none": DATA / "plover_written_4" / "test_none.jsonl",
}
SETS = tuple(GOLD)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true", help="retrain the model first")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    args = parser.parse_args()
    data = args.shared.resolve() / "data"
    if args.train:
        started = time.perf_counter()
        command = [sys.executable, "-m", "communique", "train", "events", "--force"]
        command += ["--synthetic", str(data / "ngec" / "synthetic_events.csv")]
        command += ["--codebook", str(data / "ngec" / "PLOVER_structured_codebook_updated.csv")]
        command += ["--cameo", str(data / "phoenix" / "CAMEO.2.0.txt")]
        command += ["--mapping", str(data / "plover_spec" / "CAMEO2PLOVER-2021.txt")]
        subprocess.run(command, check=True, cwd=ROOT)  # thresholds: the written validation sets
        print(f"training: {time.perf_counter() - started:.0f} s")
    model = event_model.active()
    if model is not None:
        print(
            f"model: {model.size / 1e6:.1f} MB in memory, {len(model.vectors.index)} words,"
            f" thresholds add {model.add_threshold}, re-type {model.retype_threshold},"
            f" veto {model.veto_threshold}, fallback {model.fallback_threshold}"
        )
    nlp = load()
    columns = ("type F1", "actor F1", "recip. F1", "full", "first", "no event")
    print(f"{'gold set':<20} {'coder':<14}" + "".join(f"{c:>10}" for c in columns))
    for name in args.sets:
        for coder, chosen in (("rules alone", None), ("rules + model", model)):
            with event_model.using(chosen):
                path = GOLD[name] if name != "dev" else data / GOLD[name]
                if name.endswith("none"):
                    false = _false_events(nlp, path)
                    print(f"{name:<20} {coder:<14} {false:>10} false events")
                    continue
                m = plover.evaluate(path, nlp=nlp)["metrics"]
            values = [m[k]["f1"] for k in ("event_type", "actor_code", "recipient_code")]
            values += [m[k]["accuracy"] for k in ("full_event", "first_event", "no_event")]
            print(f"{name:<20} {coder:<14}" + "".join(f"{v:10.3f}" for v in values))


def _false_events(nlp: object, path: Path) -> int:
    """Events coded in the written sentences that report none."""
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    documents = (Document(id=r["id"], text=r["text"]) for r in rows)
    return sum(len(record["events"]) for _, record in process(documents, nlp))


if __name__ == "__main__":
    main()
