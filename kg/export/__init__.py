"""Writers from an rdflib graph to bytes, keyed by format name."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph

from kg.export.html import to_html


def _rdflib(format_name: str) -> Callable[[Graph], bytes]:
    def write(graph: Graph) -> bytes:
        return graph.serialize(format=format_name, encoding="utf-8")

    return write


WRITERS: dict[str, Callable[[Graph], bytes]] = {
    "turtle": _rdflib("turtle"),
    "nt": _rdflib("nt"),
    "json-ld": _rdflib("json-ld"),
    "html": to_html,
}
