"""Publication dates in any form to ISO "YYYY-MM-DD"."""

from __future__ import annotations

import datetime as dt

from dateutil import parser

# Parsing with two different defaults shows which parts a string left out.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def iso_date(value: object) -> str | None:
    """``value`` as "YYYY-MM-DD"; None for no value; ValueError if it is not a whole date.

    Takes ``date``/``datetime`` objects, ISO dates and datetimes, and other
    strings such as "Feb 12, 2022" or "12 February 2022" (python-dateutil;
    "01/02/2022" is month first, as dateutil reads it). A datetime keeps the
    date it has in its own time zone.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        first, second = (parser.parse(text, default=default).date() for default in _DEFAULTS)
    except (ValueError, OverflowError):
        raise ValueError(f"not a date: {value!r}") from None
    if first != second:
        raise ValueError(f"not a whole date (year, month and day): {value!r}")
    return first.isoformat()
