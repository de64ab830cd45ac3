"""Peak memory and time of parsing one long document whole and in pieces (kg.chunking), side by side.

The long document is Reuters articles joined by blank lines, as one text.  Each way of parsing runs in
a fresh child process (peak memory is per process), alternately, and reports its peak resident memory,
its time, and whether the two give the same triples.

    python benchmarks/long_document.py --corpus ../shared/corpus/reuters21578.jsonl.gz --chars 1200000
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def long_text(corpus: Path, chars: int) -> str:
    parts, total = [], 0
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"].strip()
            parts.append(text)
            total += len(text) + 2
            if total >= chars:
                break
    return "\n\n".join(parts)[:chars]


def child(mode: str, text_file: str, out_file: str) -> None:
    from kg.chunking import parse_in_chunks
    from kg.extract import extract_triples
    from kg.nlp import load_pipeline

    nlp = load_pipeline(None)
    text = Path(text_file).read_text(encoding="utf-8")
    started = time.perf_counter()
    if mode == "whole":
        nlp.max_length = len(text) + 1
        doc = nlp(text)
    else:
        (doc, _), = parse_in_chunks(nlp, [(text, None)])
    triples = sorted({(t.subject.text, t.relation, t.object.text) for t in extract_triples(doc)})
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    Path(out_file).write_text(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "triples": triples}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--chars", type=int, default=1_200_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        text_file = Path(folder) / "long.txt"
        text = long_text(args.corpus, args.chars)
        text_file.write_text(text, encoding="utf-8")
        print(f"one document of {len(text):,} characters")
        results = {}
        for round_ in range(1, args.rounds + 1):
            for mode in ("whole", "pieces"):
                out_file = Path(folder) / f"{mode}.json"
                subprocess.run([sys.executable, __file__, "--corpus", str(args.corpus), "--child", mode,
                                str(text_file), str(out_file)], check=True)
                results[mode] = json.loads(out_file.read_text())
                print(f"round {round_}  {mode:6s}  {results[mode]['seconds']:7.1f} s  "
                      f"peak {results[mode]['peak_mb']:8,.0f} MB  {len(results[mode]['triples']):,} triples")
        whole, pieces = (set(map(tuple, results[m]["triples"])) for m in ("whole", "pieces"))
        print(f"triples in both: {len(whole & pieces):,}; only whole: {len(whole - pieces):,}; "
              f"only in pieces: {len(pieces - whole):,}")


if __name__ == "__main__":
    main()
