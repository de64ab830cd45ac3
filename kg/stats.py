"""Graph analytics with networkx: ``kg.stats(graph)`` and ``kg stats GRAPH``.

Counts by entity type and by relation, the top entities by degree and by PageRank, weakly connected
components, and communities (Louvain, seeded, so the same graph always gives the same answer).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import networkx as nx
from rdflib import Graph

from kg.export.networkx import to_networkx
from kg.namespaces import KG


@dataclass(frozen=True)
class RankedEntity:
    iri: str
    label: str
    type: str
    score: float


@dataclass(frozen=True)
class GraphStats:
    triples: int
    statements: int
    documents: int
    entities: int
    facts: int
    entities_by_type: dict[str, int]
    facts_by_relation: dict[str, int]
    top_by_degree: list[RankedEntity]
    top_by_pagerank: list[RankedEntity]
    components: int
    largest_component: int
    communities: list[list[str]]  # labels, largest community first

    def to_dict(self) -> dict:
        return asdict(self)


def _ranked(network: nx.MultiDiGraph, scores: dict, top: int) -> list[RankedEntity]:
    order = sorted(scores, key=lambda node: (-scores[node], network.nodes[node]["label"], node))[:top]
    return [RankedEntity(node, network.nodes[node]["label"], network.nodes[node]["type"], round(float(scores[node]), 4))
            for node in order]


def stats(graph: Graph, top: int = 10) -> GraphStats:
    """Analytics of a kg graph (an rdflib ``Graph``, e.g. from :func:`kg.load_graph`)."""
    network = to_networkx(graph)
    undirected = nx.Graph(network.to_undirected())
    components = sorted(nx.connected_components(undirected), key=len, reverse=True) if len(network) else []
    communities = (nx.community.louvain_communities(undirected, seed=0) if undirected.number_of_edges() else [])
    community_labels = sorted((sorted(network.nodes[n]["label"] for n in c) for c in communities),
                              key=lambda labels: (-len(labels), labels))
    # undirected: an entity matters by what it is connected to, whichever side of the facts it is on
    # (directed PageRank would favour objects, "the deal" over "Russia")
    pagerank = nx.pagerank(undirected) if len(network) else {}
    return GraphStats(
        triples=len(graph),
        statements=sum(1 for _ in graph.subjects(predicate=None, object=KG.Statement)),
        documents=sum(1 for _ in graph.subjects(predicate=None, object=KG.Document)),
        entities=network.number_of_nodes(),
        facts=network.number_of_edges(),
        entities_by_type=dict(Counter(data["type"] for _, data in network.nodes(data=True)).most_common()),
        facts_by_relation=dict(sorted(Counter(d["relation"] for *_, d in network.edges(data=True)).items(),
                                      key=lambda item: (-item[1], item[0]))),
        top_by_degree=_ranked(network, dict(network.degree()), top),
        top_by_pagerank=_ranked(network, pagerank, top),
        components=len(components),
        largest_component=len(components[0]) if components else 0,
        communities=community_labels[:top],
    )


def format_stats(result: GraphStats, relations: int = 10) -> str:
    """A human-readable summary of :class:`GraphStats`."""
    lines = [f"{result.triples} triples · {result.documents} document(s) · {result.statements} statements · "
             f"{result.entities} entities · {result.facts} facts",
             "entities by type: " + ", ".join(f"{k} {v}" for k, v in result.entities_by_type.items()),
             "top relations: " + ", ".join(f"{k} {v}" for k, v in list(result.facts_by_relation.items())[:relations]),
             "top entities by degree: " + ", ".join(f"{e.label} ({e.score:g})" for e in result.top_by_degree),
             "top entities by PageRank: " + ", ".join(f"{e.label} ({e.score:.3f})" for e in result.top_by_pagerank),
             f"components: {result.components} (largest {result.largest_component} entities)",
             f"communities: {len(result.communities)} shown"]
    lines += [f"  {i + 1}. " + ", ".join(c[:8]) + (" …" if len(c) > 8 else "") for i, c in enumerate(result.communities)]
    return "\n".join(lines)
