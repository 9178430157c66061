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

import errno
import glob
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from communique.ingest.decode import (
    COMPRESSED,
    NotText,
    Position,
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
from communique.ingest.tables import read_csv, read_parquet
from communique.records import Document, Failure

__all__ = ["MAX_CHARS", "SUFFIXES", "content_id", "expand", "read", "size"]

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


def read_jsonl(
    path: Path, fields: Fields, at: Position | None = None
) -> Iterator[Document | Failure]:
    """One document per line of JSON; blank lines are skipped. ``at`` follows the
    position in the file."""
    name = str(path)
    try:
        with open_binary(path, at) as file:
            lines = TextLines(file, MAX_LINE_BYTES, skip_blank=True)
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
    """Whether the file name is of a kind ``read`` reads."""
    if path.suffix.lower() == COMPRESSED and kind(path) not in COMPRESSIBLE:
        return False
    return kind(path) in SUFFIXES


# What a file that is not a regular one is, by its mode.
_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def not_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file to read (a FIFO, a device, a socket, a broken
    or looping link), or None if it is one. Never opens it: a FIFO would block."""
    try:
        mode = path.stat().st_mode  # through links
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop, not a file"
        if path.is_symlink():
            return f"broken symbolic link (to {os.readlink(path)})"
        return f"cannot read file: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _KINDS if test(mode)), "a special file")
    if path.is_symlink():
        what = f"a link to {what} ({os.path.realpath(path)})"
    return f"{what}, not a regular file"


def _checked(path: Path) -> Path | Failure:
    reason = not_regular(path)
    return Failure(str(path), reason) if reason else path


def _under(directory: Path) -> list[Path | Failure]:
    """Files of a supported kind under a directory, recursively and sorted, each a path or
    (if it is not a regular file) a ``Failure``. Hidden files and directories are
    skipped; links to directories are not followed."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files if not f.startswith(".") and _supported(Path(f)))
    return [_checked(path) for path in sorted(found)]


def expand(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """Files to read: given files, supported files under directories, glob matches.

    A path that does not exist but has glob characters is a pattern (``**``
    matches any depth); a directory or pattern with no supported file is a
    ``Failure``, and so is each input that is not a regular file.
    """
    kinds = ", ".join(SUFFIXES)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _under(path)
            if not found:
                yield Failure(str(path), f"directory holds no supported files ({kinds})")
            yield from found
        elif os.path.lexists(path):
            yield _checked(path)
        elif _GLOB & set(str(raw)):
            found = []
            for match in map(Path, sorted(glob.glob(str(raw), recursive=True))):
                if match.is_dir():
                    found.extend(_under(match))
                elif _supported(match):
                    found.append(_checked(match))
            if not found:
                yield Failure(str(raw), f"pattern matches no supported files ({kinds})")
            yield from found
        else:
            yield Failure(str(path), "no such file or directory")


_Reader = Callable[[Path, Fields, Position], Iterator[Document | Failure]]
_READERS: dict[str, _Reader] = {
    ".txt": lambda path, *_: read_txt(path),
    ".html": lambda path, *_: read_html(path),
    ".htm": lambda path, *_: read_html(path),
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
    on_read: Callable[[int], None] | None = None,
) -> Iterator[Document | Failure]:
    """Documents from files, directories and glob patterns, with a ``Failure`` for each
    bad input and a warning ``Failure`` before each document stored with a caveat.

    The field options name the text, id and publication-date fields of JSON
    lines, CSV and Parquet; a record without an id gets a hash of its text.
    ``published`` (YYYY-MM-DD) is the date of documents that carry none.
    ``on_read`` is given each increase in the bytes of input read (as ``size``
    counts them), as reading goes on: progress that needs no counting first.
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
        meter = _Meter(item, on_read)
        try:
            for found in reader(item, fields, meter):
                if published and isinstance(found, Document) and found.published is None:
                    found.published = published
                yield found
        except Exception as error:  # a bug or a library crash costs this file, not the batch
            message = " ".join(str(error).split())
            yield Failure(str(item), f"cannot read file: {type(error).__name__}: {message}")
        finally:
            meter.done()


class _Meter:
    """Turns positions in one file into increases of the bytes read, for ``on_read``."""

    def __init__(self, path: Path, on_read: Callable[[int], None] | None) -> None:
        self.on_read = on_read
        self.reported = 0
        self.size = _file_size(path)

    def __call__(self, position: int) -> None:
        position = min(position, self.size)
        if self.on_read is not None and position > self.reported:
            self.on_read(position - self.reported)
            self.reported = position

    def done(self) -> None:
        self(self.size)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def size(paths: Iterable[str | Path]) -> int:
    """The bytes on disk of every file ``read`` would read: the total of its ``on_read``.

    Cheap (no file is opened), so a progress bar can start at once on any input.
    """
    return sum(_file_size(item) for item in expand(paths) if isinstance(item, Path))
