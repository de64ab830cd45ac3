"""``nlp.add_pipe("kg_triples")``: kg extraction as a spaCy pipeline component.

The triples land on ``doc._.triples`` (a list of :class:`kg.extract.Triple`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import extract_triples, resolve_extractors

if not Doc.has_extension("triples"):
    Doc.set_extension("triples", default=None)


@Language.factory("kg_triples", default_config={"extractors": None})
def make_triples_component(nlp: Language, name: str, extractors: list[str] | None):
    chosen = resolve_extractors(extractors)

    def kg_triples(doc: Doc) -> Doc:
        doc._.triples = extract_triples(doc, chosen)
        return doc

    return kg_triples
