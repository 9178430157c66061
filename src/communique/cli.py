"""The ``communique`` command line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from communique import nlp as nlp_module
from communique.ingest import read
from communique.pipeline import process
from communique.records import Failure

app = typer.Typer(
    help="Who said what, to whom, through which channel, and what they did, from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.callback()
def main() -> None:
    """communique: evidence-linked statements and events from international news."""


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _report(failure: Failure) -> None:
    err.print(f"communique: error: {failure}", markup=False)


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(record: dict[str, Any], console: Console) -> None:
    """One table per document: who said what, to whom, through what."""
    names = {a["id"]: a["name"] for a in record["actors"]}
    table = Table(
        title=f"[bold]{record['doc_id']}[/] — {len(record['statements'])} statements",
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    table.add_column("speaker", style="bold cyan", ratio=2)
    table.add_column("cue", no_wrap=True, min_width=7)
    table.add_column("to", style="magenta", ratio=2)
    table.add_column("via", style="green", ratio=2)
    table.add_column("content", ratio=6)
    for s in record["statements"]:
        speaker = names.get(s["speaker"], "?") if s["speaker"] else "—"
        source = s["source"]["text"] if s["source"] else ""
        if (
            source
            and speaker.lower() not in source.lower()
            and source.lower() not in (speaker.lower())
        ):
            speaker += f"\n[dim]{_short(s['source']['text'], 30)}[/]"
        table.add_row(
            speaker,
            s["cue"]["text"] if s["cue"] else "—",
            names.get(s["addressee"], "") if s["addressee"] else "",
            _short(s["via"]["text"], 40) if s["via"] else "",
            f"[dim]{s['kind']}:[/] " + _short(" … ".join(c["text"] for c in s["content"])),
        )
    console.print(table)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .jsonl) or directories.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    model: Annotated[
        str | None,
        typer.Option(help="spaCy model to use (default: the best installed English model)."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none."),
    ] = None,
) -> None:
    """Extract statements (who said what, to whom, via what) and actors from documents.

    A .txt file is one document whose id is the file name stem; a .jsonl file holds one
    document per line with "id", "text" and optional "title", "publisher", "published",
    "url". Bad inputs are reported on stderr, one line each; the others are still
    processed, and the exit code is 1 if any input failed.
    """
    published = _iso_date(published)
    try:
        nlp = nlp_module.load(model)
    except nlp_module.ModelNotFound as error:
        err.print(f"communique: error: {error}", markup=False)
        raise typer.Exit(2) from None
    failures: list[Failure] = []

    def documents() -> Any:
        for item in read(paths):
            if isinstance(item, Failure):
                failures.append(item)
                _report(item)
                continue
            if item.published is None and published:
                item.published = published
            yield item

    console = Console(highlight=False)
    if not console.is_terminal:  # piped or logged: room for the table, not 80 columns
        console = Console(highlight=False, width=max(console.width, 132))
    records = (rec for _, rec in process(documents(), nlp))
    out = sys.stdout
    if format is Format.json:
        out.write(json.dumps(list(records), ensure_ascii=False, indent=2) + "\n")
    else:
        for rec in records:
            if format is Format.jsonl:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                out.flush()
            else:
                _table(rec, console)
    if failures:
        raise typer.Exit(1)


if __name__ == "__main__":  # pragma: no cover
    app()
