"""SPARQL over a graph file: ``kg.query("output/graph.ttl", "SELECT ...")``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

from kg.errors import KgError
from kg.namespaces import PREFIXES

FORMATS = ("table", "csv", "json")


def load_graph(path: str | Path) -> Graph:
    """Parse an RDF file (format guessed from its extension; Turtle otherwise)."""
    path = Path(path)
    if not path.is_file():
        raise KgError(f"{path}: no such graph file")
    from rdflib.util import guess_format

    fmt = guess_format(str(path)) or "turtle"
    graph = Graph()
    try:
        if fmt in {"trig", "nquads"}:  # named graphs: query their union
            from rdflib import Dataset

            dataset = Dataset()
            dataset.parse(path, format=fmt)
            for prefix, namespace in dataset.namespaces():
                graph.bind(prefix, namespace)
            for subject, predicate, obj, _ in dataset.quads():
                graph.add((subject, predicate, obj))
        else:
            graph.parse(path, format=fmt)
    except Exception as error:  # rdflib raises many parser-specific types
        raise KgError(f"{path}: not a readable RDF graph ({str(error).splitlines()[0][:160]})") from None
    return graph


def query(graph: Graph | str | Path, sparql: str) -> Result:
    """Run ``sparql`` (kg's prefixes predeclared) on a graph or graph file."""
    if not isinstance(graph, Graph):
        graph = load_graph(graph)
    try:
        return graph.query(sparql, initNs=PREFIXES)
    except Exception as error:  # pyparsing and rdflib errors alike
        message = " ".join(str(error).split())[:200]
        raise KgError(f"bad SPARQL query: {message}") from None


def _cell(value) -> str:
    return "" if value is None else str(value)


def format_rows(names: list[str], rows: list[list[str]], fmt: str) -> str:
    """SELECT rows as an aligned table or CSV."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buffer.getvalue().rstrip("\n")
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


def format_result(result: Result, fmt: str = "table") -> str:
    """Render SELECT rows as an aligned table, CSV or SPARQL JSON; ASK as true/false;
    CONSTRUCT/DESCRIBE as Turtle."""
    if fmt not in FORMATS:
        raise KgError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) if fmt == "json" \
            else str(bool(result.askAnswer)).lower()
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    names = [str(v) for v in result.vars]
    return format_rows(names, [[_cell(row[i]) for i in range(len(names))] for row in result], fmt)


def format_store_result(result, fmt: str = "table") -> str:
    """Render a :class:`kg.store.StoreResult` like :func:`format_result` renders rdflib's."""
    if fmt not in FORMATS:
        raise KgError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    if result.kind == "CONSTRUCT":
        return result.triples.rstrip("\n")
    if fmt == "json":
        bindings = [{name: {"value": value} for name, value in zip(result.variables, row) if value is not None}
                    for row in result.rows]
        return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}})
    return format_rows(list(result.variables), [[v or "" for v in row] for row in result.rows], fmt)


def convert(source: str | Path, target: str | Path) -> Path:
    """Write the graph in ``source`` to ``target`` in the format its suffix names (.ttl, .nt, .jsonld,
    .trig, .graphml, .gexf, .csv, .html)."""
    from kg.export import FORMAT_OF_SUFFIX, SUFFIXES, WRITERS
    from kg.io import write_atomically

    target = Path(target)
    fmt = FORMAT_OF_SUFFIX.get(target.suffix.lower())
    if fmt is None:
        raise KgError(f"{target}: unknown output format '{target.suffix}' (use {', '.join(sorted(SUFFIXES.values()))})")
    write_atomically({target: WRITERS[fmt](load_graph(source))})
    return target
