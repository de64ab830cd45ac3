"""Finding names the recognizer missed or cut wrongly: candidates and a trained classifier.

kg's recognizer learned from about 100k words of entity annotation, and on
GUM it finds only about seven in ten names with the right boundaries.  Most
names it misses are plain proper-noun runs the tagger does see ("Athens",
"Mof-Ávvi", "Environment Canada").  So ``kg_entity_types`` takes as
*candidates* the recognizer's PERSON/ORG/PLACE entities together with every
run of proper nouns (and each run again without the titles in front of it),
and lets a small linear classifier, trained by the recipe on the same
annotation (``kg/training/names.py``), decide for each candidate: not a name,
PERSON, ORG or PLACE.  The recognizer's own label counts as one more vote,
all mentions of one name in a document share one decision, and where
candidates overlap the more confident one wins.

The classifier's features are sparse strings over the pipeline's own tags
and parse (words of the name, its neighbours, its head and dependency, word
shapes, the word lists of :mod:`kg.entity_types`, and the Brown clusters of
its first and last word, learned from a large corpus, which tell how a word
the training data never had is used), so its weights are a plain
``{feature: [weights per class]}`` table stored with the pipeline.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc

NOT_A_NAME = "NONE"
CLASSES = (NOT_A_NAME, "PERSON", "ORG", "PLACE")
NAME_TYPES = CLASSES[1:]
# The recognizer's label adds RECOGNIZER_VOTE to its log-probability (chosen on GUM dev, training/README.md).
RECOGNIZER_VOTE = 1.0


def fold(text: str) -> str:
    """Lower-case ASCII with single spaces: "São  Paulo" → "sao paulo"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", ascii_text.lower()).strip()


def clustered_for_names(word: str) -> bool:
    """Whether the classifier has a Brown cluster for ``word``: only words that do not start with a lower-case
    letter, the ones a name can start or end with (120k of the 190k words with a cluster)."""
    return not word[:1].islower()


class Clusters(Protocol):
    """Word → Brown cluster (0 for none), false when empty: a dict, or :class:`kg.entity_types.VocabClusters`."""

    def get(self, word: str, default: int = 0, /) -> int: ...


@dataclass(frozen=True)
class Lexicons:
    """Folded word lists (see :func:`fold`) the features look names up in, and word clusters (exact words)."""

    places: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()
    # Brown cluster of a word as an integer whose lowest bits are the top of the cluster tree, so the lowest
    # k bits name its ancestor k levels down ("Oakland" and "Bohemia" share all theirs, "Paris" its lowest 8)
    clusters: Clusters = field(default_factory=dict)


CLUSTER_DEPTHS = (4, 6, 8, 10, 12, 16)


def cluster_features(word: str, position: str, clusters: Clusters) -> list[str]:
    """The word's Brown-cluster ancestors at :data:`CLUSTER_DEPTHS` (or that it has no cluster): words
    used alike in a large corpus share them, so a name never seen in training still looks like its kind."""
    cluster = clusters.get(word, 0)
    if not cluster:
        return [f"{position}cl=none"]
    return [f"{position}cl{depth}={cluster & ((1 << depth) - 1)}" for depth in CLUSTER_DEPTHS]


def proper_noun_runs(doc: Doc) -> set[tuple[int, int]]:
    """(start, end) of every maximal run of proper nouns within a sentence that starts with a capital
    letter or a non-letter ("Mof-Ávvi", "Environment Canada", "2Pac")."""
    runs = set()
    index = 0
    while index < len(doc):
        first = doc[index]
        if first.pos_ == "PROPN" and (first.text[:1].isupper() or not first.text[:1].isalpha()):
            end = index + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].is_sent_start:
                end += 1
            runs.add((index, end))
            index = end
        else:
            index += 1
    return runs


def candidate_spans(doc: Doc, lexicons: Lexicons) -> set[tuple[int, int]]:
    """The proper-noun runs; each run that starts with titles once more without them ("President Obama" →
    "Obama" too: names of persons leave titles out, but "General Motors" must stay a candidate); and two
    runs joined by "and" or "&" when the second ends in an organization or place word ("National Air and
    Space Museum", "Newfoundland and Labrador Court"), while "France and Germany" stay two."""
    runs = proper_noun_runs(doc)
    candidates = set(runs)
    for start, end in runs:
        candidates.add((after_titles(doc, start, end, lexicons.titles), end))
    run_ends = dict(runs)
    head_words = lexicons.org_words | lexicons.place_words
    for start, end in runs:
        following = run_ends.get(end + 1)
        if following and doc[end].lower_ in ("and", "&") and doc[following - 1].lower_ in head_words:
            candidates.add((start, following))
    return candidates


def after_titles(doc: Doc, start: int, end: int, titles: frozenset[str]) -> int:
    """Where ``doc[start:end]`` begins once the titles in front are left out ("President", "Dr."); one word
    always stays."""
    while start < end - 1 and doc[start].lower_.rstrip(".") in titles:
        start += 1
    return start


def name_features(doc: Doc, start: int, end: int, lexicons: Lexicons) -> list[str]:
    """The classifier's features for the candidate ``doc[start:end]``."""
    span = doc[start:end]
    words = [token.lower_ for token in span]
    previous = doc[start - 1].lower_ if start > 0 else "<s>"
    before_previous = doc[start - 2].lower_ if start > 1 else "<s>"
    following = doc[end].lower_ if end < len(doc) else "</s>"
    root = span.root
    features = ["bias", *("w=" + word for word in words), "first=" + words[0], "last=" + words[-1],
                f"n={min(len(words), 4)}", "suf3=" + words[-1][-3:], "suf2=" + words[-1][-2:],
                "shape=" + " ".join(token.shape_[:4] for token in span[:3]),
                "prev=" + previous, f"prev2={before_previous}_{previous}", "next=" + following,
                "dep=" + root.dep_, "headlem=" + root.head.lemma_.lower(),
                f"dephead={root.dep_}:{root.head.lemma_.lower()}",
                "sentinit" if span[0].is_sent_start else "midsent",
                "pos=" + " ".join(token.pos_ for token in span[:4]),
                "ppos=" + (doc[start - 1].pos_ if start > 0 else "<s>") + "_"
                + (doc[end].pos_ if end < len(doc) else "</s>"),
                "allprop" if all(token.pos_ == "PROPN" for token in span) else "notallprop"]
    features += ["case=" + child.lower_ for child in root.children if child.dep_ == "case" and child.i < start]
    if previous.rstrip(".") in lexicons.titles:
        features.append("title")
    if fold(span.text) in lexicons.places:
        features.append("gaz_place")
    one_word = "1" if len(words) == 1 else ""
    if fold(span[0].text) in lexicons.given_names:
        features.append("gaz_given_first" + one_word)
    if fold(span[-1].text) in lexicons.surnames:
        features.append("gaz_surname_last" + one_word)
    if len(words) > 1 and words[-1] in lexicons.org_words:
        features.append("orgword")
    if len(words) > 1 and words[-1] in lexicons.place_words:
        features.append("placeword")
    if span.text.isupper() and len(span.text) > 1:
        features.append("allcaps")
    if any(char.isdigit() for char in span.text):
        features.append("digit")
    if span[0].is_sent_start and len(words) == 1:
        features.append("sentinit1=" + words[0])
    if lexicons.clusters:
        features += cluster_features(span[0].text, "F", lexicons.clusters)
        if len(words) > 1:
            features += cluster_features(span[-1].text, "L", lexicons.clusters)
    return features


class NameClassifier:
    """A linear model over :func:`name_features`: one weight per feature and class, whose softmax gives
    the class probabilities (multinomial logistic regression, trained in :mod:`kg.training.names`)."""

    def __init__(self, weights: Mapping[str, list[float]] | None = None) -> None:
        self.weights = dict(weights or {})

    def __bool__(self) -> bool:
        return bool(self.weights)

    def log_probabilities(self, features: Iterable[str]) -> list[float]:
        scores = [0.0] * len(CLASSES)
        for feature in features:
            for index, weight in enumerate(self.weights.get(feature, ())):
                scores[index] += weight
        top = max(scores)
        log_total = top + math.log(sum(math.exp(score - top) for score in scores))
        return [score - log_total for score in scores]


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    label: str


def find_names(doc: Doc, classifier: NameClassifier, lexicons: Lexicons) -> list[Name]:
    """The names of ``doc``: its recognizer entities re-decided and proper-noun runs added.

    One decision per name per document: the log-probabilities of all mentions of one name (folded text)
    are summed, and that sum says whether it is a name and of which type ("Senegal" after "languages of"
    looks like a language, but the same word elsewhere in the document is a country).  Where candidates
    overlap, the mention the classifier is surer of wins.  The recognizer's entities with other labels (EVENT,
    MISC) then fill the words those names leave: the classifier was trained with them as "no name", so where it
    still finds a PERSON, ORG or PLACE on their words it is more often right than the recognizer ("Aleppo" taken
    for a MISC name)."""
    recognized = {(ent.start, ent.end): ent.label_ for ent in doc.ents}
    candidates = candidate_spans(doc, lexicons) | {span for span, label in recognized.items() if label in NAME_TYPES}
    log_probs: dict[tuple[int, int], tuple[str, list[float]]] = {}
    totals_by_name: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(CLASSES))
    for start, end in sorted(candidates):
        values = classifier.log_probabilities(name_features(doc, start, end, lexicons))
        label = recognized.get((start, end))
        if label in NAME_TYPES:
            values[CLASSES.index(label)] += RECOGNIZER_VOTE
        key = fold(doc[start:end].text)
        log_probs[(start, end)] = key, values
        totals = totals_by_name[key]
        for index, value in enumerate(values):
            totals[index] += value
    ranked = []
    for (start, end), (key, values) in log_probs.items():
        totals = totals_by_name[key]
        best = max(range(len(CLASSES)), key=totals.__getitem__)
        if CLASSES[best] == NOT_A_NAME:
            continue
        confidence = max(values[1:]) - values[0]
        ranked.append((confidence, start, end, CLASSES[best]))
    others = [Name(ent.start, ent.end, ent.label_) for ent in doc.ents if ent.label_ not in NAME_TYPES]
    kept: list[Name] = []
    taken: set[int] = set()
    for name in [Name(start, end, label) for _, start, end, label in
                 sorted(ranked, key=lambda item: (-item[0], item[1], item[2]))] + others:
        if taken.isdisjoint(range(name.start, name.end)):
            taken.update(range(name.start, name.end))
            kept.append(name)
    return sorted(kept, key=lambda name: name.start)
