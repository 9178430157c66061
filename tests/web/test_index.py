"""The web app's index file: built once and reused while the store is unchanged, built again
when the store changes or the file cannot be read, kept in memory where it cannot be written,
and brought up to date in place by an upload."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from communique import cli
from communique.store import StoreError
from communique.web import create_app
from communique.web import index as web_index

TOKEN = "test-token-77a2"
UPLOAD = {
    "id": "upload-2",
    "text": (
        "Norwegian Foreign Minister Ola Berg told Swedish Foreign Minister Anna Lindqvist on "
        'Monday that Norway would send aid to the flooded region. "We will not wait," Berg '
        "said. Norway accused Russia of blocking the talks."
    ),
    "title": "Berg pledges flood aid",
    "publisher": "Fjord Wire",
    "published": "2022-03-07",
}
# What a reader of the API sees, answered from the index.
CALLS = [
    "/api/documents",
    "/api/documents?q=minist",
    "/api/documents?q=lavrov+call&date_from=2022-02-01",
    "/api/actors?limit=500",
    "/api/actors/sergei%20lavrov%7CRUS",
    "/api/actors/USA",
    "/api/statements?limit=500",
    "/api/statements?speaker=sergei%20lavrov%7CRUS",
    "/api/events?limit=500",
    "/api/events?type=CONSULT",
    "/api/events/months",
    "/api/stories",
    "/api/network?limit=500",
]


@pytest.fixture
def copy(store_path: Path, tmp_path: Path) -> Path:
    """A copy of the test store, with no index file beside it."""
    found = tmp_path / "store" / "news.duckdb"
    found.parent.mkdir()
    shutil.copy(store_path, found)
    return found


def _sidecar(db: Path) -> Path:
    return db.with_name(f"{db.name}.index.duckdb")


@pytest.fixture
def opened() -> Iterator[list[tuple[FastAPI, list[str]]]]:
    """Apps made by a test (each with the lines it said on its index), closed after it."""
    apps: list[tuple[FastAPI, list[str]]] = []
    yield apps
    for app, _ in apps:
        app.state.reader.store.close()


def _open(apps: list, db: Path, **options: object) -> tuple[FastAPI, list[str]]:
    said: list[str] = []
    app = create_app(db, say=said.append, **options)
    apps.append((app, said))
    return app, said


def _answers(app: FastAPI) -> dict[str, object]:
    client = TestClient(app)
    return {call: client.get(call).json() for call in CALLS}


def test_index_is_built_once_then_reused(copy: Path, opened: list) -> None:
    first, said = _open(opened, copy)
    index = first.state.reader.index
    assert (index.built, index.reason, index.path) == (True, "missing", _sidecar(copy))
    assert said == [f"index {_sidecar(copy)}: missing; building it …"]
    answers = _answers(first)
    first.state.reader.store.close()
    second, said = _open(opened, copy)
    index = second.state.reader.index
    assert (index.built, index.reason, index.path) == (False, "reused", _sidecar(copy))
    assert said == [f"index {_sidecar(copy)}: up to date, reused"]
    assert _answers(second) == answers


def test_a_changed_store_has_its_index_built_again(
    copy: Path, opened: list, tmp_path: Path
) -> None:
    from communique import corpus

    _open(opened, copy)[0].state.reader.store.close()
    more = tmp_path / "more.txt"
    more.write_text(UPLOAD["text"], encoding="utf-8")
    corpus.run([more], copy, published="2022-03-07")
    app, said = _open(opened, copy)
    index = app.state.reader.index
    assert (index.built, index.reason) == (True, "the store has changed")
    assert said == [f"index {_sidecar(copy)}: the store has changed; building it …"]
    found = TestClient(app).get("/api/documents", params={"q": "flooded"}).json()["items"]
    assert [d["doc_id"] for d in found] == ["more"]


def test_a_build_killed_midway_leaves_no_file_behind(copy: Path, opened: list) -> None:
    # the temporary file of a build whose process is gone (a pid no process has: above
    # Linux's largest), and one of a process that runs (this one's parent)
    sidecar = _sidecar(copy)
    dead = sidecar.with_name(f"{sidecar.name}.4194305.tmp")
    alive = sidecar.with_name(f"{sidecar.name}.{os.getppid()}.tmp")
    for left in (dead, alive):
        left.write_bytes(b"half an index")
    _open(opened, copy)
    assert (dead.exists(), alive.exists()) == (False, True)


def test_an_unreadable_index_is_built_again(copy: Path, opened: list) -> None:
    _sidecar(copy).write_bytes(b"not a database " * 1000)
    app, said = _open(opened, copy)
    assert (app.state.reader.index.built, app.state.reader.index.reason) == (True, "unreadable")
    assert said == [f"index {_sidecar(copy)}: unreadable; building it …"]
    assert TestClient(app).get("/api/documents?q=lavrov").json()["items"]
    app.state.reader.store.close()
    again, _ = _open(opened, copy)
    assert again.state.reader.index.reason == "reused"


def test_a_damaged_index_is_built_again(copy: Path, opened: list) -> None:
    _open(opened, copy)[0].state.reader.store.close()
    sidecar = _sidecar(copy)
    size = sidecar.stat().st_size
    with sidecar.open("r+b") as file:  # its middle third overwritten: table data, not the catalog
        file.seek(size // 3)
        file.write(b"\xff" * (size // 3))
    app, said = _open(opened, copy)
    assert said == [f"index {sidecar}: unreadable; building it …"]
    assert TestClient(app).get("/api/documents?q=lavrov").json()["items"]


def test_where_the_index_cannot_be_written_it_is_kept_in_memory(
    copy: Path, opened: list, client: TestClient
) -> None:
    nowhere = copy.parent / "no-such-folder" / "news.index.duckdb"
    app, said = _open(opened, copy, index=nowhere)
    index = app.state.reader.index
    assert index.path is None and index.built
    assert len(said) == 2 and said[1].startswith(f"warning: cannot write the index {nowhere}")
    assert not nowhere.parent.exists()
    # the same answers as from the index file the session's app reads
    assert client.app.state.reader.index.path is not None
    assert _answers(app) == _answers(client.app)
    page = TestClient(app).get("/", params={"q": "propaganda"})
    assert page.status_code == 200 and "daily-meridian" in page.text


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
def test_a_read_only_folder_keeps_the_index_in_memory(copy: Path, opened: list) -> None:
    copy.parent.chmod(0o555)
    try:
        app, said = _open(opened, copy)
    finally:
        copy.parent.chmod(0o755)
    assert app.state.reader.index.path is None and said[-1].startswith("warning: cannot write")
    assert TestClient(app).get("/api/actors").json()["items"]


def test_a_file_that_is_not_an_index_is_left_untouched(
    copy: Path, opened: list, store_path: Path
) -> None:
    other = copy.parent / "other.duckdb"
    shutil.copy(store_path, other)  # a database, but not an index
    before = other.read_bytes()
    app, said = _open(opened, copy, index=other)
    assert app.state.reader.index.path is None
    assert said == [
        f"warning: {other} is not a communique index: left untouched; indexing in memory"
    ]
    assert other.read_bytes() == before
    with pytest.raises(StoreError, match="cannot be the store itself"):
        create_app(copy, index=copy)


@pytest.mark.parametrize("in_file", [True, False], ids=["index file", "in memory"])
def test_an_upload_updates_the_index_in_place(copy: Path, opened: list, in_file: bool) -> None:
    nowhere = copy.parent / "no-such-folder" / "news.index.duckdb"
    app, _ = _open(opened, copy, token=TOKEN, index=None if in_file else nowhere)
    client = TestClient(app)
    stored = client.post(
        "/api/documents", json=UPLOAD, headers={"authorization": f"Bearer {TOKEN}"}
    )
    assert stored.status_code == 201, stored.text
    reader = app.state.reader
    assert reader.last_update == "updated"  # rows added, not the index built again
    assert reader.index.path == (_sidecar(copy) if in_file else None)

    found = client.get("/api/documents", params={"q": "flood berg"}).json()["items"]
    assert [d["doc_id"] for d in found] == ["upload-2"]
    assert client.get("/api/documents").json()["items"][0]["doc_id"] == "upload-2"  # newest
    assert client.get("/api/documents/upload-2").json()["title"] == UPLOAD["title"]
    actors = client.get("/api/actors", params={"q": "berg"}).json()["items"]
    assert [(a["key"], a["documents"]) for a in actors] == [("ola berg|NOR", 1)]
    berg = client.get("/api/actors/ola%20berg%7CNOR").json()
    assert {"key": "anna lindqvist|SWE", "direction": "to", "n": 1} in [
        {k: c[k] for k in ("key", "direction", "n")} for c in berg["counterparts"]
    ]
    said = client.get("/api/statements", params={"speaker": "ola berg|NOR"}).json()["items"]
    assert {s["cue"] for s in said} == {"told", "said"}
    accused = client.get("/api/events", params={"type": "ACCUSE", "recipient": "RUS"}).json()
    assert "upload-2" in {e["doc_id"] for e in accused["items"]}

    # the index updated in place holds what an index built from scratch would
    with reader._connection() as con:
        web_index.build(con, "temp", "full_")
        for name in web_index.TABLES:
            ours, full = reader.index.table(name), f"temp.main.full_{name}"
            for a, b in ((ours, full), (full, ours)):
                (extra,) = con.execute(
                    f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})"
                ).fetchone()
                assert extra == 0, (name, a)
    app.state.reader.store.close()
    if in_file:
        again, said = _open(opened, copy)
        assert again.state.reader.index.reason == "reused"  # its fingerprint is the store's


def test_index_command_builds_it_ahead(copy: Path) -> None:
    runner = CliRunner()
    built = runner.invoke(cli.app, ["index", "--db", str(copy)])
    assert built.exit_code == 0, built.output
    assert f"index {_sidecar(copy)}: missing; building it …" in built.output
    assert _sidecar(copy).is_file()
    again = runner.invoke(cli.app, ["index", "--db", str(copy)])
    assert again.exit_code == 0 and "up to date, reused" in again.output
    elsewhere = copy.parent / "elsewhere.duckdb"
    forced = runner.invoke(cli.app, ["index", "--db", str(copy), "--index", str(elsewhere)])
    assert forced.exit_code == 0 and elsewhere.is_file()
    nowhere = copy.parent / "none" / "x.duckdb"
    failed = runner.invoke(cli.app, ["index", "--db", str(copy), "--index", str(nowhere)])
    assert failed.exit_code == 2 and "was not written" in failed.output


def test_any_other_change_has_the_index_built_again(copy: Path, opened: list) -> None:
    app, said = _open(opened, copy, token=TOKEN)
    reader = app.state.reader
    with reader.writing() as store:  # not an addition: a row removed
        store.con.execute("DELETE FROM actors WHERE key = 'USA'")
    assert reader.last_update == "rebuilt"
    assert said[-1] == "index: the store changed other than by added documents; building it again"
    assert TestClient(app).get("/api/actors/USA").status_code == 404
    app.state.reader.store.close()
    assert _open(opened, copy)[0].state.reader.index.reason == "reused"


def test_serve_takes_the_index_path(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    elsewhere = copy.parent / "elsewhere" / "news.index.duckdb"
    elsewhere.parent.mkdir()
    args = ["serve", "--db", str(copy), "--index", str(elsewhere)]
    first = CliRunner().invoke(cli.app, args)
    assert first.exit_code == 0, first.output
    assert "missing; building it" in first.output and "index built in" in first.output
    assert elsewhere.is_file() and not _sidecar(copy).exists()
    again = CliRunner().invoke(cli.app, args)
    assert again.exit_code == 0 and "index reused in" in again.output
