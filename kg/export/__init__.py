"""Writers from kg's rdflib graph to bytes, keyed by format name, and the file suffix of each.

RDF formats round-trip (parsing the output gives back the same graph); GraphML and GEXF are the networkx view
(entities as nodes, facts as edges); CSV lists the statements with their provenance, one row each.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.export.html import to_html
from kg.export.networkx import to_graphml, to_networkx
from kg.namespaces import KG, PREFIXES

PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
CONTEXT = json.loads(Path(__file__).with_name("context.jsonld").read_text(encoding="utf-8"))["@context"]


def _rdflib(format_name: str) -> Callable[[Graph], bytes]:
    def write(graph: Graph) -> bytes:
        return graph.serialize(format=format_name, encoding="utf-8")

    return write


def to_jsonld(graph: Graph) -> bytes:
    """JSON-LD with kg's context inlined (the same as ontology/context.jsonld), so nothing is fetched."""
    return graph.serialize(format="json-ld", context=CONTEXT, encoding="utf-8")


def to_dataset(graph: Graph) -> Dataset:
    """One named graph per document (its statements and facts); entities, relations and
    document metadata in the default graph."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    per_statement = set()
    for statement in graph.subjects(RDF.type, KG.Statement):
        document = graph.value(statement, PROV_DERIVED)
        named = dataset.graph(document)
        for triple in graph.triples((statement, None, None)):
            named.add(triple)
            per_statement.add(triple)
        fact = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                graph.value(statement, RDF.object))
        if fact in graph:
            named.add(fact)
    named_facts = {t for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier for t in g}
    for triple in graph:
        if triple not in per_statement and triple not in named_facts:
            dataset.default_graph.add(triple)
    return dataset


def to_trig(graph: Graph) -> bytes:
    return to_dataset(graph).serialize(format="trig", encoding="utf-8")


def to_gexf(graph: Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(to_networkx(graph), buffer)
    return buffer.getvalue()


CSV_COLUMNS = ("statement", "subject", "subject_label", "relation", "relation_label", "object", "object_label",
               "document", "sentence", "sentence_start", "sentence_end", "extractor", "confidence", "asserted",
               "polarity", "modal")


def to_csv(graph: Graph) -> bytes:
    """The statements, one row each, sorted by IRI."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for statement in sorted(graph.subjects(RDF.type, KG.Statement)):
        subject, predicate, obj = (graph.value(statement, p) for p in (RDF.subject, RDF.predicate, RDF.object))

        def value(node, predicate_iri) -> str:
            found = graph.value(node, predicate_iri)
            return "" if found is None else str(found)

        writer.writerow([statement, subject, value(subject, RDFS.label), predicate, value(predicate, RDFS.label),
                         obj, value(obj, RDFS.label), value(statement, PROV_DERIVED), value(statement, KG.sentence),
                         value(statement, KG.sentenceStart), value(statement, KG.sentenceEnd),
                         value(statement, KG.extractor), value(statement, KG.confidence),
                         value(statement, KG.asserted), value(statement, KG.polarity), value(statement, KG.modal)])
    return buffer.getvalue().encode("utf-8")


WRITERS: dict[str, Callable[[Graph], bytes]] = {
    "turtle": _rdflib("turtle"),
    "nt": _rdflib("nt"),
    "json-ld": to_jsonld,
    "trig": to_trig,
    "html": to_html,
    "graphml": to_graphml,
    "gexf": to_gexf,
    "csv": to_csv,
}
SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "trig": ".trig", "html": ".html",
            "graphml": ".graphml", "gexf": ".gexf", "csv": ".csv"}
FORMAT_OF_SUFFIX = {suffix: name for name, suffix in SUFFIXES.items()} | {".json": "json-ld", ".turtle": "turtle"}

__all__ = ["FORMAT_OF_SUFFIX", "SUFFIXES", "WRITERS", "to_csv", "to_dataset", "to_gexf", "to_graphml", "to_html",
           "to_jsonld", "to_networkx", "to_trig"]
