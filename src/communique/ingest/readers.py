"""Read documents from files, directories and glob patterns.

``.txt`` and ``.html``/``.htm`` files hold one document each, ``.jsonl``/``.ndjson``
one per line, ``.csv`` and ``.parquet`` one per row; all but Parquet may be
gzipped ("wires.jsonl.gz"). Readers never raise on
bad input: every problem becomes a ``Failure`` with a one-line reason, and
the next file, line or row is read. A warning (``level="warning"``) comes
just before the document it concerns.

Every document's ``source`` says where it was read from: the path as given
(or as found under a directory or by a pattern) for one-document files,
"path:N" otherwise, N being the 1-based physical line for JSON lines and CSV
(the line a row starts on) and the 1-based row number for Parquet.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from communique.ingest.decode import (
    COMPRESSED,
    NotText,
    TextLines,
    kind,
    open_binary,
    read_text,
    stem,
)
from communique.ingest.fields import (
    MAX_CHARS,
    MAX_LINE_BYTES,
    Fields,
    check_text,
    content_id,
    from_record,
)
from communique.ingest.html import read_html
from communique.ingest.tables import count_csv, count_parquet, read_csv, read_parquet
from communique.records import Document, Failure

__all__ = ["MAX_CHARS", "SUFFIXES", "content_id", "count", "expand", "read"]

MAX_TXT_BYTES = 4 * MAX_CHARS  # more characters than the limit, in any encoding
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".parquet")
COMPRESSIBLE = SUFFIXES[:-1]  # each may also come gzipped: "wires.jsonl.gz"
_GLOB = set("*?[")


def read_txt(path: Path) -> Iterator[Document | Failure]:
    """One document from a text file; its id is the file name stem."""
    name = str(path)
    try:
        text, warning = read_text(path, MAX_TXT_BYTES)
    except NotText as error:
        yield Failure(name, str(error))
        return
    reason = check_text(text)
    if reason:
        yield Failure(name, reason)
        return
    if warning:
        yield Failure(name, warning, level="warning")
    yield Document(id=stem(path), text=text, source=name)


def read_jsonl(path: Path, fields: Fields) -> Iterator[Document | Failure]:
    """One document per line of JSON; blank lines are skipped."""
    name = str(path)
    try:
        with open_binary(path) as file:
            lines = TextLines(file, MAX_LINE_BYTES)
            first = [Failure(name, lines.warning, level="warning")] if lines.warning else []
            seen = False
            for number, text, note in lines:
                if text is None:
                    seen = True
                    yield Failure(name, note or "unreadable line", number)
                    continue
                if not text.strip():
                    continue
                seen = True
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as error:
                    yield Failure(name, f"invalid JSON: {error.msg} (column {error.colno})", number)
                    continue
                except (ValueError, RecursionError) as error:
                    yield Failure(name, f"invalid JSON: {type(error).__name__}", number)
                    continue
                if not isinstance(record, dict):
                    reason = f"expected a JSON object with a {fields.text!r} field"
                    yield Failure(name, reason, number)
                    continue
                caveats = first + ([Failure(name, note, number, "warning")] if note else [])
                for item in from_record(record, fields, name, number, caveats):
                    if isinstance(item, Document):
                        first = []
                    yield item
            if not seen:
                yield Failure(name, "empty file")
    except NotText as error:
        yield Failure(name, str(error))
    except OSError as error:
        yield Failure(name, f"cannot read file: {error.strerror or error}")


def _supported(path: Path) -> bool:
    if path.suffix.lower() == COMPRESSED and kind(path) not in COMPRESSIBLE:
        return False
    return kind(path) in SUFFIXES and path.is_file()


def _hidden(path: Path, directory: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(directory).parts)


def _under(directory: Path) -> list[Path]:
    """Supported files under a directory, recursively and sorted; hidden ones skipped."""
    return sorted(p for p in directory.rglob("*") if _supported(p) and not _hidden(p, directory))


def expand(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """Files to read: given files, supported files under directories, glob matches.

    A path that does not exist but has glob characters is a pattern (``**``
    matches any depth); a directory or pattern with no supported file is a
    ``Failure``.
    """
    kinds = ", ".join(SUFFIXES)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _under(path)
            if not found:
                yield Failure(str(path), f"directory holds no supported files ({kinds})")
            yield from found
        elif path.is_file():
            yield path
        elif _GLOB & set(str(raw)):
            found = []
            for match in map(Path, sorted(glob.glob(str(raw), recursive=True))):
                if match.is_dir():
                    found.extend(_under(match))
                elif _supported(match):
                    found.append(match)
            if not found:
                yield Failure(str(raw), f"pattern matches no supported files ({kinds})")
            yield from found
        else:
            yield Failure(str(path), "no such file or directory")


_Reader = Callable[[Path, Fields], Iterator[Document | Failure]]
_READERS: dict[str, _Reader] = {
    ".txt": lambda path, _: read_txt(path),
    ".html": lambda path, _: read_html(path),
    ".htm": lambda path, _: read_html(path),
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".parquet": read_parquet,
}


def read(
    paths: Iterable[str | Path],
    *,
    text_field: str = "text",
    id_field: str = "id",
    published_field: str = "published",
    published: str | None = None,
) -> Iterator[Document | Failure]:
    """Documents from files, directories and glob patterns, with a ``Failure`` for each
    bad input and a warning ``Failure`` before each document stored with a caveat.

    The field options name the text, id and publication-date fields of JSON
    lines, CSV and Parquet; a record without an id gets a hash of its text.
    ``published`` (YYYY-MM-DD) is the date of documents that carry none.
    """
    fields = Fields(text_field, id_field, published_field)
    for item in expand(paths):
        if isinstance(item, Failure):
            yield item
            continue
        reader = _READERS.get(kind(item)) if _supported(item) else None
        if reader is None:
            kinds = ", ".join(SUFFIXES)
            suffix = "".join(
                item.suffixes[-2:] if item.suffix == COMPRESSED else item.suffixes[-1:]
            )
            yield Failure(
                str(item),
                f"unsupported file type {suffix or '(none)'!r} "
                f"(expected {kinds}; all but .parquet may be gzipped)",
            )
            continue
        try:
            for found in reader(item, fields):
                if published and isinstance(found, Document) and found.published is None:
                    found.published = published
                yield found
        except Exception as error:  # a bug or a library crash costs this file, not the batch
            message = " ".join(str(error).split())
            yield Failure(str(item), f"cannot read file: {type(error).__name__}: {message}")


def _count_lines(path: Path, fields: Fields) -> int:
    with open_binary(path) as file:
        lines = TextLines(file, MAX_LINE_BYTES)
        return sum(1 for line in lines if line.text is None or line.text.strip())


_COUNTERS: dict[str, Callable[[Path, Fields], int]] = {
    ".jsonl": _count_lines,
    ".ndjson": _count_lines,
    ".csv": count_csv,
    ".parquet": count_parquet,
}


def count(
    paths: Iterable[str | Path],
    *,
    text_field: str = "text",
    id_field: str = "id",
    published_field: str = "published",
) -> int:
    """About how many documents ``read`` will yield for the same inputs, for a progress bar.

    One per text or HTML file, one per non-blank JSON line, one per CSV or
    Parquet row (none for a table without the text column). Never raises: an
    input that cannot be counted counts 0.
    """
    fields = Fields(text_field, id_field, published_field)
    total = 0
    for item in expand(paths):
        if isinstance(item, Failure):
            continue
        counter = _COUNTERS.get(kind(item))
        try:
            total += counter(item, fields) if counter else int(_supported(item))
        except Exception:  # an estimate: what cannot be counted here, read() will report
            continue
    return total
