"""The embedded Oxigraph store: kg load / kg query --store give the same answers as querying the file."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

from kg import load_graph, query
from kg.errors import KgError
from kg.export import WRITERS
from kg.store import load, query_store

GRAPH = REPO / "output" / "graph.ttl"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_load_is_idempotent_and_complete(tmp_path):
    store = tmp_path / "store"
    first = load(GRAPH, store)
    assert load(GRAPH, store) == first == len(load_graph(GRAPH))


def test_store_answers_like_the_file(tmp_path):
    store = tmp_path / "store"
    load(GRAPH, store)
    people = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    from_store = [row[0] for row in query_store(store, people).rows]
    from_file = [str(row.name) for row in query(GRAPH, people)]
    assert from_store == from_file and from_store
    assert query_store(store, "ASK { ?s a kg:Statement }").boolean is True


def test_trig_keeps_named_graphs_and_queries_see_their_union(tmp_path):
    trig = tmp_path / "graph.trig"
    trig.write_bytes(WRITERS["trig"](load_graph(GRAPH)))
    store = tmp_path / "store"
    load(trig, store)
    assert int(query_store(store, COUNT).rows[0][0]) == len(load_graph(GRAPH))


def test_command_line_round_trip(tmp_path):
    store = tmp_path / "store"
    subprocess.run([sys.executable, "-m", "kg", "load", str(GRAPH), "--store", str(store)], check=True,
                   capture_output=True)
    out = subprocess.run([sys.executable, "-m", "kg", "query", "--store", str(store), COUNT, "--format", "csv"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["n", str(len(load_graph(GRAPH)))]


def test_errors_are_clean(tmp_path):
    with pytest.raises(KgError, match="no such store"):
        query_store(tmp_path / "missing", COUNT)
    load(GRAPH, tmp_path / "store")
    with pytest.raises(KgError, match="bad SPARQL"):
        query_store(tmp_path / "store", "SELEC nothing")
    with pytest.raises(KgError, match="no such graph"):
        load(tmp_path / "missing.ttl", tmp_path / "store")
