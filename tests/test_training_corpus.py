"""Which words of a GUM entity mention become the recognizer's name span (hand-built CoNLL-U records).

GUM marks whole noun phrases; kg's recognizer learns names as OntoNotes and spaCy's English models mark
them: no determiner, no title before a person's name, no clause or apposition after it.
"""

from __future__ import annotations

import itertools

from kg.training.conllu import Mention, Sentence, Word
from kg.training.corpus import iob_tags, name_spans


def sentence(rows: list[tuple[str, str, str, int, str]], mentions: list[tuple[int, int, str, str]]) -> Sentence:
    """rows: (form, upos, xpos, head (1-based, 0 = root), deprel); mentions: (start, end, type, identity)."""
    words = [Word(form, form.lower(), upos, xpos, "_", head, deprel, True) for form, upos, xpos, head, deprel in rows]
    return Sentence("s1", "doc", words, [Mention(*mention) for mention in mentions])


def names(sent: Sentence) -> list[tuple[str, str]]:
    return [(" ".join(word.form for word in sent.words[start:end]), label) for start, end, label in name_spans(sent)]


def test_a_persons_title_stays_out_of_the_name():
    # GUM: "NASA Administrator Charles Bolden announced", Administrator = nmod:desc of Charles
    sent = sentence([("NASA", "PROPN", "NNP", 2, "compound"), ("Administrator", "PROPN", "NNP", 3, "nmod:desc"),
                     ("Charles", "PROPN", "NNP", 5, "nsubj"), ("Bolden", "PROPN", "NNP", 3, "flat"),
                     ("announced", "VERB", "VBD", 0, "root")],
                    [(0, 4, "person", "Charles_Bolden"), (0, 1, "organization", "NASA")])
    assert names(sent) == [("NASA", "ORG"), ("Charles Bolden", "PERSON")]


def test_mr_is_a_title_but_st_in_a_place_name_is_not():
    person = sentence([("Mr.", "PROPN", "NNP", 2, "nmod:desc"), ("Jones", "PROPN", "NNP", 3, "nsubj"),
                       ("left", "VERB", "VBD", 0, "root")], [(0, 2, "person", "")])
    place = sentence([("St.", "PROPN", "NNP", 2, "nmod:desc"), ("Louis", "PROPN", "NNP", 3, "nsubj"),
                      ("grew", "VERB", "VBD", 0, "root")], [(0, 2, "place", "St._Louis")])
    assert names(person) == [("Jones", "PERSON")]
    assert names(place) == [("St. Louis", "PLACE")]


def test_a_phrase_in_front_of_a_persons_name_stays_out():
    # "Governor of Washington Chris Gregoire said"
    sent = sentence([("Governor", "PROPN", "NNP", 4, "nmod:desc"), ("of", "ADP", "IN", 3, "case"),
                     ("Washington", "PROPN", "NNP", 4, "nmod"), ("Chris", "PROPN", "NNP", 6, "nsubj"),
                     ("Gregoire", "PROPN", "NNP", 4, "flat"), ("said", "VERB", "VBD", 0, "root")],
                    [(0, 5, "person", "Christine_Gregoire"), (2, 3, "place", "Washington_(state)")])
    assert names(sent) == [("Washington", "PLACE"), ("Chris Gregoire", "PERSON")]


def test_a_name_after_a_common_noun_is_a_name():
    # "the Berlin music critic Louis Ehlert": GUM's head is "critic", the name hangs off it with flat
    sent = sentence([("by", "ADP", "IN", 5, "case"), ("the", "DET", "DT", 5, "det"),
                     ("Berlin", "PROPN", "NNP", 5, "compound"), ("music", "NOUN", "NN", 5, "compound"),
                     ("critic", "NOUN", "NN", 0, "root"), ("Louis", "PROPN", "NNP", 5, "flat"),
                     ("Ehlert", "PROPN", "NNP", 6, "flat")],
                    [(1, 7, "person", "Louis_Ehlert"), (2, 3, "place", "Berlin")])
    assert names(sent) == [("Berlin", "PLACE"), ("Louis Ehlert", "PERSON")]


def test_a_name_in_apposition_to_a_common_noun_is_a_name():
    # GUM: "as music journalist Stanley Mitchell": Stanley = appos of journalist, Mitchell = flat of Stanley
    sent = sentence([("as", "ADP", "IN", 3, "case"), ("music", "NOUN", "NN", 3, "compound"),
                     ("journalist", "NOUN", "NN", 0, "root"), ("Stanley", "PROPN", "NNP", 3, "appos"),
                     ("Mitchell", "PROPN", "NNP", 4, "flat")], [(1, 5, "person", "")])
    assert names(sent) == [("Stanley Mitchell", "PERSON")]


def test_a_suffix_after_a_persons_name_stays_in_it():
    # GUM attaches "Jr." as nmod:desc too; only what stands in front of a name is a title
    sent = sentence([("Martin", "PROPN", "NNP", 5, "nsubj"), ("Luther", "PROPN", "NNP", 1, "flat"),
                     ("King", "PROPN", "NNP", 1, "flat"), ("Jr.", "PROPN", "NNP", 1, "nmod:desc"),
                     ("spoke", "VERB", "VBD", 0, "root")], [(0, 4, "person", "Martin_Luther_King_Jr.")])
    assert names(sent) == [("Martin Luther King Jr.", "PERSON")]


def test_a_common_noun_phrase_without_a_name_gives_nothing():
    sent = sentence([("the", "DET", "DT", 2, "det"), ("country", "NOUN", "NN", 3, "nsubj"),
                     ("voted", "VERB", "VBD", 0, "root")], [(0, 2, "place", "Russia")])
    assert names(sent) == []


def test_of_phrases_stay_inside_organization_names_and_determiners_go():
    sent = sentence([("the", "DET", "DT", 2, "det"), ("Museum", "PROPN", "NNP", 5, "nsubj"),
                     ("of", "ADP", "IN", 4, "case"), ("Flight", "PROPN", "NNP", 2, "nmod"),
                     ("won", "VERB", "VBD", 0, "root")], [(0, 4, "organization", "Museum_of_Flight")])
    assert names(sent) == [("Museum of Flight", "ORG")]
    assert iob_tags(5, name_spans(sent)) == ["O", "B-ORG", "I-ORG", "I-ORG", "O"]


def test_coordination_in_front_of_the_head_is_inside_the_name():
    # "the National Air and Space Museum": Space = conj of Air, both in front of the head Museum
    sent = sentence([("the", "DET", "DT", 6, "det"), ("National", "PROPN", "NNP", 6, "compound"),
                     ("Air", "PROPN", "NNP", 6, "compound"), ("and", "CCONJ", "CC", 5, "cc"),
                     ("Space", "PROPN", "NNP", 3, "conj"), ("Museum", "PROPN", "NNP", 7, "nsubj"),
                     ("opened", "VERB", "VBD", 0, "root")], [(0, 6, "place", "National_Air_and_Space_Museum")])
    assert names(sent) == [("National Air and Space Museum", "PLACE")]


def test_coordination_after_the_head_joins_two_names():
    # "France and Germany agreed": one GUM mention for both, two names
    sent = sentence([("France", "PROPN", "NNP", 4, "nsubj"), ("and", "CCONJ", "CC", 3, "cc"),
                     ("Germany", "PROPN", "NNP", 1, "conj"), ("agreed", "VERB", "VBD", 0, "root")],
                    [(0, 3, "place", ""), (0, 1, "place", "France"), (2, 3, "place", "Germany")])
    assert names(sent) == [("France", "PLACE"), ("Germany", "PLACE")]


def test_a_dropped_modifier_cuts_the_name_on_its_own_side_only():
    # "The Salt and Verde Rivers of central Arizona": "central" drops, so "of Arizona" goes, not "Salt"
    sent = sentence([("The", "DET", "DT", 5, "det"), ("Salt", "PROPN", "NNP", 5, "compound"),
                     ("and", "CCONJ", "CC", 4, "cc"), ("Verde", "PROPN", "NNP", 2, "conj"),
                     ("Rivers", "PROPN", "NNPS", 10, "nsubj"), ("of", "ADP", "IN", 8, "case"),
                     ("central", "ADJ", "JJ", 8, "amod"), ("Arizona", "PROPN", "NNP", 5, "nmod"),
                     ("were", "AUX", "VBD", 10, "aux"), ("used", "VERB", "VBN", 0, "root")],
                    [(0, 8, "place", "Salt_River"), (6, 8, "place", "Arizona")])
    assert names(sent) == [("Salt and Verde Rivers", "PLACE"), ("Arizona", "PLACE")]


def test_a_person_named_by_a_title_alone_has_no_name_but_a_name_inside_stays():
    # "the Governor of Virginia said": a title, not a name; Virginia is a name
    sent = sentence([("the", "DET", "DT", 2, "det"), ("Governor", "PROPN", "NNP", 5, "nsubj"),
                     ("of", "ADP", "IN", 4, "case"), ("Virginia", "PROPN", "NNP", 2, "nmod"),
                     ("said", "VERB", "VBD", 0, "root")], [(0, 4, "person", ""), (3, 4, "place", "Virginia")])
    chief = sentence([("Chief", "PROPN", "NNP", 2, "compound"), ("Justice", "PROPN", "NNP", 3, "nsubj"),
                      ("wrote", "VERB", "VBD", 0, "root")], [(0, 2, "person", "John_Roberts")])
    assert names(sent) == [("Virginia", "PLACE")]
    assert names(chief) == []


def test_a_title_word_that_is_a_first_name_stays_a_name():
    # "Dean Forester left": the head is a title word, but a surname hangs off it with flat
    sent = sentence([("Dean", "PROPN", "NNP", 3, "nsubj"), ("Forester", "PROPN", "NNP", 1, "flat"),
                     ("left", "VERB", "VBD", 0, "root")], [(0, 2, "person", "")])
    assert names(sent) == [("Dean Forester", "PERSON")]


def test_a_name_does_not_end_in_a_preposition():
    # a mention that stops after "of" ("the Hebrew University of" + a name GUM left outside it)
    sent = sentence([("the", "DET", "DT", 3, "det"), ("Hebrew", "PROPN", "NNP", 3, "compound"),
                     ("University", "PROPN", "NNP", 6, "nsubj"), ("of", "ADP", "IN", 5, "case"),
                     ("Jerusalem", "PROPN", "NNP", 3, "nmod"), ("said", "VERB", "VBD", 0, "root")],
                    [(0, 4, "organization", "")])
    assert names(sent) == [("Hebrew University", "ORG")]


def test_a_persons_affiliation_after_of_is_a_name_of_its_own():
    # "Claudia Mo of the Civic Party said": GUM's person mention spans the whole phrase
    sent = sentence([("Claudia", "PROPN", "NNP", 7, "nsubj"), ("Mo", "PROPN", "NNP", 1, "flat"),
                     ("of", "ADP", "IN", 6, "case"), ("the", "DET", "DT", 6, "det"),
                     ("Civic", "ADJ", "JJ", 6, "amod"), ("Party", "PROPN", "NNP", 1, "nmod"),
                     ("said", "VERB", "VBD", 0, "root")],
                    [(0, 6, "person", ""), (3, 6, "organization", "Civic_Party")])
    assert names(sent) == [("Claudia Mo", "PERSON"), ("Civic Party", "ORG")]


def test_an_of_phrase_that_is_not_an_organization_or_place_stays_in_a_persons_name():
    # "Man of the Match": "Match" is no organization or place mention, so the name is whole
    sent = sentence([("Man", "PROPN", "NNP", 5, "nsubj"), ("of", "ADP", "IN", 4, "case"),
                     ("the", "DET", "DT", 4, "det"), ("Match", "PROPN", "NNP", 1, "nmod"),
                     ("won", "VERB", "VBD", 0, "root")], [(0, 4, "person", "")])
    assert names(sent) == [("Man of the Match", "PERSON")]


def test_a_parenthetical_and_a_bare_noun_modifier_are_not_part_of_a_name():
    # "Childish Recollections (1806)" and "Coron Island itself" (UD 2.15: nmod:unmarked)
    work = sentence([("Childish", "ADJ", "JJ", 2, "amod"), ("Recollections", "PROPN", "NNP", 0, "root"),
                     ("(", "PUNCT", "-LRB-", 4, "punct"), ("1806", "NUM", "CD", 2, "nmod:unmarked"),
                     (")", "PUNCT", "-RRB-", 4, "punct")], [(0, 5, "abstract", ""), (3, 4, "time", "")])
    island = sentence([("Coron", "PROPN", "NNP", 0, "root"), ("Island", "PROPN", "NNP", 1, "flat"),
                       ("itself", "PRON", "PRP", 1, "nmod:unmarked")], [(0, 3, "place", "Coron")])
    assert names(work) == [("Childish Recollections", "MISC")]
    assert names(island) == [("Coron Island", "PLACE")]


def test_ewt_train_names_come_from_the_annotation_file(tmp_path):
    from spacy.vocab import Vocab

    from kg.training.corpus import read_name_annotation, sentences_to_doc

    def ewt(sent_id: str, rows: list[tuple[str, str]]) -> Sentence:
        words = [Word(form, form.lower(), upos, "_", "_", 0, "dep", True) for form, upos in rows]
        return Sentence(sent_id, "doc", words, [])

    read = ewt("read", [("Nikki", "PROPN"), ("Haley", "PROPN"), ("criticized", "VERB"), ("China", "PROPN")])
    read_no_name = ewt("read-no-name", [("Thanks", "NOUN"), ("Bob", "PROPN")])
    unread = ewt("unread", [("Russia", "PROPN"), ("vetoed", "VERB")])
    no_proper_noun = ewt("no-proper-noun", [("it", "PRON"), ("rained", "VERB")])
    path = tmp_path / "names.tsv"
    path.write_text("read\t0:2:PERSON\t3:4:PLACE\nread-no-name\n", encoding="utf-8")
    names = read_name_annotation(path)
    assert names == {"read": [(0, 2, "PERSON"), (3, 4, "PLACE")], "read-no-name": []}

    doc = sentences_to_doc(Vocab(), [read, read_no_name, unread, no_proper_noun], with_entities=False, names=names)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Nikki Haley", "PERSON"), ("China", "PLACE")]
    # read sentences and those without a proper noun are "outside" where unnamed; an unread one is missing
    assert [token.ent_iob_ for token in doc] == ["B", "I", "O", "B", "O", "O", "", "", "O", "O"]
    assert sentences_to_doc(Vocab(), [unread], with_entities=False, names=names).has_annotation("ENT_IOB") is False
    assert sentences_to_doc(Vocab(), [read], with_entities=False).has_annotation("ENT_IOB") is False


def test_the_shipped_ewt_train_names_are_well_formed():
    from kg.training.corpus import EWT_TRAIN_NAMES, read_name_annotation

    names = read_name_annotation(EWT_TRAIN_NAMES)
    assert len(names) > 5000
    for spans in names.values():
        assert all(0 <= start < end for start, end, _ in spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # sorted, not overlapping


def test_the_ewt_dev_check_annotation_reads_like_the_train_one():
    from pathlib import Path

    from kg.training.corpus import read_name_annotation

    check = Path(__file__).resolve().parent.parent / "training" / "ewt-names" / "ewt_dev_check.tsv"
    names = read_name_annotation(check)
    assert len(names) == 600 and all(sent_id.startswith(("email", "newsgroup", "answers", "reviews", "weblog"))
                                     for sent_id in names)


def test_written_documents_lose_their_markup_and_keep_their_names(tmp_path):
    from kg.training.corpus import read_written_docs, written_docs

    path = tmp_path / "written.txt"
    path.write_text("### DOC news ferry\nFerry strike\n\n[[Ana Silva|PERSON]] of the [[Port Authority|ORG]] said "
                    "[[Lisbon|PLACE]]'s ferries stop.\n### DOC bio smiths\nThe [[Halvorsen|PERSON]]s left.\n",
                    encoding="utf-8")
    documents = read_written_docs(path)
    assert [document.name for document in documents] == ["news_ferry", "bio_smiths"]
    assert documents[0].text == "Ferry strike\n\nAna Silva of the Port Authority said Lisbon's ferries stop."
    names = [documents[0].text[start:end] for start, end, _ in documents[0].names]
    assert names == ["Ana Silva", "Port Authority", "Lisbon"]

    news, bio = written_docs(documents)
    assert [(ent.text, ent.label_) for ent in news.ents] == [("Ana Silva", "PERSON"), ("Port Authority", "ORG"),
                                                             ("Lisbon", "PLACE")]
    assert all(token.ent_iob_ == "O" for token in news if not token.ent_type_)  # every name was marked
    # a name that ends inside a token ("Halvorsens") is left missing, not taught as outside
    assert [token.ent_iob_ for token in bio] == ["O", "", "O", "O"]


def test_the_shipped_written_documents_are_well_formed():
    from kg.training.corpus import LABELS, WRITTEN_DOCS, read_written_docs

    documents = read_written_docs(WRITTEN_DOCS)
    assert len(documents) >= 300
    assert len({document.name for document in documents}) == len(documents)
    for document in documents:
        assert all(label in LABELS and document.text[start:end].strip() == document.text[start:end]
                   for start, end, label in document.names)


def test_gum_conventions_mark_the_court_as_gum_does():
    """training/written-docs/gum_conventions.py: "the Court" / "this Court" / "the Crown" become ORG names;
    inside a marked name, after another capitalized word or before "of" they stay as they are; twice is once."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "training" / "written-docs" / "gum_conventions.py"
    spec = importlib.util.spec_from_file_location("gum_conventions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = ("May it please the Court: this Court held, and the Crown agreed, that the [[Supreme Court|ORG]] "
            "and the Court of Appeal and the High Court Judge erred.")
    marked, count = module.mark(text)
    assert count == 3
    assert marked == ("May it please the [[Court|ORG]]: this [[Court|ORG]] held, and the [[Crown|ORG]] agreed, that "
                      "the [[Supreme Court|ORG]] and the Court of Appeal and the High Court Judge erred.")
    assert module.mark(marked) == (marked, 0)
