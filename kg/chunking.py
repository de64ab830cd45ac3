"""Parsing long documents in pieces, so that memory does not grow with a document's length.

spaCy's tok2vec and parser hold activations for every token of the texts they are
given at once: a 1.2-million-character text took 6.6 GB here in one piece, 2.1 GB in
pieces (benchmarks/long_document.py).  kg
therefore parses a long text as consecutive pieces of at most ``MAX_CHUNK_CHARS``
characters, cut at a paragraph break where there is one (a blank line already ends a
sentence, :mod:`kg.paragraphs`), else at a line break, else after a sentence's final
punctuation, else at a space, and joins the parsed pieces back into one ``Doc`` whose
text and character offsets are the document's own.  Extraction works sentence by
sentence, so it is unchanged; what a piece changes is that ``kg_entity_types`` decides a
name's type once per piece instead of once per document.  Documents up to the limit
(every Reuters article, every example) are parsed whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

MAX_CHUNK_CHARS = 20_000

# where a piece may end, best first: after a blank line, after a line break, after a sentence's end, after a space
_BOUNDARIES = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"),
               re.compile(r"\s+"))

Context = TypeVar("Context")


def split_text(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[str]:
    """Consecutive pieces of ``text``, each at most ``max_chars`` long, whose concatenation is ``text``.
    A piece is cut at the last boundary of the best kind found in the second half of its window, so pieces
    are never tiny."""
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    pieces = []
    start = 0
    while len(text) - start > max_chars:
        window_end = start + max_chars
        cut = window_end  # no boundary at all: a hard cut, which only a 10,000-character word needs
        for boundary in _BOUNDARIES:
            ends = [match.end() for match in boundary.finditer(text, start + max_chars // 2, window_end)]
            if ends:
                cut = ends[-1]
                break
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_in_chunks(nlp: Language, texts: Iterable[tuple[str, Context]], batch_size: int = 16,
                    max_chars: int = MAX_CHUNK_CHARS) -> Iterator[tuple[Doc, Context]]:
    """``nlp.pipe(texts, as_tuples=True)``, with every text longer than ``max_chars`` parsed as pieces
    (:func:`split_text`) and joined back into one ``Doc`` with the text's own characters; streaming, in
    order."""
    def pieces() -> Iterator[tuple[str, tuple[int, int, Context]]]:
        for index, (text, context) in enumerate(texts):
            parts = split_text(text, max_chars)
            for part in parts:
                yield part, (index, len(parts), context)

    nlp.max_length = max(nlp.max_length, max_chars + 1)
    parsed: list[Doc] = []
    for doc, (_, count, context) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        parsed.append(doc)
        if len(parsed) == count:
            yield (parsed[0] if count == 1 else Doc.from_docs(parsed, ensure_whitespace=False)), context
            parsed = []
