"""kg_entity_types: re-typing the recognizer's entities (rules on hand-built Docs, lexicons in the model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from kg.entity_types import EntityTypeRefiner

_VOCAB = spacy.blank("en").vocab
REFINER = EntityTypeRefiner(places=["Seattle", "Houston", "Washington", "Georgia", "São Paulo", "Russia"],
                            given_names=["otto", "georgia", "john"], surnames=["washington", "houston"])


def retyped(words: list[str], ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    doc = Doc(_VOCAB, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return [(ent.text, ent.label_) for ent in REFINER(doc).ents]


def test_name_words_decide_organizations_and_places():
    assert retyped(["Columbia", "University", "hired", "him"], [(0, 2, "PLACE")]) == [("Columbia University", "ORG")]
    assert retyped(["Hudson", "River", "froze"], [(0, 2, "PERSON")]) == [("Hudson River", "PLACE")]
    # one word alone is not enough: "Museum" may be the whole (odd) name
    assert retyped(["Museum", "opened"], [(0, 1, "ORG")]) == [("Museum", "ORG")]
    # in "X of Y" the type hangs on X
    assert retyped(["Museum", "of", "Flight", "won"], [(0, 3, "ORG")]) == [("Museum of Flight", "PLACE")]
    assert retyped(["Bank", "of", "Houston", "won"], [(0, 3, "PLACE")]) == [("Bank of Houston", "ORG")]


def test_titles_and_given_names_make_persons():
    assert retyped(["Mr.", "Smithers", "left"], [(1, 2, "ORG")]) == [("Smithers", "PERSON")]
    assert retyped(["Otto", "Jespersen", "wrote"], [(0, 2, "PLACE")]) == [("Otto Jespersen", "PERSON")]


def test_persons_lose_leading_titles_and_other_names_keep_them():
    assert retyped(["Professor", "Eastman", "said", "Professor", "Eastman", "left"], [(0, 2, "PERSON"), (3, 5, "PERSON")]) \
        == [("Eastman", "PERSON"), ("Eastman", "PERSON")]
    assert retyped(["Chief", "Justice", "Kennedy", "wrote"], [(0, 3, "PERSON")]) == [("Kennedy", "PERSON")]
    assert retyped(["General", "Motors", "grew"], [(0, 2, "ORG")]) == [("General Motors", "ORG")]
    assert retyped(["the", "Queen", "spoke"], [(1, 2, "PERSON")]) == [("Queen", "PERSON")]  # a title alone stays


def test_place_names_become_places_unless_also_common_person_names():
    assert retyped(["Seattle", "grew"], [(0, 1, "PERSON")]) == [("Seattle", "PLACE")]
    assert retyped(["Sao", "Paulo", "grew"], [(0, 2, "ORG")]) == [("Sao Paulo", "PLACE")]
    assert retyped(["Washington", "spoke"], [(0, 1, "PERSON")]) == [("Washington", "PERSON")]  # a common surname
    assert retyped(["Georgia", "sang"], [(0, 1, "PERSON")]) == [("Georgia", "PERSON")]  # a common given name
    assert retyped(["Washington", "agreed"], [(0, 1, "ORG")]) == [("Washington", "PLACE")]


def test_one_type_per_name_in_a_document_and_surnames_follow_the_full_name():
    words = ["Byron", "wrote", ".", "Byron", "left", ".", "Byron", "returned", "."]
    assert retyped(words, [(0, 1, "PERSON"), (3, 4, "PERSON"), (6, 7, "ORG")]) == [("Byron", "PERSON")] * 3
    words = ["Antonin", "Dvorak", "composed", ".", "Dvorak", "left"]
    assert retyped(words, [(0, 2, "PERSON"), (4, 5, "PLACE")]) == [("Antonin Dvorak", "PERSON"), ("Dvorak", "PERSON")]


def test_other_labels_are_left_alone():
    assert retyped(["World", "War", "II", "ended"], [(0, 3, "EVENT")]) == [("World War II", "EVENT")]


def test_lexicons_round_trip_through_disk(tmp_path):
    REFINER.to_disk(tmp_path)
    loaded = EntityTypeRefiner().from_disk(tmp_path)
    assert loaded.places == REFINER.places and "sao paulo" in loaded.places


def test_bundled_pipeline_re_types_with_its_stored_lexicons(nlp):
    assert nlp.pipe_names.index("kg_entity_types") == nlp.pipe_names.index("ner") + 1
    refiner = nlp.get_pipe("kg_entity_types")
    assert {"seattle", "moscow", "south carolina", "china"} <= refiner.places
    assert {"nikki", "john"} <= refiner.given_names
    assert refiner.classifier and "bias" in refiner.classifier.weights  # the name classifier the recipe trained


def test_a_place_after_of_in_a_person_name_is_not_a_surname():
    words = ["Vladimir", "Putin", "of", "Russia", "spoke", ".", "Russia", "agreed"]
    assert retyped(words, [(0, 4, "PERSON"), (6, 7, "PLACE")])[1] == ("Russia", "PLACE")
    words = ["John", "Seattle", "spoke", ".", "Seattle", "agreed"]  # a known place is never taken for a surname
    assert retyped(words, [(0, 2, "PERSON"), (4, 5, "PLACE")])[1] == ("Seattle", "PLACE")


def test_an_era_beside_a_year_is_no_name():
    assert retyped(["in", "508", "BC", "."], [(2, 3, "PLACE")]) == []
    assert retyped(["until", "AD", "394", "."], [(1, 3, "ORG")]) == []
    # without a number next to it the same letters may be a name
    assert retyped(["the", "AD", "group", "met"], [(1, 2, "ORG")]) == [("AD", "ORG")]


def test_names_do_not_start_or_end_with_whitespace():
    doc = Doc(_VOCAB, words=["Joshua", "Norton", "\n\n", "Norton", "ruled", "\n\n"],
              spaces=[True, False, False, True, False, False])
    doc.ents = [Span(doc, 0, 3, label="PERSON"), Span(doc, 3, 4, label="PERSON"), Span(doc, 5, 6, label="ORG")]
    assert [(ent.start, ent.end, ent.label_) for ent in REFINER(doc).ents] == [(0, 2, "PERSON"), (3, 4, "PERSON")]


def test_clusters_in_the_vocab_are_stored_once_and_read_back_from_it(tmp_path):
    nlp = spacy.blank("en")
    nlp.vocab.lookups.add_table("lexeme_cluster", {"Oakland": 0b1011, "Paris": 0b0011, "city": 0b0111})
    refiner = nlp.add_pipe("kg_entity_types")
    refiner.set_lexicons(["Oakland"], [], [], {"Oakland": 0b1011, "Paris": 0b0011})
    nlp.to_disk(tmp_path / "with_table")
    assert not (tmp_path / "with_table" / "kg_entity_types" / "clusters.json").exists()
    clusters = spacy.load(tmp_path / "with_table").get_pipe("kg_entity_types").lexicons.clusters
    # the words the classifier was trained with; lower-case words have no cluster for it, as in training
    assert (clusters.get("Oakland"), clusters.get("Paris"), clusters.get("city"), clusters.get("Neiafu")) == \
        (0b1011, 0b0011, 0, 0)

    refiner.set_lexicons(["Oakland"], [], [], {"Oakland": 0b1011, "Bohemia": 0b1011})  # not all in the table
    nlp.to_disk(tmp_path / "without")
    assert (tmp_path / "without" / "kg_entity_types" / "clusters.json").is_file()
    assert spacy.load(tmp_path / "without").get_pipe("kg_entity_types").lexicons.clusters == {
        "Oakland": 0b1011, "Bohemia": 0b1011}


def test_a_persons_affiliation_after_of_becomes_a_name_of_its_own():
    words = ["Darwin", "Beck", "of", "First", "Boston", "said"]
    assert retyped(words, [(0, 5, "PERSON")]) == [("Darwin Beck", "PERSON"), ("First Boston", "ORG")]
    words = ["Vladimir", "Putin", "of", "Russia", "spoke"]
    assert retyped(words, [(0, 4, "PERSON")]) == [("Vladimir Putin", "PERSON"), ("Russia", "PLACE")]
    words = ["Bill", "Bolster", "of", "the", "firm"]  # no name after "of": the person alone
    assert retyped(words, [(0, 4, "PERSON")]) == [("Bill Bolster", "PERSON")]
    # a one-word name keeps its epithet; a title before "of" is no person's name
    assert retyped(["Hilary", "of", "Poitiers", "wrote"], [(0, 3, "PERSON")]) == [("Hilary of Poitiers", "PERSON")]
    words = ["White", "House", "Chief", "of", "Staff", "spoke"]
    assert retyped(words, [(0, 5, "PERSON")]) == [("White House Chief of Staff", "PERSON")]


def test_a_courtesy_title_inside_a_name_starts_a_persons_name():
    words = ["treaty", "Liu", "Jieyi", "Mr.", "Assad", "signed"]
    assert retyped(words, [(1, 5, "PERSON")]) == [("Liu Jieyi", "PERSON"), ("Assad", "PERSON")]
    words = ["the", "Security", "Council", "Mr.", "Assad", "knew"]
    assert retyped(words, [(1, 4, "ORG"), (4, 5, "PERSON")]) == [("Security Council", "ORG"), ("Assad", "PERSON")]
    assert retyped(["Elm", "Dr.", "is", "closed"], [(0, 2, "PLACE")]) == [("Elm Dr.", "PLACE")]  # "Drive"


def parsed(words: list[str], heads: list[int], deps: list[str], ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    doc = Doc(_VOCAB, words=words, heads=heads, deps=deps)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return [(ent.text, ent.label_) for ent in REFINER(doc).ents]


def test_a_possessors_s_ends_its_name_in_both_label_schemes():
    words = ["Russia", "'s", "Foreign", "Ministry", "said", "no"]
    for possessor, marker in (("nmod:poss", "case"), ("poss", "possessive")):  # UD (kg's model), ClearNLP (spaCy's)
        deps = [possessor, marker, "compound", "nsubj", "ROOT", "obj"]
        assert parsed(words, [3, 0, 3, 4, 4, 4], deps, [(0, 4, "ORG")]) == [("Russia", "PLACE"), ("Foreign Ministry", "ORG")]
        # at the end of a name it is dropped
        assert parsed(["in", "Hurt", "'s", "favor"], [3, 3, 1, 3], ["case", possessor, marker, "ROOT"],
                      [(1, 3, "PERSON")]) == [("Hurt", "PERSON")]
    # where the parse makes it no possessor, the 's belongs to the name: "ate at McDonald's."
    assert parsed(["ate", "at", "McDonald", "'s", "."], [0, 2, 0, 2, 0], ["ROOT", "case", "obl", "case", "punct"],
                  [(2, 4, "ORG")]) == [("McDonald 's", "ORG")]


def test_a_name_the_text_uses_as_a_languages_is_misc_in_both_label_schemes():
    words = ["Eegimaa", "is", "a", "Jóola", "language", ".", "It", "reached", "Eegimaa", "."]
    ents = [(0, 1, "PLACE"), (3, 4, "PERSON"), (8, 9, "PLACE")]
    ud = ([4, 4, 4, 4, 4, 4, 7, 7, 7, 7],
          ["nsubj", "cop", "det", "compound", "ROOT", "punct", "nsubj", "ROOT", "obj", "punct"])
    clear = ([1, 1, 4, 4, 1, 1, 7, 7, 7, 7],
             ["nsubj", "ROOT", "det", "compound", "attr", "punct", "nsubj", "ROOT", "dobj", "punct"])
    for heads, deps in (ud, clear):
        # every mention of the name in the document: the later "Eegimaa" too
        assert parsed(words, heads, deps, ents) == [("Eegimaa", "MISC"), ("Jóola", "MISC"), ("Eegimaa", "MISC")]
    words = ["speakers", "of", "Kujireray", "and", "Bayot"]
    ud = ([0, 2, 0, 4, 2], ["ROOT", "case", "nmod", "cc", "conj"])
    clear = ([0, 0, 1, 4, 2], ["ROOT", "prep", "pobj", "cc", "conj"])
    for heads, deps in (ud, clear):
        assert parsed(words, heads, deps, [(2, 3, "PLACE"), (4, 5, "PLACE")]) == [("Kujireray", "MISC"), ("Bayot", "MISC")]
    # what a language is "of" is a place, and a person may be a speaker
    assert parsed(["the", "language", "of", "Essil"], [1, 1, 3, 1], ["det", "ROOT", "case", "nmod"],
                  [(3, 4, "PLACE")]) == [("Essil", "PLACE")]
    assert parsed(["Smith", "is", "a", "speaker"], [3, 3, 3, 3], ["nsubj", "cop", "det", "ROOT"],
                  [(0, 1, "PERSON")]) == [("Smith", "PERSON")]


def test_a_vehicles_name_is_misc_and_so_is_its_last_word_alone():
    words = ["the", "Space", "Shuttle", "Atlantis", "landed", ";", "Atlantis", "and", "USS", "Potomac", "wait"]
    assert retyped(words, [(1, 4, "ORG"), (6, 7, "PLACE"), (8, 10, "ORG")]) == [
        ("Space Shuttle Atlantis", "MISC"), ("Atlantis", "MISC"), ("USS Potomac", "MISC")]
    # a prefix that does not start the name, or with nothing after it, is no vehicle's
    assert retyped(["Norwegian", "Air", "Shuttle", "flies", ";", "USS", "said"], [(0, 3, "ORG"), (5, 6, "ORG")]) == [
        ("Norwegian Air Shuttle", "ORG"), ("USS", "ORG")]


def test_a_place_or_acronym_run_together_with_a_persons_full_name_is_two_names():
    words = ["Governor", "of", "Washington", "John", "Smith", "said"]
    assert retyped(words, [(2, 5, "PLACE")]) == [("Washington", "PLACE"), ("John Smith", "PERSON")]
    assert retyped(["Image", ":", "NASA", "John", "Smith"], [(2, 5, "ORG")]) == [("NASA", "ORG"), ("John Smith", "PERSON")]
    # kept whole: the "place" is a given name too; an organization's name; no person's last word
    assert retyped(["Georgia", "John", "Smith"], [(0, 3, "PERSON")]) == [("Georgia John Smith", "PERSON")]
    assert retyped(["Seattle", "John", "Smith", "Ltd"], [(0, 3, "ORG")]) == [("Seattle John Smith", "ORG")]
    assert retyped(["NASA", "John", "Smith", "Center"], [(0, 4, "PLACE")]) == [("NASA John Smith Center", "PLACE")]
    # nor where the place goes on into the next word: "San Francisco Bulletin"
    refiner = EntityTypeRefiner(places=["San", "San Francisco"], given_names=["francisco"])
    doc = Doc(_VOCAB, words=["San", "Francisco", "Bulletin"])
    doc.ents = [Span(doc, 0, 3, label="PERSON")]
    assert [(ent.text, ent.label_) for ent in refiner(doc).ents] == [("San Francisco Bulletin", "PERSON")]


def test_an_events_name_is_an_event_and_so_is_a_storms_last_word_alone():
    words = ["Cyclone", "Phailin", "hit", ";", "Phailin", "and", "the", "French", "Revolution", "and", "World", "War",
             "II", "and", "the", "Battle", "of", "Chudnov"]
    ents = [(0, 2, "PLACE"), (4, 5, "PERSON"), (7, 9, "ORG"), (10, 13, "PLACE"), (15, 18, "PLACE")]
    assert retyped(words, ents) == [("Cyclone Phailin", "EVENT"), ("Phailin", "EVENT"), ("French Revolution", "EVENT"),
                                    ("World War II", "EVENT"), ("Battle of Chudnov", "EVENT")]
    # one word alone is no event's name by its head word; organizations named like events stay ("Vanity Fair")
    assert retyped(["War", "and", "Vanity", "Fair"], [(0, 1, "ORG"), (2, 4, "ORG")]) == [
        ("War", "ORG"), ("Vanity Fair", "ORG")]
