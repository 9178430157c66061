"""A corpus of short invented news reports, for tests that need many documents.

Every sentence is written for these tests; the combinations make each report
different, so that documents, statements and events vary across the corpus.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

P1 = "The council of Easthaven voted on Monday to reopen the ferry line to the island."
P2 = "“The ferry will run twice a day from May,” the council leader told the local radio."
P3 = "Residents had asked for the service for years, and a petition gathered two thousand names."

PAGE = f"""<!DOCTYPE html>
<html><head>{{charset}}
<title>Ferry line to reopen | The Easthaven Echo</title>
<meta property="og:site_name" content="The Easthaven Echo">
<meta property="og:title" content="Ferry line to reopen">
<link rel="canonical" href="https://echo.example/news/ferry-line">
<meta property="article:published_time" content="2023-03-14T09:30:00+01:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Ferry line to reopen</h1>
<p>{P1}</p>
<figure><img src="ferry.jpg">
<figcaption>The old ferry at the pier. Photo: Reuters</figcaption></figure>
<p>{P2}</p>
<p>(AP Photo/Jane Roe)</p>
<p>Image: Getty Images</p>
<p>{P3}</p>
<table><tr><td>Departures</td><td>Tonnage of the ferry</td></tr></table>
</article>
<section class="comments"><h2>Comments</h2>
<div class="comment"><p>Finally! I have waited for this ferry for ten long years now.</p></div>
</section>
<footer>Copyright 2023 The Easthaven Echo. All rights reserved.</footer>
</body></html>
"""


def html(charset: str = '<meta charset="utf-8">') -> str:
    return PAGE.replace("{charset}", charset)


MINISTERS = [
    ("Germany", "German", "Foreign Minister Anna Keller", "Keller", "she"),
    ("Japan", "Japanese", "Foreign Minister Kenji Sato", "Sato", "he"),
    ("Brazil", "Brazilian", "Foreign Minister Paulo Mendes", "Mendes", "he"),
    ("Kenya", "Kenyan", "Foreign Minister Grace Otieno", "Otieno", "she"),
    ("Canada", "Canadian", "Foreign Minister Claire Dubois", "Dubois", "she"),
    ("India", "Indian", "External Affairs Minister Ravi Menon", "Menon", "he"),
]
TOPICS = [
    ("the grain corridor", "ships must be allowed to leave the ports"),
    ("the border dispute", "both armies should pull back from the ridge"),
    ("the fishing agreement", "the quotas have to be reviewed before spring"),
    ("the detained journalists", "the reporters must be released without delay"),
    ("the climate fund", "rich countries owe the money they pledged"),
]
CHANNELS = ["by phone", "on the sidelines of a summit in Geneva", "by video link"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def report(i: int) -> str:
    """The i-th invented report: a call between two ministers and what each said."""
    a = MINISTERS[i % len(MINISTERS)]
    b = MINISTERS[(i // len(MINISTERS) + i + 1) % len(MINISTERS)]
    if a == b:
        b = MINISTERS[(MINISTERS.index(a) + 1) % len(MINISTERS)]
    topic, demand = TOPICS[i % len(TOPICS)]
    channel = CHANNELS[i % len(CHANNELS)]
    day = DAYS[i % len(DAYS)]
    return (
        f"{a[2]} spoke {channel} with {b[2]} on {day}, report number {i}.\n\n"
        f"“We cannot wait much longer on {topic},” {a[3]} said after the talks. "
        f"{a[4].capitalize()} added that {demand}.\n\n"
        f"{b[3]} told reporters that {b[1]} officials were studying the proposal and "
        f"would answer within {i % 9 + 2} days. “Our door remains open,” {b[4]} said.\n\n"
        f"The {a[1]} foreign ministry said in a statement that the two sides agreed to "
        f"meet again in {['March', 'April', 'May', 'June'][i % 4]}."
    )


def write_jsonl(path: Path, n: int, start: int = 0) -> list[str]:
    """Write reports ``start`` .. ``start + n - 1`` as JSON lines; returns their ids."""
    ids = [f"report-{i:04d}" for i in range(start, start + n)]
    with path.open("w", encoding="utf-8") as out:
        for i, doc_id in zip(range(start, start + n), ids, strict=True):
            record = {"id": doc_id, "text": report(i), "published": f"2024-03-{i % 28 + 1:02d}"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return ids


def write_mixed_inputs(directory: Path) -> None:
    """Good documents among every kind of bad input: empty, binary, 20 MB, UTF-16 with
    a byte-order mark, cp1252, tag soup with no article, a malformed JSON line, a
    CSV without a text column. Good: good.txt, page.html, lines.jsonl:1, and the
    UTF-16 and cp1252 files (read with a warning)."""
    (directory / "empty.txt").write_bytes(b" \n\t\n")
    (directory / "binary.txt").write_bytes(bytes(range(256)) * 20)
    with (directory / "huge.txt").open("wb") as file:
        file.write(b"The minister said the plan was dead. " * 540_000)  # about 20 MB
    (directory / "utf16.txt").write_text(f"{P1}\n{P2}\n", encoding="utf-16")
    (directory / "cp1252.txt").write_bytes(P2.encode("cp1252"))
    (directory / "soup.html").write_text("<html><body><div><p", encoding="utf-8")
    (directory / "page.html").write_text(html(), encoding="utf-8")
    lines = [json.dumps({"id": "ok", "text": P3}, ensure_ascii=False), "{not json}"]
    (directory / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (directory / "table.csv").write_text("headline,body\nFerry,The ferry returns.\n")
    (directory / "good.txt").write_text(P1, encoding="utf-8")


def special_files(directory: Path) -> dict[str, str]:
    """A FIFO, a looping link, a link to /dev/zero and a broken link; their expected reasons."""
    directory.mkdir(exist_ok=True)
    os.mkfifo(directory / "pipe.txt")
    (directory / "loop.jsonl").symlink_to("loop.jsonl")
    (directory / "zero.txt").symlink_to("/dev/zero")
    (directory / "gone.csv").symlink_to("nowhere.csv")
    return {
        "pipe.txt": "a named pipe (FIFO), not a regular file",
        "loop.jsonl": "symbolic link loop, not a file",
        "zero.txt": "a link to a device (/dev/zero), not a regular file",
        "gone.csv": "broken symbolic link (to nowhere.csv)",
    }
