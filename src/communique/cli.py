"""The ``communique`` command line."""

from __future__ import annotations

import csv
import ipaddress
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from spacy.language import Language

from communique import corpus
from communique import nlp as nlp_module
from communique.attribution import learned
from communique.compare import compare as compare_documents
from communique.compare import report
from communique.eval import plover, polnear
from communique.ingest import read, size
from communique.ingest.dates import parse_date
from communique.pipeline import BATCH_SIZE, TIME_LIMIT, load, process
from communique.records import Document, Failure
from communique.store import (
    DEFAULT_DB,
    STORE_VERSION,
    TABLES,
    VIEWS,
    Store,
    StoreError,
    refuse_overwrite,
)
from communique.store import migrate as store_migrate
from communique.train import events as event_training
from communique.train import frames as frame_training
from communique.web import create_app
from communique.web import index as web_index

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
    """``--published`` as YYYY-MM-DD: ISO only, since a date such as 01/02/2022 is ambiguous."""
    if value is None:
        return None
    try:
        return parse_date(value, iso_only=True).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


# Characters a terminal acts on rather than shows: C0 and C1 controls (escape
# sequences among them) and the bidirectional overrides that reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe for a terminal: every control character shown as its escape (\\x1b)."""
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def _say(message: str) -> None:
    """One line on stderr, whatever the ids, paths or text in it."""
    err.print(printable(message), markup=False)


def _fail(message: str) -> typer.Exit:
    """A one-line error; the caller raises the returned exit (status 2)."""
    _say(f"communique: error: {message}")
    return typer.Exit(2)


def _report(failure: Failure) -> None:
    _say(f"communique: {failure.level}: {failure}")


def _cell(text: str, width: int = 160) -> str:
    """Text from a document or the store for a table cell: one line of at most ``width``
    characters, control characters escaped, and brackets kept from reading as markup."""
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return escape(printable(text))


def _console() -> Console:
    """Standard output; piped or logged, with room for a table rather than 80 columns."""
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=max(console.width, 160))
    return console


def _table(record: dict[str, Any], console: Console) -> None:
    """One table per document: who said what, to whom, through what."""
    names = {a["id"]: a["name"] for a in record["actors"]}
    table = Table(
        title=f"[bold]{_cell(record['doc_id'])}[/] — {len(record['statements'])} statements",
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
            speaker = _cell(speaker) + f"\n[dim]{_cell(s['source']['text'], 30)}[/]"
        else:
            speaker = _cell(speaker)
        table.add_row(
            speaker,
            _cell(s["cue"]["text"]) if s["cue"] else "—",
            _cell(names.get(s["addressee"], "")) if s["addressee"] else "",
            _cell(s["via"]["text"], 40) if s["via"] else "",
            f"[dim]{s['kind']}:[/] " + _cell(" … ".join(c["text"] for c in s["content"])),
        )
    console.print(table)
    if record["events"]:
        console.print(_events_table(record, names))


def _events_table(record: dict[str, Any], names: dict[str, str]) -> Table:
    """The document's PLOVER events: type, who, to whom, when, on what evidence."""
    table = Table(title=f"{len(record['events'])} events", title_justify="left", expand=True)
    table.add_column("event", style="bold yellow", no_wrap=True)
    table.add_column("actor", style="cyan", ratio=2)
    table.add_column("recipient", style="magenta", ratio=2)
    table.add_column("date", no_wrap=True)
    table.add_column("trigger and evidence", ratio=6)
    for event in record["events"]:
        kind = event["type"] + (f" {event['mode']}" if event["mode"] else "")
        flags = [f for f in ("negated", "future", "hypothetical") if event[f]]
        table.add_row(
            kind + (f"\n[dim]{', '.join(flags)}[/]" if flags else ""),
            _cell(", ".join(names.get(a, a) for a in event["actors"])) or "—",
            _cell(", ".join(names.get(a, a) for a in event["recipients"])),
            event["date"] or "",
            f"[bold]{_cell(event['trigger']['text'])}[/]: {_cell(event['evidence']['text'], 140)}",
        )
    return table


ModelOption = Annotated[
    str | None,
    typer.Option(help="spaCy model to use (default: the best installed English model)."),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(help="Files (.txt .html .jsonl .csv .parquet), directories or globs."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none."),
]
TimeLimitOption = Annotated[
    float,
    typer.Option(
        min=1,
        help="Seconds one document may take; a longer one is recorded as a failure "
        "and the run goes on.",
    ),
]


def _model(name: str | None) -> Language:
    try:
        return load(name)
    except nlp_module.ModelNotFound as error:
        raise _fail(str(error)) from None


class _Inputs:
    """The documents of the paths given, each bad input reported on stderr as it is met
    and kept in ``failures`` (a warning is reported only)."""

    def __init__(self, paths: list[Path], published: str | None) -> None:
        self.paths = paths
        self.published = published
        self.failures: list[Failure] = []

    def documents(self) -> Iterator[Document]:
        for item in read(self.paths, published=self.published):
            if isinstance(item, Failure):
                _report(item)
                if item.level == "error":
                    self.failures.append(item)
                continue
            yield item

    def failed(self, failure: Failure) -> None:
        self.failures.append(failure)
        _report(failure)


@app.command()
def extract(
    paths: PathsArgument,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    model: ModelOption = None,
    published: PublishedOption = None,
    time_limit: TimeLimitOption = TIME_LIMIT,
) -> None:
    """Extract statements (who said what, to whom, via what) and actors from documents.

    A .txt or .html file is one document whose id is the file name stem; a .jsonl, .csv
    or .parquet file holds one document per line or row with "id", "text" and optional
    "title", "publisher", "published", "url". Bad inputs are reported on stderr, one line
    each; the others are still processed, and the exit code is 1 if any input failed.
    """
    nlp = _model(model)
    inputs = _Inputs(paths, _iso_date(published))
    console = _console()
    records = (
        rec
        for _, rec in process(
            inputs.documents(), nlp, on_failure=inputs.failed, time_limit=time_limit
        )
    )
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
    if inputs.failures:
        raise typer.Exit(1)


class CompareFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def compare(
    paths: PathsArgument,
    format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CompareFormat.table,
    model: ModelOption = None,
    published: PublishedOption = None,
) -> None:
    """Compare the accounts of the stories in a few documents, without a store.

    Links the reports of one call or meeting across the documents, gives each party's
    account (its readouts and the statements that come through it or from its officials)
    and the topics one account carries and another leaves out, with the statements and
    reported omissions as evidence. Inputs as for ``extract``.
    """
    nlp = _model(model)
    inputs = _Inputs(paths, _iso_date(published))
    found = compare_documents(inputs.documents(), nlp, on_failure=inputs.failed)
    _print_stories(found, format)
    if inputs.failures:
        raise typer.Exit(1)


def _story_table(story: dict[str, Any], console: Console) -> None:
    """One story: its accounts, then where they diverge."""
    dates = ", ".join(story["dates_reported"]) or "-"
    topics = ", ".join(story.get("topics", [])[:6]) or "no topics"
    title = (
        f"{story['type']} {story['mode'] or ''} · {' · '.join(story['participants'])} · "
        f"{story['date'] or 'undated'} (reported: {dates}) · {len(story['documents'])} documents"
        f" · {topics}"
    )
    table = Table(title=_cell(title), show_lines=False)
    for column in ("party", "document", "speaker", "what"):
        table.add_column(column)
    for account in story["accounts"]:
        for item in account["statements"]:
            what = " … ".join(c["text"] for c in item["content"])
            table.add_row(
                account["party"], item["doc_id"], _cell(item["speaker"] or "?"), _cell(what, 100)
            )
        for item in account["omissions"]:
            what = f"[left out] {item['topic']['text']}"
            table.add_row(account["party"], item["doc_id"], "-", _cell(what, 100))
        for item in account.get("narration", []):
            what = f"[narration] {item['text']}"
            table.add_row(account["party"], item["doc_id"], "-", _cell(what, 100))
    console.print(table)
    divergence = Table(title="topics: who carries, who leaves out")
    for column in ("topic", "carried by", "left out by", "said to leave out"):
        divergence.add_column(column)
    for row in story["divergence"]:
        divergence.add_row(
            _cell(row["topic"]),
            ", ".join(row["carried_by"]) or "-",
            ", ".join(row["omitted_by"]) or "-",
            ", ".join(row["reported_omitted_by"]) or "-",
        )
    console.print(divergence)


PredictionsOption = Annotated[
    Path | None,
    typer.Option(help="Score these schema-1 JSONL records instead of running the pipeline."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


class TableFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store.")]
IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index",
        help="The web app's index file. Default: beside the store, <store>.index.duckdb.",
    ),
]


class _Meter:
    """What an ingest has done: documents stored or skipped, and bytes of input read."""

    def __init__(self, on_change: Callable[[_Meter], None]) -> None:
        self.documents = 0
        self.bytes = 0
        self.started = time.monotonic()
        self.on_change = on_change

    def stored(self, n: int) -> None:
        self.documents += n
        self.on_change(self)

    def read(self, n: int) -> None:
        self.bytes += n
        self.on_change(self)

    def rate(self) -> float:
        return self.documents / max(time.monotonic() - self.started, 1e-9)


@contextmanager
def _progress(total: int) -> Iterator[_Meter]:
    """Progress through ``total`` bytes of input, with documents done and their rate; plain
    log lines when not on a terminal. By bytes read, an input of any size shows progress
    from the start, with nothing counted first."""
    if err.is_terminal:
        columns = (
            TextColumn("[bold]ingest"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[documents]} docs {task.fields[rate]}"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=err, transient=False) as bar:
            task = bar.add_task("ingest", total=total or None, documents="0", rate="")

            def show(meter: _Meter) -> None:
                bar.update(
                    task,
                    completed=meter.bytes,
                    documents=f"{meter.documents:,}",
                    rate=f"{meter.rate():,.1f}/s",
                )

            yield _Meter(show)
        return
    last = time.monotonic()

    def log(meter: _Meter) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < 1.0:
            return
        last = now
        share = meter.bytes / total if total else 0.0
        elapsed = now - meter.started
        eta = f", about {elapsed / share - elapsed:,.0f} s left" if 0 < share < 1 else ""
        err.print(
            f"ingest: {meter.documents:,} documents, {meter.rate():,.1f}/s; "
            f"{meter.bytes / 1e6:,.1f} of {total / 1e6:,.1f} MB read{eta}",
            markup=False,
        )

    yield _Meter(log)


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes; more than 1 starts a Dask LocalCluster.")
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Run on this Dask scheduler (tcp://HOST:PORT) instead of locally."),
    ] = None,
    stage: Annotated[
        Path | None,
        typer.Option(
            help="Directory for the workers' Parquet results (default: next to the store); "
            "with --scheduler it must be on storage the workers share."
        ),
    ] = None,
    text_field: Annotated[str, typer.Option(help="Text field of .jsonl/.csv/.parquet.")] = "text",
    id_field: Annotated[str, typer.Option(help="Id field of .jsonl/.csv/.parquet.")] = "id",
    published_field: Annotated[
        str, typer.Option(help="Publication-date field of .jsonl/.csv/.parquet.")
    ] = "published",
    published: PublishedOption = None,
    model: ModelOption = None,
    time_limit: TimeLimitOption = TIME_LIMIT,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Documents per parse batch and per transaction.")
    ] = BATCH_SIZE,
) -> None:
    """Process a corpus into the DuckDB store; documents already stored are skipped.

    Every bad input is recorded in the store's `failures` table with a one-line reason
    (and on stderr) while the run goes on; the exit code is 1 if any input failed.
    """
    published = _iso_date(published)
    options = {"text_field": text_field, "id_field": id_field, "published_field": published_field}
    try:
        with _progress(size(paths)) as meter:
            summary = corpus.run(
                paths,
                db,
                workers=workers,
                scheduler=scheduler,
                stage=stage,
                model=model,
                batch_size=batch_size,
                published=published,
                time_limit=time_limit,
                progress=meter.stored,
                on_read=meter.read,
                on_failure=_report,
                **options,
            )
    except (nlp_module.ModelNotFound, StoreError, OSError) as error:
        # OSError: a scheduler that cannot be reached, a stage directory that cannot be made
        raise _fail(" ".join(str(error).split())) from None
    except KeyboardInterrupt:
        err.print(
            "communique: interrupted; every finished batch is stored, and the same command "
            "goes on from there",
            markup=False,
        )
        raise typer.Exit(130) from None
    for notice in summary.notices:
        _say(f"communique: warning: {notice}")
    recovered = (
        f"{summary.recovered:,} of them from the finished chunks of a killed run; "
        if summary.recovered
        else ""
    )
    _say(
        f"stored {summary.documents:,} documents ({recovered}{summary.skipped:,} already stored), "
        f"{summary.statements:,} statements, {summary.events:,} events, "
        f"{summary.stories:,} stories linked; "
        f"{summary.failures:,} failures, {summary.warnings:,} warnings; "
        f"{summary.seconds:,.1f} s with {summary.workers} worker(s) → {db}"
    )
    if summary.failures:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOption = Path(DEFAULT_DB),
    table: Annotated[
        str, typer.Option(help=f"One of: {', '.join((*TABLES, *VIEWS, 'records'))}.")
    ] = "statements",
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.parquet,
    out: Annotated[
        Path | None, typer.Option(help="File to write (default: TABLE.FORMAT, here).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
) -> None:
    """Write one table (or view) of the store to a Parquet, CSV or JSON-lines file.

    `--table records --format jsonl` writes the stored documents as schema-1 records,
    one per line, the shape `communique extract --format jsonl` gives.
    """
    out = out or Path(f"{table}.{format.value}")
    try:
        with Store(db, read_only=True, sandbox=False) as store:
            if table == "records":
                if format is not TableFormat.jsonl:
                    raise StoreError("records are nested: export them with --format jsonl")
                refuse_overwrite(out, force)
                rows = _write_records(store, out)
            else:
                rows = store.export(table, out, format.value, force)
    except StoreError as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(f"cannot write {out}: {error.strerror or error}") from None
    what = "records" if table == "records" else f"rows of {table}"
    _say(f"wrote {rows:,} {what} to {out}")


def _write_records(store: Store, out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as file:
        for record in store.records():
            file.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A DuckDB SQL query over the store's tables.")],
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
) -> None:
    """Run one SQL statement that reads the store (SELECT, WITH, SHOW, DESCRIBE, SUMMARIZE,
    EXPLAIN) and print the result. Nothing outside the store can be read or written."""
    try:
        with Store(db, read_only=True) as store:
            columns, rows = store.query(sql)
    except StoreError as error:
        raise _fail(str(error)) from None
    if format is QueryFormat.json:
        out = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2, default=str) + "\n")
    elif format is QueryFormat.csv:
        writer = csv.writer(sys.stdout)
        if sys.stdout.isatty():  # shown, not saved: as a table would show it
            columns = [printable(c) for c in columns]
            rows = [tuple(v if v is None else printable(str(v)) for v in row) for row in rows]
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        table = Table(title=f"{len(rows):,} rows", title_justify="left", show_lines=True)
        for column in columns:
            table.add_column(_cell(column), overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else _cell(str(v), 200) for v in row))
        _console().print(table)


@app.command()
def stories(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CompareFormat.table,
) -> None:
    """The stories of the store: each call, meeting or widely reported event with its
    parties' accounts and where they diverge (kept up to date by every ingest)."""
    try:
        with Store(db, read_only=True) as store:
            found = store.stories()
            records = {
                r["doc_id"]: r
                for r in store.records_of(sorted({d for s in found for d in s.documents}))
            }
    except StoreError as error:
        raise _fail(str(error)) from None
    _print_stories([report(story, records) for story in found], format)


def _print_stories(found: list[dict[str, Any]], format: CompareFormat) -> None:
    if format is CompareFormat.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    console = _console()
    told = [s for s in found if s["accounts"]]
    for story in told:
        _story_table(story, console)
    if not told:
        console.print("no story with an account: no call or meeting whose parties speak")


@app.command()
def migrate(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Bring a store made by an older communique to this version's tables (adds what is
    new; nothing stored is lost). A store already of this version is left as it is."""
    try:
        added = store_migrate(db)
    except StoreError as error:
        raise _fail(str(error)) from None
    if added:
        _say(f"migrated {db} to store version {STORE_VERSION}: added {', '.join(added)}")
    else:
        _say(f"{db} is already store version {STORE_VERSION}")


def _loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="COMMUNIQUE_TOKEN",
            help="Enable the write endpoint (POST /api/documents), which then requires "
            "'Authorization: Bearer TOKEN'; the store is opened for writing. Best given "
            "through the environment variable.",
        ),
    ] = None,
    index: IndexOption = None,
) -> None:
    """The web app and HTTP API over a store: search, documents with their statements
    highlighted, actors, events, stories and the actor network; the API's OpenAPI schema
    at /openapi.json. Read-only unless a token is given. Its index is reused from the
    index file when the store has not changed since it was made, else built there."""
    import uvicorn  # only for serve: the other commands do without it

    if not _loopback(host):
        _say(
            f"warning: listening on {host}, not only on this machine: anyone who can reach "
            "it can read the store"
        )
    try:
        web = create_app(db, token=token, index=index, say=_say)
    except StoreError as error:
        raise _fail(str(error)) from None
    found = web.state.reader.index
    done = "built" if found.built else "reused"
    _say(
        f"serving {db} on http://{host}:{port}/ (read-{'write' if token else 'only'}; "
        f"index {done} in {found.seconds:.1f} s)"
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command("index")
def index_(
    db: DbOption = Path(DEFAULT_DB),
    index: IndexOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Build it again even if it is up to date.")
    ] = False,
) -> None:
    """Build the web app's index of a store ahead of `communique serve` (after an ingest,
    say), so that serving starts at once; an index already up to date is left as it is."""
    try:
        path = web_index.locate(db, index)
        with Store(db, read_only=True, allowed=web_index.files(path)) as store:
            found = web_index.attach(store.con, path, rebuild=force, say=_say)
    except StoreError as error:
        raise _fail(str(error)) from None
    if found.path is None:
        raise _fail(f"the index {path} was not written")
    if found.built:
        _say(f"index {path}: built in {found.seconds:.1f} s")


eval_app = typer.Typer(
    help="Score communique against public gold sets (EVALUATION.md).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


def _reported(report: dict[str, Any], total: int, units: str, what: str, as_json: bool) -> bool:
    """Warn about units without a record; print the report as JSON if asked (then True)."""
    if report["missing"]:
        err.print(
            f"communique: warning: {report['missing']} of {total} {units} have no record "
            f"(failed or absent); they are scored as having no {what}",
            markup=False,
        )
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return as_json


class Split(StrEnum):
    train = "train"
    dev = "dev"


@eval_app.command("polnear")
def eval_polnear(
    split: Annotated[Split, typer.Option(help="PolNeAR split to score.")] = Split.dev,
    data: Annotated[Path, typer.Option(help="The PolNeAR directory.")] = Path(
        "../shared/data/polnear"
    ),
    model: ModelOption = None,
    predictions: PredictionsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Attribution P/R/F1 on PolNeAR (EVALUATION.md section 1), with bootstrap intervals."""

    root = data / split
    if not (root / "text").is_dir() or not (root / "attributions").is_dir():
        raise _fail(f"PolNeAR {split} split not found at {root} (pass --data)")
    try:
        records = polnear.read_records(predictions) if predictions else None
        nlp = load(model) if records is None else None
    except (OSError, ValueError, nlp_module.ModelNotFound) as error:
        raise _fail(str(error)) from None
    report = polnear.evaluate(data, split.value, nlp=nlp, records=records)
    if _reported(report, report["documents"], "articles", "attributions", as_json):
        return
    source = predictions.name if predictions else "communique"
    Console(highlight=False).print(polnear.format_report(report, f"PolNeAR {split} — {source}"))


@eval_app.command("plover")
def eval_plover(
    data: Annotated[Path, typer.Option(help="The PLOVER gold records (JSONL).")] = Path(
        "../shared/data/plover_gsr/dev.jsonl"
    ),
    model: ModelOption = None,
    predictions: PredictionsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Event type, actor and recipient codes, full-event and sector accuracy on the PLOVER
    gold records (EVALUATION.md section 2), with bootstrap intervals."""

    if not data.is_file():
        raise _fail(f"PLOVER gold records not found at {data} (pass --data)")
    try:
        plover.load_gold(data)
        records = plover.read_records(predictions) if predictions else None
        nlp = load(model) if records is None else None
    except (OSError, ValueError, nlp_module.ModelNotFound) as error:
        raise _fail(str(error)) from None
    report = plover.evaluate(data, nlp=nlp, records=records)
    if _reported(report, report["sentences"], "sentences", "events", as_json):
        return
    source = predictions.name if predictions else "communique"
    console = Console(highlight=False)
    console.print(plover.format_report(report, f"PLOVER {data.stem} — {source}"))
    console.print(plover.format_per_type(report))


train_app = typer.Typer(help="Train communique's statistical parts.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("attribution")
def train_attribution(
    data: Annotated[Path, typer.Option(help="The PolNeAR directory.")] = Path(
        "../shared/data/polnear"
    ),
    out: Annotated[Path, typer.Option(help="Where to write the frame table.")] = Path(
        learned.TABLE
    ),
    model: Annotated[str | None, typer.Option(help="spaCy model to parse with.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
) -> None:
    """Count the attribution frame model on PolNeAR train (never dev) and write its table.

    Deterministic: the same data and model give the same table, byte for byte. The
    package's own table is src/communique/attribution/data/frames.tsv.
    """
    if not (data / "train" / "text").is_dir():
        raise _fail(f"PolNeAR train split not found at {data / 'train'}")
    try:
        refuse_overwrite(out, force)
        nlp = load(model)
    except (StoreError, nlp_module.ModelNotFound) as error:
        raise _fail(str(error)) from None
    with nlp.select_pipes(disable=list(nlp_module.DOCUMENT_COMPONENTS)):
        stats = frame_training.train(data, nlp)
    source = f"PolNeAR train split; parsed with {nlp.meta['name']} {nlp.meta['version']}"
    learned.write_table(stats, out, source)
    _say(f"wrote {len(stats)} frames to {out}")


# The written sentences the event model's thresholds are chosen on (run from the repository):
# the blind sets' validation and no-event sentences, never their test half.
WRITTEN_VALIDATION = (
    Path("benchmarks/data/plover_written"),
    Path("benchmarks/data/plover_written_2"),
    Path("benchmarks/data/plover_written_3"),
    Path("benchmarks/data/plover_written_4"),
)


@train_app.command("events")
def train_events(
    synthetic: Annotated[Path, typer.Option(help="NGEC's synthetic event stories (CSV).")] = Path(
        "../shared/data/ngec/synthetic_events.csv"
    ),
    codebook: Annotated[Path, typer.Option(help="The PLOVER structured codebook (CSV).")] = Path(
        "../shared/data/ngec/PLOVER_structured_codebook_updated.csv"
    ),
    cameo: Annotated[Path, typer.Option(help="The CAMEO verb dictionary.")] = Path(
        "../shared/data/phoenix/CAMEO.2.0.txt"
    ),
    mapping: Annotated[Path, typer.Option(help="The CAMEO to PLOVER table.")] = Path(
        "../shared/data/plover_spec/CAMEO2PLOVER-2021.txt"
    ),
    out: Annotated[Path, typer.Option(help="Where to write the model.")] = Path(
        event_training.MODEL
    ),
    lexicon: Annotated[Path, typer.Option(help="Where to write the CAMEO lexicon.")] = Path(
        event_training.LEXICON
    ),
    validation: Annotated[
        list[Path] | None,
        typer.Option(
            help="Written sentences held out from training to choose the thresholds on"
            " (JSON lines, the schema of benchmarks/data/plover_written); repeatable."
            " Default: the validation and no-event sentences of benchmarks/data/plover_written,"
            " plover_written_2, plover_written_3 and plover_written_4."
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to parse with.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
) -> None:
    """Train the event-type model (never on the PLOVER gold records) and write it.

    Examples: the CAMEO verb patterns, the synthetic stories' lead sentences and headlines
    (a fifth of the templates held out for validation), the PLOVER codebook and the sentences
    in src/communique/train/data/ (event_sentences.tsv, event_news.jsonl). The thresholds are
    chosen on the --validation sentences (written blind, held out from training). Prints the
    validation F1 per type. Deterministic: the same data and spaCy model give the same files,
    byte for byte.
    """
    validation = validation or [
        folder / name
        for folder in WRITTEN_VALIDATION
        for name in ("validation.jsonl", "none.jsonl")
    ]
    for path in (synthetic, codebook, cameo, mapping, *validation):
        if not path.is_file():
            raise _fail(f"training data not found: {path}")
    try:
        refuse_overwrite(out, force)
        nlp = load(model)
    except (StoreError, nlp_module.ModelNotFound) as error:
        raise _fail(str(error)) from None
    arrays, report = event_training.train(
        synthetic, codebook, cameo, mapping, nlp, lexicon, validation=validation, say=_say
    )
    event_training.write_model(arrays, out)
    Console(highlight=False).print(event_training.format_report(report))
    _say(f"wrote the event model to {out}")


if __name__ == "__main__":  # pragma: no cover
    app()
