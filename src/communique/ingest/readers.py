"""Read documents from files: ``.txt`` (one document) and ``.jsonl`` (one per line).

Readers never raise on bad input: every problem becomes a ``Failure`` with a
one-line reason, and the next file or line is read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from communique.records import Document, Failure

# spaCy's default ``max_length``: longer texts are not news articles and would
# need more memory than parsing is worth.
MAX_CHARS = 1_000_000
SUFFIXES = (".txt", ".jsonl")
_METADATA = ("title", "publisher", "published", "url")


def content_id(text: str) -> str:
    """A stable id for a document that has none: a hash of its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


def check_text(text: str) -> str | None:
    """Why a text cannot be processed, or None if it can."""
    if not text.strip():
        return "empty document"
    if len(text) > MAX_CHARS:
        return f"document has {len(text):,} characters, over the {MAX_CHARS:,}-character limit"
    return None


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) for readable UTF-8, else (None, reason)."""
    if not data.strip():
        return None, "empty file"
    if _looks_binary(data):
        return None, "binary file, not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, (f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})")


def read_text_file(path: Path) -> tuple[str | None, str | None]:
    """(text, None) for a readable UTF-8 file, else (None, reason)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, f"cannot read file: {error.strerror or error}"
    return decode(data)


def read_txt(path: Path) -> Iterator[Document | Failure]:
    if path.stat().st_size > 4 * MAX_CHARS:  # more characters than the limit, in any encoding
        yield Failure(
            str(path),
            f"file is {path.stat().st_size / 1e6:.1f} MB, too large for one document "
            f"(limit {MAX_CHARS:,} characters)",
        )
        return
    text, reason = read_text_file(path)
    reason = reason or check_text(text or "")
    if reason:
        yield Failure(str(path), reason)
        return
    yield Document(id=path.stem, text=text or "")


def _document(obj: object) -> tuple[Document | None, str | None]:
    if not isinstance(obj, dict):
        return None, "expected a JSON object with a 'text' field"
    text = obj.get("text")
    if not isinstance(text, str):
        return None, "no 'text' field" if text is None else "'text' is not a string"
    reason = check_text(text)
    if reason:
        return None, reason
    doc_id = obj.get("id")
    metadata = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in _METADATA}
    return Document(
        id=str(doc_id) if doc_id not in (None, "") else content_id(text), text=text, **metadata
    ), None


def read_jsonl(path: Path) -> Iterator[Document | Failure]:
    text, reason = read_text_file(path)
    if reason:
        yield Failure(str(path), reason)
        return
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            yield Failure(str(path), f"invalid JSON: {error.msg} (column {error.colno})", number)
            continue
        document, reason = _document(obj)
        if document is None:
            yield Failure(str(path), reason or "unreadable line", number)
        else:
            yield document


def expand(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """Files to read: the given files, and supported files under given directories."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
            if not found:
                yield Failure(str(path), "directory holds no .txt or .jsonl files")
            yield from found
        elif path.is_file():
            yield path
        else:
            yield Failure(str(path), "no such file or directory")


def read(paths: Iterable[str | Path]) -> Iterator[Document | Failure]:
    """Documents from files and directories, with a ``Failure`` for each bad input."""
    for item in expand(paths):
        if isinstance(item, Failure):
            yield item
        elif item.suffix == ".jsonl":
            yield from read_jsonl(item)
        elif item.suffix == ".txt":
            yield from read_txt(item)
        else:
            yield Failure(
                str(item),
                f"unsupported file type {item.suffix or '(none)'!r}; expected .txt or .jsonl",
            )
