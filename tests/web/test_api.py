"""The HTTP API over a store built from examples/: what an analyst's script would check."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from communique.web.api import MAX_PAGE


def _call_story(client: TestClient) -> dict:
    """The Blinken–Lavrov call of 12 February 2022, as the API gives it."""
    stories = client.get("/api/stories", params={"q": "lavrov"}).json()["items"]
    (found,) = [s for s in stories if "sergei lavrov|RUS" in s["participants"]]
    return client.get(f"/api/stories/{found['story_id']}").json()


def test_openapi_lists_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/actors",
        "/api/actors/{key}",
        "/api/statements",
        "/api/events",
        "/api/events/months",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/network",
    ):
        assert path in schema["paths"], path
    assert "post" not in schema["paths"]["/api/documents"]  # read-only without a token


def test_search_documents_by_text(client: TestClient) -> None:
    page = client.get("/api/documents", params={"q": "PROPAGANDA"}).json()
    ids = {d["doc_id"] for d in page["items"]}
    assert "corvid-radio" in ids
    assert "port-strike" not in ids
    assert all("propaganda" in d["snippet"].lower() for d in page["items"])
    assert page["next_offset"] is None


def test_search_takes_every_word_and_their_beginnings(client: TestClient) -> None:
    def found(q: str) -> set[str]:
        return {d["doc_id"] for d in client.get("/api/documents", params={"q": q}).json()["items"]}

    assert "corvid-radio" in found("propagand")  # the beginning of a word
    assert found("Lavrov propaganda") <= found("propaganda") & found("lavrov")
    assert "corvid-radio" in found("Lavrov, propaganda!")
    assert found("propaganda flood") == set()


def test_wildcards_are_taken_literally(client: TestClient) -> None:
    assert client.get("/api/documents", params={"q": "%"}).json()["items"] == []
    assert client.get("/api/documents", params={"q": "_"}).json()["items"] == []


def test_documents_by_date_and_pages(client: TestClient) -> None:
    everything = client.get("/api/documents", params={"limit": MAX_PAGE}).json()["items"]
    assert len(everything) == 11
    first = client.get("/api/documents", params={"limit": 4}).json()
    second = client.get("/api/documents", params={"limit": 4, "offset": first["next_offset"]})
    assert first["next_offset"] == 4
    assert not {d["doc_id"] for d in first["items"]} & {d["doc_id"] for d in second.json()["items"]}
    later = client.get("/api/documents", params={"date_from": "2022-02-13"}).json()
    assert later["items"] == []
    on_day = client.get(
        "/api/documents", params={"date_from": "2022-02-12", "date_to": "2022-02-12"}
    ).json()
    assert len(on_day["items"]) == 11


def test_page_size_has_a_maximum(client: TestClient) -> None:
    for path in ("/api/documents", "/api/actors", "/api/events", "/api/statements", "/api/stories"):
        assert client.get(path, params={"limit": MAX_PAGE + 1}).status_code == 422, path


def test_one_document_with_its_records(client: TestClient) -> None:
    record = client.get("/api/documents/corvid-radio").json()
    text = record["text"]
    names = {a["id"]: a["name"] for a in record["actors"]}
    (added,) = [s for s in record["statements"] if s["cue"] and s["cue"]["text"] == "added"]
    assert names[added["speaker"]] == "Antony Blinken"
    for span in added["content"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert any(e["type"] == "CONSULT" for e in record["events"])
    assert any("sergei lavrov|RUS" in s["participants"] for s in record["stories"])
    assert client.get("/api/documents/no-such-document").status_code == 404


def test_actor_across_documents(client: TestClient) -> None:
    page = client.get("/api/actors", params={"q": "lavrov"}).json()
    assert "sergei lavrov|RUS" in {a["key"] for a in page["items"]}
    actor = client.get("/api/actors/sergei lavrov|RUS").json()
    assert actor["name"] == "Sergei Lavrov"
    assert actor["documents"] >= 5
    assert {m["what"] for m in actor["months"]} == {"statements", "events"}
    assert "antony blinken|USA" in {c["key"] for c in actor["counterparts"]}
    said = client.get("/api/statements", params={"speaker": "sergei lavrov|RUS"}).json()
    assert said["items"] and all(s["speaker"] == "Sergei Lavrov" for s in said["items"])
    assert client.get("/api/actors/nobody|XXX").status_code == 404


def test_events_filtered(client: TestClient) -> None:
    calls = client.get("/api/events", params={"type": "CONSULT"}).json()["items"]
    assert calls and all(e["type"] == "CONSULT" for e in calls)
    by_blinken = client.get(
        "/api/events", params={"actor": "antony blinken|USA", "limit": MAX_PAGE}
    ).json()["items"]
    assert by_blinken and all("Antony Blinken" in e["actors"] for e in by_blinken)
    to_russia = client.get("/api/events", params={"recipient": "RUS"}).json()["items"]
    assert to_russia and all(e["recipients"] for e in to_russia)
    assert client.get("/api/events", params={"date_to": "2022-01-01"}).json()["items"] == []
    months = client.get("/api/events/months").json()["items"]
    assert {"month": "2022-02", "type": "CONSULT"}.items() <= months[0].items() or any(
        m["type"] == "CONSULT" and m["month"] == "2022-02" for m in months
    )


def test_story_accounts_and_divergence(client: TestClient) -> None:
    story = _call_story(client)
    parties = [a["party"] for a in story["accounts"]]
    assert {"USA", "RUS"} <= set(parties)
    russia = next(a for a in story["accounts"] if a["party"] == "RUS")
    assert russia["statements"] and russia["statements"][0]["content"][0]["text"]
    nato = next(d for d in story["divergence"] if d["topic"] == "NATO expansion")
    assert nato["carried_by"] == ["RUS"] and nato["omitted_by"] == ["USA"]
    press = next(a for a in story["accounts"] if a["party"] == "press")
    assert press["narration"]
    assert client.get("/api/stories/story:none").status_code == 404


def test_network_of_who_addressed_whom(client: TestClient) -> None:
    found = client.get("/api/network").json()
    keys = {n["key"] for n in found["nodes"]}
    assert all(e["source"] in keys and e["target"] in keys for e in found["edges"])
    assert any(
        {e["source"], e["target"]} == {"sergei lavrov|RUS", "antony blinken|USA"}
        for e in found["edges"]
    )
    assert client.get("/api/network", params={"date_from": "2023-01-01"}).json()["edges"] == []


def test_lists_download_as_csv_and_json(client: TestClient) -> None:
    for path in ("/api/documents", "/api/actors", "/api/events", "/api/statements", "/api/stories"):
        response = client.get(path, params={"format": "csv"})
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/csv")
        assert "attachment" in response.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert rows, path
        as_json = client.get(path, params={"download": "true"})
        assert "attachment" in as_json.headers["content-disposition"]
        assert len(as_json.json()["items"]) == len(rows)
    events = list(
        csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv"}).text))
    )
    assert {"type", "actors", "evidence"} <= set(events[0])


def test_stories_are_those_of_the_command_line(client: TestClient, store_path) -> None:
    """Each story as `communique stories --format json` tells it (compare.report)."""
    from communique.compare import report
    from communique.store import Store

    with Store(store_path, read_only=True) as store:
        told = store.stories()
        records = {
            r["doc_id"]: r for r in store.records_of(sorted({d for s in told for d in s.documents}))
        }
        expected = [report(story, records) for story in told]
    client.get("/api/stories")  # the index is built
    for story in expected:
        assert client.get(f"/api/stories/{story['id']}").json() == story
