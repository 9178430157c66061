"""A record's fields (a JSON object, a CSV or Parquet row) to a ``Document``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from communique.ingest.dates import iso_date
from communique.records import Document, Failure

# spaCy's default ``max_length``: longer texts are not news articles and would
# need more memory than parsing is worth.
MAX_CHARS = 1_000_000
MAX_LINE_BYTES = 8 * MAX_CHARS  # one JSON line or CSV line: room for escapes and other fields
METADATA = ("title", "publisher", "url")


@dataclass(frozen=True, slots=True)
class Fields:
    """Which fields hold a record's text, id and publication date."""

    text: str = "text"
    id: str = "id"
    published: str = "published"


def text_sha1(text: str) -> str:
    """The SHA-1 of a text: what tells two documents with one id apart in the store."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def content_id(text: str) -> str:
    """A stable id for a document that has none: a hash of its text."""
    return text_sha1(text)[:16]


def check_text(text: str) -> str | None:
    """Why a text cannot be processed, or None if it can."""
    if not text.strip():
        return "empty document"
    if len(text) > MAX_CHARS:
        return f"document has {len(text):,} characters, over the {MAX_CHARS:,}-character limit"
    return None


def _value(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def date_warning(value: object) -> str:
    """The warning for a publication date that could not be read."""
    shown = str(value) if len(str(value)) <= 40 else str(value)[:39] + "…"
    return f"unreadable published date {shown!r}; stored without one"


def from_record(
    record: Mapping[str, Any],
    fields: Fields,
    file: str,
    line: int,
    caveats: Iterable[Failure] = (),
) -> Iterator[Document | Failure]:
    """The document in one record, with warnings before it; or one error ``Failure``.

    ``caveats`` are warnings found while reading the record (say, its
    encoding); they are yielded only if the document is.
    """
    if fields.text not in record:
        yield Failure(file, f"no {fields.text!r} field", line)
        return
    text = record[fields.text]
    if text is None:
        text = ""
    if not isinstance(text, str):
        yield Failure(file, f"{fields.text!r} is not a string", line)
        return
    reason = check_text(text)
    if reason:
        yield Failure(file, reason, line)
        return
    warnings = list(caveats)
    try:
        published = iso_date(record.get(fields.published))
    except ValueError:
        published = None
        warnings.append(Failure(file, date_warning(record[fields.published]), line, "warning"))
    yield from warnings
    yield Document(
        id=_value(record.get(fields.id)) or content_id(text),
        text=text,
        **{name: _value(record.get(name)) for name in METADATA},
        published=published,
        source=f"{file}:{line}",
    )
