"""Score a names file (the format of ``kg/training/ewt_train_names.tsv``) against Universal NER's labels.

The annotation of EWT train was checked this way: 600 EWT dev sentences with a proper noun were annotated blind,
as the train sentences were (``ewt_dev_check.tsv`` here), and scored against UNER's gold labels for the same
sentences, exact span and type (training/README.md, "Names in EWT train"):

    python training/ewt-names/check.py training/ewt-names/ewt_dev_check.tsv \\
        ../shared/data/uner-english-ewt/en_ewt-ud-dev.iob2
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.training.corpus import read_name_annotation, read_uner


def spans_of(tags: list[str]) -> set[tuple[int, int, str]]:
    """IOB2 tags → (start, end, label) spans, as spaCy reads them."""
    doc = Doc(Vocab(), words=["w"] * len(tags), ents=tags)
    return {(ent.start, ent.end, ent.label_) for ent in doc.ents}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", type=Path)
    parser.add_argument("uner", type=Path, help="a UNER IOB2 file of the same sentences")
    args = parser.parse_args()
    names, uner = read_name_annotation(args.names), read_uner(args.uner)
    counts = {label: [0, 0, 0] for label in ("PERSON", "ORG", "PLACE")}  # true positives, false pos., false neg.
    for sent_id, predicted in names.items():
        gold, found = spans_of([tag for _, tag in uner[sent_id]]), set(predicted)
        for label, count in counts.items():
            g, p = {s for s in gold if s[2] == label}, {s for s in found if s[2] == label}
            count[0] += len(g & p)
            count[1] += len(p - g)
            count[2] += len(g - p)
    tp, fp, fn = (sum(count[i] for count in counts.values()) for i in range(3))
    print(f"{len(names)} sentences: P {tp / (tp + fp):.3f}  R {tp / (tp + fn):.3f}  F1 {2 * tp / (2 * tp + fp + fn):.3f}")
    for label, (a, b, c) in counts.items():
        print(f"  {label:<7} F1 {2 * a / (2 * a + b + c):.3f}  ({a + c} gold)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
