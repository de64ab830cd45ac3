"""kg: English text in, knowledge graph out.

    import kg
    summary = kg.build(["article.txt"], "output")       # output/graph.ttl + graph.html
    rows = kg.query("output/graph.ttl", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5")
    nlp = kg.load_pipeline()                            # kg's bundled spaCy pipeline
    triples = kg.extract_triples(nlp("Russia vetoed the resolution."))
    network = kg.to_networkx(kg.load_graph("output/graph.ttl"))   # entities and facts in networkx
"""

from kg.build import BuildSummary, build, build_graph
from kg.errors import KgError
from kg.export import to_networkx
from kg.extract import Argument, Triple, extract_triples
from kg.nlp import load_pipeline, model_info
from kg.query import format_result, load_graph, query
from kg.readers import Document, read_inputs
from kg.stats import GraphStats, stats
from kg.validate import ValidationResult, validate

__version__ = "0.1.0"
__all__ = [
    "Argument",
    "BuildSummary",
    "Document",
    "GraphStats",
    "KgError",
    "Triple",
    "ValidationResult",
    "__version__",
    "build",
    "build_graph",
    "extract_triples",
    "format_result",
    "load_graph",
    "load_pipeline",
    "model_info",
    "query",
    "read_inputs",
    "stats",
    "to_networkx",
    "validate",
]
