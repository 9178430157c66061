"""The web app: ``create_app(db)`` gives the FastAPI application over one store.

The store is opened read-only unless a ``token`` is given, which also adds the one write
endpoint (``POST /api/documents``, bearer token required). Every response carries the
security headers of ``security.HEADERS``; request bodies are limited to ``max_body``
bytes; pages and assets come from the package itself (no CDN).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from communique.store import Store
from communique.web import api, pages, upload
from communique.web.reader import Reader
from communique.web.security import MAX_BODY, Guard

STATIC = Path(__file__).parent / "static"


def create_app(db: str | Path, token: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The app over the store at ``db`` (see the module docstring)."""
    store = Store(db, read_only=token is None)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="communique",
        summary="Who said what, to whom, through which channel, and what they did, from news.",
        version="1",
        docs_url=None,  # the interactive docs load their scripts from a CDN: not served
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.reader = Reader(store, read_only=token is None)
    app.add_middleware(Guard, max_body=max_body)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    if token:
        app.include_router(upload.router(token))
    app.include_router(pages.router)
    return app
