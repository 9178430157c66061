"""How fast the web app answers over a store of 100,000 documents.

    .venv/bin/python benchmarks/web.py [--documents 100000] [--texts 300] [--db web.duckdb]

Builds the store once (kept at ``--db``; an existing one is reused): extracts ``--texts``
PolNeAR train articles (``../shared/data/polnear/train/text``) and the texts of
``examples/`` once, and copies their records to ``--documents`` documents with new ids,
publication dates spread over 2022, one of 20 publishers and a title (seed 0), as
``benchmarks/stories.py`` does; the stories are linked over the first ``--linked``
documents (``corpus.stories.update``; linking all 100,000 is the stories benchmark's
subject, not this one's). Then starts ``communique serve`` on 127.0.0.1 three times: with
no index file (cold: the index is built into ``<db>.index.duckdb``), with it (warm: reused),
and with the index in memory (``--index`` in a folder that does not exist: the fallback, and
the app before the index file), each timed until it answers and its peak memory read; times
each page and API call over HTTP on the warm server: one warm-up, then the median and the
slowest of ``--runs``. Last, on a copy of the store and its index, one document is ingested
as an upload does and the index brought up to date (``Reader.writing``), timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import _copy, _documents  # the same copies as the stories benchmark

TARGET_MS = 300
PUBLISHERS = [f"Outlet {n:02d}" for n in range(20)]


def build(db: Path, documents: int, texts: int, linked: int) -> None:
    """The benchmark store: copies of extracted records, in batches of 5,000."""
    from communique.corpus import stories
    from communique.pipeline import load, process
    from communique.store import Batch, Store
    from communique.stories.topics import merge

    started = time.perf_counter()
    extracted = list(process(_documents(texts), load()))
    print(f"extracted {len(extracted)} texts in {time.perf_counter() - started:.0f} s")
    rng = random.Random(0)
    first = dt.date(2022, 1, 1)
    with Store(db) as store:
        batch = Batch()
        for n in range(documents):
            document, record = extracted[n % len(extracted)]
            day = (first + dt.timedelta(days=rng.randrange(365))).isoformat()
            document, record = _copy(record, document, n, day)
            document.publisher = PUBLISHERS[n % len(PUBLISHERS)]
            document.title = document.text.strip().split("\n", 1)[0][:120]
            batch.add(document, record)
            if len(batch) == 5_000 or n == documents - 1:
                store.write(batch)
                batch = Batch()
                if n + 1 == linked:
                    begun = time.perf_counter()
                    found = stories.update(store, merge)
                    print(f"linked {linked:,} documents: {len(found):,} stories", end=" ")
                    print(f"in {time.perf_counter() - begun:.0f} s")
                print(f"stored {n + 1:,} documents ({time.perf_counter() - started:.0f} s)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[float, int, int]:
    begun = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        status = response.status
    return (time.perf_counter() - begun) * 1000, status, len(body)


def _peak(pid: int) -> tuple[int, int]:
    """Peak and current resident memory of a process, in MB."""
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(status["VmHWM"].split()[0]) // 1024, int(status["VmRSS"].split()[0]) // 1024


def _start(db: Path, log: Path, index: Path | None = None) -> tuple[subprocess.Popen, str, float]:
    """``communique serve`` over ``db``; the server, its address and the seconds until it
    answered."""
    port = _free_port()
    command = [sys.executable, "-m", "communique", "serve", "--db", str(db), "--port", str(port)]
    if index:
        command += ["--index", str(index)]
    begun = time.perf_counter()
    with log.open("w") as said:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=said)
    base = f"http://127.0.0.1:{port}"
    for _ in range(12_000):
        try:
            _get(base + "/openapi.json")
            return server, base, time.perf_counter() - begun
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.05)
    server.terminate()
    raise RuntimeError("the server did not answer in 10 minutes")


def _starts(db: Path, sidecar: Path) -> list[tuple[str, float, int, str]]:
    """Cold, warm and in-memory starts: what, seconds, peak MB, what the server said."""
    found = []
    sidecar.unlink(missing_ok=True)
    nowhere = db.parent / "no-such-folder" / "index.duckdb"
    for what, index in (("cold", None), ("warm", None), ("in memory", nowhere)):
        log = db.with_name(f"{db.name}.serve.log")
        server, _, seconds = _start(db, log, index)
        peak, _ = _peak(server.pid)
        server.terminate()
        server.wait()
        said = " / ".join(line for line in log.read_text().splitlines() if "index" in line)
        log.unlink()
        found.append((what, seconds, peak, said))
    return found


def _upload(db: Path, sidecar: Path) -> tuple[float, float, str]:
    """On a copy of the store and its index: one document ingested as an upload does (the
    stories aside), and the index brought up to date; seconds to ingest, seconds to update
    the index, what the update did."""
    import shutil
    import tempfile

    from communique.corpus.local import ingest
    from communique.pipeline import load
    from communique.records import Document
    from communique.web import create_app

    root = Path(__file__).resolve().parents[1]
    text = (root / "examples" / "reports" / "daily-meridian.txt").read_text(encoding="utf-8")
    document = Document(
        id="benchmark-upload",
        text=text,
        title="An upload",
        publisher="Outlet 03",
        published="2022-06-15",
        source="upload",
    )
    nlp = load()
    with tempfile.TemporaryDirectory(dir=db.parent) as folder:
        copy = Path(folder) / db.name
        shutil.copy(db, copy)
        shutil.copy(sidecar, Path(folder) / sidecar.name)
        reader = create_app(copy, token="benchmark").state.reader
        assert not reader.index.built, reader.index
        begun = time.perf_counter()
        with reader.writing() as store:
            ingest([document], store, nlp)
            ingested = time.perf_counter() - begun
        found = (ingested, reader.update_seconds, reader.last_update)
        reader.store.close()
    return found


def _targets(db: Path) -> list[str]:
    """The pages and API calls to time, with ids taken from the store."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    middle = (
        "SELECT doc_id FROM documents ORDER BY doc_id "
        "LIMIT 1 OFFSET (SELECT count(*) // 2 FROM documents)"
    )
    doc = con.execute(middle).fetchone()
    story = con.execute(  # the story whose accounts carry the most statements
        "SELECT story_id FROM story_accounts GROUP BY story_id "
        "ORDER BY sum(len(statements)) DESC, story_id LIMIT 1"
    ).fetchone()
    actor = con.execute(  # the actor in the most documents
        "SELECT key FROM actors WHERE key IS NOT NULL GROUP BY key ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    person = con.execute(
        "SELECT key FROM actors WHERE kind = 'person' GROUP BY key ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    con.close()
    q = urllib.parse.quote
    pages = [
        "/",
        "/?q=minister",
        "/?q=zakharova",
        "/?q=no+such+words+anywhere",
        "/?publisher=Outlet+07&date_from=2022-03-01&date_to=2022-03-31",
        f"/documents/{q(doc[0])}",
        "/actors",
        "/actors?q=putin",
        f"/actors/{q(actor[0])}",
        f"/actors/{q(person[0])}",
        "/events",
        "/events?type=CONSULT",
        f"/events?actor={q(actor[0])}&date_from=2022-06-01&date_to=2022-06-30",
        "/stories",
        f"/stories/{q(story[0])}" if story else None,
        "/network",
        "/network?date_from=2022-05-01&date_to=2022-05-31",
    ]
    api = [
        "/api/documents?q=minister",
        f"/api/documents/{q(doc[0])}",
        f"/api/actors/{q(actor[0])}",
        f"/api/statements?speaker={q(person[0])}",
        "/api/events?type=ACCUSE&limit=500",
        "/api/events?format=csv&limit=500",
        "/api/events/months",
        f"/api/stories/{q(story[0])}" if story else None,
        "/api/network",
    ]
    return [t for t in pages + api if t]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--linked", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path("web-benchmark.duckdb"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, args.documents, args.texts, args.linked)
    sidecar = args.db.with_name(f"{args.db.name}.index.duckdb")
    starts = _starts(args.db, sidecar)
    log = args.db.with_name(f"{args.db.name}.serve.log")
    server, base, _ = _start(args.db, log)
    try:
        rows = []
        for target in _targets(args.db):
            _get(base + target)  # warm-up
            times = []
            for _ in range(args.runs):
                ms, status, size = _get(base + target)
                times.append(ms)
            rows.append((target, statistics.median(times), max(times), status, size))
        peak, _ = _peak(server.pid)
    finally:
        server.terminate()
        server.wait()
        log.unlink()
    ingested, updated, how = _upload(args.db, sidecar)
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, {args.db}")
    print(f"index file: {sidecar.stat().st_size / 2**20:.0f} MB")
    print()
    print("| start | until it answers | peak memory | what it said |")
    print("|---|---|---|---|")
    for what, seconds, mb, said in starts:
        print(f"| {what} | {seconds:.1f} s | {mb:,} MB | {said} |")
    print()
    print(f"upload: ingested in {ingested:.2f} s, index {how} in {updated:.2f} s")
    print(f"warm server's peak memory after the pages and calls below: {peak:,} MB")
    print()
    print("| page or call | median | slowest | status | bytes |")
    print("|---|---|---|---|---|")
    for target, median, slowest, status, size in rows:
        flag = "" if slowest < TARGET_MS else " **over**"
        shown = target if len(target) < 70 else target[:67] + "…"
        print(f"| `{shown}` | {median:.0f} ms | {slowest:.0f} ms{flag} | {status} | {size:,} |")
    print(json.dumps({"over_target": [r[0] for r in rows if r[2] >= TARGET_MS]}))


if __name__ == "__main__":
    main()
