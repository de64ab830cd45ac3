"""The Python API mirrors the CLI: every command is a few lines over a public function."""

from __future__ import annotations

import inspect

from conftest import REPO

import kg
from kg.cli import app

# CLI command → the public function it stands on
MIRRORS = {"build": kg.build, "query": kg.query, "serve": kg.serve, "load": kg.load, "push": kg.push,
           "stats": kg.stats, "validate": kg.validate, "convert": kg.convert, "link": kg.link,
           "extract": kg.extract_triples, "info": kg.model_info}


def test_every_command_has_a_documented_public_function():
    commands = {command.name or command.callback.__name__ for command in app.registered_commands}
    assert commands - {"eval"} <= set(MIRRORS), commands - set(MIRRORS)
    for name, function in MIRRORS.items():
        assert function.__name__ in kg.__all__, name
        assert inspect.getdoc(function), f"{function.__name__} has no docstring"


def test_store_round_trip_through_the_api(tmp_path):
    graph = REPO / "output" / "graph.ttl"
    quads = kg.load(graph, tmp_path / "store")
    assert quads == len(kg.load_graph(graph))
    result = kg.query_store(tmp_path / "store", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(result.rows[0][0]) == quads
    target = kg.convert(graph, tmp_path / "graph.nt")
    assert len(kg.load_graph(target)) == quads
