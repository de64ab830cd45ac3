"""The graph's facts as a networkx ``MultiDiGraph``: entities are nodes, facts are edges."""

from __future__ import annotations

import networkx as nx
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.namespaces import KG


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Nodes: entity IRIs with ``label`` and ``type``; edges: asserted facts with ``relation``."""
    network = nx.MultiDiGraph()
    entities = set(graph.subjects(KG.mentionCount, None))
    for entity in sorted(entities):
        types = sorted(str(t).rsplit("#", 1)[-1] for t in graph.objects(entity, RDF.type))
        network.add_node(str(entity), label=str(graph.value(entity, RDFS.label) or entity),
                         type=next((t for t in types if t != "Entity"), "Entity"))
    for subject, predicate, obj in sorted(graph):
        if subject in entities and obj in entities and predicate != KG.relatedTo:
            network.add_edge(str(subject), str(obj), key=str(predicate),
                             relation=str(graph.value(predicate, RDFS.label) or predicate))
    return network


def to_graphml(graph: Graph) -> bytes:
    return "\n".join(nx.generate_graphml(to_networkx(graph))).encode("utf-8") + b"\n"
