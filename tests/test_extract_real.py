"""Extraction on real parses by kg's bundled pipeline: sentences modelled on the example article."""

from __future__ import annotations

import pytest

from kg.extract import extract_triples

CASES = [
    ("Russia vetoed the resolution.", {("Russia", "veto", "resolution")}),
    ("The measure was blocked by Russia.", {("Russia", "block", "measure")}),
    ("Nikki Haley criticized China and Russia.",
     {("Nikki Haley", "criticize", "China"), ("Nikki Haley", "criticize", "Russia")}),
    ("The resolution, proposed by Britain and France, failed.",
     {("Britain", "propose", "resolution"), ("France", "propose", "resolution")}),
    ("Haley vowed to maintain sanctions.", {("Haley", "vow_to_maintain", "sanctions")}),
    # the title may or may not be part of the name ("President Putin" / "Putin"); the relation is what counts
    ("Mr. Trump expressed admiration for President Putin.",
     [{("Mr. Trump", "express_admiration_for", "President Putin")}, {("Mr. Trump", "express_admiration_for", "Putin")}]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0] for c in CASES])
def test_expected_triples_are_found(nlp, sentence, expected):
    found = {(t.subject.text, t.relation, t.object.text) for t in extract_triples(nlp(sentence))}
    alternatives = expected if isinstance(expected, list) else [expected]
    assert any(triples <= found for triples in alternatives), found


def test_relative_clause_subject_is_the_noun_not_who(nlp):
    doc = nlp("Mr. Trump, who has vowed to improve ties with Moscow, praised the deal.")
    found = {(t.subject.text, t.relation, t.object.text) for t in extract_triples(doc)}
    assert ("Mr. Trump", "vow_to_improve", "ties") in found
    assert all(subject != "who" for subject, _, _ in found)


def test_main_clause_after_a_parenthetical_relative_clause(nlp):
    doc = nlp("Mr. Trump, who has vowed to improve ties with Moscow, praised the deal.")
    found = {(t.subject.text, t.relation, t.object.text) for t in extract_triples(doc)}
    assert ("Mr. Trump", "praise", "deal") in found


def test_passive_misparsed_as_adjective_keeps_its_direction(nlp):
    # kg's parser reads the rare verb in "was vetoed by" as copula + adjective; the agent still becomes subject
    found = {(t.subject.text, t.object.text) for t in extract_triples(nlp("The measure was vetoed by Russia."))}
    assert ("Russia", "measure") in found


@pytest.mark.xfail(reason="parser error, not extraction: the current en_kg_core attaches the possessor 'Mr. Assad' to "
                          "'foreign' instead of 'ally'; the previous model parsed it right, and the possessive is "
                          "covered by hand-built tests.", strict=False)
def test_possessor_of_a_copula_predicate(nlp):
    found = {(t.subject.text, t.relation, t.object.text)
             for t in extract_triples(nlp("Russia is Mr. Assad's most important foreign ally."))}
    assert ("Russia", "ally_of", "Mr. Assad") in found


def test_negation_on_a_real_parse(nlp):
    (triple,) = [t for t in extract_triples(nlp("China did not veto the resolution.")) if t.relation == "veto"]
    assert triple.negated and triple.subject.text == "China"
