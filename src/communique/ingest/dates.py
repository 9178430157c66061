"""Publication dates: the one parser of them, and their ISO form "YYYY-MM-DD".

Readers take a date in any form (``iso_date``); the command line, the events stage
and the store read ``Document.published``, always ISO once read, with ``iso_only``.
"""

from __future__ import annotations

import datetime as dt

from dateutil import parser

# Parsing with two different defaults shows which parts a string left out.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def parse_date(text: str, *, iso_only: bool = False) -> dt.date:
    """The whole date (year, month and day) ``text`` gives; ValueError if it gives none.

    ISO 8601 dates and datetimes first (a datetime gives the date it has in its own
    time zone); then, unless ``iso_only``, other forms such as "Feb 12, 2022" or
    "12 February 2022" (python-dateutil; "01/02/2022" is month first, as dateutil
    reads it, which is why the command line takes ISO only).
    """
    stripped = text.strip()
    try:
        return dt.datetime.fromisoformat(stripped).date()
    except ValueError:
        if iso_only:
            raise ValueError(f"not an ISO date: {text!r}") from None
    try:
        first, second = (parser.parse(stripped, default=d).date() for d in _DEFAULTS)
    except (ValueError, OverflowError):
        raise ValueError(f"not a date: {text!r}") from None
    if first != second:
        raise ValueError(f"not a whole date (year, month and day): {text!r}")
    return first


def iso_date(value: object) -> str | None:
    """``value`` as "YYYY-MM-DD"; None for no value; ValueError if it is not a whole date.

    Takes ``date``/``datetime`` objects and strings in any form ``parse_date`` reads.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    if not value.strip():
        return None
    return parse_date(value).isoformat()
