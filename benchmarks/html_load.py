"""Time the HTML graph page from navigation to a settled, frozen layout in headless Chromium (offline).

    python benchmarks/html_load.py --corpus ../shared/corpus/reuters21578.jsonl.gz --docs 2000 [--max-nodes 300]

Builds the graph of the first ``--docs`` Reuters documents with kg (Turtle + HTML into a temporary folder),
then opens the page three times in Debian's chromium (networking disabled) and reports the time until the
page marks itself ready (vis-network's stabilization done, physics switched off).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import tempfile
import time
from itertools import islice
from pathlib import Path

import kg

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--max-nodes", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-html-"))
    source = work / "reuters.jsonl"
    with gzip.open(args.corpus, "rt", encoding="utf-8") as lines, source.open("w", encoding="utf-8") as sink:
        for line in islice((x for x in lines if json.loads(x).get("text", "").strip()), args.docs):
            sink.write(line)
    started = time.perf_counter()
    summary = kg.build([source], work / "out", max_nodes=args.max_nodes)
    build_seconds = time.perf_counter() - started
    html = work / "out" / "graph.html"

    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        for _ in range(args.runs):
            page = browser.new_context(offline=True, viewport={"width": 1280, "height": 800}).new_page()
            started = time.perf_counter()
            page.goto(html.as_uri())
            page.wait_for_selector("body[data-kg-ready='true']", timeout=120_000)
            timings.append(round(time.perf_counter() - started, 2))
            shown = page.evaluate("nodes.length"), page.evaluate("edges.length")
            page.close()
        browser.close()
    print(json.dumps({"docs": summary.documents, "sentences": summary.sentences, "extracted_triples": summary.triples,
                      "rdf_triples": summary.rdf_triples, "entities": summary.entities,
                      "build_seconds": round(build_seconds, 1), "html_bytes": html.stat().st_size,
                      "nodes_drawn": shown[0], "edges_drawn": shown[1], "load_to_settled_seconds": timings}))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
