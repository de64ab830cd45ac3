"""``kg extract`` on many documents: one ``nlp.pipe`` for all of them against one per document.

    python benchmarks/extract_batching.py --corpus ../shared/corpus/reuters21578.jsonl.gz [--docs 500] [--rounds 2]

``kg.openie.parse_documents`` streams every document through one ``nlp.pipe`` (so
short documents share batches); until it did, ``kg extract`` piped each document
on its own, which is what ``parse_documents([document])`` per document does here.
The two are timed alternately in one process on the same documents, and their
extractions must be identical.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from model_speed import load_texts

from kg.nlp import load_pipeline
from kg.openie import parse_documents
from kg.readers import Document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    nlp = load_pipeline(args.model)
    documents = [Document(f"doc{i}", text, args.corpus.name) for i, text in enumerate(load_texts(args.corpus, args.docs))]
    list(parse_documents(documents[:20], nlp))  # warm-up

    def batched() -> list:
        return [(p.document_id, p.triples) for p in parse_documents(documents, nlp)]

    def one_by_one() -> list:
        return [(p.document_id, p.triples) for document in documents for p in parse_documents([document], nlp)]

    results = {}
    for round_number in range(1, args.rounds + 1):
        for name, run in (("one pipe per document", one_by_one), ("one pipe for all", batched)):
            started = time.perf_counter()
            results[name] = run()
            seconds = time.perf_counter() - started
            print(json.dumps({"round": round_number, "way": name, "docs": len(documents),
                              "seconds": round(seconds, 2)}))
    same = results["one pipe per document"] == results["one pipe for all"]
    triples = sum(len(triples) for _, triples in results["one pipe for all"])
    print(json.dumps({"identical_extractions": same, "triples": triples}))


if __name__ == "__main__":
    main()
