"""SHACL: every graph kg writes conforms; broken graphs are reported."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import rdflib
from conftest import REPO

from kg import load_graph, validate
from kg.namespaces import KG

GRAPH = REPO / "output" / "graph.ttl"


def test_packaged_copies_match_the_ontology_folder():
    for packaged, source in (("shapes.ttl", "shapes.ttl"), ("context.jsonld", "context.jsonld")):
        assert (REPO / "kg" / "export" / packaged).read_bytes() == (REPO / "ontology" / source).read_bytes()


def test_the_example_graph_conforms():
    assert validate(load_graph(GRAPH)).conforms


def test_a_fresh_build_conforms(tmp_path):
    (tmp_path / "a.txt").write_text("Nikki Haley criticized China. China did not veto the resolution. "
                                    "Haley said Russia blocked the measure.", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "a.txt"), "-o", str(tmp_path), "-q"],
                   check=True)
    assert validate(load_graph(tmp_path / "graph.ttl")).conforms


def test_violations_are_reported(tmp_path):
    graph = load_graph(GRAPH)
    statement = next(graph.subjects(rdflib.RDF.type, KG.Statement))
    graph.set((statement, KG.confidence, rdflib.Literal(Decimal("2.5"))))
    entity = next(graph.subjects(KG.mentionCount, None))
    graph.remove((entity, rdflib.RDFS.label, None))
    result = validate(graph)
    assert not result.conforms
    assert {v.focus for v in result.violations} == {str(statement), str(entity)}
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    out = subprocess.run([sys.executable, "-m", "kg", "validate", str(broken)], capture_output=True, text=True)
    assert out.returncode == 1 and "2 violation(s)" in out.stderr
