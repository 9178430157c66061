"""Tables of documents, one per row: CSV (with a header row) and Parquet, both streamed.

A row's source is "file:N": for CSV, N is the physical line on which the row
starts (the header is line 1, so the first data row is usually line 2); for
Parquet, N is the 1-based row number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from communique.ingest.decode import NotText, Position, TextLines, open_binary
from communique.ingest.fields import MAX_CHARS, MAX_LINE_BYTES, METADATA, Fields, from_record
from communique.records import Document, Failure

BATCH_ROWS = 1024  # Parquet rows decoded at a time


def _no_column(field: str, columns: list[str]) -> str:
    shown = ", ".join(columns[:20]) + (", …" if len(columns) > 20 else "")
    return f"no {field!r} column (columns: {shown or 'none'})"


class _Unreadable(Exception):
    """A line the CSV reader cannot be given; the rest of the file is skipped."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def _csv_rows(lines: TextLines, notes: list[str]) -> Any:
    """A CSV reader over decoded lines; warnings of the lines it reads go to ``notes``."""

    def texts() -> Iterator[str]:
        for line in lines:
            if line.text is None:
                raise _Unreadable(line.number, line.note or "unreadable line")
            if line.note:
                notes.append(line.note)
            yield line.text

    csv.field_size_limit(MAX_CHARS + 1)  # the default (131,072) is too small for an article
    return csv.reader(texts(), strict=True)


def _numbered(reader: Any) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """(line the row starts on, row or the error that made it unreadable), blank rows skipped.

    The reader is strict about quotes and goes on at the next line after an
    error, except after a field that runs past the size limit (an unclosed
    quote): there it stops, as the rest of the file is inside that field.
    """
    end = 0
    while True:
        try:
            row: list[str] | csv.Error = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            row = error
        start, end = end + 1, reader.line_num
        if row:
            yield start, row
        if isinstance(row, csv.Error) and "field limit" in str(row):
            return


def _malformed(error: csv.Error) -> str:
    if "field limit" in str(error):
        return f"a field runs past {MAX_CHARS:,} characters (unclosed quote?); rest of file skipped"
    return f"malformed CSV row: {error}"


def _documents(
    reader: Any, notes: list[str], name: str, fields: Fields, first: list[Failure]
) -> Iterator[Document | Failure]:
    """The documents in the rows of a CSV reader, header first; ``first`` are file warnings."""
    rows = _numbered(reader)
    line, header = next(rows, (1, None))
    if header is None:
        yield Failure(name, "empty file")
        return
    if isinstance(header, csv.Error):
        yield Failure(name, f"malformed CSV header: {header}", line)
        return
    header = [column.strip() for column in header]
    if fields.text not in header:
        yield Failure(name, _no_column(fields.text, header))
        return
    notes.clear()
    empty = True
    for line, row in rows:
        empty = False
        warnings = [Failure(name, note, line, "warning") for note in dict.fromkeys(notes)]
        notes.clear()
        if isinstance(row, csv.Error):
            yield Failure(name, _malformed(row), line)
            continue
        record = dict(zip(header, row, strict=False))
        for item in from_record(record, fields, name, line, first + warnings):
            if isinstance(item, Document):
                first = []
            yield item
    if empty:
        yield Failure(name, "no rows below the header")


def read_csv(
    path: Path, fields: Fields, at: Position | None = None
) -> Iterator[Document | Failure]:
    """One document per CSV row, read from the columns ``fields`` names; ``at`` follows
    the position in the file.

    Quotes are read strictly: a malformed row is a ``Failure`` and reading goes
    on at the next line, except after an unclosed quote that runs past the size
    limit, which ends the file.
    """
    name = str(path)
    notes: list[str] = []
    try:
        with open_binary(path, at) as file:
            lines = TextLines(file, MAX_LINE_BYTES)
            first = [Failure(name, lines.warning, level="warning")] if lines.warning else []
            yield from _documents(_csv_rows(lines, notes), notes, name, fields, first)
    except _Unreadable as error:
        yield Failure(name, f"{error}; rest of file skipped", error.line)
    except NotText as error:
        yield Failure(name, str(error))
    except OSError as error:
        yield Failure(name, f"cannot read file: {error.strerror or error}")


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def read_parquet(
    path: Path, fields: Fields, at: Position | None = None
) -> Iterator[Document | Failure]:
    """One document per Parquet row, read in batches so a big file is never loaded whole;
    ``at`` is told the share of the file's bytes as far as the rows read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = str(path)
    try:
        table = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as error:
        yield Failure(name, f"not a readable Parquet file: {_one_line(error)}")
        return
    columns = table.schema_arrow.names
    if fields.text not in columns:
        yield Failure(name, _no_column(fields.text, columns))
        return
    wanted = [c for c in (fields.text, fields.id, fields.published, *METADATA) if c in columns]
    rows, size = max(table.metadata.num_rows, 1), path.stat().st_size
    number = 0
    try:
        for batch in table.iter_batches(batch_size=BATCH_ROWS, columns=list(dict.fromkeys(wanted))):
            for record in batch.to_pylist():
                number += 1
                yield from from_record(record, fields, name, number)
            if at is not None:
                at(size * number // rows)
    except (OSError, pa.ArrowException) as error:
        reason = f"unreadable Parquet data after row {number:,}: {_one_line(error)}"
        yield Failure(name, f"{reason}; rest of file skipped")
        return
    if number == 0:
        yield Failure(name, "no rows")
