"""Loading spaCy pipelines: kg's bundled English model by default, any other on request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import NumpyOps, get_current_ops, use_ops

import kg.entity_types  # (registers the kg_entity_types factory the bundled pipeline uses)
import kg.lemmas  # (registers the kg_lemma_backoff factory the bundled pipeline uses)
import kg.paragraphs  # noqa: F401  (registers kg_paragraphs: in the bundled pipeline, added to others below)
from kg.errors import KgError

BUNDLED_MODEL = Path(__file__).resolve().parent / "models" / "en_kg_core"


def load_pipeline(model: str | Path | None = None) -> Language:
    """Load ``model`` (an installed package name or a pipeline folder), or kg's bundled pipeline.

    Whichever pipeline it is, a blank line in the text ends a sentence (:mod:`kg.paragraphs`), and on the
    CPU its matrix products run on numpy's OpenBLAS (:func:`numpy_matmul`).
    Raises :class:`KgError` naming what was tried when nothing loads.
    """
    target = BUNDLED_MODEL if model is None else model
    try:
        with numpy_matmul():
            nlp = spacy.load(target)
    except (OSError, ValueError, ImportError) as error:
        tried = f"bundled pipeline at {BUNDLED_MODEL}" if model is None else f"'{model}'"
        hint = ("reinstall kg" if model is None else
                "give an installed spaCy package (e.g. en_core_web_sm) or a pipeline folder")
        raise KgError(f"cannot load spaCy pipeline {tried}: {str(error).splitlines()[0][:160]} — {hint}") from None
    return with_paragraph_breaks(nlp)


@contextmanager
def numpy_matmul() -> Iterator[None]:
    """Within the block, the thinc models that spaCy builds multiply matrices with numpy (the OpenBLAS its
    wheels bundle) instead of thinc's default BLIS kernels; they keep doing so after it.

    Matrix products are most of a CPU pipeline's time, and BLIS ran them 3× slower than OpenBLAS on the
    machines measured: the bundled pipeline parses about twice as many words per second, with the same
    annotations (0 of 151,077 Reuters tokens differed in tag, lemma, head, dependency or entity;
    benchmarks/README.md).  Only thinc's plain CPU backend is replaced; a GPU or another backend the caller
    chose (``spacy.require_gpu()``, Apple's) is left as it is, and the choice ends with the block.
    """
    if type(get_current_ops()) is NumpyOps:
        with use_ops("numpy", use_blis=False):
            yield
    else:
        yield


def with_paragraph_breaks(nlp: Language) -> Language:
    """``nlp`` with ``kg_paragraphs`` before its first sentence-splitting component (parser or senter), if
    it has one and lacks it."""
    splitters = [name for name in nlp.pipe_names if name in ("parser", "senter", "sentencizer")]
    if splitters and "kg_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before=splitters[0])
    return nlp


def model_info(nlp: Language) -> dict:
    """What ``kg info`` reports about a loaded pipeline."""
    meta = nlp.meta
    kg_meta = meta.get("kg", {})
    path = getattr(nlp, "path", None)
    return {
        "model_name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "model_version": meta.get("version"),
        "model_path": str(path) if path else None,
        "spacy_version": spacy.__version__,
        "pipeline": nlp.pipe_names,
        "license": meta.get("license"),
        "sources": [source.get("name") for source in meta.get("sources", [])],
        "git_revision": kg_meta.get("git_revision"),
        "lemmatizer": kg_meta.get("lemmatizer"),
        "entity_labels": sorted(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else [],
        "scores": kg_meta.get("scores", meta.get("performance", {})),
    }
