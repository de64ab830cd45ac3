"""kg: English text in, knowledge graph out.

    import kg
    summary = kg.build(["article.txt"], "output")       # output/graph.ttl + graph.html
    kg.build(["more.txt"], "output", update=True)       # add documents: same graph as one build of all
    rows = kg.query("output/graph.ttl", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5")
    nlp = kg.load_pipeline()                            # kg's bundled spaCy pipeline
    triples = kg.extract_triples(nlp("Russia vetoed the resolution."))
    (doc, _), = kg.parse_in_chunks(nlp, [(book_text, None)])   # a long text, in pieces as kg build parses it
    network = kg.to_networkx(kg.load_graph("output/graph.ttl"))   # entities and facts in networkx
    kg.convert("output/graph.ttl", "output/graph.jsonld")          # any RDF format, by suffix
    print(kg.stats(kg.load_graph("output/graph.ttl")).entities)    # counts, PageRank, communities
    kg.validate(kg.load_graph("output/graph.ttl")).conforms        # SHACL shapes (ontology/shapes.ttl)
    kg.load("output/graph.ttl", "store")                # persistent Oxigraph store …
    kg.query_store("store", "SELECT …")                 # … and SPARQL over it
    kg.serve("output/graph.ttl", port=7878)             # read-only SPARQL endpoint (blocks)
    graph = kg.load_graph("output/graph.ttl")
    report = kg.link(graph, "examples/kb.csv")          # owl:sameAs to a knowledge base's IRIs
    kg.push("output/graph.ttl", "http://localhost:8890/sparql-graph-crud-auth", "urn:kg:news",
            user="dba", password="dba")                 # upload to a triple store (Graph Store Protocol)
"""

from kg.build import BuildSummary, build, build_graph
from kg.chunking import parse_in_chunks
from kg.errors import KgError
from kg.export import to_networkx
from kg.extract import Argument, Triple, extract_triples
from kg.link import KnowledgeBase, LinkReport, link, read_kb
from kg.nlp import load_pipeline, model_info
from kg.push import PushResult, push
from kg.query import convert, format_result, load_graph, query
from kg.readers import Document, read_inputs
from kg.serve import serve
from kg.stats import GraphStats, stats
from kg.store import load, query_store
from kg.validate import ValidationResult, validate

__version__ = "0.1.0"
__all__ = [
    "Argument",
    "BuildSummary",
    "Document",
    "GraphStats",
    "KgError",
    "KnowledgeBase",
    "LinkReport",
    "PushResult",
    "Triple",
    "ValidationResult",
    "__version__",
    "build",
    "build_graph",
    "convert",
    "extract_triples",
    "format_result",
    "link",
    "load",
    "load_graph",
    "load_pipeline",
    "model_info",
    "parse_in_chunks",
    "push",
    "query",
    "query_store",
    "read_inputs",
    "read_kb",
    "serve",
    "stats",
    "to_networkx",
    "validate",
]
