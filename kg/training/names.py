"""Train the name classifier of ``kg_entity_types`` (:mod:`kg.names`).

Its examples are the candidates the component will see, on the training
documents that carry entity annotation (GUM train, UNER on EWT dev, the
written documents; not EWT train's names), parsed
by the trained pipeline itself so that features look as they will at run
time: every candidate span (:func:`kg.names.candidate_spans`) and every
entity the recognizer finds, labelled with the gold type when the span is
exactly a gold PERSON/ORG/PLACE name, left out when it overlaps a gold name
otherwise, and NOT_A_NAME for the rest.  The model is scikit-learn's
multinomial logistic regression with an L2 penalty: a convex problem, so the
same examples always give the same weights, whatever their order, and a small
change to the features makes a small change to the model (the averaged
perceptron used before moved GUM dev by up to 0.05 between shuffling seeds).
Training takes seconds on ~15,000 examples; the penalty was chosen on GUM dev.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.names import CLASSES, NAME_TYPES, NOT_A_NAME, Lexicons, NameClassifier, candidate_spans, name_features

# inverse L2 strength of the logistic regression, chosen on GUM dev (training/README.md)
C = 3.0
# a feature whose weights are all smaller than this is dropped, and weights keep 3 decimals: with the written
# documents the classifier has 70,659 features (3.4 MB, over the pipeline's 30 MB with the rest); most of
# them stay (45,923: 2.0 MB) and GUM dev is unchanged (training/README.md)
MIN_WEIGHT = 0.05
ABSENT_CLASS_BIAS = -20.0
# a candidate from the written documents counts half as much as one from GUM or UNER: they are about three
# quarters of the classifier's examples, in kg's guide's conventions rather than GUM's, and twice as rich in
# places; chosen on GUM dev among 1, 0.5 and 0.3 (training/README.md, "GUM's courts, possessives, lighter
# written documents")
WRITTEN_WEIGHT = 0.5


def examples(nlp: Language, references: Iterable[Doc], lexicons: Lexicons) -> Iterator[tuple[list[str], int]]:
    """(features, class index) for every candidate in documents with entity annotation.

    The candidates are the ones :func:`kg.names.find_names` will see: proper-noun runs and the recognizer's
    PERSON/ORG/PLACE entities (not the gold names themselves, which at run time nothing proposes).  A
    candidate that is exactly a gold PERSON/ORG/PLACE name takes its type; one that overlaps a gold name
    without being it ("Senegal" in "the Republic of Senegal", a part of a longer name) is left out, as the
    overlap step decides those, and teaching that a place after "of" is no name would be wrong; the rest,
    names of other kinds (MISC) among them, are NOT_A_NAME."""
    annotated = [doc for doc in references if any(token.ent_iob != 0 for token in doc)]
    predicted = nlp.pipe(Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
                         for doc in annotated)
    for reference, doc in zip(annotated, predicted):
        # a name of another kind (MISC: a language, a work, a spacecraft) is no PERSON, ORG or PLACE
        gold = {(ent.start, ent.end): ent.label_ for ent in reference.ents if ent.label_ != "MISC"}
        recognized = {(ent.start, ent.end) for ent in doc.ents if ent.label_ in NAME_TYPES}
        for start, end in sorted(candidate_spans(doc, lexicons) | recognized):
            label = gold.get((start, end), NOT_A_NAME)
            if label not in CLASSES or (label == NOT_A_NAME and any(
                    other_start < end and start < other_end for other_start, other_end in gold)):
                continue
            yield name_features(doc, start, end, lexicons), CLASSES.index(label)


def train(samples: list[tuple[list[str], int]], c: float = C, weights: list[float] | None = None) -> NameClassifier:
    """Multinomial logistic regression over ``samples`` (binary features; the "bias" feature every example
    has stands in for the intercept), each weighted by ``weights`` (default: all 1); weights rounded and
    near-zero rows dropped to keep the file small.

    A class without examples (only in tiny training slices) gets weight 0 everywhere and a bias of
    ``ABSENT_CLASS_BIAS``, so it is practically never chosen; with fewer than two classes there is nothing
    to learn and the classifier is empty (``kg_entity_types`` then uses its rules only)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    labels = [label for _, label in samples]
    if len(set(labels)) < 2:
        return NameClassifier()
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform({feature: 1 for feature in features} for features, _ in samples)
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(matrix, labels, sample_weight=weights)
    # with two classes scikit-learn keeps one row, the log-odds of the second; split it evenly between them
    rows = model.coef_ if len(model.classes_) > 2 else [-model.coef_[0] / 2, model.coef_[0] / 2]
    by_class = dict(zip(model.classes_.tolist(), rows))
    weights = {}
    for column, feature in enumerate(vectorizer.get_feature_names_out()):
        row = [float(by_class[label][column]) if label in by_class else 0.0 for label in range(len(CLASSES))]
        if feature == "bias":
            row = [value if label in by_class else ABSENT_CLASS_BIAS for label, value in enumerate(row)]
        if feature == "bias" or any(abs(value) >= MIN_WEIGHT for value in row):
            weights[feature] = [round(value, 3) for value in row]
    return NameClassifier(weights)
