"""Corpus ingest into the store: killed and restarted, re-run, on a Dask cluster, bad input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique import corpus
from communique.cli import app
from communique.corpus import distributed
from communique.ingest import read
from communique.pipeline import load, process
from communique.records import Document
from communique.store import RECORD_TABLES, Batch, Store
from synthetic import report, special_files, write_jsonl, write_mixed_inputs

N = 200


def contents(db: Path, doc_ids: list[str] | None = None) -> dict[str, list[tuple]]:
    """Every stored row but the timestamps and where documents were read from, sorted."""
    with Store(db, read_only=True) as store:
        out = {}
        for name in ("documents", *RECORD_TABLES):
            rows = store.con.execute(
                f"SELECT * EXCLUDE (ingested_at, source) FROM {name}"
                if name == "documents"
                else f"SELECT * FROM {name}"
            ).fetchall()
            columns = [d[0] for d in store.con.description]
            key = columns.index("doc_id")
            out[name] = sorted((r for r in rows if doc_ids is None or r[key] in doc_ids), key=repr)
        return out


def first_lines(corpus_file: Path, n: int, directory: Path) -> tuple[Path, list[str]]:
    """A corpus of the first ``n`` documents, and their ids."""
    lines = corpus_file.read_text(encoding="utf-8").splitlines()[:n]
    subset = directory / "subset.jsonl"
    subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return subset, [json.loads(line)["id"] for line in lines]


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "reports.jsonl"
    write_jsonl(path, N)
    return path


@pytest.fixture(scope="module")
def reference(corpus_file: Path, nlp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ingested in one uninterrupted single-process run."""
    db = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    with Store(db) as store:
        summary = corpus.ingest(read([corpus_file]), store, nlp)
    assert summary.documents == N and summary.failures == 0
    return db


def _stored_some(line: str) -> bool:
    """A progress line of a run that has stored documents (the first may come before any)."""
    return line.startswith("ingest: ") and not line.startswith("ingest: 0 documents")


def test_a_killed_run_restarted_stores_each_document_once(
    corpus_file: Path, reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "communique", "ingest", str(corpus_file), "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--batch-size", "4"], stderr=subprocess.PIPE, text=True, env=os.environ
    )
    assert process.stderr is not None
    for line in process.stderr:  # progress lines come about once a second
        if _stored_some(line):
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    with Store(db, read_only=True) as store:
        stored = store.count("documents")
    assert 0 < stored < N, f"killed with {stored} of {N} documents stored: not halfway"

    restarted = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert restarted.returncode == 0, restarted.stderr
    assert f"stored {N - stored:,} documents ({stored:,} already stored)" in restarted.stderr
    with Store(db, read_only=True) as store:
        ((total, distinct),) = store.con.execute(
            "SELECT count(*), count(DISTINCT doc_id) FROM documents"
        ).fetchall()
        assert total == distinct == N
        assert store.count("failures") == 0
    assert contents(db) == contents(reference)


def test_ingesting_the_same_corpus_again_adds_nothing(corpus_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "twice.duckdb"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus_file), "--db", str(db)])
    assert first.exit_code == 0, first.output
    before = contents(db)
    second = runner.invoke(app, ["ingest", str(corpus_file), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert f"stored 0 documents ({N} already stored), 0 statements" in second.output
    assert contents(db) == before


def test_a_dask_local_cluster_gives_the_same_records(
    corpus_file: Path, reference: Path, tmp_path: Path
) -> None:
    subset, ids = first_lines(corpus_file, 48, tmp_path)
    db = tmp_path / "dask.duckdb"
    with Store(db) as store, distributed.client(workers=2) as client:
        assert all(a.startswith("tls://127.0.0.1:") for a in client.scheduler_info()["workers"])
        summary = distributed.ingest(
            read([subset]), store, client, tmp_path / "stage", chunk_size=8
        )
        loads = client.run(lambda: load.cache_info().misses)
    assert list(loads.values()) == [1, 1], "each worker loads the model once"
    assert summary.documents == len(ids)
    assert len(summary.peak_rss) == 2, "both workers should have processed chunks"
    assert not (tmp_path / "stage").exists(), "loaded chunks and their directory are removed"
    with Store(db, read_only=True) as store:
        sources = {row[0] for row in store.con.execute("SELECT source FROM documents").fetchall()}
    assert sources == {f"{subset}:{i}" for i in range(1, len(ids) + 1)}
    assert contents(db) == contents(reference, ids)


def _http_status(port: int, path: str) -> int:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_local_cluster_admits_only_its_own_client_and_serves_no_dashboard() -> None:
    from distributed import Client
    from distributed.security import Security

    with distributed.client(workers=1) as client:
        address = client.scheduler.address
        assert address.startswith("tls://127.0.0.1:")
        for intruder in (
            lambda: Client(address, security=Security.temporary(), timeout=5),  # another CA
            lambda: Client(address.replace("tls://", "tcp://"), timeout=5),  # no TLS
        ):
            with pytest.raises(Exception):  # noqa: B017 (TLS or timeout errors, by version)
                intruder()
        ports = [client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.http_server.port)]
        ports += client.run(lambda dask_worker: dask_worker.http_server.port).values()
        assert 8787 not in ports
        for port in ports:
            for path in ("/status", "/metrics", "/health", "/info/main/workers.html"):
                assert _http_status(port, path) == 404, (port, path)
        assert client.submit(sum, [1, 2]).result() == 3


def test_ingest_on_an_existing_dask_scheduler(
    corpus_file: Path, reference: Path, tmp_path: Path
) -> None:
    from distributed import LocalCluster

    subset, ids = first_lines(corpus_file, 16, tmp_path)
    db, stage = tmp_path / "remote.duckdb", tmp_path / "shared-stage"
    with LocalCluster(
        n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        command = ["ingest", str(subset), "--db", str(db), "--stage", str(stage)]
        result = CliRunner().invoke(app, [*command, "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert "stored 16 documents (0 already stored)" in result.output
    assert contents(db) == contents(reference, ids)


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    import dask

    inputs = tmp_path / "a.txt"
    inputs.write_text("“We will not back down,” the mayor said.", encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = CliRunner().invoke(
            app,
            [
                "ingest",
                str(inputs),
                "--db",
                str(tmp_path / "c.duckdb"),
                "--scheduler",
                "tcp://127.0.0.1:9",
            ],
        )
    assert result.exit_code == 2
    assert result.output.startswith("communique: error: Timed out trying to connect")
    assert result.output.count("\n") == 1


def test_every_bad_input_is_a_failure_row_and_the_good_documents_are_stored(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    write_mixed_inputs(inputs)
    db = tmp_path / "mixed.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert result.exit_code == 1, result.output
    with Store(db, read_only=True) as store:
        stored = {row[0] for row in store.con.execute("SELECT doc_id FROM documents").fetchall()}
        failures = store.con.execute("SELECT file, line, level, reason FROM failures").fetchall()
    assert stored == {"good", "page", "ok", "utf16", "cp1252"}
    by_file = {(Path(f).name, line): (level, reason) for f, line, level, reason in failures}
    assert len(by_file) == len(failures) == 8
    assert by_file[("empty.txt", None)] == ("error", "empty file")
    assert by_file[("binary.txt", None)] == ("error", "binary file, not text")
    assert by_file[("huge.txt", None)][1].startswith("file is 20.0 MB, too large")
    assert by_file[("soup.html", None)] == ("error", "no article text found in HTML")
    assert by_file[("lines.jsonl", 2)][1].startswith("invalid JSON")
    assert by_file[("table.csv", None)] == ("error", "no 'text' column (columns: headline, body)")
    assert by_file[("utf16.txt", None)] == ("warning", "decoded as UTF-16 (byte-order mark)")
    assert by_file[("cp1252.txt", None)] == ("warning", "not valid UTF-8; decoded as cp1252")
    assert all("\n" not in reason for *_, reason in failures)
    # every failure also went to stderr, one line each
    assert "communique: error: " in result.output and "huge.txt: file is 20.0 MB" in result.output
    assert "6 failures, 2 warnings" in result.output
    again = CliRunner().invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert "stored 0 documents (5 already stored)" in again.output
    with Store(db, read_only=True) as store:
        assert store.count("failures") == len(failures)  # recorded once, not once a run


def test_export_and_query_commands(
    reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    out = tmp_path / "statements.csv"
    result = runner.invoke(
        app,
        ["export", "--db", str(reference), "--table", "statements", "-f", "csv", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    with Store(reference, read_only=True) as store:
        assert f"wrote {store.count('statements'):,} rows of statements" in result.output
    assert out.read_text(encoding="utf-8").startswith("doc_id,statement_id,kind,")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--db", str(reference), "--table", "actors"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "actors.parquet").is_file()  # the default: TABLE.FORMAT, here
    result = runner.invoke(app, ["export", "--db", str(reference), "--table", "records"])
    assert result.exit_code == 2 and "--format jsonl" in result.output
    command = ["export", "--db", str(reference), "--table", "records", "--format", "jsonl"]
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert f"wrote {N} records to records.jsonl" in result.output
    records = [json.loads(line) for line in Path("records.jsonl").read_text().splitlines()]
    assert [r["doc_id"] for r in records] == [f"report-{i:04d}" for i in range(N)]
    for record in records:
        for statement in record["statements"]:
            for span in (statement["cue"], statement["source"], *statement["content"]):
                if span:
                    assert record["text"][span["start"] : span["end"]] == span["text"]
    sql = (
        "SELECT a.name AS speaker, count(*) AS n FROM statements s "
        "JOIN actors a ON a.actor_id = s.speaker GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3"
    )
    result = runner.invoke(app, ["query", "--db", str(reference), sql, "--format", "json"])
    assert result.exit_code == 0, result.output
    top = json.loads(result.stdout)
    assert len(top) == 3 and all(row["n"] > 0 for row in top)
    result = runner.invoke(app, ["query", "--db", str(reference), "SELECT * FROM nowhere"])
    assert result.exit_code == 2
    assert result.output.startswith("communique: error: ") and result.output.count("\n") == 1


def test_chunks_a_killed_dask_run_left_behind_are_stored_once(nlp, tmp_path: Path) -> None:
    documents = [Document(id=f"r{i}", text=report(i)) for i in range(3)]
    processed = list(process(documents, nlp))
    stage = tmp_path / "stage"
    everything = Batch()
    for document, record in processed:
        everything.add(document, record)
    first = Batch()
    first.add(*processed[0])
    with Store(tmp_path / "c.duckdb") as store:
        run = distributed.store_stage(stage, store) / "run-killed"
        everything.write_parquet(run / "chunk-finished")  # written, never loaded
        everything.write_parquet(run / "tmp-half")  # the worker died while writing
        store.write(first)  # the client had loaded one of them already
        summary = corpus.Summary()
        assert distributed.recover(store, stage, summary) == {"r0", "r1", "r2"}
        assert store.count("documents") == 3
        assert summary.documents == 2, "only the documents newly stored are counted"
        assert store.count("statements") == len(everything.tables["statements"])
    assert list(distributed.store_stage(stage, store).iterdir()) == []


def _halves(corpus_file: Path, directory: Path, n: int) -> list[tuple[Path, list[str]]]:
    """Two corpora of ``n`` documents each, with no document in common."""
    lines = corpus_file.read_text(encoding="utf-8").splitlines()
    out = []
    for i, part in enumerate((lines[:n], lines[n : 2 * n])):
        path = directory / f"half-{i}.jsonl"
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
        out.append((path, [json.loads(line)["id"] for line in part]))
    return out


def _stored_ids(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return [
            r[0] for r in store.con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall()
        ]


def test_a_stage_shared_by_two_stores_never_mixes_them(
    corpus_file: Path, nlp, tmp_path: Path
) -> None:
    """A killed run into store A left a finished chunk; a run into B with the same stage
    leaves it alone, and the next run into A stores it once."""
    (path_a, ids_a), (path_b, ids_b) = _halves(corpus_file, tmp_path, 6)
    db_a, db_b, stage = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "stage"
    with Store(db_a) as store:
        run = distributed.store_stage(stage, store) / "run-killed"
    left = [d for d in read([path_a]) if isinstance(d, Document)][:4]
    with distributed.client(workers=1) as client:  # a real task writes the chunk
        client.submit(distributed.process_chunk, left, None, str(run)).result()
    (chunk,) = run.glob("chunk-*")

    result = CliRunner().invoke(
        app, ["ingest", str(path_b), "--db", str(db_b), "--stage", str(stage), "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert _stored_ids(db_b) == sorted(ids_b)
    assert "stored 6 documents (0 already stored)" in result.output
    assert "holds 1 unloaded chunk(s) of another store; left in place" in result.output
    assert chunk.is_dir(), "store A's chunk is left where it was"

    result = CliRunner().invoke(
        app, ["ingest", str(path_a), "--db", str(db_a), "--stage", str(stage), "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert _stored_ids(db_a) == sorted(ids_a)
    assert (
        "stored 6 documents (4 of them from the finished chunks of a killed run; "
        "0 already stored)" in result.output
    )
    assert not stage.exists(), "every chunk loaded, the stage is cleaned up"


def _ingest_command(path: Path, db: Path, stage: Path) -> list[str]:
    return [
        *(sys.executable, "-m", "communique", "ingest", str(path), "--db", str(db)),
        *("--stage", str(stage), "--workers", "2", "--batch-size", "4"),
    ]


def test_two_runs_at_once_share_a_stage_safely(corpus_file: Path, tmp_path: Path) -> None:
    (path_a, ids_a), (path_b, ids_b) = _halves(corpus_file, tmp_path, 24)
    stage = tmp_path / "stage"
    runs = [
        subprocess.Popen(_ingest_command(path, db, stage), stderr=subprocess.PIPE, text=True)
        for path, db in ((path_a, tmp_path / "a.duckdb"), (path_b, tmp_path / "b.duckdb"))
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
        assert "stored 24 documents (0 already stored)" in stderr
    assert _stored_ids(tmp_path / "a.duckdb") == sorted(ids_a)
    assert _stored_ids(tmp_path / "b.duckdb") == sorted(ids_b)


def test_a_run_killed_mid_way_then_another_store_on_the_same_stage(
    corpus_file: Path, tmp_path: Path
) -> None:
    """SIGKILL a Dask run into A (whatever it left in the stage), run B on the same stage,
    then A again: each store ends with exactly its own documents, each once."""
    (path_a, ids_a), (path_b, ids_b) = _halves(corpus_file, tmp_path, 48)
    db_a, db_b, stage = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "stage"
    killed = subprocess.Popen(
        _ingest_command(path_a, db_a, stage), stderr=subprocess.PIPE, text=True
    )
    assert killed.stderr is not None
    for line in killed.stderr:  # progress lines come about once a second
        if _stored_some(line):
            killed.send_signal(signal.SIGKILL)
            break
    killed.wait(timeout=60)
    assert killed.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    for path, db in ((path_b, db_b), (path_a, db_a)):
        result = subprocess.run(_ingest_command(path, db, stage), capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert _stored_ids(db_a) == sorted(ids_a)
    assert _stored_ids(db_b) == sorted(ids_b)
    for db in (db_a, db_b):
        with Store(db, read_only=True) as store:
            ((total, distinct),) = store.con.execute(
                "SELECT count(*), count(DISTINCT doc_id) FROM documents"
            ).fetchall()
            assert total == distinct == 48


def _fails_on_report_0003(documents: list[Document], *args: object) -> dict:
    if any(d.id == "report-0003" for d in documents):
        raise MemoryError("worker ran out of memory")
    return distributed.process_chunk(documents, *args)


def test_a_failed_task_costs_its_documents_only(corpus_file: Path, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    subset, _ = first_lines(corpus_file, 12, tmp_path)
    with (
        Store(tmp_path / "c.duckdb") as store,
        LocalCluster(  # threads in this process: no socket, and the task above importable
            n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        summary = distributed.ingest(
            read([subset]),
            store,
            client,
            tmp_path / "stage",
            chunk_size=4,
            task=_fails_on_report_0003,
        )
        stored = {r[0] for r in store.con.execute("SELECT doc_id FROM documents").fetchall()}
        failures = store.con.execute("SELECT file, line, reason FROM failures").fetchall()
    assert stored == {f"report-{i:04d}" for i in [*range(4, 12)]}
    assert summary.failures == 4
    assert sorted(line for _, line, _ in failures) == [1, 2, 3, 4]
    assert {reason for *_, reason in failures} == {
        "worker failed: MemoryError: worker ran out of memory"
    }


def test_special_files_are_failure_rows_in_a_directory_and_named(tmp_path: Path) -> None:
    expected = special_files(tmp_path / "in")
    (tmp_path / "in" / "ok.txt").write_text(report(1), encoding="utf-8")
    named = [str(p) for p in sorted((tmp_path / "in").iterdir())]
    for i, paths in enumerate(([str(tmp_path / "in")], named)):
        db = tmp_path / f"s{i}.duckdb"
        command = [sys.executable, "-m", "communique", "ingest", *paths, "--db", str(db)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 1, result.stderr
        with Store(db, read_only=True) as store:
            rows = store.con.execute("SELECT file, level, reason FROM failures").fetchall()
            assert store.count("documents") == 1
        assert {Path(f).name: (level, reason) for f, level, reason in rows} == {
            name: ("error", reason) for name, reason in expected.items()
        }
        assert len(rows) == len(expected)


def test_ingest_into_a_file_that_is_not_a_store_changes_nothing(tmp_path: Path) -> None:
    import duckdb

    foreign = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE sales (doc_id INT, amount INT)")
    con.close()
    before = foreign.read_bytes()
    (tmp_path / "a.txt").write_text(report(2), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(foreign)])
    assert result.exit_code == 2
    assert result.output == (
        f"communique: error: {foreign} is not a communique store (no communique meta table)\n"
    )
    assert foreign.read_bytes() == before
