"""The pages, rendered on the server: what a reader sees in them (without a browser)."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient


def test_search_page(client: TestClient) -> None:
    page = client.get("/", params={"q": "propaganda"})
    assert page.status_code == 200
    assert 'href="/documents/corvid-radio"' in page.text
    assert "port-strike" not in page.text
    assert 'href="/api/documents?q=propaganda&amp;format=csv"' in page.text


def test_document_page_highlights_statements_by_speaker(client: TestClient) -> None:
    page = client.get("/documents/corvid-radio").text
    marks = re.findall(r'<mark class="st sp-(\d+) (\w+)" data-st="([^"]+)"', page)
    assert {m[2] for m in marks} >= {"corvid-radio:s1", "corvid-radio:s3"}
    colour = {m[2]: m[0] for m in marks}
    # Blinken's quote and his "he added" quote share his colour
    assert colour["corvid-radio:s3"] == colour["corvid-radio:s1"]
    assert ("added" in page) and 'title="Antony Blinken (added)"' in page
    assert 'id="cards"' in page and "/static/document.js" in page
    assert '<mark class="trigger">call</mark>' in page  # an event's evidence with its trigger


def test_pages_answer(client: TestClient) -> None:
    for path in (
        "/actors",
        "/actors/" + quote("sergei lavrov|RUS"),
        "/events",
        "/events?type=CONSULT&date_from=2022-02-01",
        "/stories",
        "/network",
        "/network?date_from=2022-02-12&date_to=bad",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")


def test_events_page_has_its_chart(client: TestClient) -> None:
    page = client.get("/events").text
    assert '<canvas id="events-chart"' in page
    assert '<script src="/static/vendor/chart.umd.min.js"></script>' in page
    assert '"type": "CONSULT"' in page or '"type":"CONSULT"' in page


def test_story_page_shows_accounts_and_divergence(client: TestClient) -> None:
    stories = client.get("/stories").text
    (link,) = {
        href
        for href, label in re.findall(r'href="(/stories/[^"]+)">([^<]+)</a>', stories)
        if "phone" in label
        and "sergei lavrov|RUS" in stories.split(href, 1)[1].split("</tr>", 1)[0]
    }
    page = client.get(link.replace("&amp;", "&")).text
    assert '<article class="account" data-party="USA">' in page
    assert '<article class="account" data-party="RUS">' in page
    assert "<td>NATO expansion</td><td>RUS</td><td>USA</td>" in page
    assert "Narration" in page


def test_missing_things_are_404_pages(client: TestClient) -> None:
    for path in ("/documents/nothing", "/actors/nobody", "/stories/none"):
        response = client.get(path)
        assert response.status_code == 404
        assert "No such" in response.text


def test_assets_are_served_by_the_app(client: TestClient) -> None:
    for path in (
        "/static/app.css",
        "/static/document.js",
        "/static/charts.js",
        "/static/network.js",
        "/static/vendor/chart.umd.min.js",
        "/static/vendor/cytoscape.min.js",
    ):
        assert client.get(path).status_code == 200, path
    for page in ("/", "/events", "/network", "/documents/corvid-radio"):
        html = client.get(page).text
        assert not re.search(r'(src|href)="(https?:)?//', html), page  # no CDN
