"""How fast the web app answers over a store of 100,000 documents.

    .venv/bin/python benchmarks/web.py [--documents 100000] [--texts 300] [--db web.duckdb]

Builds the store once (kept at ``--db``; an existing one is reused): extracts ``--texts``
PolNeAR train articles (``../shared/data/polnear/train/text``) and the texts of
``examples/`` once, and copies their records to ``--documents`` documents with new ids,
publication dates spread over 2022, one of 20 publishers and a title (seed 0), as
``benchmarks/stories.py`` does; the stories are linked over the first ``--linked``
documents (``corpus.stories.update``; linking all 100,000 is the stories benchmark's
subject, not this one's). Then starts ``communique serve`` on 127.0.0.1 and times each
page and API call over HTTP: one warm-up, then the median and the slowest of ``--runs``.
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
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "communique", "serve", "--db", str(args.db), "--port", str(port)]
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                _get(base + "/openapi.json")
                break
            except OSError:
                time.sleep(0.1)
        rows = []
        for target in _targets(args.db):
            _get(base + target)  # warm-up
            times = []
            for _ in range(args.runs):
                ms, status, size = _get(base + target)
                times.append(ms)
            rows.append((target, statistics.median(times), max(times), status, size))
        status = Path(f"/proc/{server.pid}/status")
        peak = next(
            (line.split()[1] for line in status.read_text().splitlines() if "VmHWM" in line), "?"
        )
    finally:
        server.terminate()
        server.wait()
    print(f"server peak memory: {int(peak) // 1024 if peak.isdigit() else peak} MB")
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, {args.db}")
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
