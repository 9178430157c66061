"""The pages in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
what a reader sees, the hostile document rendering inert, and the screenshots in README."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("COMMUNIQUE_CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

if not CHROMIUM.is_file() and not os.environ.get("CI"):
    pytest.skip(
        f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does); CI runs these",
        allow_module_level=True,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    """`communique serve` on 127.0.0.1 and a free port, in a subprocess."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "communique", "serve", "--db", str(store_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/openapi.json", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(process.stdout.read().decode()) from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield found
        found.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()


def test_document_page_highlights_statements(server: str, page: object) -> None:
    page.goto(f"{server}/documents/corvid-radio")
    marks = page.locator("#text mark.st")
    assert marks.count() > 5
    colours = {
        page.locator(f'#text mark[data-st="corvid-radio:s{n}"]').first.evaluate(
            "m => getComputedStyle(m).backgroundColor"
        )
        for n in (1, 3)
    }
    assert len(colours) == 1 and colours != {"rgba(0, 0, 0, 0)"}  # one colour per speaker
    # the "he added" quote: hover it and the card names its speaker
    added = page.locator('#text mark[data-st="corvid-radio:s3"]').first
    added.hover()
    card = page.locator("#card")
    card.wait_for(state="visible")
    assert card.locator(".card-speaker").inner_text() == "Antony Blinken"
    assert card.locator(".card-cue").inner_text() == "added"
    assert card.locator(".card-source").inner_text() == "he"
    # focus (keyboard) shows it too
    page.mouse.move(0, 0)
    page.locator('#text mark[id="corvid-radio:s3"]').focus()
    card.wait_for(state="visible")
    # an event's evidence lights up in the text
    page.locator("li.event").first.hover()
    assert page.locator("#text .ev-on").count() > 0
    page.evaluate("window.scrollTo(0, 0)")
    added.hover()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "document.png"))
    assert page.errors == []


def test_story_page_shows_both_accounts_and_the_divergence(server: str, page: object) -> None:
    page.goto(f"{server}/stories?q=lavrov")
    page.locator("table.records a", has_text="CONSULT phone").first.click()
    page.wait_for_selector(".accounts")
    usa = page.locator('article.account[data-party="USA"]')
    russia = page.locator('article.account[data-party="RUS"]')
    assert usa.is_visible() and russia.is_visible()
    assert usa.locator("li.said").count() > 0 and russia.locator("li.said").count() > 0
    left, right = usa.bounding_box(), russia.bounding_box()
    assert abs(left["y"] - right["y"]) < 5 and left["x"] != right["x"]  # side by side
    nato = page.locator("table.divergence tr", has_text="NATO expansion")
    assert nato.locator("td").nth(1).inner_text() == "RUS"
    assert nato.locator("td").nth(2).inner_text() == "USA"
    page.set_viewport_size({"width": 1400, "height": 1500})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "story.png"))
    assert page.errors == []


def test_hostile_text_runs_nothing(server: str, page: object) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/documents/hostile", "/?q=script", "/stories", "/actors"):
        page.goto(server + path)
        page.wait_for_load_state("load")
    page.goto(f"{server}/documents/hostile")
    page.locator("#text mark.st").first.hover()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert "<script>alert('x')</script>" in page.locator("#text").inner_text()
    assert page.locator("#text img, #text script").count() == 0
    scripts = page.eval_on_selector_all("script[src]", "s => s.map(e => e.getAttribute('src'))")
    assert scripts == ["/static/document.js"]


def test_charts_and_network_draw(server: str, page: object) -> None:
    page.goto(f"{server}/events")
    page.wait_for_function("() => window.Chart && Chart.getChart('events-chart')")
    datasets = page.evaluate("() => Chart.getChart('events-chart').data.datasets.length")
    assert datasets > 3
    page.goto(f"{server}/network")
    page.wait_for_selector("#graph canvas")
    page.goto(f"{server}/actors/{'sergei lavrov|RUS'}")
    page.wait_for_function("() => window.Chart && Chart.getChart('months-chart')")
    assert page.errors == []
