"""Open IE output: extracted triples as JSONL, TSV, or CaRB's tabbed format.

``extract_records`` streams one :class:`Extraction` per triple; the writers
turn them into text.  With ``one_sentence_per_line`` each input line is
parsed as exactly one sentence (never re-split), as benchmarks require.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import Triple, extract_triples
from kg.readers import Document


@dataclass(frozen=True)
class Extraction:
    document_id: str
    sentence: str
    triple: Triple
    doc: Doc

    def full(self, argument) -> str:
        return self.doc[argument.full_start:argument.full_end].text

    def to_dict(self) -> dict:
        t = self.triple
        return {
            "document": self.document_id,
            "sentence": self.sentence,
            "subject": {"text": t.subject.text, "full": self.full(t.subject), "start_char": t.subject.start_char,
                        "end_char": t.subject.end_char, "label": t.subject.label},
            "relation": t.relation,
            "relation_text": t.relation_text,
            "object": {"text": t.object.text, "full": self.full(t.object), "start_char": t.object.start_char,
                       "end_char": t.object.end_char, "label": t.object.label},
            "qualifiers": {"negated": t.negated, "modal": t.modal, **dict(t.qualifiers)},
            "confidence": t.confidence,
            "extractor": t.extractor,
        }


def _single_sentence_docs(nlp: Language, lines: Iterable[str]) -> Iterator[Doc]:
    """Parse each line as one sentence: boundaries are fixed before the parser runs."""
    def prepared() -> Iterator[Doc]:
        for line in lines:
            doc = nlp.make_doc(line)
            for token in doc:
                token.is_sent_start = token.i == 0
            yield doc

    yield from nlp.pipe(prepared(), batch_size=64)


def extract_records(documents: list[Document], nlp: Language, one_sentence_per_line: bool = False
                    ) -> Iterator[Extraction]:
    """Every extraction of every document, in order."""
    for document in documents:
        if one_sentence_per_line:
            lines = [line for line in document.text.splitlines() if line.strip()]
            docs: Iterable[Doc] = _single_sentence_docs(nlp, lines)
        else:
            docs = [nlp(document.text)]
        for doc in docs:
            for triple in extract_triples(doc):
                sentence = doc.text[triple.sentence_start_char:triple.sentence_end_char]
                yield Extraction(document.id, sentence, triple, doc)


def carb_line(extraction: Extraction) -> str:
    """sentence, confidence, relation, arg1, arg2 — arguments in sentence order (a passive's
    patient first, the agent after "by"), relation as written."""
    t = extraction.triple
    first, second = t.subject, t.object
    relation = t.relation_text
    if t.extractor == "passive":
        first, second = t.object, t.subject
        relation = f"{relation} by"
    fields = [extraction.sentence, f"{t.confidence:.3f}", relation, extraction.full(first), extraction.full(second)]
    return "\t".join(" ".join(f.split()) for f in fields)


def tsv_line(extraction: Extraction) -> str:
    t = extraction.triple
    fields = [extraction.document_id, t.subject.text, t.relation, t.object.text, f"{t.confidence:.3f}",
              t.extractor, "negated" if t.negated else "", t.modal or "", extraction.sentence]
    return "\t".join(" ".join(f.split()) for f in fields)


WRITERS = {
    "jsonl": lambda e: json.dumps(e.to_dict(), ensure_ascii=False),
    "tsv": tsv_line,
    "carb": carb_line,
}
TSV_HEADER = "document\tsubject\trelation\tobject\tconfidence\textractor\tpolarity\tmodal\tsentence"
