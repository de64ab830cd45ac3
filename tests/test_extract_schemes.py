"""Every extractor on hand-built parses, in both label schemes (UD and ClearNLP)."""

from __future__ import annotations

import pytest
from conftest import make_doc, triples_of

from kg.extract import CLEARNLP, UD, detect_scheme, extract_triples

P, N, V, D, A, PU = "PROPN", "NOUN", "VERB", "DET", "ADP", "PUNCT"

ACTIVE = {
    "ud": [("Russia", 1, "nsubj", P, "NNP"), ("vetoed", 1, "ROOT", V, "VBD", "veto"),
           ("the", 3, "det", D, "DT"), ("resolution", 1, "obj", N, "NN"), (".", 1, "punct", PU, ".")],
    "clearnlp": [("Russia", 1, "nsubj", P, "NNP"), ("vetoed", 1, "ROOT", V, "VBD", "veto"),
                 ("the", 3, "det", D, "DT"), ("resolution", 1, "dobj", N, "NN"), (".", 1, "punct", PU, ".")],
}

PASSIVE = {
    "ud": [("The", 1, "det", D, "DT"), ("measure", 3, "nsubj:pass", N, "NN"), ("was", 3, "aux:pass", "AUX", "VBD", "be"),
           ("vetoed", 3, "ROOT", V, "VBN", "veto"), ("by", 5, "case", A, "IN"), ("Russia", 3, "obl:agent", P, "NNP"),
           (".", 3, "punct", PU, ".")],
    "clearnlp": [("The", 1, "det", D, "DT"), ("measure", 3, "nsubjpass", N, "NN"),
                 ("was", 3, "auxpass", "AUX", "VBD", "be"), ("vetoed", 3, "ROOT", V, "VBN", "veto"),
                 ("by", 3, "agent", A, "IN"), ("Russia", 4, "pobj", P, "NNP"), (".", 3, "punct", PU, ".")],
}

AGENTLESS = {
    "ud": [("The", 1, "det", D, "DT"), ("measure", 3, "nsubj:pass", N, "NN"), ("was", 3, "aux:pass", "AUX", "VBD", "be"),
           ("vetoed", 3, "ROOT", V, "VBN", "veto"), (".", 3, "punct", PU, ".")],
    "clearnlp": [("The", 1, "det", D, "DT"), ("measure", 3, "nsubjpass", N, "NN"),
                 ("was", 3, "auxpass", "AUX", "VBD", "be"), ("vetoed", 3, "ROOT", V, "VBN", "veto"),
                 (".", 3, "punct", PU, ".")],
}

COPULA = {  # Russia is Assad 's ally .
    "ud": [("Russia", 4, "nsubj", P, "NNP"), ("is", 4, "cop", "AUX", "VBZ", "be"), ("Assad", 4, "nmod:poss", P, "NNP"),
           ("'s", 2, "case", "PART", "POS"), ("ally", 4, "ROOT", N, "NN"), (".", 4, "punct", PU, ".")],
    "clearnlp": [("Russia", 1, "nsubj", P, "NNP"), ("is", 1, "ROOT", "AUX", "VBZ", "be"), ("Assad", 4, "poss", P, "NNP"),
                 ("'s", 2, "case", "PART", "POS"), ("ally", 1, "attr", N, "NN"), (".", 1, "punct", PU, ".")],
}

APPOSITION = {  # Russia 's envoy , Vladimir Safronkov , spoke .
    "ud": [("Russia", 2, "nmod:poss", P, "NNP"), ("'s", 0, "case", "PART", "POS"), ("envoy", 7, "nsubj", N, "NN"),
           (",", 4, "punct", PU, ","), ("Vladimir", 2, "appos", P, "NNP"), ("Safronkov", 4, "flat", P, "NNP"),
           (",", 4, "punct", PU, ","), ("spoke", 7, "ROOT", V, "VBD", "speak"), (".", 7, "punct", PU, ".")],
    "clearnlp": [("Russia", 2, "poss", P, "NNP"), ("'s", 0, "case", "PART", "POS"), ("envoy", 7, "nsubj", N, "NN"),
                 (",", 2, "punct", PU, ","), ("Vladimir", 5, "compound", P, "NNP"), ("Safronkov", 2, "appos", P, "NNP"),
                 (",", 2, "punct", PU, ","), ("spoke", 7, "ROOT", V, "VBD", "speak"), (".", 7, "punct", PU, ".")],
}

PREPOSITIONAL = {  # Trump expressed admiration for Putin and spoke to reporters .
    "ud": [("Trump", 1, "nsubj", P, "NNP"), ("expressed", 1, "ROOT", V, "VBD", "express"),
           ("admiration", 1, "obj", N, "NN"), ("for", 4, "case", A, "IN"), ("Putin", 2, "nmod", P, "NNP"),
           ("and", 6, "cc", "CCONJ", "CC"), ("spoke", 1, "conj", V, "VBD", "speak"), ("to", 8, "case", A, "IN"),
           ("reporters", 6, "obl", N, "NNS", "reporter"), (".", 1, "punct", PU, ".")],
    "clearnlp": [("Trump", 1, "nsubj", P, "NNP"), ("expressed", 1, "ROOT", V, "VBD", "express"),
                 ("admiration", 1, "dobj", N, "NN"), ("for", 2, "prep", A, "IN"), ("Putin", 3, "pobj", P, "NNP"),
                 ("and", 1, "cc", "CCONJ", "CC"), ("spoke", 1, "conj", V, "VBD", "speak"), ("to", 6, "prep", A, "IN"),
                 ("reporters", 7, "pobj", N, "NNS", "reporter"), (".", 1, "punct", PU, ".")],
}

COORDINATION = {  # Britain and France drafted resolutions and statements .
    "ud": [("Britain", 3, "nsubj", P, "NNP"), ("and", 2, "cc", "CCONJ", "CC"), ("France", 0, "conj", P, "NNP"),
           ("drafted", 3, "ROOT", V, "VBD", "draft"), ("resolutions", 3, "obj", N, "NNS", "resolution"),
           ("and", 6, "cc", "CCONJ", "CC"), ("statements", 4, "conj", N, "NNS", "statement"), (".", 3, "punct", PU, ".")],
    "clearnlp": [("Britain", 3, "nsubj", P, "NNP"), ("and", 0, "cc", "CCONJ", "CC"), ("France", 0, "conj", P, "NNP"),
                 ("drafted", 3, "ROOT", V, "VBD", "draft"), ("resolutions", 3, "dobj", N, "NNS", "resolution"),
                 ("and", 4, "cc", "CCONJ", "CC"), ("statements", 4, "conj", N, "NNS", "statement"),
                 (".", 3, "punct", PU, ".")],
}

NEGATED = {  # China did not veto the resolution .
    "ud": [("China", 3, "nsubj", P, "NNP"), ("did", 3, "aux", "AUX", "VBD", "do"), ("not", 3, "advmod", "PART", "RB"),
           ("veto", 3, "ROOT", V, "VB"), ("the", 5, "det", D, "DT"), ("resolution", 3, "obj", N, "NN"),
           (".", 3, "punct", PU, ".")],
    "clearnlp": [("China", 3, "nsubj", P, "NNP"), ("did", 3, "aux", "AUX", "VBD", "do"), ("not", 3, "neg", "PART", "RB"),
                 ("veto", 3, "ROOT", V, "VB"), ("the", 5, "det", D, "DT"), ("resolution", 3, "dobj", N, "NN"),
                 (".", 3, "punct", PU, ".")],
}

SCHEMES = ["ud", "clearnlp"]


def _misparsed_relative(relcl: str, to: str, obj: str) -> list[tuple]:
    """Trump , who vowed to improve ties , praised the deal . — with "praised" hung inside the relative
    clause, as an adverbial clause of "improve" (a parse kg's pipeline gives)."""
    return [("Trump", 0, "ROOT", P, "NNP"), (",", 3, "punct", PU, ","), ("who", 3, "nsubj", "PRON", "WP"),
            ("vowed", 0, relcl, V, "VBD", "vow"), ("to", 5, to, "PART", "TO"), ("improve", 3, "xcomp", V, "VB"),
            ("ties", 5, obj, N, "NNS", "tie"), (",", 8, "punct", PU, ","), ("praised", 5, "advcl", V, "VBD", "praise"),
            ("the", 10, "det", D, "DT"), ("deal", 8, obj, N, "NN"), (".", 0, "punct", PU, ".")]


MISPARSED_RELATIVE = {"ud": _misparsed_relative("acl:relcl", "mark", "obj"),
                      "clearnlp": _misparsed_relative("relcl", "aux", "dobj")}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_scheme_is_detected(scheme):
    assert detect_scheme(make_doc(ACTIVE[scheme])) is (UD if scheme == "ud" else CLEARNLP)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_active_svo(scheme):
    assert triples_of(make_doc(ACTIVE[scheme])) == {("Russia", "veto", "resolution")}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_passive_agent_becomes_subject(scheme):
    assert triples_of(make_doc(PASSIVE[scheme])) == {("Russia", "veto", "measure")}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_agentless_passive_invents_no_agent(scheme):
    assert triples_of(make_doc(AGENTLESS[scheme])) == set()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_copula_with_relational_noun(scheme):
    assert triples_of(make_doc(COPULA[scheme])) == {("Russia", "ally_of", "Assad"), ("Russia", "be", "ally")}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_apposition_with_possessive_relational_noun(scheme):
    found = triples_of(make_doc(APPOSITION[scheme], ents=[(0, 1, "PLACE"), (4, 6, "PERSON")]))
    assert ("Vladimir Safronkov", "envoy_of", "Russia") in found
    assert ("Vladimir Safronkov", "be", "envoy") in found


@pytest.mark.parametrize("scheme", SCHEMES)
def test_prepositional_objects_of_verb_and_of_object(scheme):
    found = triples_of(make_doc(PREPOSITIONAL[scheme]))
    assert ("Trump", "express_admiration_for", "Putin") in found
    assert ("Trump", "speak_to", "reporters") in found  # subject shared by the coordinated verb
    assert ("Trump", "express", "admiration") in found


@pytest.mark.parametrize("scheme", SCHEMES)
def test_coordination_is_split(scheme):
    assert triples_of(make_doc(COORDINATION[scheme])) == {
        ("Britain", "draft", "resolutions"), ("Britain", "draft", "statements"),
        ("France", "draft", "resolutions"), ("France", "draft", "statements"),
    }


@pytest.mark.parametrize("scheme", SCHEMES)
def test_negation_is_a_qualifier_not_dropped_or_flipped(scheme):
    (triple,) = extract_triples(make_doc(NEGATED[scheme]))
    assert (triple.subject.text, triple.relation, triple.object.text) == ("China", "veto", "resolution")
    assert triple.negated


@pytest.mark.parametrize("scheme", SCHEMES)
def test_records_carry_spans_confidence_and_extractor(scheme):
    doc = make_doc(ACTIVE[scheme], ents=[(0, 1, "PLACE")])
    (triple,) = extract_triples(doc)
    assert doc.text[triple.subject.start_char:triple.subject.end_char] == "Russia"
    assert doc.text[triple.object.start_char:triple.object.end_char] == "resolution"
    assert (triple.object.full_start, triple.object.full_end) == (2, 4)  # "the resolution"
    assert triple.subject.label == "PLACE"
    assert triple.extractor == "active"
    assert 0 < triple.confidence <= 1


def test_pronoun_arguments_are_skipped():
    rows = [("She", 1, "nsubj", "PRON", "PRP", "she"), ("vetoed", 1, "ROOT", V, "VBD", "veto"),
            ("it", 1, "obj", "PRON", "PRP"), (".", 1, "punct", PU, ".")]
    assert triples_of(make_doc(rows)) == set()


def test_spacy_component_sets_doc_extension():
    import spacy

    import kg.extract.component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_triples")
    doc = nlp.get_pipe("kg_triples")(make_doc(ACTIVE["ud"]))
    assert [(t.subject.text, t.relation, t.object.text) for t in doc._.triples] == [("Russia", "veto", "resolution")]


DEMONYM = {  # The French ambassador , François Delattre , spoke .
    "ud": [("The", 2, "det", D, "DT"), ("French", 2, "amod", "ADJ", "JJ"), ("ambassador", 7, "nsubj", N, "NN"),
           (",", 4, "punct", PU, ","), ("François", 2, "appos", P, "NNP"), ("Delattre", 4, "flat", P, "NNP"),
           (",", 4, "punct", PU, ","), ("spoke", 7, "ROOT", V, "VBD", "speak"), (".", 7, "punct", PU, ".")],
    "clearnlp": [("The", 2, "det", D, "DT"), ("French", 2, "amod", "ADJ", "JJ"), ("ambassador", 7, "nsubj", N, "NN"),
                 (",", 2, "punct", PU, ","), ("François", 5, "compound", P, "NNP"), ("Delattre", 2, "appos", P, "NNP"),
                 (",", 2, "punct", PU, ","), ("spoke", 7, "ROOT", V, "VBD", "speak"), (".", 7, "punct", PU, ".")],
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_demonym_adjective_names_the_country(scheme):
    doc = make_doc(DEMONYM[scheme], ents=[(4, 6, "PERSON")])
    (triple,) = [t for t in extract_triples(doc) if t.relation == "ambassador_of"]
    assert (triple.subject.text, triple.object.text, triple.object.label) == ("François Delattre", "France", "PLACE")
    assert doc.text[triple.object.start_char:triple.object.end_char] == "French"


ATTRIBUTION = {  # Haley said Russia vetoed the resolution .
    "ud": [("Haley", 1, "nsubj", P, "NNP"), ("said", 1, "ROOT", V, "VBD", "say"), ("Russia", 3, "nsubj", P, "NNP"),
           ("vetoed", 1, "ccomp", V, "VBD", "veto"), ("the", 5, "det", D, "DT"), ("resolution", 3, "obj", N, "NN"),
           (".", 1, "punct", PU, ".")],
    "clearnlp": [("Haley", 1, "nsubj", P, "NNP"), ("said", 1, "ROOT", V, "VBD", "say"), ("Russia", 3, "nsubj", P, "NNP"),
                 ("vetoed", 1, "ccomp", V, "VBD", "veto"), ("the", 5, "det", D, "DT"), ("resolution", 3, "dobj", N, "NN"),
                 (".", 1, "punct", PU, ".")],
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_reported_speech_carries_speaker_and_cue(scheme):
    (triple,) = extract_triples(make_doc(ATTRIBUTION[scheme]))
    assert (triple.subject.text, triple.relation, triple.object.text) == ("Russia", "veto", "resolution")
    assert (triple.attribution.text, triple.attribution_cue) == ("Haley", "say")


PARTICLE_DITRANSITIVE = {  # Russia gave up the plan and gave Syria a warning .
    "ud": [("Russia", 1, "nsubj", P, "NNP"), ("gave", 1, "ROOT", V, "VBD", "give"), ("up", 1, "compound:prt", "ADP", "RP"),
           ("the", 4, "det", D, "DT"), ("plan", 1, "obj", N, "NN"), ("and", 6, "cc", "CCONJ", "CC"),
           ("gave", 1, "conj", V, "VBD", "give"), ("Syria", 6, "iobj", P, "NNP"), ("a", 9, "det", D, "DT"),
           ("warning", 6, "obj", N, "NN"), (".", 1, "punct", PU, ".")],
    "clearnlp": [("Russia", 1, "nsubj", P, "NNP"), ("gave", 1, "ROOT", V, "VBD", "give"), ("up", 1, "prt", "ADP", "RP"),
                 ("the", 4, "det", D, "DT"), ("plan", 1, "dobj", N, "NN"), ("and", 1, "cc", "CCONJ", "CC"),
                 ("gave", 1, "conj", V, "VBD", "give"), ("Syria", 6, "dative", P, "NNP"), ("a", 9, "det", D, "DT"),
                 ("warning", 6, "dobj", N, "NN"), (".", 1, "punct", PU, ".")],
}

MODAL = {  # Russia may veto the resolution .
    "ud": [("Russia", 2, "nsubj", P, "NNP"), ("may", 2, "aux", "AUX", "MD"), ("veto", 2, "ROOT", V, "VB"),
           ("the", 4, "det", D, "DT"), ("resolution", 2, "obj", N, "NN"), (".", 2, "punct", PU, ".")],
    "clearnlp": [("Russia", 2, "nsubj", P, "NNP"), ("may", 2, "aux", "AUX", "MD"), ("veto", 2, "ROOT", V, "VB"),
                 ("the", 4, "det", D, "DT"), ("resolution", 2, "dobj", N, "NN"), (".", 2, "punct", PU, ".")],
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_particle_verbs_and_ditransitives(scheme):
    assert triples_of(make_doc(PARTICLE_DITRANSITIVE[scheme])) == {
        ("Russia", "give_up", "plan"), ("Russia", "give", "Syria"), ("Russia", "give", "warning")}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_modality_is_a_qualifier(scheme):
    (triple,) = extract_triples(make_doc(MODAL[scheme]))
    assert (triple.relation, triple.modal, triple.negated) == ("veto", "may", False)


PASSIVE_CONTROL = {  # Haley was asked to condemn Russia .
    "ud": [("Haley", 2, "nsubj:pass", P, "NNP"), ("was", 2, "aux:pass", "AUX", "VBD", "be"),
           ("asked", 2, "ROOT", V, "VBN", "ask"), ("to", 4, "mark", "PART", "TO"), ("condemn", 2, "xcomp", V, "VB"),
           ("Russia", 4, "obj", P, "NNP"), (".", 2, "punct", PU, ".")],
    "clearnlp": [("Haley", 2, "nsubjpass", P, "NNP"), ("was", 2, "auxpass", "AUX", "VBD", "be"),
                 ("asked", 2, "ROOT", V, "VBN", "ask"), ("to", 4, "aux", "PART", "TO"), ("condemn", 2, "xcomp", V, "VB"),
                 ("Russia", 4, "dobj", P, "NNP"), (".", 2, "punct", PU, ".")],
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_open_complement_of_a_passive_takes_its_subject(scheme):
    assert triples_of(make_doc(PASSIVE_CONTROL[scheme])) == {("Haley", "ask_to_condemn", "Russia")}


def test_participle_tagged_adjective_under_a_copula_is_still_a_passive():
    # "was vetoed by" misparsed as copula + ADJ with a plain "by" oblique: the agent still becomes the subject
    doc = make_doc([("The", 1, "det", "DET", "DT"), ("measure", 3, "nsubj", "NOUN", "NN"),
                    ("was", 3, "cop", "AUX", "VBD", "be"), ("vetoed", 3, "ROOT", "ADJ", "JJ", "vetoed"),
                    ("by", 5, "case", "ADP", "IN"), ("Russia", 3, "obl", "PROPN", "NNP"),
                    (".", 3, "punct", "PUNCT", ".")], ents=[(5, 6, "PLACE")])
    assert {(s, o) for s, _, o in triples_of(doc)} >= {("Russia", "measure")}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_main_verb_hung_inside_a_relative_clause_takes_the_root_noun_as_subject(scheme):
    assert triples_of(make_doc(MISPARSED_RELATIVE[scheme])) == {("Trump", "vow_to_improve", "ties"),
                                                                ("Trump", "praise", "deal")}
