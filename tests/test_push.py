"""kg push: the SPARQL 1.1 Graph Store HTTP Protocol against a real Virtuoso (its own virtuoso-t, temp database,
free ports, digest authentication as dba), checked with SPARQLWrapper; plus a tiny in-process server for what
Virtuoso's endpoint does not do (basic authentication, ?default)."""

from __future__ import annotations

import base64
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from conftest import REPO
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg import load_graph, push
from kg.errors import KgError
from kg.export import FORMAT_OF_SUFFIX, WRITERS
from kg.namespaces import KG
from kg.push import target_url

GRAPH = REPO / "output" / "graph.ttl"
KG_CMD = [sys.executable, "-m", "kg"]
VIRTUOSO = shutil.which("virtuoso-t")
STARTUP_S = 90

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 2000
MaxDirtyBuffers = 1200
ThreadsPerQuery = 1
AsyncQueueMaxThreads = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 4
MaxKeepAlives = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """Base URL of a fresh Virtuoso (dba/dba) listening on 127.0.0.1 only; stopped at teardown."""
    if VIRTUOSO is None:
        pytest.skip("virtuoso-t not installed (Debian: apt-get install virtuoso-opensource); .ci/run installs it")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_ports(2)
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            try:
                with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                pass
            tail = (folder / "stdout.log").read_text(errors="replace")[-1500:]
            if process.poll() is not None:
                pytest.fail(f"virtuoso-t exited with {process.returncode}:\n{tail}")
            if time.monotonic() > deadline:
                pytest.fail(f"virtuoso-t did not answer HTTP within {STARTUP_S} s:\n{tail}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def crud(base: str) -> str:
    return base + "/sparql-graph-crud-auth"


def sparql(base: str, query: str) -> dict:
    wrapper = pytest.importorskip("SPARQLWrapper")
    client = wrapper.SPARQLWrapper(base + "/sparql")
    client.setQuery(query)
    client.setMethod(wrapper.POST)
    client.setReturnFormat(wrapper.JSON)
    return client.query().convert()


def count(base: str, graph: str) -> int:
    result = sparql(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(result["results"]["bindings"][0]["n"]["value"])


def ask(base: str, graph: str, pattern: str) -> bool:
    return sparql(base, f"ASK {{ GRAPH <{graph}> {{ {pattern} }} }}")["boolean"]


def key(triple) -> tuple:
    """A triple compared as RDF values: Virtuoso keeps values, not lexical forms ("0.800"^^xsd:decimal comes
    back as "0.8"), language tags are case-insensitive, and xsd:string is the plain literal (RDF 1.1)."""
    s, p, o = triple
    if isinstance(o, Literal):
        datatype = None if o.datatype == XSD.string else o.datatype
        value = o.value if datatype is not None and o.value is not None else str(o)
        o = ("literal", value, datatype, (o.language or "").lower())
    return s, p, o


def fetch(base: str, graph: str) -> set:
    """All triples of ``graph`` in Virtuoso, read with SELECT (JSON keeps datatypes and language tags exactly;
    Virtuoso's own Turtle writer prints an xsd:double 1.0 as a bare decimal)."""
    rows = sparql(base, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")["results"]["bindings"]

    def term(cell):
        if cell["type"] == "uri":
            return URIRef(cell["value"])
        return Literal(cell["value"], lang=cell.get("xml:lang"), datatype=cell.get("datatype"))

    return {key((term(r["s"]), term(r["p"]), term(r["o"]))) for r in rows}


def kg_push(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*KG_CMD, "push", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def local() -> Graph:
    return load_graph(GRAPH)


def quirks() -> Graph:
    """Literals that trip up stores: language tags, dates, a 200,000-character string, escapes, non-BMP
    characters, xsd:string, a double, a custom datatype, an IRI with percent-escapes."""
    graph = Graph()
    subject = URIRef("https://w3id.org/kg/entity/quirks")
    for name, obj in [
        ("de", Literal("Moskau", lang="de")), ("en", Literal("Moscow", lang="en-GB")),
        ("date", Literal("2017-04-12", datatype=XSD.date)),
        ("dateTime", Literal("2017-04-12T10:00:00Z", datatype=XSD.dateTime)),
        ("long", Literal("Lorem ipsum dolor sit amet. " * 7143)),
        ("escapes", Literal('François "quoted"\nnew line\ttab \\ back 😀 中文')),
        ("string", Literal("typed", datatype=XSD.string)), ("double", Literal("2.5E0", datatype=XSD.double)),
        ("integer", Literal(42)), ("custom", Literal("abc", datatype=URIRef("urn:kg:datatype"))),
        ("iri", URIRef("https://example.org/a%20b?c=d#é")),
    ]:
        graph.add((subject, URIRef(f"https://w3id.org/kg/ontology#{name}"), obj))
    return graph


# --- against Virtuoso -------------------------------------------------------------------------------------------

def test_push_from_the_command_line_with_digest_auth(virtuoso, local):
    result = kg_push(str(GRAPH), "--endpoint", crud(virtuoso), "--graph", "urn:kg:test", "--user", "dba",
                     env={"KG_PUSH_PASSWORD": "dba"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"pushed {len(local)} triples to <urn:kg:test> at {crud(virtuoso)} (replaced; HTTP 201)\n"
    assert count(virtuoso, "urn:kg:test") == len(local) > 1000
    entity, mentions = max(local.subject_objects(KG.mentionCount), key=lambda pair: (int(pair[1]), str(pair[0])))
    label = local.value(entity, RDFS.label)
    assert ask(virtuoso, "urn:kg:test", f"<{entity}> <{RDFS.label}> {label.n3()} ; <{KG.mentionCount}> {mentions}")
    statement, confidence = min(local.subject_objects(KG.confidence))
    assert ask(virtuoso, "urn:kg:test", f"<{statement}> <{KG.confidence}> {confidence.n3()}")
    assert not ask(virtuoso, "urn:kg:test", f"<{entity}> <{RDFS.label}> \"no such label\"")


def test_every_triple_arrives_as_the_same_rdf_value(virtuoso, local):
    push(GRAPH, crud(virtuoso), "urn:kg:values", user="dba", password="dba")
    assert fetch(virtuoso, "urn:kg:values") == {key(t) for t in local}


def test_replace_is_idempotent_and_drops_what_was_there(virtuoso, local):
    push(quirks(), crud(virtuoso), "urn:kg:replace", user="dba", password="dba")
    assert count(virtuoso, "urn:kg:replace") == len(quirks())
    for _ in range(2):
        result = push(GRAPH, crud(virtuoso), "urn:kg:replace", user="dba", password="dba")
        assert (result.triples, result.graph, result.method) == (len(local), "urn:kg:replace", "PUT")
        assert 200 <= result.status < 300
        assert count(virtuoso, "urn:kg:replace") == len(local)


def test_append_adds_with_set_semantics(virtuoso, local):
    push(quirks(), crud(virtuoso), "urn:kg:append", user="dba", password="dba")
    for _ in range(2):  # appending the same triples again adds nothing
        result = kg_push(str(GRAPH), "--endpoint", crud(virtuoso), "--graph", "urn:kg:append", "--append",
                         "-u", "dba", "--password", "dba", "--auth", "digest")
        assert result.returncode == 0, result.stderr
        assert "(appended; HTTP 200)" in result.stdout
        assert count(virtuoso, "urn:kg:append") == len(local) + len(quirks())


@pytest.mark.parametrize("suffix", [".trig", ".jsonld", ".nt"])
def test_other_formats_push_the_same_triples(virtuoso, local, tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(WRITERS[FORMAT_OF_SUFFIX[suffix]](local))
    result = push(path, crud(virtuoso), f"urn:kg:format{suffix}", user="dba", password="dba", fmt="nt")
    assert result.triples == len(local)  # TriG: the union of its named graphs, as kg query reads it
    assert count(virtuoso, f"urn:kg:format{suffix}") == len(local)


@pytest.mark.parametrize("fmt", ["nt", "turtle"])
def test_awkward_literals_round_trip(virtuoso, fmt):
    graph = quirks()
    push(graph, crud(virtuoso), f"urn:kg:quirks:{fmt}", user="dba", password="dba", fmt=fmt)
    assert fetch(virtuoso, f"urn:kg:quirks:{fmt}") == {key(t) for t in graph}


@pytest.mark.parametrize("fmt", ["nt", "turtle"])
def test_a_first_line_longer_than_virtuosos_64k_sniffing_window(virtuoso, fmt):
    """Virtuoso guesses the body's syntax from its first 64 KiB (Content-Type is ignored); kg's comment lines
    keep a single 200,000-character N-Triples line from being refused as "unsupported type text/plain"."""
    graph = Graph()
    graph.add((URIRef("urn:kg:s"), RDFS.comment, Literal("Lorem ipsum dolor sit amet. " * 7143)))
    push(graph, crud(virtuoso), f"urn:kg:long:{fmt}", user="dba", password="dba", fmt=fmt)
    assert fetch(virtuoso, f"urn:kg:long:{fmt}") == {key(t) for t in graph}


def test_wrong_password_is_one_line_and_changes_nothing(virtuoso, local):
    push(GRAPH, crud(virtuoso), "urn:kg:guarded", user="dba", password="dba")
    line = one_line_error(kg_push(str(GRAPH), "--endpoint", crud(virtuoso), "--graph", "urn:kg:guarded",
                                  "--append", "-u", "dba", "--password", "wrong"))
    assert "HTTP 401" in line and "wrong user or password" in line
    line = one_line_error(kg_push(str(GRAPH), "--endpoint", crud(virtuoso), "--graph", "urn:kg:guarded"))
    assert "HTTP 401" in line and "needs --user and --password" in line
    with pytest.raises(KgError, match="HTTP 401"):
        push(quirks(), crud(virtuoso), "urn:kg:guarded", user="dba", password="wrong", auth="basic")
    assert count(virtuoso, "urn:kg:guarded") == len(local)


def test_server_errors_are_one_line_with_the_servers_message(virtuoso):
    # Virtuoso's endpoint has no default graph configured: the answer is a 500 with an HTML page
    line = one_line_error(kg_push(str(GRAPH), "--endpoint", crud(virtuoso), "-u", "dba", "--password", "dba"))
    assert "HTTP 500" in line and "not configured to have default graph" in line and "<" not in line
    line = one_line_error(kg_push(str(GRAPH), "--endpoint", virtuoso + "/no-such-service", "--graph", "urn:kg:x"))
    assert "HTTP 501" in line or "HTTP 404" in line


# --- without Virtuoso -------------------------------------------------------------------------------------------

def test_refused_connection_is_one_line():
    (port,) = free_ports(1)
    line = one_line_error(kg_push(str(GRAPH), "--endpoint", f"http://127.0.0.1:{port}/store", "--graph", "urn:kg:x"))
    assert f"cannot reach http://127.0.0.1:{port}/store" in line and "refused" in line.lower()


def test_bad_arguments(tmp_path):
    with pytest.raises(KgError, match="not an absolute IRI"):
        push(GRAPH, "http://127.0.0.1:1/store", "has spaces")
    with pytest.raises(KgError, match="http"):
        push(GRAPH, "ftp://example.org/store")
    with pytest.raises(KgError, match="both a user and a password"):
        push(GRAPH, "http://127.0.0.1:1/store", user="dba")
    with pytest.raises(KgError, match="no such graph file"):
        push(tmp_path / "missing.ttl", "http://127.0.0.1:1/store")
    assert target_url("http://h/store", None) == "http://h/store?default"
    assert target_url("http://h/rdf-graphs/service?x=1", "https://g.org/a b#c") == \
        "http://h/rdf-graphs/service?x=1&graph=https%3A%2F%2Fg.org%2Fa%20b%23c"


class Recorder(http.server.BaseHTTPRequestHandler):
    """A Graph Store that wants HTTP basic auth (kg:secret) and records what it receives."""

    log: list

    def _handle(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.log.append((self.command, self.path, self.headers.get("Content-Type"), len(body)))
        if self.path.startswith("/moved"):
            self.send_response(301)
            self.send_header("Location", "https://elsewhere.example/store")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"kg:secret").decode():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(204 if self.command == "PUT" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_PUT = do_POST = _handle

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (Recorder,), {"log": []}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store", server.RequestHandlerClass.log
    server.shutdown()
    server.server_close()


def test_basic_auth_default_graph_and_methods(recorder, local):
    url, log = recorder
    result = push(GRAPH, url, user="kg", password="secret")  # auto: a HEAD learns the scheme, the graph goes once
    assert (result.status, result.graph, result.method) == (204, None, "PUT")
    assert [(m, p) for m, p, _, _ in log] == [("HEAD", "/store?default"), ("PUT", "/store?default")]
    assert log[-1][2] == "text/turtle" and log[-1][3] > 50_000  # the graph, sent once
    log.clear()
    push(GRAPH, url, "urn:kg:a", append=True, user="kg", password="secret", auth="basic", fmt="nt")
    assert log == [("POST", "/store?graph=urn%3Akg%3Aa", "application/n-triples", log[0][3])]
    log.clear()
    with pytest.raises(KgError, match="HTTP 401"):
        push(GRAPH, url, "urn:kg:a", user="kg", password="nope")
    assert [m for m, *_ in log] == ["HEAD", "PUT"]  # refused once: no retry loop, the graph sent once
    with pytest.raises(KgError, match="speaks digest"):
        push(GRAPH, url, "urn:kg:a", user="kg", password="secret", auth="digest")


def test_redirects_are_reported_not_followed(recorder):
    url, log = recorder  # urllib would turn a redirected POST into a body-less GET and call it a success
    with pytest.raises(KgError, match=r"HTTP 301 .*redirected to https://elsewhere\.example/store"):
        push(GRAPH, url.replace("/store", "/moved"), "urn:kg:a", append=True)
    assert [m for m, *_ in log] == ["POST"]
