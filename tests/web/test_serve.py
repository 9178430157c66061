"""`communique serve`: loopback by default, a warning otherwise, a clear refusal of a file
that is not a store."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique import cli


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """uvicorn.run replaced: what it would have served, and where."""
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    return calls


def test_serves_on_loopback_by_default(store_path: Path, served: list[dict]) -> None:
    result = CliRunner().invoke(cli.app, ["serve", "--db", str(store_path), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning"}]
    assert "warning" not in result.output


def test_warns_when_not_loopback(store_path: Path, served: list[dict]) -> None:
    result = CliRunner().invoke(cli.app, ["serve", "--db", str(store_path), "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0" in result.output
    assert served[0]["host"] == "0.0.0.0"


def test_refuses_what_is_not_a_store(tmp_path: Path, served: list[dict]) -> None:
    missing = CliRunner().invoke(cli.app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no store at" in missing.output
    assert served == []


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.5", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_loopback(host: str, loopback: bool) -> None:
    assert cli._loopback(host) is loopback
