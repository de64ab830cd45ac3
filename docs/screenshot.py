"""Retake docs/screenshot.png: output/graph.html in headless Chromium, offline, fitted to the window.

    python docs/screenshot.py            # after `kg build examples/000_57a0fbf815bbc1ef.txt -o output`

Needs Playwright (``pip install -e ".[test]"``) and a Chromium binary (Debian's ``chromium``).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshot: error: no chromium on PATH", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--headless=new", "--no-sandbox", "--disable-gpu"])
        page = browser.new_context(offline=True, viewport={"width": 1400, "height": 900}).new_page()
        page.goto((REPO / "output" / "graph.html").as_uri())
        page.wait_for_selector("body[data-kg-ready='true']", timeout=60_000)
        page.evaluate("network.fit({animation: false})")  # the frozen layout, all of it in view
        page.wait_for_timeout(500)
        page.screenshot(path=str(REPO / "docs" / "screenshot.png"))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
