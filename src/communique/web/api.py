"""The JSON API under ``/api``: documents, actors, statements, events, stories, the network.

Every list is one page (``limit`` up to ``MAX_PAGE``, ``offset``; ``next_offset`` says
where the next page starts, null on the last) and comes as JSON or, with
``format=csv``, as a CSV file; ``download=true`` makes a JSON page a file too.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from communique.web.download import ListFormat, listing
from communique.web.reader import Reader

MAX_PAGE = 500
MAX_OFFSET = 10_000_000

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Rows per page (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Format = Annotated[ListFormat, Query(description="json, or csv for a CSV file.")]
Download = Annotated[bool, Query(description="Send a JSON page as a file.")]
Text = Annotated[str | None, Query(max_length=200)]
Key = Annotated[str | None, Query(max_length=300, description="An actor key (Actor.key).")]
From = Annotated[dt.date | None, Query(description="From this day (YYYY-MM-DD), inclusive.")]
To = Annotated[dt.date | None, Query(description="Up to this day (YYYY-MM-DD), inclusive.")]


def reader(request: Request) -> Reader:
    return request.app.state.reader


def _found(item: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(404, f"no such {what}")
    return item


@router.get("/documents", summary="Search documents")
def documents(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="Words the text contains.")] = None,
    publisher: Text = None,
    date_from: From = None,
    date_to: To = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = ListFormat.json,
    download: Download = False,
) -> Response:
    """Documents whose text or title contains ``q`` (case-insensitive), by publisher and
    publication date, newest first; each with a snippet and its statement and event counts."""
    page = reader(request).documents(q, publisher, date_from, date_to, limit, offset)
    return listing(page.to_dict(), format, "documents", download)


@router.get("/documents/{doc_id}", summary="One document with its records")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    """A document's text and metadata with its statements, actors (and their mentions),
    events and omissions, every span with its character offsets, and its stories."""
    return _found(reader(request).document(doc_id), "document")


@router.get("/actors", summary="Actors across documents")
def actors(
    request: Request,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = ListFormat.json,
    download: Download = False,
) -> Response:
    """Actors grouped by key across documents, the most reported first; ``q`` in a name."""
    return listing(reader(request).actors(q, limit, offset).to_dict(), format, "actors", download)


@router.get("/actors/{key:path}", summary="One actor across documents")
def actor(request: Request, key: str) -> dict[str, Any]:
    """An actor by key: its names, documents, statements and events per month, and its
    counterparts. Its statements and events: ``/api/statements?speaker=KEY``,
    ``/api/events?actor=KEY``."""
    return _found(reader(request).actor(key), "actor")


@router.get("/statements", summary="Statements")
def statements(
    request: Request,
    speaker: Key = None,
    addressee: Key = None,
    q: Text = None,
    date_from: From = None,
    date_to: To = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = ListFormat.json,
    download: Download = False,
) -> Response:
    """Who said what to whom: statements by speaker and addressee key, words in their
    content and their documents' dates, newest first."""
    page = reader(request).statements(speaker, addressee, q, date_from, date_to, limit, offset)
    return listing(page.to_dict(), format, "statements", download)


@router.get("/events", summary="PLOVER events")
def events(
    request: Request,
    type: Annotated[str | None, Query(max_length=40, description="A PLOVER type.")] = None,
    actor: Key = None,
    recipient: Key = None,
    date_from: From = None,
    date_to: To = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = ListFormat.json,
    download: Download = False,
) -> Response:
    """Events by PLOVER type, actor and recipient key, and day (the event's own date, else
    its document's), newest first, with their trigger and evidence."""
    page = reader(request).events(type, actor, recipient, date_from, date_to, limit, offset)
    return listing(page.to_dict(), format, "events", download)


@router.get("/events/months", summary="Events per month and type")
def event_months(
    request: Request,
    type: Annotated[str | None, Query(max_length=40)] = None,
    actor: Key = None,
    recipient: Key = None,
    date_from: From = None,
    date_to: To = None,
    format: Format = ListFormat.json,
) -> Response:
    """The number of events in each month and type, with the events list's filters."""
    rows = reader(request).event_months(type, actor, recipient, date_from, date_to)
    return listing({"items": rows}, format, "events-per-month")


@router.get("/stories", summary="Stories")
def stories(
    request: Request,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = ListFormat.json,
    download: Download = False,
) -> Response:
    """Calls, meetings and widely reported events across documents, newest first, with
    their participants, parties and topics; ``q`` in a participant or a topic."""
    return listing(reader(request).stories(q, limit, offset).to_dict(), format, "stories", download)


@router.get("/stories/{story_id}", summary="One story with its accounts and divergence")
def story(request: Request, story_id: str) -> dict[str, Any]:
    """A story's accounts (each party's statements, omissions and, for the press, its
    narration, with text and offsets), the alignments of their statements, and the
    divergence: each topic, who carries it, who leaves it out, who is said to."""
    return _found(reader(request).story(story_id), "story")


@router.get("/network", summary="Who addressed or acted on whom")
def network(
    request: Request,
    date_from: From = None,
    date_to: To = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Edges, heaviest first.")] = 100,
    format: Format = ListFormat.json,
) -> Response:
    """Edges between actor keys (statements from speaker to addressee, events from actor to
    recipient) with their counts, and their nodes; CSV gives the edges."""
    found = reader(request).network(date_from, date_to, limit)
    if format is ListFormat.csv:
        return listing({"items": found["edges"]}, format, "network")
    return listing(found, format, "network")
