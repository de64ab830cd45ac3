"""How well a second, blind annotation of some written documents agrees with the writers' own marks.

    python training/written-docs/agreement.py training/written-docs/blind_check.txt

The blind file holds some of the written documents (same `### DOC` headers, same text) with names marked by
someone who did not write them; each is compared with the same document in kg/training/written_docs.txt,
exact character span and type, the writers' marks taken as the reference.
"""

import sys
from collections import Counter
from pathlib import Path

from kg.training.corpus import WRITTEN_DOCS, read_written_docs

TYPES = ("PERSON", "ORG", "PLACE")


def agreement(blind_path: Path, written_path: Path = WRITTEN_DOCS) -> None:
    written = {document.name: document for document in read_written_docs(written_path)}
    counts = {label: Counter() for label in (*TYPES, "micro")}
    blind_docs = read_written_docs(blind_path)
    for blind in blind_docs:
        reference = written[blind.name]
        if blind.text != reference.text:
            sys.exit(f"{blind.name}: the text differs from the written document's")
        gold = {span for span in reference.names if span[2] in TYPES}
        found = {span for span in blind.names if span[2] in TYPES}
        for label in TYPES:
            for key, spans in (("gold", gold), ("found", found)):
                counts[label][key] += sum(1 for span in spans if span[2] == label)
            counts[label]["right"] += sum(1 for span in gold & found if span[2] == label)
    for label in TYPES:
        counts["micro"].update(counts[label])
    print(f"{len(blind_docs)} documents; the writers' marks as reference")
    print(f"{'type':8} {'P':>6} {'R':>6} {'F1':>6} {'names':>6}")
    for label, count in counts.items():
        precision = count["right"] / count["found"] if count["found"] else 0.0
        recall = count["right"] / count["gold"] if count["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{label:8} {precision:6.3f} {recall:6.3f} {f1:6.3f} {count['gold']:6}")


if __name__ == "__main__":
    agreement(Path(sys.argv[1]))
