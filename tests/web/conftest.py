"""A store built once from examples/ and one hostile document, and the app over it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
# A report whose text carries markup: every page must show it as text, never run it.
HOSTILE = (
    "Foreign Minister Anna Lindqvist said on Monday: "
    "\"<script>alert('x')</script> is not a policy.\" "
    "<img src=x onerror=alert(1)> The ministry added that talks would resume.\n"
)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from communique import corpus

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = folder / "examples.duckdb"
    corpus.run([ROOT / "examples", hostile], db, published="2022-02-12")
    return db


@pytest.fixture(scope="session")
def client(store_path: Path) -> TestClient:
    from communique.web import create_app

    with TestClient(create_app(store_path)) as test_client:
        yield test_client
