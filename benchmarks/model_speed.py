"""Words per second of a spaCy pipeline with ``nlp.pipe`` in one process.

    python benchmarks/model_speed.py --corpus ../shared/corpus/reuters21578.jsonl.gz \
        [--model PATH_OR_NAME] [--docs 1000]

Text: the first ``--docs`` Reuters documents.  One warm-up pass over 50
documents, then one timed pass over all of them; words = non-space tokens.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from itertools import islice
from pathlib import Path

import spacy


def load_texts(path: Path, n: int) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = (json.loads(line)["text"] for line in lines)
        return list(islice((t for t in texts if t.strip()), n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--model", default=None, help="default: kg's bundled pipeline")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    if args.model is None:
        from kg.nlp import load_pipeline
        nlp = load_pipeline()
    else:
        nlp = spacy.load(args.model)
    texts = load_texts(args.corpus, args.docs)
    list(nlp.pipe(texts[:50], batch_size=args.batch_size))
    started = time.perf_counter()
    words = sum(sum(not t.is_space for t in doc) for doc in nlp.pipe(texts, batch_size=args.batch_size))
    seconds = time.perf_counter() - started
    print(json.dumps({"model": nlp.meta.get("name"), "pipeline": nlp.pipe_names, "docs": len(texts),
                      "words": words, "seconds": round(seconds, 2), "words_per_second": round(words / seconds)}))


if __name__ == "__main__":
    main()
