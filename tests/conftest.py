"""Shared fixtures: the bundled pipeline, paths to ../shared, and hand-built Docs."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kg.training.corpus import iob_tags

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "examples" / "000_57a0fbf815bbc1ef.txt"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not (data / "ud-english-ewt").is_dir():
        pytest.skip(f"treebanks not found at {data} (the ../shared folder beside the repo)")
    return data


_VOCAB = spacy.blank("en").vocab


def make_doc(rows: list[tuple], ents: list[tuple[int, int, str]] = ()) -> Doc:
    """A parsed Doc from (word, head index, dep, pos, tag, lemma) rows; head == own index for the root."""
    words = [r[0] for r in rows]
    doc = Doc(_VOCAB, words=words, spaces=[True] * len(words),
              heads=[r[1] for r in rows], deps=[r[2] for r in rows], pos=[r[3] for r in rows],
              tags=[r[4] for r in rows], lemmas=[r[5] if len(r) > 5 else r[0].lower() for r in rows],
              ents=iob_tags(len(words), ents))
    return doc


def triples_of(doc: Doc) -> set[tuple[str, str, str]]:
    from kg.extract import extract_triples

    return {(t.subject.text, t.relation, t.object.text) for t in extract_triples(doc)}
