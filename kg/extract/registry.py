"""Extractors by name.  An extractor is a pure function ``(sentence, scheme) -> Iterator[Triple]``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from spacy.tokens import Span

from kg.extract import nominal, verbal
from kg.extract.records import Triple
from kg.extract.schemes import Scheme

Extractor = Callable[[Span, Scheme], Iterator[Triple]]

EXTRACTORS: Mapping[str, Extractor] = {
    "active": verbal.active,
    "passive": verbal.passive,
    "prepositional": verbal.prepositional,
    "copula": nominal.copula,
    "apposition": nominal.apposition,
}


def resolve_extractors(names: list[str] | None) -> dict[str, Extractor]:
    """The named extractors (all by default); unknown names raise ``KeyError`` listing the known ones."""
    if names is None:
        return dict(EXTRACTORS)
    unknown = [name for name in names if name not in EXTRACTORS]
    if unknown:
        raise KeyError(f"unknown extractor(s) {', '.join(unknown)}; known: {', '.join(EXTRACTORS)}")
    return {name: EXTRACTORS[name] for name in names}
