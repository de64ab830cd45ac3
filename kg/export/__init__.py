"""Writers from an rdflib graph to bytes, keyed by format name."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph

from kg.export.html import to_html
from kg.export.networkx import to_graphml, to_networkx


def _rdflib(format_name: str) -> Callable[[Graph], bytes]:
    def write(graph: Graph) -> bytes:
        return graph.serialize(format=format_name, encoding="utf-8")

    return write


WRITERS: dict[str, Callable[[Graph], bytes]] = {
    "turtle": _rdflib("turtle"),
    "nt": _rdflib("nt"),
    "json-ld": _rdflib("json-ld"),
    "html": to_html,
    "graphml": to_graphml,
}

__all__ = ["WRITERS", "to_graphml", "to_html", "to_networkx"]
