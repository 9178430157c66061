"""Ingest readers: every format with its metadata and source, and bad input of every kind."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from communique.ingest import MAX_CHARS, content_id, read, readers, size, tables
from communique.ingest.dates import iso_date, parse_date
from communique.ingest.html import drop_credit_lines
from communique.records import Document, Failure
from synthetic import P1, P2, P3, html, special_files, write_mixed_inputs


def run(paths: list, **options: object) -> list[Document | Failure]:
    return list(read(paths, **options))


def documents(items: list) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def errors(items: list) -> dict[str, str]:
    """Error failures by "file name[:line]"."""
    out = {}
    for item in items:
        if isinstance(item, Failure) and item.level == "error":
            where = Path(item.file).name + (f":{item.line}" if item.line is not None else "")
            out[where] = item.reason
    return out


def warnings(items: list) -> list[Failure]:
    return [item for item in items if isinstance(item, Failure) and item.level == "warning"]


def write_jsonl(path: Path, *records: object) -> Path:
    lines = (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- formats --------------------------------------------------------------------------------


def test_txt_is_one_document_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(f"{P1}\n{P2}\n", encoding="utf-8")
    (doc,) = run([path])
    assert doc == Document(id="ferry", text=f"{P1}\n{P2}\n", source=str(path))


def test_html_article_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "ferry-line.html"
    path.write_text(html(), encoding="utf-8")
    items = run([path])
    assert not errors(items) and not warnings(items)
    (doc,) = documents(items)
    # One paragraph per line; no menu, headline, captions, credits, table, comments or footer.
    assert doc.text == f"{P1}\n{P2}\n{P3}"
    assert doc.id == "ferry-line"
    assert doc.source == str(path)
    assert doc.title == "Ferry line to reopen"
    assert doc.publisher == "The Easthaven Echo"
    assert doc.published == "2023-03-14"
    assert doc.url == "https://echo.example/news/ferry-line"


def test_html_in_declared_cp1252_keeps_curly_quotes(tmp_path: Path) -> None:
    path = tmp_path / "ferry.htm"
    path.write_bytes(html('<meta charset="windows-1252">').encode("cp1252"))
    assert b"\x93" in path.read_bytes()
    items = run([path])
    assert not warnings(items)  # the page said what it was
    (doc,) = documents(items)
    assert P2 in doc.text


def test_html_undeclared_cp1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_bytes(html("").encode("cp1252"))
    items = run([path])
    assert [w.reason for w in warnings(items)] == ["not valid UTF-8; decoded as cp1252"]
    assert isinstance(items[0], Failure) and isinstance(items[1], Document)
    assert P2 in items[1].text


def test_html_without_article_text_fails(tmp_path: Path) -> None:
    (tmp_path / "soup.html").write_text('<html><head><title>Ferr<div class="', encoding="utf-8")
    (tmp_path / "menu.html").write_text(
        '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        "<footer>Copyright 2023 The Easthaven Echo. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    assert errors(run([tmp_path])) == {
        "menu.html": "no article text found in HTML",
        "soup.html": "no article text found in HTML",
    }


def test_broken_but_recoverable_html_gives_its_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        f"<html><head><title>Ferry</title><body><div class=main><p>{P1}<p>{P2}"
        f"<div><p>{P3}</b></i></span>",
        encoding="utf-8",
    )
    (doc,) = run([path])
    assert doc.text == f"{P1}\n{P2}\n{P3}"


def test_jsonl_one_document_per_line_with_configurable_fields(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "wire.jsonl",
        {"id": "w-1", "text": P1, "title": "Ferry", "publisher": "Wire", "url": "https://w.ex"},
        "",
        {"text": P2, "published": "2022-02-12T23:30:00-05:00"},
    )
    first, second = run([path])
    assert first == Document(
        id="w-1", text=P1, title="Ferry", publisher="Wire", url="https://w.ex",
        source=f"{path}:1",
    )  # fmt: skip
    assert second.id == content_id(P2)
    assert second.published == "2022-02-12"
    assert second.source == f"{path}:3"  # physical line, blank lines counted

    custom = write_jsonl(tmp_path / "custom.ndjson", {"key": 7, "body": P3, "date": "Feb 12, 2022"})
    (doc,) = run([custom], text_field="body", id_field="key", published_field="date")
    assert (doc.id, doc.text, doc.published) == ("7", P3, "2022-02-12")


def test_malformed_json_lines_among_good_ones(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "lines.jsonl",
        {"id": "a", "text": P1},
        '{"id": "b", "text": ',
        "[1, 2]",
        {"id": "c"},
        {"id": "d", "text": 12},
        {"id": "e", "text": "  "},
        {"id": "f", "text": "x" * (MAX_CHARS + 1)},
        {"id": "g", "text": P2},
    )
    items = run([path])
    assert [d.id for d in documents(items)] == ["a", "g"]
    reasons = errors(items)
    assert list(reasons) == [f"lines.jsonl:{n}" for n in range(2, 8)]
    assert reasons["lines.jsonl:2"].startswith("invalid JSON")
    assert reasons["lines.jsonl:3"] == "expected a JSON object with a 'text' field"
    assert reasons["lines.jsonl:4"] == "no 'text' field"
    assert reasons["lines.jsonl:5"] == "'text' is not a string"
    assert reasons["lines.jsonl:6"] == "empty document"
    assert "over the 1,000,000-character limit" in reasons["lines.jsonl:7"]


def test_an_overlong_json_line_costs_that_line(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "big.jsonl",
        {"id": "a", "text": P1},
        {"text": "x" * 9_000_000},
        {"id": "c", "text": P2},
    )
    items = run([path])
    assert [d.id for d in documents(items)] == ["a", "c"]
    assert errors(items) == {"big.jsonl:2": "line is over 8 MB, too large for one document"}


def test_csv_rows_with_metadata_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "title", "text", "published", "publisher", "url", "extra"])
        writer.writerow(["r1", "Ferry", P1, "12 February 2022", "Echo", "https://e.example", "x"])
        writer.writerow(["", "", f"{P2}\n{P3}", "", "", "", ""])  # a field over two lines
        writer.writerow(["r3", "", "", "", "", "", ""])
        writer.writerow(["r4", "", P3, "sometime soon", "", "", ""])
    items = run([path])
    first, second, fourth = documents(items)
    assert first == Document(
        id="r1", text=P1, title="Ferry", publisher="Echo", published="2022-02-12",
        url="https://e.example", source=f"{path}:2",
    )  # fmt: skip
    both = f"{P2}\n{P3}"
    assert (second.id, second.text, second.source) == (content_id(both), both, f"{path}:3")
    assert errors(items) == {"rows.csv:5": "empty document"}  # the row starts on line 5
    (warning,) = warnings(items)
    assert (warning.line, warning.reason) == (
        6,
        "unreadable published date 'sometime soon'; stored without one",
    )
    assert items.index(warning) == items.index(fourth) - 1
    assert fourth.published is None


def test_csv_without_the_text_column_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("headline,body\nFerry,The ferry returns.\nBus,The bus is late.\n")
    assert errors(run([path])) == {"news.csv": "no 'text' column (columns: headline, body)"}
    ferry, bus = run([path], text_field="body", id_field="headline")
    assert (ferry.id, ferry.text, bus.id) == ("Ferry", "The ferry returns.", "Bus")


def test_malformed_csv_rows_fail_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text(
        'id,text\na,"The ferry returns."\nb,"He said "no" to it"\nc,"The port opens."\n'
        'd,"This quote is never closed\ne,"The last row."\n',
        encoding="utf-8",
    )
    items = run([path])
    assert [d.id for d in documents(items)] == ["a", "c"]
    reasons = errors(items)
    assert list(reasons) == ["quotes.csv:3", "quotes.csv:5"]
    assert all(r.startswith("malformed CSV row: ") for r in reasons.values())


def test_csv_with_a_bom_and_cp1252_row(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "\ufefftext,id\n".encode()
        + '"“Fine,” he said.",a\n'.encode()
        + '"“Fine,” she said.",b\n'.encode("cp1252")
    )
    items = run([path])
    assert [(type(i).__name__, getattr(i, "line", None)) for i in items] == [
        ("Document", None),
        ("Failure", 3),
        ("Document", None),
    ]
    assert items[1].reason == "not valid UTF-8; decoded as cp1252"
    assert items[2].text == "“Fine,” she said."


def test_parquet_rows_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "BATCH_ROWS", 2)
    path = tmp_path / "news.parquet"
    table = pa.table(
        {
            "text": [P1, P2, None, P3, "The port opens at dawn."],
            "id": ["p1", None, "p3", "p4", "p5"],
            "published": [
                dt.datetime(2022, 2, 12, 23, 0),
                None,
                None,
                dt.datetime(2022, 3, 1, 8, 0, tzinfo=dt.UTC),
                dt.datetime(2022, 3, 2),
            ],
            "title": ["Ferry", None, None, None, None],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    items = run([path])
    docs = documents(items)
    assert [d.id for d in docs] == ["p1", content_id(P2), "p4", "p5"]
    assert [d.source for d in docs] == [f"{path}:{n}" for n in (1, 2, 4, 5)]
    assert [d.published for d in docs] == ["2022-02-12", None, "2022-03-01", "2022-03-02"]
    assert docs[0].title == "Ferry"
    assert errors(items) == {"news.parquet:3": "empty document"}

    dates = tmp_path / "dates.parquet"
    pq.write_table(pa.table({"text": [P1], "published": [dt.date(2021, 5, 4)]}), dates)
    assert documents(run([dates]))[0].published == "2021-05-04"


def test_parquet_without_text_column_or_unreadable(tmp_path: Path) -> None:
    pq.write_table(pa.table({"body": [P1], "id": ["x"]}), tmp_path / "body.parquet")
    (tmp_path / "fake.parquet").write_text("not parquet at all", encoding="utf-8")
    reasons = errors(run([tmp_path]))
    assert reasons["body.parquet"] == "no 'text' column (columns: body, id)"
    assert reasons["fake.parquet"].startswith("not a readable Parquet file")


# --- inputs ---------------------------------------------------------------------------------


def test_directories_recurse_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "deep" / "z.txt").write_text(P1, encoding="utf-8")
    (tmp_path / "b" / "a.HTML").write_text(html(), encoding="utf-8")
    (tmp_path / "a.txt").write_text(P2, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    (tmp_path / ".cache" / "old.txt").write_text(P3, encoding="utf-8")
    items = run([tmp_path])
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in items] == [
        "a.txt",
        "b/a.HTML",
        "b/deep/z.txt",
    ]
    (tmp_path / "empty").mkdir()
    assert "no supported files" in errors(run([tmp_path / "empty"]))["empty"]


def test_glob_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("data/2022/feb").mkdir(parents=True)
    Path("data/2022/feb/one.html").write_text(html(), encoding="utf-8")
    Path("data/two.html").write_text(html(), encoding="utf-8")
    Path("data/three.txt").write_text(P1, encoding="utf-8")
    assert [d.id for d in run(["data/**/*.html"])] == ["one", "two"]
    assert [d.id for d in run(["data/*.txt", "data/2022"])] == ["three", "one"]
    items = run(["data/**/*.csv", "data/missing.txt"])
    assert errors(items) == {
        "*.csv": "pattern matches no supported files "
        "(.txt, .html, .htm, .jsonl, .ndjson, .csv, .parquet)",
        "missing.txt": "no such file or directory",
    }


def test_inputs_that_are_not_regular_files_fail_and_are_never_opened(tmp_path: Path) -> None:
    expected = special_files(tmp_path / "in")
    (tmp_path / "in" / "ok.txt").write_text(P1, encoding="utf-8")
    for paths in ([tmp_path / "in"], sorted((tmp_path / "in").iterdir()), [f"{tmp_path}/in/*"]):
        items = run(paths)  # a FIFO opened for reading would block here
        assert errors(items) == expected
        assert [d.id for d in documents(items)] == ["ok"]


# --- robustness -----------------------------------------------------------------------------


def test_bad_inputs_fail_one_line_each_while_good_documents_are_read(tmp_path: Path) -> None:
    write_mixed_inputs(tmp_path)

    items = run([tmp_path])
    assert [d.id for d in documents(items)] == ["cp1252", "good", "ok", "page", "utf16"]
    reasons = errors(items)
    assert reasons == {
        "binary.txt": "binary file, not text",
        "empty.txt": "empty file",
        "huge.txt": reasons["huge.txt"],
        "lines.jsonl:2": reasons["lines.jsonl:2"],
        "soup.html": "no article text found in HTML",
        "table.csv": "no 'text' column (columns: headline, body)",
    }
    assert reasons["huge.txt"].startswith("file is 20.0 MB, too large for one document")
    assert reasons["lines.jsonl:2"].startswith("invalid JSON")
    assert all("\n" not in str(item) for item in items if isinstance(item, Failure))

    by_id = {d.id: d for d in documents(items)}
    assert by_id["utf16"].text == f"{P1}\n{P2}\n"
    assert by_id["cp1252"].text == P2
    for name, reason in [
        ("cp1252", "not valid UTF-8; decoded as cp1252"),
        ("utf16", "decoded as UTF-16 (byte-order mark)"),
    ]:
        (warning,) = [w for w in warnings(items) if Path(w.file).stem == name]
        assert warning.reason == reason
        assert items[items.index(warning) + 1] is by_id[name]  # just before its document


def test_utf32_and_utf16_jsonl_warn_once_before_the_first_document(tmp_path: Path) -> None:
    for encoding in ("utf-16", "utf-32"):
        path = tmp_path / f"{encoding}.jsonl"
        lines = [json.dumps({"text": t}, ensure_ascii=False) for t in ("", P1, P2)]
        path.write_text("\n".join(lines) + "\n", encoding=encoding)
        items = run([path])
        assert [type(i).__name__ for i in items] == ["Failure", "Failure", "Document", "Document"]
        assert items[0].reason == "empty document"
        assert items[1].level == "warning"
        assert items[1].reason == f"decoded as {encoding.upper()} (byte-order mark)"
        assert [d.text for d in documents(items)] == [P1, P2]


def test_a_cp1252_json_line_warns_for_that_line_only(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        json.dumps({"id": "a", "text": P2}, ensure_ascii=False).encode() + b"\n"
        + json.dumps({"id": "b", "text": P2}, ensure_ascii=False).encode("cp1252") + b"\n"
    )  # fmt: skip
    items = run([path])
    assert [(type(i).__name__, getattr(i, "line", None)) for i in items] == [
        ("Document", None),
        ("Failure", 2),
        ("Document", None),
    ]
    assert items[2].text == P2


def test_a_reader_crash_costs_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(path: Path, *options: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setitem(readers._READERS, ".csv", crash)
    (tmp_path / "a.csv").write_text("text\nThe ferry returns.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(P1, encoding="utf-8")
    items = run([tmp_path])
    assert errors(items) == {"a.csv": "cannot read file: RuntimeError: boom second line"}
    assert [d.id for d in documents(items)] == ["b"]


# --- cleaning and dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Reuters",
        "PHOTO: REUTERS",
        "(AP Photo/Evan Vucci)",
        "Image: Getty Images",
        "Credit: Jane Roe/The Easthaven Echo",
        "Photograph: Andy Rain/EPA",
        "Photo by John Doe/Getty Images",
        "Photo credit: Jane Roe",
        "Image copyright Getty Images",
        "[Photo: AFP]",
        "REUTERS/Jane Roe/File Photo",
        "AFP via Getty Images",
        "The mayor waves to supporters on Tuesday. (AP Photo/Jane Roe)",
        "Ferries wait at the pier, March 3, 2023. REUTERS/John Doe",
        "© 2023 The Easthaven Echo. All rights reserved.",
    ],
)
def test_caption_and_credit_lines_are_dropped(line: str) -> None:
    assert drop_credit_lines(f"{P1}\n{line}\n{P2}") == f"{P1}\n{P2}"


@pytest.mark.parametrize(
    "line",
    [
        "Credit Suisse said on Monday it would cut 500 jobs.",
        "Credit: the bank said lending rose in May.",
        "Images from a satellite firm showed ships near the port.",
        "Photos of the meeting were shared widely, the ministry said.",
        "He told Reuters the deal was done.",
        "Copyright rules were changed by parliament on Tuesday.",
    ],
)
def test_sentences_that_look_like_credits_are_kept(line: str) -> None:
    assert drop_credit_lines(f"{P1}\n{line}") == f"{P1}\n{line}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-12", "2022-02-12"),
        ("2022-02-12T23:30:00-05:00", "2022-02-12"),
        ("2022-02-12T10:00:00Z", "2022-02-12"),
        ("Feb 12, 2022", "2022-02-12"),
        ("12 February 2022", "2022-02-12"),
        ("Saturday, 12 February 2022 10:00 GMT", "2022-02-12"),
        (dt.date(2022, 2, 12), "2022-02-12"),
        (dt.datetime(2022, 2, 12, 8, 30), "2022-02-12"),
        (None, None),
        ("  ", None),
    ],
)
def test_published_dates_become_iso(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize("value", ["xyz", "February 2022", "2022", "12", 20220212, True])
def test_incomplete_or_unreadable_dates_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        iso_date(value)


@pytest.mark.parametrize(
    "text", ["2022-02-12", "20220212", " 2022-02-12 ", "2022-02-12T23:30:00-05:00", "2022-W06-6"]
)
def test_iso_only_reads_iso_dates_and_datetimes(text: str) -> None:
    assert parse_date(text, iso_only=True) == dt.date(2022, 2, 12)


@pytest.mark.parametrize("text", ["28/01/2022", "01/02/2022", "Feb 12, 2022", "2022-02", ""])
def test_iso_only_refuses_every_other_form(text: str) -> None:
    with pytest.raises(ValueError, match="not an ISO date"):
        parse_date(text, iso_only=True)
    if text.startswith("Feb"):
        assert parse_date(text) == dt.date(2022, 2, 12)


def test_unreadable_date_keeps_the_document_with_a_warning(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", {"id": "a", "text": P1, "published": "xyz"})
    warning, doc = run([path])
    assert isinstance(warning, Failure) and isinstance(doc, Document)
    assert str(warning) == f"{path}:1: unreadable published date 'xyz'; stored without one"
    assert warning.level == "warning"
    assert doc.published is None


# --- progress -------------------------------------------------------------------------------


def test_progress_is_told_in_bytes_as_reading_goes_on(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "a.txt").write_text(P1, encoding="utf-8")
    (tmp_path / "b.html").write_text(html(), encoding="utf-8")
    (tmp_path / "d.csv").write_text(f'text\n"{P1}\n{P2}"\n\n{P3}\n', encoding="utf-8")
    pq.write_table(pa.table({"text": [P1, P2, P3] * 1000}), tmp_path / "f.parquet")
    (tmp_path / "g.parquet").write_text("not parquet", encoding="utf-8")
    lines = [json.dumps({"id": f"w{i}", "text": f"{P1} ({i})"}) for i in range(20_000)]
    with gzip.open(tmp_path / "wires.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    total = size([tmp_path, tmp_path / "missing.txt"])
    assert total == sum(p.stat().st_size for p in tmp_path.iterdir())
    steps: list[int] = []
    documents_before: list[int] = []  # documents read when each step came
    found = 0
    for item in read([tmp_path], on_read=steps.append):
        found += isinstance(item, Document)
        documents_before.extend([found] * (len(steps) - len(documents_before)))
    assert sum(steps) == total and all(step > 0 for step in steps)
    gz_steps = [n for n, before in zip(steps, documents_before, strict=True) if 0 < before < found]
    assert len(gz_steps) > 10, "a big compressed file reports progress while it is read"


def test_gzipped_inputs_are_read_like_the_plain_ones(tmp_path: Path) -> None:
    import gzip

    with gzip.open(tmp_path / "wires.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "w1", "text": P1}) + "\n" + json.dumps({"text": P2}) + "\n")
    with gzip.open(tmp_path / "story.txt.gz", "wb") as f:
        f.write(P3.encode("utf-8"))
    with gzip.open(tmp_path / "feed.csv.gz", "wt", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["id", "text"], ["c1", P1]])
    (tmp_path / "broken.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n')[:-12])
    (tmp_path / "table.parquet.gz").write_bytes(gzip.compress(b"PAR1"))
    items = run([tmp_path])
    assert {d.id: d.source for d in documents(items)} == {
        "c1": f"{tmp_path / 'feed.csv.gz'}:2",
        "story": str(tmp_path / "story.txt.gz"),
        "w1": f"{tmp_path / 'wires.jsonl.gz'}:1",
        content_id(P2): f"{tmp_path / 'wires.jsonl.gz'}:2",
    }
    assert documents(items)[1].text == P3
    assert errors(items)["broken.jsonl.gz"].startswith("cannot read file: ")


def test_unsupported_compressed_file_given_by_name(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "table.parquet.gz").write_bytes(gzip.compress(b"PAR1"))
    assert errors(run([tmp_path / "table.parquet.gz"])) == {
        "table.parquet.gz": "unsupported file type '.parquet.gz' (expected .txt, .html, .htm, "
        ".jsonl, .ndjson, .csv, .parquet; all but .parquet may be gzipped)"
    }


def test_a_default_date_for_documents_that_carry_none(tmp_path: Path) -> None:
    lines = write_jsonl(
        tmp_path / "wires.jsonl", {"id": "a", "text": P1, "published": "2023-03-14"}, {"text": P2}
    )
    dated = {d.id: d.published for d in documents(run([lines], published="2023-03-15"))}
    assert dated == {"a": "2023-03-14", content_id(P2): "2023-03-15"}


def test_a_compressed_file_of_blank_lines_is_read_a_buffer_at_a_time(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "bomb.jsonl.gz"
    blank = 64 * 2**20  # 64 MB of newlines compress to about 64 KB
    with gzip.open(path, "wb") as f:
        for _ in range(64):
            f.write(b"\n" * 2**20)
        f.write(b'  \r\n\t\n{"id": "last", "text": "The ferry returns."}\n')
    steps: list[int] = []
    (doc,) = run([path], on_read=steps.append)
    assert doc.source == f"{path}:{blank + 3}"  # blank lines still counted
    assert sum(steps) == path.stat().st_size
