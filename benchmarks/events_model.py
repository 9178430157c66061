"""The event model: its validation on held-out synthetic templates and the PLOVER dev check.

    .venv/bin/python benchmarks/events_model.py [--train] [--shared ../shared]

With ``--train``, first runs ``communique train events --force`` (the package's model and
CAMEO lexicon are rewritten; it prints the validation F1 per type: rules alone, the model
alone, the coder with the model) and times it. Then scores the PLOVER dev gold records twice,
as ``communique eval plover`` does: with the rules alone (no model) and with the packaged
model. The dev records are the final check: nothing was tuned on them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from communique.eval import plover
from communique.events import model as event_model
from communique.pipeline import load

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true", help="retrain the model first")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    data = args.shared / "data"
    if args.train:
        started = time.perf_counter()
        command = [sys.executable, "-m", "communique", "train", "events", "--force"]
        command += ["--synthetic", str(data / "ngec" / "synthetic_events.csv")]
        command += ["--codebook", str(data / "ngec" / "PLOVER_structured_codebook_updated.csv")]
        command += ["--cameo", str(data / "phoenix" / "CAMEO.2.0.txt")]
        command += ["--mapping", str(data / "plover_spec" / "CAMEO2PLOVER-2021.txt")]
        subprocess.run(command, check=True)
        print(f"training: {time.perf_counter() - started:.0f} s")
    model = event_model.active()
    if model is not None:
        print(
            f"model: {model.size / 1e6:.1f} MB in memory, {len(model.vectors.index)} words,"
            f" thresholds add {model.add_threshold}, re-type {model.retype_threshold}"
        )
    nlp = load()
    gold = data / "plover_gsr" / "dev.jsonl"
    print(f"{'PLOVER dev':<22} {'type F1':>8} {'actor F1':>9} {'recip. F1':>10} {'full':>6}")
    for name, chosen in (("rules alone", None), ("rules + model", model)):
        with event_model.using(chosen):
            metrics = plover.evaluate(gold, nlp=nlp)["metrics"]
        print(
            f"{name:<22} {metrics['event_type']['f1']:8.3f} {metrics['actor_code']['f1']:9.3f}"
            f" {metrics['recipient_code']['f1']:10.3f} {metrics['full_event']['accuracy']:6.3f}"
        )


if __name__ == "__main__":
    main()
