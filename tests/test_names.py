"""The name classifier of kg_entity_types: candidates, decisions, training, storage (hand-built Docs)."""

from __future__ import annotations

import gzip

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from kg.entity_types import EntityTypeRefiner
from kg.names import (
    CLASSES,
    NAME_TYPES,
    RECOGNIZER_VOTE,
    Lexicons,
    NameClassifier,
    candidate_spans,
    find_names,
    name_features,
    proper_noun_runs,
)
from kg.training import names as training

_VOCAB = spacy.blank("en").vocab


def tagged(words: list[str], pos: list[str], ents: list[tuple[int, int, str]] = (),
           sent_starts: list[bool] | None = None) -> Doc:
    """A Doc with universal POS tags, entities and a flat parse (features need one): every word of a
    sentence hangs from its first word; sentences start where ``sent_starts`` says (default: one)."""
    starts = sent_starts or [index == 0 for index in range(len(words))]
    heads, roots = [], []
    for index, start in enumerate(starts):
        if start or index == 0:
            roots.append(index)
        heads.append(roots[-1])
    deps = ["ROOT" if head == index else "dep" for index, head in enumerate(heads)]
    doc = Doc(_VOCAB, words=words, pos=pos, heads=heads, deps=deps)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def names_of(doc: Doc, classifier: NameClassifier) -> list[tuple[str, str]]:
    return [(doc[name.start:name.end].text, name.label) for name in find_names(doc, classifier, Lexicons())]


SENTENCE = (["Yesterday", "Nikki", "Haley", "met", "Mof-Ávvi", "elders", "in", "iPhone", "land", "."],
            ["NOUN", "PROPN", "PROPN", "VERB", "PROPN", "NOUN", "ADP", "PROPN", "NOUN", "PUNCT"])


def test_candidates_are_capitalized_proper_noun_runs_within_a_sentence():
    assert proper_noun_runs(tagged(*SENTENCE)) == {(1, 3), (4, 5)}  # "iPhone" starts lower-case
    doc = tagged(["Paris", "Texas", "Paris"], ["PROPN"] * 3, sent_starts=[True, False, True])
    assert proper_noun_runs(doc) == {(0, 2), (2, 3)}


def test_runs_starting_with_titles_are_candidates_with_and_without_them():
    doc = tagged(["President", "Obama", "met", "General", "Motors", "."],
                 ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT"])
    lexicons = Lexicons(titles=frozenset({"president", "general"}))
    assert candidate_spans(doc, lexicons) == {(0, 2), (1, 2), (3, 5), (4, 5)}
    assert candidate_spans(tagged(["President"], ["PROPN"]), lexicons) == {(0, 1)}  # never empty


def test_two_runs_joined_by_and_are_one_candidate_when_the_second_ends_in_an_organization_or_place_word():
    museum = tagged(["the", "National", "Air", "and", "Space", "Museum", "opened"],
                    ["DET", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB"])
    countries = tagged(["France", "and", "Germany", "agreed"], ["PROPN", "CCONJ", "PROPN", "VERB"])
    lexicons = Lexicons(org_words=frozenset({"university"}), place_words=frozenset({"museum"}))
    assert candidate_spans(museum, lexicons) == {(1, 3), (4, 6), (1, 6)}
    assert candidate_spans(countries, lexicons) == {(0, 1), (2, 3)}


def test_brown_clusters_of_the_first_and_last_word_are_features_at_several_depths():
    doc = tagged(["in", "Oakland", "Hills", "and", "Neiafu"], ["ADP", "PROPN", "PROPN", "CCONJ", "PROPN"])
    lexicons = Lexicons(clusters={"Oakland": 0b10100110})
    features = name_features(doc, 1, 3, lexicons)
    assert {"Fcl4=6", "Fcl8=166", "Fcl16=166", "Lcl=none"} <= set(features)  # the lowest bits are the top
    assert "Fcl=none" in name_features(doc, 4, 5, lexicons)
    assert not [feature for feature in name_features(doc, 1, 3, Lexicons()) if "cl" in feature.split("=")[0]]


# weights per class, in the order of CLASSES: NONE, PERSON, ORG, PLACE; a mild "no name" to everything, which the
# recognizer's vote outweighs
SAYS_NOTHING = NameClassifier({"bias": [RECOGNIZER_VOTE / 2, 0.0, 0.0, 0.0]})


def test_a_classifier_that_says_nothing_keeps_the_recognizer_and_adds_nothing():
    doc = tagged(*SENTENCE, ents=[(1, 3, "PERSON")])
    assert names_of(doc, SAYS_NOTHING) == [("Nikki Haley", "PERSON")]


def test_proper_noun_runs_the_recognizer_missed_are_added():
    classifier = NameClassifier({"allprop": [0.0, 0.0, 0.0, 20.0], "w=nikki": [0.0, 40.0, 0.0, 0.0]})
    assert names_of(tagged(*SENTENCE), classifier) == [("Nikki Haley", "PERSON"), ("Mof-Ávvi", "PLACE")]


def test_the_classifier_can_overrule_and_remove_the_recognizers_entities():
    classifier = NameClassifier({"w=yesterday": [40.0, 0.0, 0.0, 0.0], "w=haley": [0.0, 30.0, 0.0, 0.0]})
    doc = tagged(*SENTENCE, ents=[(0, 1, "PERSON"), (1, 3, "ORG")])
    assert names_of(doc, classifier) == [("Nikki Haley", "PERSON")]


def test_overlapping_candidates_keep_the_more_confident_and_other_labels_stay():
    words = ["Heaven", "Sent", "Gaming", "hired", "Isabel", "at", "WWII", "."]
    pos = ["PROPN", "PROPN", "PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"]
    doc = tagged(words, pos, ents=[(0, 1, "PERSON"), (6, 7, "EVENT")])
    classifier = NameClassifier({"last=gaming": [0.0, 0.0, 30.0, 0.0], "w=isabel": [0.0, 30.0, 0.0, 0.0],
                                 "w=wwii": [30.0, 0.0, 0.0, 0.0]})
    assert names_of(doc, classifier) == [("Heaven Sent Gaming", "ORG"), ("Isabel", "PERSON"), ("WWII", "EVENT")]


def test_other_labels_yield_to_a_name_the_classifier_finds_on_their_words():
    words = ["Rebels", "held", "Aleppo", "and", "spoke", "Eegimaa", "."]
    pos = ["NOUN", "VERB", "PROPN", "CCONJ", "VERB", "PROPN", "PUNCT"]
    doc = tagged(words, pos, ents=[(2, 3, "MISC"), (5, 6, "MISC")])
    classifier = NameClassifier({"w=aleppo": [0.0, 0.0, 0.0, 30.0], "w=eegimaa": [30.0, 0.0, 0.0, 0.0]})
    assert names_of(doc, classifier) == [("Aleppo", "PLACE"), ("Eegimaa", "MISC")]


def test_mentions_of_one_name_in_a_document_share_the_type_most_evidence_gives():
    words = ["Emperor", "Norton", "ruled", ".", "Norton", "left", ".", "Norton", "slept", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    doc = tagged(words, pos, ents=[(1, 2, "PERSON"), (4, 5, "PLACE"), (7, 8, "PLACE")],
                 sent_starts=[True, False, False, False, True, False, False, True, False, False])
    classifier = NameClassifier({"prev=emperor": [0.0, 60.0, 0.0, 0.0], "allprop": [0.0, 5.0, 0.0, 5.0]})
    assert [label for _, label in names_of(doc, classifier)] == ["PERSON", "PERSON", "PERSON"]


def test_whether_a_name_is_a_name_is_decided_once_per_document():
    # "of Senegal" alone looks like a language ("languages of X"); the other mention settles it
    words = ["Languages", "of", "Senegal", ".", "Senegal", "is", "hot", "."]
    pos = ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "AUX", "ADJ", "PUNCT"]
    doc = tagged(words, pos, sent_starts=[True, False, False, False, True, False, False, False])
    classifier = NameClassifier({"prev=of": [10.0, 0.0, 0.0, 0.0], "allprop": [0.0, 0.0, 0.0, 5.0],
                                 "next=is": [0.0, 0.0, 0.0, 20.0]})
    assert names_of(doc, classifier) == [("Senegal", "PLACE"), ("Senegal", "PLACE")]
    alone = tagged(words[:4], pos[:4])
    assert names_of(alone, classifier) == []


def test_training_examples_are_the_run_time_candidates_labelled_by_gold():
    nlp = spacy.blank("en")
    words = ["Mr.", "Ruiz", "of", "Acme", "Corp", "met", "Nikki", "Haley", "in", "Peru", "."]
    pos = ["PROPN", "PROPN", "ADP", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"]
    reference = Doc(nlp.vocab, words=words)
    reference.ents = [Span(reference, 1, 2, "PERSON"), Span(reference, 3, 5, "ORG"), Span(reference, 6, 8, "PERSON")]

    def pipeline(doc: Doc) -> Doc:  # a stand-in "trained pipeline": tags, and a recognizer that finds "Haley"
        return tagged([token.text for token in doc], pos, ents=[(7, 8, "PERSON")])

    nlp.pipe = lambda docs: map(pipeline, docs)
    labelled = sorted((next(f for f in features if f.startswith("w=")), CLASSES[label])
                      for features, label in training.examples(nlp, [reference], Lexicons()))
    # "Mr. Ruiz" and the recognizer's "Haley" overlap gold names without being them: left out;
    # "Peru" is a candidate no gold name matches: not a name (as far as this annotation knows)
    assert labelled == [("w=acme", "ORG"), ("w=nikki", "PERSON"), ("w=peru", "NONE")]


def test_features_read_words_context_parse_and_word_lists():
    doc = tagged(["Mr.", "Ruiz", "of", "Seattle"], ["PROPN", "PROPN", "ADP", "PROPN"])
    lexicons = Lexicons(places=frozenset({"seattle"}), surnames=frozenset({"ruiz"}), titles=frozenset({"mr"}))
    assert {"w=ruiz", "prev=mr.", "title", "gaz_surname_last1", "next=of"} <= set(name_features(doc, 1, 2, lexicons))
    assert "gaz_place" in name_features(doc, 3, 4, lexicons)


def test_the_classifier_learns_and_is_deterministic_whatever_the_example_order():
    samples = [(["bias", "w=paris"], 3), (["bias", "w=nikki"], 1), (["bias", "w=acme"], 2), (["bias", "w=the"], 0)]
    first, second = training.train(samples * 5), training.train(list(reversed(samples * 5)))
    assert first.weights == second.weights
    for features, label in samples:
        scores = first.log_probabilities(features)
        assert max(range(len(CLASSES)), key=scores.__getitem__) == label


def test_sample_weights_count_examples_less_or_not_at_all():
    """The written documents' candidates are weighted (kg.training.names.WRITTEN_WEIGHT): a weight of 0 is the
    same as leaving the example out, and a lighter weight moves the model less."""
    core = [(["bias", "w=paris"], 3), (["bias", "w=nikki"], 1), (["bias", "w=the"], 0)] * 5
    written = [(["bias", "w=paris"], 1)] * 5  # a conflicting annotation of "Paris"
    without = training.train(core)
    ignored = training.train(core + written, weights=[1.0] * len(core) + [0.0] * len(written))
    assert ignored.log_probabilities(["bias", "w=paris"]) == without.log_probabilities(["bias", "w=paris"])
    half = training.train(core + written, weights=[1.0] * len(core) + [0.5] * len(written))
    full = training.train(core + written)
    assert (full.log_probabilities(["bias", "w=paris"])[1] > half.log_probabilities(["bias", "w=paris"])[1]
            > without.log_probabilities(["bias", "w=paris"])[1])


def test_a_class_without_examples_is_never_chosen_and_one_class_teaches_nothing():
    two_classes = training.train([(["bias", "w=paris"], 3), (["bias", "w=the"], 0)] * 5)
    for features in (["bias", "w=paris"], ["bias", "w=the"], ["bias", "w=unseen"]):
        scores = two_classes.log_probabilities(features)
        assert max(range(len(CLASSES)), key=scores.__getitem__) in (0, 3)
    assert two_classes.log_probabilities(["bias", "w=paris"])[3] > two_classes.log_probabilities(["bias", "w=the"])[3]
    assert not training.train([(["bias", "w=paris"], 3)] * 5)


def test_the_classifier_is_stored_with_the_pipeline(tmp_path):
    refiner = EntityTypeRefiner(places=["Seattle"], name_weights={"w=nikki": [0.0, 1.5, 0.0, -1.5]})
    refiner.to_disk(tmp_path)
    loaded = EntityTypeRefiner().from_disk(tmp_path)
    assert loaded.classifier.weights == {"w=nikki": [0.0, 1.5, 0.0, -1.5]}
    weights = tmp_path / "names.json.gz"
    stored = weights.read_bytes()
    refiner.to_disk(tmp_path)
    assert weights.read_bytes() == stored  # the same bytes again: no time stamp in the gzip header
    (tmp_path / "names.json").write_bytes(gzip.decompress(weights.read_bytes()))  # as 0.8.0 and earlier were packaged
    weights.unlink()
    assert EntityTypeRefiner().from_disk(tmp_path).classifier.weights == {"w=nikki": [0.0, 1.5, 0.0, -1.5]}
    (tmp_path / "names.json").unlink()  # a pipeline packaged before the classifier: rules only
    assert not EntityTypeRefiner().from_disk(tmp_path).classifier


def test_the_word_clusters_are_stored_with_the_pipeline(tmp_path):
    EntityTypeRefiner(clusters={"Oakland": 166, "NASA": 38}).to_disk(tmp_path)
    loaded = EntityTypeRefiner().from_disk(tmp_path)
    assert loaded.clusters == {"Oakland": 166, "NASA": 38} and loaded.lexicons.clusters == loaded.clusters
    (tmp_path / "clusters.json").unlink()  # a pipeline packaged before the cluster features
    assert EntityTypeRefiner().from_disk(tmp_path).clusters == {}


WORDS = st.sampled_from(["Paris", "Nikki", "the", "met", "Acme", "Corp", ".", "of", "WWII", "iPhone"])
POS = st.sampled_from(["PROPN", "NOUN", "VERB", "ADP", "PUNCT"])


@st.composite
def random_docs(draw) -> Doc:
    length = draw(st.integers(1, 14))
    words = draw(st.lists(WORDS, min_size=length, max_size=length))
    pos = draw(st.lists(POS, min_size=length, max_size=length))
    starts = [True, *draw(st.lists(st.booleans(), min_size=length - 1, max_size=length - 1))]
    ents, index = [], 0
    while index < length:
        width = draw(st.integers(0, 3))
        if width and index + width <= length:
            ents.append((index, index + width, draw(st.sampled_from(["PERSON", "ORG", "PLACE", "EVENT"]))))
        index += max(width, 1)
    return tagged(words, pos, ents, sent_starts=starts)


@settings(max_examples=200, deadline=None)
@given(random_docs(), st.dictionaries(st.sampled_from(["bias", "allprop", "w=paris", "w=the", "sentinit"]),
                                      st.lists(st.floats(-50, 50), min_size=4, max_size=4)))
def test_names_are_ordered_disjoint_spans_and_other_labels_survive(doc, weights):
    found = find_names(doc, NameClassifier(weights), Lexicons())
    covered = [index for name in found for index in range(name.start, name.end)]
    assert len(covered) == len(set(covered)) and all(0 <= index < len(doc) for index in covered)
    assert [name.start for name in found] == sorted(name.start for name in found)
    assert all(name.label in NAME_TYPES or name.label == "EVENT" for name in found)
    typed = {index for name in found if name.label in NAME_TYPES for index in range(name.start, name.end)}
    events = {(ent.start, ent.end) for ent in doc.ents if ent.label_ == "EVENT"}
    found_events = {(name.start, name.end) for name in found if name.label == "EVENT"}
    # an EVENT stays unless a PERSON/ORG/PLACE name took some of its words
    assert all(span in found_events or not typed.isdisjoint(range(*span)) for span in events)
