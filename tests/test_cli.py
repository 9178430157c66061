"""The command line: formats, inputs, and what happens to bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app

GOOD = "“We will not back down,” the mayor said.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_jsonl_writes_one_schema_1_record_per_document(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "wire-1", "text": GOOD, "publisher": "Wire", "published": "2022-02-12"})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc_id"] for r in records] == ["a", "wire-1"]
    for record in records:
        assert set(record) == {
            *("schema", "doc_id", "text", "issuer", "statements", "actors", "events", "omissions")
        }
        assert record["schema"] == 1
        (statement,) = record["statements"]
        assert statement["content"][0]["text"] == "We will not back down"
        assert statement["doc_id"] == record["doc_id"]


def test_json_and_table_formats(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["doc_id"] == "call"
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    assert "We will not back down" in result.stdout


def test_bad_inputs_get_one_line_each_and_the_rest_is_processed(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    # Neither UTF-8 nor cp1252 (0x81 is undefined in cp1252); cp1252 text is read with a warning.
    (tmp_path / "undecodable.txt").write_bytes(b"Le caf\xe9 \x81, a dit le chef.")
    (tmp_path / "huge.txt").write_text(
        "The minister said the plan was dead. " * 140_000, encoding="utf-8"
    )  # about 5 MB
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        '{"id": "ok", "text": "The mayor said the bridge was safe."}\n'
        "not json\n"
        '{"id": "no-text"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    done = [json.loads(line)["doc_id"] for line in result.stdout.splitlines()]
    assert done == ["good", "ok"]
    errors = result.stderr.strip().splitlines()
    expected = {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "undecodable.txt": "not valid UTF-8 or cp1252",
        "huge.txt": "too large",
        "lines.jsonl:2": "invalid JSON",
        "lines.jsonl:3": "'text'",
    }
    assert len(errors) == len(expected)
    for where, reason in expected.items():
        (line,) = [e for e in errors if f"{where}:" in e]
        assert reason in line
        assert line.startswith("communique: error: ")


def test_missing_path_fails_with_exit_code_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "--format", "json"])
    assert result.exit_code == 1
    assert "no such file or directory" in result.stderr


def test_missing_model_is_named(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--model", "en_core_web_xx"])
    assert result.exit_code == 2
    assert "en_core_web_xx" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_published_must_be_a_date(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--published", "28/01/2022"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output + result.stderr


def test_an_internal_error_costs_one_document(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from communique.attribution import component

    real = component.extract_statements

    def flaky(doc, doc_id, *rest):
        if doc_id == "bad":
            raise ValueError("boom")
        return real(doc, doc_id, *rest)

    monkeypatch.setattr(component, "extract_statements", flaky)
    for name in ("bad", "good"):
        (tmp_path / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["good"]
    assert "bad.txt: attribution failed: ValueError: boom" in result.stderr


def test_control_characters_and_markup_in_text_are_shown_not_obeyed(
    runner: CliRunner, tmp_path: Path
) -> None:
    evil = "evil\x1b[31m\u202e"
    text = "[/bold] The mayor said [red]the ferry\x1b]0;owned\x07 returns[/red] on Monday."
    path = tmp_path / "wires.jsonl"
    path.write_text(
        json.dumps({"id": evil, "text": text})
        + "\n"
        + json.dumps({"id": evil, "text": " "})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1, result.output  # the second line is an empty document
    for output in (result.stdout, result.stderr):
        assert "\x1b" not in output and "\u202e" not in output and "\x07" not in output
    assert "evil\\x1b[31m\\u202e" in result.stdout
    assert "\\x1b]0;owned\\x07" in result.stdout and "[/red]" in result.stdout
    db = tmp_path / "c.duckdb"
    assert runner.invoke(app, ["ingest", str(path), "--db", str(db)]).exit_code == 1
    result = runner.invoke(app, ["query", "--db", str(db), "SELECT doc_id, text FROM documents"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "[/bold] The mayor said [red]the" in result.stdout
    result = runner.invoke(
        app, ["query", "--db", str(db), "SELECT doc_id FROM documents", "-f", "csv"]
    )
    assert result.stdout.splitlines() == ["doc_id", evil], "piped CSV is data, kept as it is"


def test_export_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    db, out = tmp_path / "c.duckdb", tmp_path / "statements.csv"
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(db)]).exit_code == 0
    out.write_text("keep me\n", encoding="utf-8")
    for table in ("statements", "records"):
        fmt = "jsonl" if table == "records" else "csv"
        command = ["export", "--db", str(db), "--table", table, "-f", fmt, "--out", str(out)]
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert (
            result.output
            == f"communique: error: {out} exists; not overwritten (pass --force to replace it)\n"
        )
        assert out.read_text(encoding="utf-8") == "keep me\n"
    result = runner.invoke(app, [*command, "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["doc_id"] == "a"
