"""Train the name classifier of ``kg_entity_types`` (:mod:`kg.names`).

Its examples are the candidates the component will see, on the training
documents that carry entity annotation (GUM train, UNER on EWT dev), parsed
by the trained pipeline itself so that features look as they will at run
time: every candidate span (:func:`kg.names.candidate_spans`) and every
entity the recognizer finds, labelled with the gold type when the span is
exactly a gold PERSON/ORG/PLACE name, left out when it overlaps a gold name
otherwise, and NOT_A_NAME for the rest.  The model is an averaged perceptron
(the classic learner for sparse NLP features; twenty epochs over ~6,000
examples take seconds; the count was chosen on GUM dev).  Which example
order a seed gives moves GUM dev by up to 0.05, so the shipped weights are
the mean of five perceptrons trained with seeds 0-4: the same pipeline and
data always give the same weights, and no lucky seed is picked.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.names import CLASSES, NAME_TYPES, NOT_A_NAME, Lexicons, NameClassifier, candidate_spans, name_features

EPOCHS = 20
SEED = 0
SEEDS = (0, 1, 2, 3, 4)


def examples(nlp: Language, references: Iterable[Doc], lexicons: Lexicons) -> Iterator[tuple[list[str], int]]:
    """(features, class index) for every candidate in documents with entity annotation.

    The candidates are the ones :func:`kg.names.find_names` will see: proper-noun runs and the recognizer's
    PERSON/ORG/PLACE entities (not the gold names themselves, which at run time nothing proposes).  A
    candidate that is exactly a gold PERSON/ORG/PLACE name takes its type; one that overlaps a gold name
    without being it ("Senegal" in "the Republic of Senegal", a part of a longer name) is left out, as the
    overlap step decides those, and teaching that a place after "of" is no name would be wrong; the rest
    are NOT_A_NAME."""
    annotated = [doc for doc in references if any(token.ent_iob != 0 for token in doc)]
    predicted = nlp.pipe(Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
                         for doc in annotated)
    for reference, doc in zip(annotated, predicted):
        gold = {(ent.start, ent.end): ent.label_ for ent in reference.ents}
        recognized = {(ent.start, ent.end) for ent in doc.ents if ent.label_ in NAME_TYPES}
        for start, end in sorted(candidate_spans(doc, lexicons) | recognized):
            label = gold.get((start, end), NOT_A_NAME)
            if label not in CLASSES or (label == NOT_A_NAME and any(
                    other_start < end and start < other_end for other_start, other_end in gold)):
                continue
            yield name_features(doc, start, end, lexicons), CLASSES.index(label)


def train(samples: list[tuple[list[str], int]], epochs: int = EPOCHS, seed: int = SEED) -> NameClassifier:
    """An averaged perceptron over ``samples``; weights rounded and zero rows dropped to keep the file small."""
    classes = range(len(CLASSES))
    weights: dict[str, list[float]] = {}
    totals: dict[str, list[float]] = {}
    stamps: dict[str, list[int]] = {}
    step = 0

    def scores(features: list[str]) -> list[float]:
        return [sum(weights[f][c] for f in features if f in weights) for c in classes]

    def add(feature: str, label: int, amount: float) -> None:
        row = weights.setdefault(feature, [0.0] * len(CLASSES))
        total = totals.setdefault(feature, [0.0] * len(CLASSES))
        stamp = stamps.setdefault(feature, [0] * len(CLASSES))
        total[label] += (step - stamp[label]) * row[label]  # credit the weight for the steps it stood
        stamp[label] = step
        row[label] += amount

    order = list(samples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for features, label in order:
            step += 1
            current = scores(features)
            guess = max(classes, key=current.__getitem__)
            if guess != label:
                for feature in features:
                    add(feature, label, 1.0)
                    add(feature, guess, -1.0)
    averaged = {}
    for feature, row in weights.items():
        average = [(totals[feature][c] + (step - stamps[feature][c]) * row[c]) / step for c in classes]
        if any(abs(value) >= 1e-4 for value in average):
            averaged[feature] = [round(value, 4) for value in average]
    return NameClassifier(averaged)


def train_averaged(samples: list[tuple[list[str], int]], seeds: Iterable[int] = SEEDS) -> NameClassifier:
    """The mean of the weights of one perceptron per seed (a feature missing from one counts as zero)."""
    models = [train(samples, seed=seed).weights for seed in seeds]
    averaged = {}
    for feature in sorted(set().union(*models)):
        rows = [model.get(feature, [0.0] * len(CLASSES)) for model in models]
        mean = [round(sum(column) / len(models), 4) for column in zip(*rows)]
        if any(abs(value) >= 1e-4 for value in mean):
            averaged[feature] = mean
    return NameClassifier(averaged)
