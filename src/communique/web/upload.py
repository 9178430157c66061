"""The write endpoint: ingest one uploaded document into the store. It exists only when the
app is given a token, and then answers only requests that carry it."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, Field

from communique.corpus import stories
from communique.corpus.local import ingest
from communique.ingest.fields import MAX_CHARS, content_id
from communique.pipeline import load
from communique.records import Document
from communique.stories.topics import merge
from communique.web.security import token_matches

_pipeline: dict[str, Any] = {}
_loading = threading.Lock()


class Upload(BaseModel):
    """A document to ingest: its text and, if known, its id and metadata."""

    text: str = Field(min_length=1, max_length=MAX_CHARS)
    id: str | None = Field(
        None,
        max_length=200,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._~-]*$",
        description="Default: a hash of the text.",
    )
    title: str | None = Field(None, max_length=1000)
    publisher: str | None = Field(None, max_length=200)
    published: dt.date | None = None
    url: str | None = Field(None, max_length=2000)


def _nlp() -> Any:
    """The pipeline, loaded by the first upload."""
    with _loading:
        if "nlp" not in _pipeline:
            _pipeline["nlp"] = load()
        return _pipeline["nlp"]


def router(token: str) -> APIRouter:
    """The ``POST /api/documents`` route, guarded by ``token``."""
    routes = APIRouter(prefix="/api")

    @routes.post("/documents", status_code=201, summary="Ingest a document (token required)")
    def upload(
        request: Request,
        document: Upload,
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Process and store one document, then link it into the stories; a document id
        already stored with the same text is skipped, with another text refused."""
        if not token_matches(authorization, token):
            raise HTTPException(
                401, "a valid bearer token is required", headers={"www-authenticate": "Bearer"}
            )
        if not document.text.strip():
            raise HTTPException(422, "empty document")
        found = Document(
            id=document.id or content_id(document.text),
            text=document.text,
            title=document.title,
            publisher=document.publisher,
            published=document.published.isoformat() if document.published else None,
            url=document.url,
            source="upload",
        )
        nlp = _nlp()
        reader = request.app.state.reader
        with reader.writing() as store:
            summary = ingest([found], store, nlp)
            if summary.failures:
                (reason,) = store.con.execute(
                    "SELECT reason FROM failures WHERE file = 'upload' "
                    "ORDER BY recorded_at DESC, rowid DESC LIMIT 1"
                ).fetchone()
                raise HTTPException(422, reason)
            stories.update(store, merge)
        return {
            "doc_id": found.id,
            "stored": summary.documents == 1,
            "skipped": summary.skipped == 1,
            "statements": summary.statements,
            "events": summary.events,
        }

    return routes
