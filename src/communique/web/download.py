"""Lists as downloads: a page of rows as CSV or JSON, with a file name."""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from typing import Any

from fastapi.responses import JSONResponse, Response


class ListFormat(StrEnum):
    json = "json"
    csv = "csv"


def _cell(value: Any) -> str:
    """A CSV cell: lists joined with "; ", records as JSON, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) if not isinstance(v, dict) else json.dumps(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def as_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with a header (the union of their keys, in order of appearance)."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def listing(page: dict[str, Any], fmt: ListFormat, name: str, download: bool = False) -> Response:
    """A list page as JSON (the page with its items) or CSV (its items); ``download`` (or
    CSV) makes it an attachment named after the list."""
    if fmt is ListFormat.csv:
        return Response(
            as_csv(page["items"]),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}.csv"'},
        )
    headers = {"content-disposition": f'attachment; filename="{name}.json"'} if download else {}
    return JSONResponse(page, headers=headers)
