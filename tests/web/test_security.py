"""Escaping, headers, limits and the write endpoint's token."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

TOKEN = "test-token-4f1d"


def test_article_text_renders_inert(client: TestClient) -> None:
    page = client.get("/documents/hostile").text
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    cards = page.split('<script type="application/json" id="cards">', 1)[1].split("</script>")[0]
    assert "<" not in cards  # the statements' data cannot close its script element
    search = client.get("/", params={"q": "<script>"}).text
    assert "<script>alert" not in search and 'value="&lt;script&gt;"' in search


def test_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/documents", "/static/app.css", "/documents/nothing"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_read_only_by_default(client: TestClient) -> None:
    response = client.post("/api/documents", json={"text": "The minister said so."})
    assert response.status_code == 405


def test_no_file_from_a_path(client: TestClient) -> None:
    for path in ("/static/../store.py", "/static/%2e%2e/store.py", "/static/..%2fapp.py"):
        assert client.get(path).status_code == 404, path


def test_request_bodies_are_limited(client: TestClient) -> None:
    response = client.post("/api/documents", content=b"x" * 3_000_000)
    assert response.status_code == 413


@pytest.fixture(scope="module")
def writable(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from communique.web import create_app

    copy = tmp_path_factory.mktemp("writable") / "store.duckdb"
    shutil.copy(store_path, copy)
    with TestClient(create_app(copy, token=TOKEN)) as test_client:
        yield test_client


def test_the_write_endpoint_needs_the_token(writable: TestClient) -> None:
    text = {"id": "upload-1", "text": "Minister Ola Berg said the talks had gone well."}
    assert writable.post("/api/documents", json=text).status_code == 401
    wrong = {"authorization": "Bearer wrong"}
    assert writable.post("/api/documents", json=text, headers=wrong).status_code == 401
    right = {"authorization": f"Bearer {TOKEN}"}
    stored = writable.post("/api/documents", json=text, headers=right)
    assert stored.status_code == 201, stored.text
    assert stored.json()["stored"] is True
    record = writable.get("/api/documents/upload-1").json()
    assert record["statements"][0]["cue"]["text"] == "said"
    found = writable.get("/api/documents", params={"q": "talks Berg"}).json()["items"]
    assert [d["doc_id"] for d in found] == ["upload-1"]  # the index is rebuilt
    again = writable.post("/api/documents", json=text, headers=right).json()
    assert again["skipped"] is True
    other = {"id": "upload-1", "text": "Another text."}
    assert writable.post("/api/documents", json=other, headers=right).status_code == 422
    bad_id = {"id": "../etc/passwd", "text": "x"}
    assert writable.post("/api/documents", json=bad_id, headers=right).status_code == 422
