"""Score a trained pipeline the way users can reproduce it.

Syntax scores come from ``spacy evaluate`` (the same function the CLI runs)
on EWT test as ``spacy convert`` writes it, so anyone can re-run the figure
with two spaCy commands.  Entity scores are per type plus a micro F1 over
PERSON/ORG/PLACE, the three types every English NER data set shares.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from kg.evaluate.entities import score_entities

SYNTAX_KEYS = ("token_acc", "sents_f", "tag_acc", "pos_acc", "morph_acc", "lemma_acc",
               "dep_uas", "dep_las", "speed")


def spacy_convert(conllu: Path, out_dir: Path) -> Path:
    """``python -m spacy convert FILE OUT --converter conllu -n 10``."""
    from spacy.cli.convert import convert

    out_dir.mkdir(parents=True, exist_ok=True)
    convert(conllu, out_dir, file_type="spacy", n_sents=10, converter="conllu", silent=True)
    return out_dir / f"{conllu.stem}.spacy"


def spacy_evaluate(model: Path | str, data: Path) -> dict:
    """``python -m spacy evaluate MODEL DATA``: spaCy's scores as a dict."""
    from spacy.cli.evaluate import evaluate

    return evaluate(str(model), data, silent=True)


def syntax_scores(scores: dict) -> dict[str, float]:
    return {key: round(float(scores[key]), 4) for key in SYNTAX_KEYS if scores.get(key) is not None}


def entity_scores(nlp: Language, docs: Iterable[Doc]) -> dict:
    """Exact-span entity P/R/F per type and micro-averaged over CORE_TYPES (``kg eval entities`` scores the
    same way: :func:`kg.evaluate.entities.score_entities`)."""
    return score_entities(nlp, docs).as_dict()


def read_docs(nlp: Language, path: Path) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def with_rule_lemmatizer(nlp: Language) -> Language:
    """The same pipeline with spaCy's English rule lemmatizer in place of the
    trained one; its tables (from spacy-lookups-data) are stored in the
    pipeline, so they are not needed at run time."""
    if "trainable_lemmatizer" in nlp.pipe_names:
        nlp.remove_pipe("trainable_lemmatizer")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"}, after="morphologizer")
    lemmatizer.initialize()
    return nlp


def with_lemma_backoff(nlp: Language) -> Language:
    """The trained lemmatizer followed by kg's rule backoff for unseen verbs (:mod:`kg.lemmas`)."""
    import kg.lemmas  # noqa: F401  (registers the factory)

    backoff = nlp.add_pipe("kg_lemma_backoff", after="trainable_lemmatizer")
    backoff.initialize()
    return nlp


def lemma_scores(nlp: Language, docs: list[Doc]) -> dict[str, float]:
    """Lemma accuracy over all tokens and over gold VERB/AUX tokens."""
    predicted = nlp.pipe(Doc(nlp.vocab, words=[t.text for t in d]) for d in docs)
    total = correct = verbs = verbs_correct = 0
    for reference, prediction in zip(docs, predicted):
        for gold, guess in zip(reference, prediction):
            total += 1
            correct += gold.lemma_ == guess.lemma_
            if gold.pos_ in ("VERB", "AUX"):
                verbs += 1
                verbs_correct += gold.lemma_ == guess.lemma_
    return {"lemma_acc": round(correct / total, 4), "verb_lemma_acc": round(verbs_correct / verbs, 4)}


def with_entity_types(nlp: Language, lexicons=None, classifier=None) -> Language:
    """The recognizer followed by ``kg_entity_types`` (:mod:`kg.entity_types`): its word lists, and the
    trained name classifier when one is given (rules only otherwise)."""
    from kg.entity_types import EntityTypeRefiner  # noqa: F401  (registers the factory)
    from kg.names import NameClassifier
    from kg.training.lexicons import build_lexicons

    lexicons = lexicons or build_lexicons()
    refiner = nlp.add_pipe("kg_entity_types", after="ner")
    refiner.set_lexicons(lexicons.places, lexicons.given_names, lexicons.surnames, lexicons.clusters)
    refiner.classifier = classifier or NameClassifier()
    return nlp


LEMMATIZERS = {
    "trainable_lemmatizer": lambda nlp: nlp,
    "rule_lemmatizer": with_rule_lemmatizer,
    "trainable_lemmatizer+kg_lemma_backoff": with_lemma_backoff,
}


def compare_lemmatizers(model: Path, docs_path: Path) -> dict[str, dict[str, float]]:
    """Lemma scores of each candidate set-up on the same documents."""
    docs = read_docs(spacy.load(model), docs_path)
    return {name: lemma_scores(build(spacy.load(model)), docs) for name, build in LEMMATIZERS.items()}
