"""The web app: ``create_app(db)`` gives the FastAPI application over one store.

The store is opened read-only unless a ``token`` is given, which also adds the one write
endpoint (``POST /api/documents``, bearer token required). The app's index is kept in a
sidecar file, ``<store>.index.duckdb`` unless ``index`` says where (``web.index``). Every
response carries the security headers of ``security.HEADERS``; request bodies are limited
to ``max_body`` bytes; pages and assets come from the package itself (no CDN).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from communique.store import Store
from communique.web import api, pages, upload
from communique.web.index import files, locate
from communique.web.reader import Reader
from communique.web.security import MAX_BODY, Guard

STATIC = Path(__file__).parent / "static"
_log = logging.getLogger(__name__)


def create_app(
    db: str | Path,
    token: str | None = None,
    max_body: int = MAX_BODY,
    index: str | Path | None = None,
    say: Callable[[str], None] | None = None,
) -> FastAPI:
    """The app over the store at ``db`` (see the module docstring); ``say`` gets a line on
    the index (reused, or built and why; default: this module's log)."""
    sidecar = locate(Path(db), Path(index) if index else None)
    store = Store(db, read_only=token is None, allowed=files(sidecar))

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
    try:
        app.state.reader = Reader(
            store, read_only=token is None, index_path=sidecar, say=say or _log.info
        )
    except BaseException:
        store.close()
        raise
    app.add_middleware(Guard, max_body=max_body)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    if token:
        app.include_router(upload.router(token))
    app.include_router(pages.router)
    return app
