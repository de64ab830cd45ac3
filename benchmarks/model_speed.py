"""Words per second of a spaCy pipeline with ``nlp.pipe`` in one process.

    python benchmarks/model_speed.py --corpus ../shared/corpus/reuters21578.jsonl.gz \
        [--model PATH_OR_NAME] [--docs 1000] [--compare-blis] [--rounds 1]

Text: the first ``--docs`` Reuters documents.  The pipeline is loaded as kg
loads it (``kg.load_pipeline``: numpy's OpenBLAS for matrix products).  One
warm-up pass over 50 documents, then one timed pass over all of them per
round; words = non-space tokens.  ``--compare-blis`` loads the same pipeline
a second time with thinc's default BLIS matrix products (plain
``spacy.load``) and times the two alternately in the same process, then
checks that both gave the same annotations.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import BUNDLED_MODEL, load_pipeline, with_paragraph_breaks


def load_texts(path: Path, n: int) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = (json.loads(line)["text"] for line in lines)
        return list(islice((t for t in texts if t.strip()), n))


def timed_pass(nlp: Language, texts: list[str], batch_size: int) -> tuple[list[Doc], float]:
    list(nlp.pipe(texts[:50], batch_size=batch_size))
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    return docs, time.perf_counter() - started


def annotations(docs: list[Doc]) -> list[tuple]:
    return [(t.tag_, t.pos_, t.lemma_, t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for doc in docs for t in doc]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--model", default=None, help="default: kg's bundled pipeline")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=1, help="timed passes per pipeline")
    parser.add_argument("--compare-blis", action="store_true",
                        help="also time the pipeline with thinc's default BLIS matrix products, alternately")
    args = parser.parse_args()
    texts = load_texts(args.corpus, args.docs)
    pipelines = {"numpy": load_pipeline(args.model)}
    if args.compare_blis:
        pipelines["blis"] = with_paragraph_breaks(spacy.load(args.model or BUNDLED_MODEL))
    outputs = {}
    for round_number in range(1, args.rounds + 1):
        for backend, nlp in pipelines.items():
            docs, seconds = timed_pass(nlp, texts, args.batch_size)
            words = sum(sum(not t.is_space for t in doc) for doc in docs)
            outputs[backend] = annotations(docs)
            print(json.dumps({"round": round_number, "matmul": backend, "model": nlp.meta.get("name"),
                              "version": nlp.meta.get("version"), "pipeline": nlp.pipe_names,
                              "docs": len(texts), "words": words, "seconds": round(seconds, 2),
                              "words_per_second": round(words / seconds)}), flush=True)
    if args.compare_blis:
        differing = sum(a != b for a, b in zip(outputs["numpy"], outputs["blis"], strict=True))
        print(json.dumps({"tokens": len(outputs["numpy"]), "tokens_annotated_differently": differing}))


if __name__ == "__main__":
    main()
