"""The packaged data files: reviewable TSV tables and word lists under ``<package>/data/``."""

from __future__ import annotations

import csv
from importlib import resources
from importlib.resources.abc import Traversable


def data_file(package: str, filename: str) -> Traversable:
    """``filename`` in the ``data`` directory of ``package`` (say, "communique.events")."""
    return resources.files(package) / "data" / filename


def read_tsv(package: str, filename: str) -> list[dict[str, str]]:
    """The rows of a packaged TSV file with a header row, as dicts of stripped strings.

    Blank lines and lines starting with "#" (where each file says where its facts
    come from) are skipped; an empty cell is "".
    """
    with data_file(package, filename).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items() if k is not None}
        for row in csv.DictReader(lines, delimiter="\t")
    ]
