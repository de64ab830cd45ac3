"""The interactive HTML view: a pyvis network rendered with kg's own template.

The page works from the file system with no network at all: vis-network's
script and styles are inlined from pyvis's package (pyvis's stock template
also pulls Bootstrap from a CDN; kg's template does not), and a
Content-Security-Policy forbids any remote load.  Nodes are coloured by type
with a legend, or, at the reader's choice, by community (Louvain); edges carry their relation as a label and the evidence
sentences as a tooltip.  All document text is passed as JSON data and shown
as plain text.  The layout is computed with networkx and frozen (no physics in the page).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from pyvis.network import Network
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS

from kg.namespaces import CLASSES, KG

TEMPLATES = Path(__file__).with_name("templates")
COLOURS = {KG.Person: "#4e79a7", KG.Organization: "#f28e2b", KG.Place: "#59a14f", KG.Event: "#e15759",
           KG.Entity: "#9c9c9c"}
TYPE_NAMES = {iri: str(iri).rsplit("#", 1)[1] for iri in CLASSES.values()}
# Community colours (the page's "colour by community" view): Tableau 10 minus the type colours' hues, cycling;
# communities past the palette share grey.
COMMUNITY_COLOURS = ["#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295",
                     "#a0cbe8", "#ffbe7d"]
MAX_EVIDENCE = 3
DEFAULT_MAX_NODES = 300
# The layout is computed in Python (networkx) and frozen: no physics in the page, so it is drawn at once
# even for hundreds of entities, and the same graph always looks the same.
OPTIONS = {
    "physics": {"enabled": False},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 10, "align": "middle"},
              "color": {"inherit": False, "color": "#8a8a8a"}, "smooth": False},
    "nodes": {"shape": "dot", "font": {"size": 14}},
    "interaction": {"hover": True, "tooltipDelay": 120},
}


def _environment() -> Environment:
    pyvis_templates = Path(pyvis.__file__).parent / "templates"
    return Environment(loader=ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(pyvis_templates)]),
                       autoescape=True)


def _node_type(graph: Graph, node: URIRef) -> URIRef:
    types = set(graph.objects(node, RDF.type)) & set(COLOURS)
    return min(types - {KG.Entity}, default=KG.Entity)


def _pagerank(facts: list[tuple]) -> dict:
    network = nx.Graph()
    network.add_edges_from((s, o) for s, _, o in facts)
    return nx.pagerank(network) if network.number_of_edges() else {n: 1.0 for n in network}


def _component_layout(component: nx.Graph) -> dict:
    """Coordinates in [-1, 1]: Kamada-Kawai (even spacing, deterministic) for up to 150 entities,
    a seeded spring layout beyond that (Kamada-Kawai grows quadratically)."""
    if len(component) == 1:
        return {next(iter(component)): (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(component.nodes, key=str))
    ordered.add_edges_from(sorted(component.edges, key=lambda e: (str(e[0]), str(e[1]))))
    if len(ordered) <= 150:
        return nx.kamada_kawai_layout(ordered)
    return nx.spring_layout(ordered, seed=0, iterations=100)


def _layout(nodes: list, facts: list[tuple]) -> dict:
    """Positions in pixels, computed here and frozen in the page: each connected component gets a seeded
    spring layout with a radius growing with its size, and components are packed in rows, largest first."""
    network = nx.Graph()
    network.add_nodes_from(nodes)
    network.add_edges_from((s, o) for s, _, o in facts)
    components = sorted(nx.connected_components(network), key=lambda c: (-len(c), min(map(str, c))))
    row_width = 260 * max(len(network), 1) ** 0.5
    positions: dict = {}
    x = y = row_height = 0.0
    for component in components:
        radius = 60 * len(component) ** 0.5
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height + 40, 0.0
        local = _component_layout(network.subgraph(component))
        for node, (dx, dy) in local.items():
            positions[node] = (round(x + radius + float(dx) * radius, 1), round(y + radius + float(dy) * radius, 1))
        x += 2 * radius + 40
        row_height = max(row_height, 2 * radius)
    return positions


def _communities(nodes: list, facts: list[tuple]) -> dict:
    """Node → community number, 0 for the largest (Louvain, seeded: the same graph gives the same answer)."""
    network = nx.Graph()
    network.add_nodes_from(nodes)
    network.add_edges_from((s, o) for s, _, o in facts)
    if not network.number_of_edges():
        return {node: 0 for node in nodes}
    found = nx.community.louvain_communities(network, seed=0)
    ordered = sorted(found, key=lambda c: (-len(c), min(str(n) for n in c)))
    return {node: index for index, community in enumerate(ordered) for node in community}


def to_network(graph: Graph, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[Network, dict]:
    """A pyvis network of the asserted facts between the ``max_nodes`` most central entities
    (undirected PageRank), node size by PageRank, evidence and sources on every edge; and page metadata."""
    evidence: dict[tuple, list[str]] = defaultdict(list)
    sources: dict[tuple, set[str]] = defaultdict(set)
    for statement in sorted(graph.subjects(RDF.type, KG.Statement)):
        key = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
               graph.value(statement, RDF.object))
        evidence[key].append(str(graph.value(statement, KG.sentence)))
        document = graph.value(statement, PROV.wasDerivedFrom)
        sources[key].add(str(graph.value(document, DCTERMS.title) or graph.value(document, DCTERMS.identifier)
                             or document))
    facts = sorted(key for key in evidence if key in graph)
    rank = _pagerank(facts)
    all_entities = set(rank)
    kept = set(sorted(rank, key=lambda n: (-rank[n], str(n)))[:max_nodes])
    facts = [(s, p, o) for s, p, o in facts if s in kept and o in kept]
    shown = {n for s, _, o in facts for n in (s, o)}
    top = max((rank[n] for n in shown), default=1.0)
    positions = _layout(sorted(shown), facts)
    community = _communities(sorted(shown), facts)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    degree: dict[URIRef, int] = defaultdict(int)
    for subject, _, obj in facts:
        degree[subject] += 1
        degree[obj] += 1
    for node in sorted(shown):
        node_type = _node_type(graph, node)
        label = str(graph.value(node, RDFS.label) or node)
        x, y = positions[node]
        same_as = "".join(f"\nsame as {iri}" for iri in sorted(map(str, graph.objects(node, OWL.sameAs))))
        group = community[node]
        net.add_node(str(node), label=label, color=COLOURS[node_type], kind=TYPE_NAMES[node_type],
                     typeColor=COLOURS[node_type], community=group,
                     communityColor=COMMUNITY_COLOURS[group] if group < len(COMMUNITY_COLOURS) else COLOURS[KG.Entity],
                     size=round(8 + 32 * rank[node] / top, 1), x=x, y=y,
                     title=f"{label}\n{TYPE_NAMES[node_type]} · {degree[node]} relation(s)\n{node}{same_as}")
    for subject, predicate, obj in facts:
        relation = str(graph.value(predicate, RDFS.label) or predicate)
        sentences = sorted(set(evidence[(subject, predicate, obj)]))
        quoted = "\n\n".join(f"“{s}”" for s in sentences[:MAX_EVIDENCE])
        more = f"\n\n(+{len(sentences) - MAX_EVIDENCE} more)" if len(sentences) > MAX_EVIDENCE else ""
        net.add_edge(str(subject), str(obj), label=relation, title=f"{relation}\n\n{quoted}{more}",
                     evidence=sentences[:MAX_EVIDENCE], sources=sorted(sources[(subject, predicate, obj)]))
    net.set_options(json.dumps(OPTIONS))
    meta = {"entities_total": len(all_entities), "entities_shown": len(shown), "max_nodes": max_nodes}
    return net, meta


def to_html(graph: Graph, max_nodes: int = DEFAULT_MAX_NODES) -> bytes:
    """The self-contained HTML page for ``graph`` (at most ``max_nodes`` entities drawn)."""
    net, meta = to_network(graph, max_nodes)
    net.templateEnv = _environment()
    net.path = "graph.html"
    net.heading = json.dumps(meta)  # the template reads it as JSON data, not markup
    return net.generate_html(notebook=False).encode("utf-8")
