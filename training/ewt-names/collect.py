"""Collect the annotators' EWT train names into ``kg/training/ewt_train_names.tsv``.

The annotation (training/README.md, "Names in EWT train") was done on the EWT train sentences that have a
proper noun, in numbered chunks (``chunk_K.txt``: ``T<index>`` and the sentence's words joined by spaces,
written by ``--write-chunks``); each annotator wrote ``out_K.tsv`` lines ``T<index> LABEL name words``, following
``GUIDE.md`` here. This script maps each name back to word offsets of its sentence (the k-th label given to a
name to its k-th occurrence there, the last one to any after) and writes one line per reviewed sentence:
``sent_id``, then ``start:end:LABEL`` spans (kg labels, word offsets, end exclusive), none for a sentence read
and found without names. A chunk an annotator did not finish counts as reviewed up to the last sentence with
an annotation.

    python training/ewt-names/collect.py --ewt ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \\
        --chunks /tmp/annot --write-chunks 7         # the annotators' input
    python training/ewt-names/collect.py --ewt ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \\
        --chunks /tmp/annot --out kg/training/ewt_train_names.tsv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.training.conllu import read_conllu
from kg.training.corpus import UNER_TYPES as LABELS  # the annotators wrote UNER's types


def occurrences(words: list[str], name: list[str]) -> list[int]:
    return [i for i in range(len(words) - len(name) + 1) if words[i:i + len(name)] == name]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ewt", type=Path, required=True, help="en_ewt-ud-train.conllu")
    parser.add_argument("--chunks", type=Path, required=True, help="folder of chunk_K.txt / out_K.tsv")
    parser.add_argument("--write-chunks", type=int, metavar="K", help="write K annotation chunks and stop")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    sentences = list(read_conllu(args.ewt))
    with_proper_noun = [(f"T{i}", s) for i, s in enumerate(sentences) if any(w.upos == "PROPN" for w in s.words)]
    if args.write_chunks:
        size = -(-len(with_proper_noun) // args.write_chunks)
        for k in range(args.write_chunks):
            with (args.chunks / f"chunk_{k}.txt").open("w", encoding="utf-8") as sink:
                last_doc = None
                for key, sentence in with_proper_noun[k * size:(k + 1) * size]:
                    if sentence.doc_id != last_doc:
                        sink.write(f"## document {sentence.doc_id}\n")
                        last_doc = sentence.doc_id
                    sink.write(f"{key}\t{' '.join(w.form for w in sentence.words)}\n")
        return 0

    by_key = dict(with_proper_noun)
    spans: dict[str, set[tuple[int, int, str]]] = {}
    unmatched = 0
    for chunk in sorted(args.chunks.glob("chunk_[0-9]*.txt")):
        keys = [line.split("\t", 1)[0] for line in chunk.read_text(encoding="utf-8").splitlines()
                if not line.startswith("#")]
        out = chunk.with_name(chunk.name.replace("chunk_", "out_").replace(".txt", ".tsv"))
        lines = out.read_text(encoding="utf-8").splitlines() if out.is_file() else []
        done = "# DONE" in lines
        rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
        annotated = {row[0] for row in rows}
        reached = len(keys) if done else max((keys.index(k) + 1 for k in annotated if k in keys), default=0)
        for key in keys[:reached]:
            spans.setdefault(key, set())
        labels: dict[tuple[str, str], list[str]] = {}  # (key, name) → its labels, in the annotator's order
        for row in rows:
            if len(row) != 3 or row[0] not in by_key or row[1] not in LABELS or row[0] not in spans:
                unmatched += 1
                continue
            labels.setdefault((row[0], row[2]), []).append(LABELS[row[1]])
        for (key, name), given in labels.items():
            words = name.split()
            found = occurrences([w.form for w in by_key[key].words], words)
            unmatched += 0 if found else len(given)
            # the k-th label given to a name goes to its k-th occurrence ("sonic" once ORG, then once LOC); the
            # last one given goes to the occurrences after
            spans[key].update((start, start + len(words), given[min(i, len(given) - 1)])
                              for i, start in enumerate(found))
        print(f"{chunk.name}: {reached} of {len(keys)} sentences reviewed{'' if done else ' (unfinished)'}",
              file=sys.stderr)
    lines = []
    for key, sentence in with_proper_noun:
        if key not in spans:
            continue
        kept: list[tuple[int, int, str]] = []
        for span in sorted(spans[key], key=lambda s: (s[0], -(s[1] - s[0]))):  # outermost first
            if all(span[1] <= other[0] or other[1] <= span[0] for other in kept):
                kept.append(span)
        lines.append("\t".join([sentence.sent_id, *(f"{s}:{e}:{label}" for s, e, label in sorted(kept))]))
    args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    n_names = sum(line.count(":") // 2 for line in lines)
    print(f"{len(lines)} sentences, {n_names} names, {unmatched} annotation lines not matched", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
