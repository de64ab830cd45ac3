"""An embedded, persistent triple store (Oxigraph): ``kg load GRAPH --store DIR``, ``kg query --store DIR``.

Loading is idempotent (RDF set semantics): loading the same graph twice leaves the store unchanged.  TriG and
N-Quads keep their named graphs; queries see the union of all graphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.namespaces import PREFIXES

_FORMATS = {".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".jsonld": "JSON_LD", ".json": "JSON_LD",
            ".trig": "TRIG", ".nq": "N_QUADS", ".rdf": "RDF_XML", ".xml": "RDF_XML"}


@dataclass(frozen=True)
class StoreResult:
    """A query result from the store, in the shape :func:`kg.query.format_rows` prints."""

    kind: str  # "SELECT", "ASK" or "CONSTRUCT"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    boolean: bool | None = None
    triples: str = ""  # N-Triples of a CONSTRUCT/DESCRIBE result


def load_into(database, graph: str | Path) -> None:
    """Load an RDF file (format from its suffix) into an open Oxigraph store."""
    import pyoxigraph as ox

    graph = Path(graph)
    if not graph.is_file():
        raise KgError(f"{graph}: no such graph file")
    fmt = _FORMATS.get(graph.suffix.lower())
    if fmt is None:
        raise KgError(f"{graph}: unknown RDF format '{graph.suffix}' (use {', '.join(sorted(_FORMATS))})")
    try:
        database.bulk_load(path=str(graph), format=getattr(ox.RdfFormat, fmt))
    except (OSError, SyntaxError, ValueError) as error:
        raise KgError(f"cannot load {graph}: {' '.join(str(error).split())[:200]}") from None


def load(graph: str | Path, store: str | Path) -> int:
    """Load an RDF file into the store at ``store`` (created if needed); returns the store's quad count."""
    import pyoxigraph as ox

    try:
        database = ox.Store(str(store))
    except OSError as error:
        raise KgError(f"{store}: cannot open store ({' '.join(str(error).split())[:160]})") from None
    load_into(database, graph)
    database.flush()
    return len(database)


def query_store(store: str | Path, sparql: str) -> StoreResult:
    """Run SPARQL on the store at ``store`` (read-only; kg's prefixes predeclared; union of all graphs)."""
    import pyoxigraph as ox

    if not Path(store).is_dir():
        raise KgError(f"{store}: no such store (create it with kg load GRAPH --store {store})")
    try:
        database = ox.Store.read_only(str(store))
        result = database.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()},
                                use_default_graph_as_union=True)
    except (OSError, SyntaxError, ValueError) as error:
        raise KgError(f"bad SPARQL query: {' '.join(str(error).split())[:200]}") from None
    if isinstance(result, ox.QueryBoolean):
        return StoreResult("ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        rows = tuple(tuple(None if s[name] is None else s[name].value for name in names) for s in result)
        return StoreResult("SELECT", names, rows)
    return StoreResult("CONSTRUCT", triples="".join(f"{t} .\n" for t in result))
