"""kg serve: a read-only SPARQL 1.1 Protocol endpoint, queried with SPARQLWrapper as a real client would."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import REPO

from kg import load_graph
from kg.serve import EndpointSettings, make_server, open_store

GRAPH = REPO / "output" / "graph.ttl"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def endpoint():
    server = make_server(open_store(GRAPH), "127.0.0.1", 0, EndpointSettings(timeout=10, max_rows=5))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def sparql(endpoint, query, method="GET"):
    wrapper = pytest.importorskip("SPARQLWrapper")
    client = wrapper.SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setMethod(wrapper.POST if method == "POST" else wrapper.GET)
    client.setReturnFormat(wrapper.JSON)
    return client.query().convert()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_count_matches_the_file(endpoint, method):
    result = sparql(endpoint, COUNT, method)
    assert int(result["results"]["bindings"][0]["n"]["value"]) == len(load_graph(GRAPH))


def test_kg_prefixes_and_ask(endpoint):
    assert sparql(endpoint, "ASK { ?p a kg:Person }")["boolean"] is True


def test_result_size_is_capped_and_said(endpoint):
    request = urllib.request.Request(endpoint + "?query=SELECT+%3Fs+WHERE+%7B%3Fs+%3Fp+%3Fo%7D",
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["X-KG-Truncated"] == "true"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Content-Type"].startswith("text/csv")
        assert len(response.read().decode().strip().splitlines()) == 1 + 5


def test_construct_returns_turtle(endpoint):
    request = urllib.request.Request(endpoint + "?query=CONSTRUCT+%7B%3Fs+a+kg%3APerson%7D+WHERE+%7B%3Fs+a+kg%3APerson%7D",
                                     headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"].startswith("text/turtle") and b"Person" in response.read()


@pytest.mark.parametrize("data, content_type", [(b"update=DELETE+WHERE+%7B%3Fs+%3Fp+%3Fo%7D",
                                                 "application/x-www-form-urlencoded"),
                                                (b"DELETE WHERE { ?s ?p ?o }", "application/sparql-update")])
def test_updates_are_refused(endpoint, data, content_type):
    request = urllib.request.Request(endpoint, data=data, headers={"Content-Type": content_type})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request)
    assert error.value.code == 403
    assert int(sparql(endpoint, COUNT)["results"]["bindings"][0]["n"]["value"]) == len(load_graph(GRAPH))


def test_bad_query_is_a_400(endpoint):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(endpoint + "?query=SELEC+nothing")
    assert error.value.code == 400


def test_slow_queries_time_out():
    server = make_server(open_store(GRAPH), "127.0.0.1", 0, EndpointSettings(timeout=0.05, max_rows=5))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(url + "?query=" + urllib.parse.quote(heavy))
    assert error.value.code == 503
    server.shutdown()
    server.server_close()
