"""Every format kg writes: RDF round-trips to the same graph; networkx views and CSV keep what they should."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import networkx as nx
import pytest
import rdflib
from conftest import EXAMPLE, REPO

from kg.export import SUFFIXES, WRITERS, to_dataset
from kg.namespaces import KG
from kg.query import convert, load_graph

GRAPH = REPO / "output" / "graph.ttl"


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return load_graph(GRAPH)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "trig"])
def test_rdf_formats_round_trip_to_the_same_graph(graph, fmt, tmp_path):
    path = tmp_path / f"graph{SUFFIXES[fmt]}"
    path.write_bytes(WRITERS[fmt](graph))
    assert set(load_graph(path)) == set(graph)


def test_trig_has_one_named_graph_per_document(graph):
    dataset = to_dataset(graph)
    documents = set(graph.subjects(rdflib.RDF.type, KG.Document))
    named = {g.identifier for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier and len(g)}
    assert named == documents


def test_jsonld_uses_kgs_context(graph):
    assert b'"@context"' in WRITERS["json-ld"](graph) and b'"kg": "https://w3id.org/kg/ontology#"' in WRITERS[
        "json-ld"](graph)


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networkx_formats_keep_entities_and_facts(graph, fmt, read):
    network = read(io.BytesIO(WRITERS[fmt](graph)))
    entities = set(graph.subjects(KG.mentionCount, None))
    assert network.number_of_nodes() == len(entities)
    facts = {(s, o) for s, p, o in graph if s in entities and o in entities}
    assert {(u, v) for u, v in network.edges()} == {(str(s), str(o)) for s, o in facts}


def test_csv_has_one_row_per_statement(graph):
    rows = list(csv.DictReader(io.StringIO(WRITERS["csv"](graph).decode("utf-8"))))
    assert len(rows) == len(set(graph.subjects(rdflib.RDF.type, KG.Statement)))
    assert all(row["sentence"] and row["subject_label"] and row["relation_label"] for row in rows)


def test_convert_picks_the_format_from_the_suffix(graph, tmp_path):
    for suffix in (".nt", ".jsonld", ".trig"):
        assert set(load_graph(convert(GRAPH, tmp_path / f"g{suffix}"))) == set(graph)


def test_build_writes_the_requested_formats(tmp_path):
    subprocess.run([sys.executable, "-m", "kg", "build", str(EXAMPLE), "-o", str(tmp_path), "-q",
                    "--format", "turtle", "--format", "trig", "--format", "csv"], check=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.csv", "graph.records.jsonl.gz", "graph.trig", "graph.ttl"]


def test_unknown_formats_are_one_line_errors(tmp_path):
    for args in (["build", str(EXAMPLE), "-o", str(tmp_path / "o"), "--format", "pdf"],
                 ["convert", str(GRAPH), str(tmp_path / "g.pdf")]):
        result = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True)
        assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert not (tmp_path / "o").exists()
