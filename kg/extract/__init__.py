"""Extraction: spaCy ``Doc`` → subject–relation–object :class:`Triple` records.

    >>> triples = extract_triples(nlp("Russia vetoed the resolution."))
    >>> [(t.subject.text, t.relation, t.object.text) for t in triples]
    [('Russia', 'veto', 'resolution')]

Works on UD parses (kg's pipeline) and ClearNLP parses (spaCy's English
pipelines); see :mod:`kg.extract.schemes`.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

from kg.extract.records import Argument, Triple
from kg.extract.registry import EXTRACTORS, Extractor, resolve_extractors
from kg.extract.schemes import CLEARNLP, UD, Scheme, detect_scheme

__all__ = [
    "CLEARNLP",
    "EXTRACTORS",
    "UD",
    "Argument",
    "Extractor",
    "Scheme",
    "Triple",
    "detect_scheme",
    "extract_triples",
    "resolve_extractors",
]


def extract_triples(doc: Doc, extractors: Mapping[str, Extractor] | None = None,
                    scheme: Scheme | None = None) -> list[Triple]:
    """All triples in ``doc``, one per (subject, relation, object) span triple,
    keeping the most confident extraction, in sentence order."""
    extractors = EXTRACTORS if extractors is None else extractors
    scheme = scheme or detect_scheme(doc)
    best: dict[tuple, Triple] = {}
    for sentence in doc.sents:
        for extractor in extractors.values():
            for triple in extractor(sentence, scheme):
                kept = best.get(triple.key)
                if kept is None or triple.confidence > kept.confidence:
                    best[triple.key] = triple
    return sorted(best.values(), key=lambda t: (t.sentence_start_char, t.subject.start, t.object.start,
                                                t.relation))
