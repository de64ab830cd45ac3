"""How much extraction adds to parsing, measured side by side in one run.

    python benchmarks/extract_overhead.py --corpus ../shared/corpus/reuters21578.jsonl.gz [--docs 1000]

The same documents are parsed once (timed: parse); then kg's extractors run
over the parsed Docs (timed: extract).  Reported ratio = (parse + extract) / parse.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from model_speed import load_texts

from kg.extract import extract_triples
from kg.nlp import load_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    nlp = load_pipeline(args.model)
    texts = load_texts(args.corpus, args.docs)
    list(nlp.pipe(texts[:20]))  # warm-up
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse = time.perf_counter() - started
    started = time.perf_counter()
    triples = sum(len(extract_triples(doc)) for doc in docs)
    extract = time.perf_counter() - started
    words = sum(len(doc) for doc in docs)
    print(json.dumps({"docs": len(docs), "tokens": words, "triples": triples, "parse_seconds": round(parse, 2),
                      "extract_seconds": round(extract, 2), "ratio": round((parse + extract) / parse, 3)}))


if __name__ == "__main__":
    main()
