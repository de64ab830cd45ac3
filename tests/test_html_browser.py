"""The HTML graph in a real browser: headless Chromium, no network at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def open_offline(html: Path, screenshot: Path | None = None) -> dict:
    """Open ``html`` with every network request refused; report what the page drew."""
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(html.resolve().as_uri())
        page.wait_for_selector("body[data-kg-ready='true']", timeout=60_000)
        drawn = page.evaluate("""() => {
            const canvas = document.querySelector('#graph canvas');
            const ctx = canvas.getContext('2d');
            const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) painted++; }
            return {nodes: network.body.data.nodes.length, edges: network.body.data.edges.length,
                    visible: Object.keys(network.getPositions()).length, painted: painted,
                    physics: network.physics.physicsEnabled,
                    legend: document.querySelectorAll('#legend .legend-item').length};
        }""")
        if screenshot is not None:
            page.screenshot(path=str(screenshot))
        browser.close()
    drawn["remote_requests"] = [url for url in requests if not url.startswith(("file:", "data:"))]
    drawn["errors"] = errors
    return drawn


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_example_graph_draws_offline_in_chromium():
    drawn = open_offline(REPO / "output" / "graph.html")
    assert drawn["remote_requests"] == [] and drawn["errors"] == []
    assert drawn["nodes"] > 20 and drawn["visible"] == drawn["nodes"]
    assert drawn["painted"] > 10_000  # the canvas is not blank
    assert drawn["physics"] is False  # the layout settled and was frozen
    assert drawn["legend"] >= 2


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_search_filter_and_click_panel_work_offline(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(offline=True).new_page()
        page.goto((REPO / "output" / "graph.html").resolve().as_uri())
        page.wait_for_selector("body[data-kg-ready='true']", timeout=60_000)
        page.fill("#search", "haley")
        page.wait_for_selector("#details li")
        panel = page.inner_text("#details")
        assert "Haley" in panel and "“" in panel and "source:" in panel
        # untick the first type in the legend: its entities are hidden
        hidden_before = page.evaluate("nodes.get({filter: n => n.hidden}).length")
        page.click("#legend .legend-item input >> nth=0")
        assert page.evaluate("nodes.get({filter: n => n.hidden}).length") > hidden_before
        # colour by community: every node takes its community's colour, and the communities are listed
        page.select_option("#colour-by", "community")
        assert page.evaluate("nodes.get().every(n => n.color === n.communityColor)")
        assert page.evaluate("nodes.get().some(n => n.communityColor !== n.typeColor)")
        assert "around" in page.inner_text("#communities")
        page.select_option("#colour-by", "type")
        assert page.evaluate("nodes.get().every(n => n.color === n.typeColor)")
        browser.close()
