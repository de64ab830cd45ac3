"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a graph file or a ``kg load`` store.

GET ``/sparql?query=…`` and POST (form ``query=…`` or ``application/sparql-query``); results as
``application/sparql-results+json`` (default), ``text/csv`` or ``text/tab-separated-values`` for SELECT, ``true``/
``false`` JSON for ASK, Turtle or N-Triples for CONSTRUCT/DESCRIBE.  Updates are refused (read-only).  CORS is
open, so browser clients can query it.  Bound to 127.0.0.1 unless told otherwise; every query has a time limit
and SELECT results are capped (the header ``X-KG-Truncated: true`` says a result was cut).
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from kg.errors import KgError
from kg.namespaces import PREFIXES

JSON_RESULTS = "application/sparql-results+json"
SELECT_TYPES = {JSON_RESULTS: "json", "application/json": "json", "text/csv": "csv",
                "text/tab-separated-values": "tsv"}
GRAPH_TYPES = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES"}


@dataclass(frozen=True)
class EndpointSettings:
    timeout: float = 10.0  # seconds per query
    max_rows: int = 10_000  # SELECT solutions returned at most


def open_store(graph: str | Path | None = None, store: str | Path | None = None):
    """An Oxigraph store: the graph file loaded in memory, or the ``kg load`` store opened read-only."""
    import pyoxigraph as ox

    if (graph is None) == (store is None):
        raise KgError("give a GRAPH file or --store DIR (one of them)")
    if store is not None:
        if not Path(store).is_dir():
            raise KgError(f"{store}: no such store (create it with kg load GRAPH --store {store})")
        return ox.Store.read_only(str(store))
    from kg.store import load_into

    memory = ox.Store()  # no path: in memory
    load_into(memory, graph)
    return memory


def _term(term) -> dict:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    binding = {"type": "literal", "value": term.value}
    if term.language:
        binding["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        binding["datatype"] = term.datatype.value
    return binding


def _negotiate(accept: str, choices: dict, default: str) -> str | None:
    """The first media type in ``accept`` (client order) that we offer; ``default`` for */* or none given."""
    if not accept.strip():
        return default
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in choices:
            return media
        if media in {"*/*", "application/*", "text/*"}:
            return default
    return None


def run_query(store, sparql: str, accept: str, settings: EndpointSettings) -> tuple[int, str, bytes, dict]:
    """(status, media type, body, extra headers) for one query."""
    import pyoxigraph as ox

    prefixes = {k: str(v) for k, v in PREFIXES.items()}

    def evaluate():
        result = store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            for solution in result:
                if len(rows) == settings.max_rows:
                    return "SELECT", names, rows, True
                rows.append([solution[name] for name in names])
            return "SELECT", names, rows, False
        if isinstance(result, ox.QueryBoolean):
            return "ASK", bool(result)
        return "GRAPH", list(result)

    # Oxigraph cannot cancel a query, so it runs in a daemon thread: on timeout the client gets 503 at once
    # and the abandoned query can never keep the server process from exiting.
    holder: dict = {}

    def work() -> None:
        try:
            holder["outcome"] = evaluate()
        except (SyntaxError, ValueError, OSError) as error:
            holder["error"] = error

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(settings.timeout)
    if worker.is_alive():
        return HTTPStatus.SERVICE_UNAVAILABLE, "text/plain", f"query exceeded {settings.timeout:g} s".encode(), {}
    if "error" in holder:
        return HTTPStatus.BAD_REQUEST, "text/plain", " ".join(str(holder["error"]).split()).encode(), {}
    outcome = holder["outcome"]
    if outcome[0] == "ASK":
        return HTTPStatus.OK, JSON_RESULTS, json.dumps({"head": {}, "boolean": outcome[1]}).encode(), {}
    if outcome[0] == "GRAPH":
        media = _negotiate(accept, GRAPH_TYPES, "text/turtle")
        if media is None:
            return HTTPStatus.NOT_ACCEPTABLE, "text/plain", b"offered: text/turtle, application/n-triples", {}
        body = ox.serialize(outcome[1], format=getattr(ox.RdfFormat, GRAPH_TYPES[media]))
        return HTTPStatus.OK, media, body, {}
    _, names, rows, truncated = outcome
    media = _negotiate(accept, SELECT_TYPES, JSON_RESULTS)
    if media is None:
        return HTTPStatus.NOT_ACCEPTABLE, "text/plain", f"offered: {', '.join(SELECT_TYPES)}".encode(), {}
    extra = {"X-KG-Truncated": "true"} if truncated else {}
    if SELECT_TYPES[media] == "json":
        bindings = [{n: _term(t) for n, t in zip(names, row) if t is not None} for row in rows]
        body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()
        return HTTPStatus.OK, JSON_RESULTS, body, extra
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="," if SELECT_TYPES[media] == "csv" else "\t", lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([["" if t is None else t.value for t in row] for row in rows])
    return HTTPStatus.OK, media, buffer.getvalue().encode(), extra


def make_handler(store, settings: EndpointSettings):
    class SparqlHandler(BaseHTTPRequestHandler):
        server_version = "kg-sparql"

        def _send(self, status: int, media: str, body: bytes, extra: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{media}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", "X-KG-Truncated")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, params: dict, body_query: str | None = None) -> None:
            if "update" in params:
                self._send(HTTPStatus.FORBIDDEN, "text/plain", b"this endpoint is read-only")
                return
            sparql = body_query if body_query is not None else (params.get("query") or [None])[0]
            if not sparql:
                self._send(HTTPStatus.BAD_REQUEST, "text/plain", b"missing query parameter")
                return
            self._send(*run_query(store, sparql, self.headers.get("Accept", ""), settings))

        def do_OPTIONS(self) -> None:  # CORS preflight
            self.send_response(HTTPStatus.NO_CONTENT)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.end_headers()

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path not in ("/sparql", "/"):
                self._send(HTTPStatus.NOT_FOUND, "text/plain", b"the endpoint is /sparql")
                return
            self._answer(parse_qs(url.query))

        def do_POST(self) -> None:
            if urlparse(self.path).path not in ("/sparql", "/"):
                self._send(HTTPStatus.NOT_FOUND, "text/plain", b"the endpoint is /sparql")
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                self._send(HTTPStatus.FORBIDDEN, "text/plain", b"this endpoint is read-only")
            elif media == "application/sparql-query":
                self._answer(parse_qs(urlparse(self.path).query), body)
            else:
                self._answer(parse_qs(body))

        def log_message(self, format: str, *args) -> None:  # quiet by default
            pass

    return SparqlHandler


def make_server(store, host: str = "127.0.0.1", port: int = 7878,
                settings: EndpointSettings = EndpointSettings()) -> ThreadingHTTPServer:
    """The endpoint's HTTP server, bound but not yet serving (``server.serve_forever()`` runs it)."""
    try:
        return ThreadingHTTPServer((host, port), make_handler(store, settings))
    except OSError as error:
        raise KgError(f"cannot listen on {host}:{port} ({error.strerror})") from None


def serve(graph: str | Path | None = None, store: str | Path | None = None, host: str = "127.0.0.1",
          port: int = 7878, timeout: float = 10.0, max_rows: int = 10_000,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve a graph file (or a ``kg load`` store) at ``http://HOST:PORT/sparql`` until interrupted.

    ``on_ready`` is called with the endpoint's URL once it listens.  Blocks; Ctrl-C (KeyboardInterrupt) stops
    it cleanly.  For a server you control from Python (tests, notebooks), use :func:`make_server`."""
    server = make_server(open_store(graph, store), host, port, EndpointSettings(timeout, max_rows))
    if on_ready is not None:
        on_ready(f"http://{host}:{server.server_address[1]}/sparql")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
