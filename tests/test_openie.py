"""Open IE propositions (CaRB view) on hand-built parses, in both label schemes."""

from __future__ import annotations

import pytest
from conftest import make_doc
from test_extract_schemes import ACTIVE, AGENTLESS, APPOSITION, COPULA, PASSIVE, PREPOSITIONAL

from kg.extract import extract_triples
from kg.openie import Parsed, propositions

SCHEMES = ["ud", "clearnlp"]


def props(rows, ents=()) -> set[tuple[str, tuple[str, ...]]]:
    doc = make_doc(rows, ents)
    return {(p.relation, p.args) for p in propositions(Parsed("d", doc, tuple(extract_triples(doc))))}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_active_clause(scheme):
    assert ("vetoed", ("Russia", "the resolution")) in props(ACTIVE[scheme])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_passive_keeps_surface_order_with_by(scheme):
    assert ("was vetoed by", ("The measure", "Russia")) in props(PASSIVE[scheme])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_agentless_passive_has_no_invented_agent(scheme):
    assert props(AGENTLESS[scheme]) == {("was vetoed", ("The measure", ""))}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_copula(scheme):
    assert ("is", ("Russia", "Assad 's ally")) in props(COPULA[scheme])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_apposition_and_possessive(scheme):
    found = props(APPOSITION[scheme])
    assert ("is", ("Vladimir Safronkov", "Russia 's envoy")) in found  # the name first
    assert ("has", ("Russia", "envoy")) in found


@pytest.mark.parametrize("scheme", SCHEMES)
def test_prepositional_clause_and_object_phrase(scheme):
    found = props(PREPOSITIONAL[scheme])
    assert ("expressed", ("Trump", "admiration for Putin")) in found
    assert ("spoke to", ("Trump", "reporters")) in found


def test_confidences_are_probabilities():
    doc = make_doc(PREPOSITIONAL["ud"])
    assert all(0 < p.confidence < 1 for p in propositions(Parsed("d", doc, tuple(extract_triples(doc)))))
