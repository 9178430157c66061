"""The pages: server-rendered Jinja templates (autoescaped: every text from the store is
escaped), with a little JavaScript from ``static/`` and no inline script or style."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from communique.web.api import MAX_PAGE, Key, Limit, Offset, Text
from communique.web.highlight import segments, speaker_colours
from communique.web.reader import Page, Reader

# autoescape on every template: article text, names and ids are always escaped
templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True
    )
)
router = APIRouter(include_in_schema=False)
Day = Annotated[str | None, Query(max_length=10)]  # a form's date field: may be empty


def _day(value: str | None) -> dt.date | None:
    """A form's date, or None if empty or not a date."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _reader(request: Request) -> Reader:
    return request.app.state.reader


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _pager(request: Request, page: Page) -> dict[str, str | None]:
    """Links to the previous and next pages, keeping the other query parameters."""
    params = {k: v for k, v in request.query_params.items() if k != "offset" and v}

    def at(offset: int) -> str:
        return "?" + urlencode({**params, "offset": offset})

    return {
        "previous": at(max(page.offset - page.limit, 0)) if page.offset > 0 else None,
        "next": at(page.offset + page.limit) if page.more else None,
        "query": urlencode(params),
    }


def _missing(request: Request, what: str) -> HTMLResponse:
    return _render(request, "missing.html", status=404, what=what)


@router.get("/", response_class=HTMLResponse)
def search(
    request: Request,
    q: Text = None,
    publisher: Text = None,
    date_from: Day = None,
    date_to: Day = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> HTMLResponse:
    reader = _reader(request)
    page = reader.documents(q, publisher, _day(date_from), _day(date_to), limit, offset)
    return _render(
        request,
        "search.html",
        page=page,
        nav=_pager(request, page),
        q=q or "",
        publisher=publisher or "",
        publishers=reader.publishers(),
        date_from=date_from or "",
        date_to=date_to or "",
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    found = _reader(request).document(doc_id)
    if found is None:
        return _missing(request, "document")
    names = {a["id"]: a["name"] for a in found["actors"]}
    keys = {a["id"]: a.get("key") for a in found["actors"]}
    colours = speaker_colours(found["statements"])
    cards = {
        s["id"]: {
            "speaker": names.get(s["speaker"] or "") or "unresolved",
            "addressee": names.get(s["addressee"] or ""),
            "cue": (s["cue"] or {}).get("text"),
            "source": (s["source"] or {}).get("text"),
            "via": (s["via"] or {}).get("text"),
            "via_actor": names.get(s.get("via_actor") or ""),
            "kind": s["kind"],
            "confidence": s["confidence"],
            "topics": s.get("topics") or [],
        }
        for s in found["statements"]
    }
    return _render(
        request,
        "document.html",
        doc=found,
        segments=segments(found["text"], found["statements"], found["events"]),
        names=names,
        keys=keys,
        colours=colours,
        cards=cards,
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    page = _reader(request).actors(q, limit, offset)
    return _render(request, "actors.html", page=page, nav=_pager(request, page), q=q or "")


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def actor(request: Request, key: str, offset: Offset = 0) -> HTMLResponse:
    reader = _reader(request)
    found = reader.actor(key)
    if found is None:
        return _missing(request, "actor")
    said = reader.statements(speaker=key, limit=20, offset=offset)
    did = reader.events(actor=key, limit=20, offset=0)
    return _render(
        request, "actor.html", actor=found, said=said, did=did, nav=_pager(request, said)
    )


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    type: Annotated[str | None, Query(max_length=40)] = None,
    actor: Key = None,
    recipient: Key = None,
    date_from: Day = None,
    date_to: Day = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> HTMLResponse:
    reader = _reader(request)
    filters = (type, actor, recipient, _day(date_from), _day(date_to))
    page = reader.events(*filters, limit, offset)
    return _render(
        request,
        "events.html",
        page=page,
        nav=_pager(request, page),
        months=reader.event_months(*filters),
        types=reader.event_types(),
        form={
            "type": type or "",
            "actor": actor or "",
            "recipient": recipient or "",
            "date_from": date_from or "",
            "date_to": date_to or "",
        },
    )


@router.get("/stories", response_class=HTMLResponse)
def stories(
    request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> HTMLResponse:
    page = _reader(request).stories(q, limit, offset)
    return _render(request, "stories.html", page=page, nav=_pager(request, page), q=q or "")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    reader = _reader(request)
    found = reader.story(story_id)
    if found is None:
        return _missing(request, "story")
    participants = reader.named([{"key": key} for key in found["participants"]])
    return _render(request, "story.html", story=found, participants=participants)


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    date_from: Day = None,
    date_to: Day = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 80,
) -> HTMLResponse:
    found = _reader(request).network(_day(date_from), _day(date_to), limit)
    return _render(
        request,
        "network.html",
        network=found,
        names={n["key"]: n["name"] for n in found["nodes"]},
        form={"date_from": date_from or "", "date_to": date_to or "", "limit": limit},
    )
