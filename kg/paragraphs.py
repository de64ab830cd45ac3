"""``kg_paragraphs``: a blank line ends a sentence.

spaCy's parsers find sentence boundaries from the syntax alone, and ones trained on treebank sentences,
which have no line breaks, run a heading into the paragraph after it ("Background\\n\\nCoron is both the name
of a town …" parses as one sentence, with "Background" a compound of the first noun). This component runs
before the parser and marks a sentence start at every blank line (a whitespace token holding two or more
line breaks) and at the word after it; the parser keeps sentence starts set before it. A single line break is
left to the parser, since hard-wrapped text has them inside sentences.

kg's bundled pipeline has it before its parser; :func:`kg.nlp.load_pipeline` adds it to any other pipeline
it loads that has a parser or a sentence recognizer, so kg splits paragraphs the same way whichever model
parses.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def is_blank_line(token) -> bool:
    """A whitespace token that holds a paragraph break."""
    return token.is_space and token.text.count("\n") >= 2


def mark_paragraphs(doc: Doc) -> Doc:
    """Sentence starts at each blank line and at the first word after it."""
    if "\n" not in doc.text:  # most texts in a batch: no need to look at each token
        return doc
    for token in doc:
        if is_blank_line(token):
            token.is_sent_start = True
            if token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory("kg_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_marker(nlp: Language, name: str):
    return mark_paragraphs
