"""Resolve the date of an event against the document's publication date.

Results are ISO 8601 at the precision the text gives: a day (``2022-01-27``),
an ISO week (``2022-W03`` for "last week") or a month (``2022-01`` for "last
month"). ``None`` when the text gives no date or the document has none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from communique.data import read_tsv
from communique.ingest.dates import parse_date
from communique.positions import entities

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month number by name and abbreviation, lowercase (``data/months.tsv``)."""
    found: dict[str, int] = {}
    for row in read_tsv(__package__, "months.tsv"):
        for word in [row["name"], *row["abbreviations"].split("|")]:
            if word:
                found[word] = int(row["month"])
    return found


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A day and a month ("29 july", "jan. 27"); a month and a year ("march 2021")."""
    month = r"\b(" + "|".join(sorted(months(), key=len, reverse=True)) + r")\b\.?"
    day = r"\b(\d{1,2})\b"
    day_month = re.compile(rf"{day}\s+{month}|{month}\s+{day}(?!\d)")
    month_year = re.compile(rf"{month}\s+((?:19|20)\d{{2}})\b")
    return day_month, month_year


@dataclass(frozen=True, slots=True)
class Dated:
    """An event's date and the words it was read from (character offsets into the text)."""

    date: str
    start: int
    end: int


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def resolve(expression: str, published: dt.date) -> str | None:
    """The date an expression refers to, seen from ``published``; None if vague."""
    text = " ".join(expression.lower().replace(",", " ").split())
    if text in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return published.isoformat()
    if text in {"yesterday", "last night", "overnight"}:
        return (published - dt.timedelta(days=1)).isoformat()
    if text == "tomorrow":
        return (published + dt.timedelta(days=1)).isoformat()
    if text == "last week":
        return _week(published - dt.timedelta(days=7))
    if text == "this week":
        return _week(published)
    if text == "next week":
        return _week(published + dt.timedelta(days=7))
    if text == "last month":
        first = published.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year}-{first.month:02d}"
    if text == "this month":
        return f"{published.year}-{published.month:02d}"
    for i, name in enumerate(WEEKDAYS):
        if re.fullmatch(rf"(on |last |this )?{name}( night| morning| afternoon| evening)?", text):
            back = (published.weekday() - i) % 7
            return (published - dt.timedelta(days=back)).isoformat()
    return _calendar_date(text, published)


def _calendar_date(text: str, published: dt.date) -> str | None:
    """A date the text names by its month: a day ("29 july", "jan. 27", "dec. 3 2021"), else a
    month with its year ("march 2021"); without a year, the day's latest before or soon
    after ``published``."""
    day_month, month_year = _patterns()
    match = day_month.search(text)
    if match is None:
        match = month_year.search(text)
        return f"{match.group(2)}-{months()[match.group(1)]:02d}" if match else None
    day = int(match.group(1) or match.group(4))
    month = months()[match.group(2) or match.group(3)]
    year_match = re.search(r"\b(19|20)\d{2}\b", text)
    year = int(year_match.group()) if year_match else published.year
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if not year_match and date > published + dt.timedelta(days=31):
        date = date.replace(year=year - 1)  # "on 28 December" in a January story
    return date.isoformat()


def event_date(trigger: Token, published: str | None) -> Dated | None:
    """The date of the event at ``trigger``: the date expression of its clause that names a
    calendar date ("on Friday, 29 July": 29 July), else the nearest that resolves."""
    if not published:
        return None
    try:
        day = parse_date(published, iso_only=True)
    except ValueError:
        return None
    for ent in _clause_dates(trigger):
        date = resolve(ent.text, day)
        if date:
            return Dated(date, ent.start_char, ent.end_char)
    return None


def _names_a_month(expression: str) -> bool:
    """ "29 July", "Jan. 27", "March 2021"; not "Friday" or "last week"."""
    day_month, month_year = _patterns()
    text = expression.lower()
    return bool(day_month.search(text) or month_year.search(text))


def _clause_dates(trigger: Token) -> list[Span]:
    """DATE entities attached to the trigger's clause, nearest first."""
    doc = trigger.doc
    verb = trigger
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    clause = {t.i for t in verb.subtree}
    found = [
        e
        for e in entities(doc, verb.left_edge.i, verb.right_edge.i)
        if e.label_ in {"DATE", "TIME"} and e.root.i in clause and _governs(verb, e.root)
    ]
    return sorted(found, key=lambda e: (not _names_a_month(e.text), abs(e.root.i - trigger.i)))


def _governs(verb: Token, token: Token) -> bool:
    """Whether ``token`` belongs to ``verb``'s own clause, not a clause below it."""
    while token.i != verb.i:
        if token.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "acl"} or token.head.i == token.i:
            return False
        token = token.head
    return True
