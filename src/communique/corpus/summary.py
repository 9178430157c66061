"""What an ingest run did: the summary both ways of running fill in."""

from __future__ import annotations

import resource
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

Progress = Callable[[int], None]


@dataclass(slots=True)
class Summary:
    """What one ingest run did."""

    documents: int = 0  # newly stored
    recovered: int = 0  # of which from the finished chunks of a killed Dask run
    skipped: int = 0  # already in the store
    statements: int = 0
    events: int = 0
    stories: int = 0  # stories written (new, or told again with the new reports)
    failures: int = 0  # errors: inputs or documents not stored
    warnings: int = 0  # stored with a caveat
    seconds: float = 0.0
    workers: int = 1
    peak_rss: list[int] = field(default_factory=list)  # bytes, per worker process
    notices: list[str] = field(default_factory=list)  # for the user: chunks left in place, ...

    def add(self, rows: dict[str, int], failures: Iterable[dict[str, object]] = ()) -> None:
        """Count stored rows (per table) and failure rows."""
        self.documents += rows.get("documents", 0)
        self.statements += rows.get("statements", 0)
        self.events += rows.get("events", 0)
        for row in failures:
            if row["level"] == "warning":
                self.warnings += 1
            else:
                self.failures += 1


def peak_rss() -> int:
    """This process's peak resident memory in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
