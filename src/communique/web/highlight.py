"""A document's text cut into segments for the page: each piece knows the statement that
covers it (the innermost one), whether it is that statement's cue, source or content, and
its offsets, so that statements can be coloured by speaker and an event's evidence lit."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

PALETTE = 10  # speaker colours (sp-0 … sp-9 in app.css)


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    statement: str | None = None  # the innermost statement covering it
    role: str | None = None  # "cue", "source" or "content"
    colour: int | None = None  # the speaker's colour
    first: bool = False  # the statement's first segment (the one that takes focus)


def speaker_colours(statements: list[dict[str, Any]]) -> dict[str | None, int]:
    """One colour per speaker, in order of first statement; unresolved speakers share one."""
    colours: dict[str | None, int] = {}
    for statement in sorted(statements, key=_start):
        colours.setdefault(statement["speaker"], len(colours) % PALETTE)
    return colours


def _start(statement: dict[str, Any]) -> int:
    return min((s["start"] for s in statement["content"]), default=0)


def segments(
    text: str, statements: list[dict[str, Any]], events: list[dict[str, Any]]
) -> list[Segment]:
    """The text in segments (see the module docstring); their texts join back to ``text``."""
    colours = speaker_colours(statements)
    pieces: list[tuple[int, int, str, str]] = []  # start, end, statement id, role
    for statement in statements:
        for span in statement["content"]:
            pieces.append((span["start"], span["end"], statement["id"], "content"))
        for role in ("cue", "source"):
            if statement.get(role):
                pieces.append(
                    (statement[role]["start"], statement[role]["end"], statement["id"], role)
                )
    by_id = {s["id"]: s for s in statements}
    cuts = {0, len(text)}
    for start, end, _, _ in pieces:
        cuts.update((start, end))
    for event in events:
        for part in ("evidence", "trigger"):
            if event.get(part):
                cuts.update((event[part]["start"], event[part]["end"]))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    found: list[Segment] = []
    seen: set[str] = set()
    for start, end in pairwise(bounds):
        if start == end:
            continue
        covering = [p for p in pieces if p[0] <= start and end <= p[1]]
        if not covering:
            found.append(Segment(start, end, text[start:end]))
            continue
        # a cue or source names its statement; content goes to the innermost statement
        marked = [p for p in covering if p[3] != "content"] or covering
        piece = min(marked, key=lambda p: p[1] - p[0])
        statement_id = piece[2]
        found.append(
            Segment(
                start,
                end,
                text[start:end],
                statement_id,
                piece[3],
                colours[by_id[statement_id]["speaker"]],
                statement_id not in seen,
            )
        )
        seen.add(statement_id)
    return found
