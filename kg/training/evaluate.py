"""Score a trained pipeline the way users can reproduce it.

Syntax scores come from ``spacy evaluate`` (the same function the CLI runs)
on EWT test as ``spacy convert`` writes it, so anyone can re-run the figure
with two spaCy commands.  Entity scores are per type plus a micro F1 over
PERSON/ORG/PLACE, the three types every English NER data set shares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

CORE_TYPES = ("PERSON", "ORG", "PLACE")
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


@dataclass(frozen=True)
class TypeScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def entity_scores(nlp: Language, docs: Iterable[Doc]) -> dict:
    """Exact-span entity P/R/F per type and micro-averaged over CORE_TYPES."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    references = list(docs)
    predicted = nlp.pipe(Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
                         for d in references)
    for reference, prediction in zip(references, predicted):
        gold = {(e.start, e.end, e.label_) for e in reference.ents}
        guess = {(e.start, e.end, e.label_) for e in prediction.ents}
        for *_, label in gold & guess:
            tp[label] += 1
        for *_, label in guess - gold:
            fp[label] += 1
        for *_, label in gold - guess:
            fn[label] += 1
    per_type = {}
    for label in sorted(set(tp) | set(fp) | set(fn)):
        p, r, f = _prf(tp[label], fp[label], fn[label])
        per_type[label] = TypeScore(label, p, r, f, tp[label] + fn[label]).__dict__
    p, r, f = _prf(*(sum(c[t] for t in CORE_TYPES) for c in (tp, fp, fn)))
    return {"per_type": per_type, "core_micro": {"precision": p, "recall": r, "f1": f,
                                                 "types": list(CORE_TYPES)}}


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
    refiner.set_lexicons(lexicons.places, lexicons.given_names, lexicons.surnames)
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
