"""Linking to a user-supplied knowledge base: reading CSV and Turtle KBs, owl:sameAs for exactly one match,
ambiguous and type-incompatible matches left unlinked, bad KB files as one-line errors, the example KB."""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import rdflib
from conftest import EXAMPLE, REPO
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg import load_graph, query, validate
from kg.cli import main
from kg.errors import KgError
from kg.export import WRITERS
from kg.graph import new_graph
from kg.link import KbEntry, KnowledgeBase, check_iri, link, match, read_kb
from kg.namespaces import CLASSES, DOC, ENTITY_NAMESPACES, KG

KB_CSV = REPO / "examples" / "kb.csv"
WD = "http://www.wikidata.org/entity/"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _graph(*entities: tuple[str | None, str, tuple[str, ...]]) -> rdflib.Graph:
    """A graph with the entities kg would write: (kg type, preferred label, other surface forms)."""
    graph = new_graph()
    document = DOC["d"]
    graph.add((document, RDF.type, KG.Document))
    graph.add((document, DCTERMS.identifier, Literal("d")))
    for number, (kg_type, label, alt_labels) in enumerate(entities):
        iri = ENTITY_NAMESPACES[kg_type][1][f"e{number}"]
        graph.add((iri, RDF.type, CLASSES[kg_type]))
        graph.add((iri, RDFS.label, Literal(label)))
        graph.add((iri, SKOS.prefLabel, Literal(label)))
        for name in alt_labels:
            graph.add((iri, SKOS.altLabel, Literal(name)))
        graph.add((iri, KG.mentionCount, Literal(1)))
        graph.add((iri, KG.mentionedIn, document))
    return graph


def _entity(graph: rdflib.Graph, label: str) -> URIRef:
    return next(graph.subjects(SKOS.prefLabel, Literal(label)))


def _same_as(graph: rdflib.Graph, entity: URIRef) -> set[str]:
    return {str(o) for o in graph.objects(entity, OWL.sameAs)}


# --- reading knowledge bases ----------------------------------------------------------------------------------


def test_reads_a_csv_kb(tmp_path):
    path = _write(tmp_path / "kb.csv", "\ufefftype, Label ,id,aliases,notes\r\n"
                                       "Country,Russia,http://www.wikidata.org/entity/Q159, Russian Federation |,big\r\n"
                                       "\r\n"
                                       'schema:City,"Washington, D.C.",http://www.wikidata.org/entity/Q61,Washington|D.C.,\r\n'
                                       "PERSON,Donald Trump,http://www.wikidata.org/entity/Q22686,Trump|Trump,\r\n"
                                       ",Some thing,urn:example:thing,,\r\n"
                                       "org,United Nations,https://example.org/un#it,UN,\r\n")
    kb = read_kb(path)
    assert kb.entries == (
        KbEntry(WD + "Q159", "Russia", ("Russian Federation",), "PLACE"),
        KbEntry(WD + "Q61", "Washington, D.C.", ("Washington", "D.C."), "PLACE"),
        KbEntry(WD + "Q22686", "Donald Trump", ("Trump",), "PERSON"),
        KbEntry("urn:example:thing", "Some thing", (), None),
        KbEntry("https://example.org/un#it", "United Nations", ("UN",), "ORG"),
    )
    assert set(kb.by_key()["washington"]) == {kb.entries[1]}


def test_reads_a_turtle_kb(tmp_path):
    path = _write(tmp_path / "kb.ttl", """
        @prefix schema: <https://schema.org/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix ex: <https://example.org/> .
        @prefix kg: <https://w3id.org/kg/ontology#> .
        ex:Nation rdfs:subClassOf schema:Country ; rdfs:label "nation" .
        ex:nickname a owl:DatatypeProperty ; rdfs:label "nickname" .
        <http://www.wikidata.org/entity/Q159> a ex:Nation ; skos:prefLabel "Russia"@en, "Russie"@fr ;
            rdfs:label "Russia" ; skos:altLabel "Russian Federation"@en-GB, "Россия"@ru .
        <http://www.wikidata.org/entity/Q22686> a <http://schema.org/Person> ; rdfs:label "Donald Trump" ;
            skos:altLabel "Trump" .
        ex:acme a schema:Organization, schema:Place ; rdfs:label "Acme" .
        ex:event a kg:Event ; rdfs:label "Summit" .
        ex:french a schema:Person ; rdfs:label "Seulement"@fr .
    """)
    entries = {e.iri: e for e in read_kb(path).entries}
    assert entries == {
        WD + "Q159": KbEntry(WD + "Q159", "Russia", ("Russian Federation",), "PLACE"),
        WD + "Q22686": KbEntry(WD + "Q22686", "Donald Trump", ("Trump",), "PERSON"),
        "https://example.org/acme": KbEntry("https://example.org/acme", "Acme", (), None),  # two kg types: untyped
        "https://example.org/event": KbEntry("https://example.org/event", "Summit", (), "EVENT"),
    }


# --- matching ---------------------------------------------------------------------------------------------------


def test_a_matched_entity_gets_exactly_one_same_as():
    graph = _graph(("PLACE", "Russia", ("Ms. Russia",)), ("PERSON", "Mr. Trump", ("President Trump",)),
                   (None, "resolution", ()))
    kb = KnowledgeBase((KbEntry(WD + "Q159", "Russian Federation", ("Russia",), "PLACE"),
                        KbEntry(WD + "Q22686", "Donald Trump", ("Trump",), "PERSON")))
    before = len(graph)
    report = link(graph, kb)
    assert _same_as(graph, _entity(graph, "Russia")) == {WD + "Q159"}
    assert _same_as(graph, _entity(graph, "Mr. Trump")) == {WD + "Q22686"}  # honorific and title do not count
    assert not _same_as(graph, _entity(graph, "resolution"))
    assert len(graph) == before + 2
    assert (len(report.linked), len(report.ambiguous), report.unmatched, report.entities) == (2, 0, 1, 3)
    assert report.line() == "2 linked, 0 ambiguous, 1 unmatched (0 only with another type)"
    assert link(graph, kb) == report and len(graph) == before + 2  # linking twice adds nothing


def test_ambiguous_matches_are_reported_not_linked():
    graph = _graph(("PLACE", "Washington", ()), (None, "Springfield", ()))
    kb = KnowledgeBase((KbEntry(WD + "Q61", "Washington, D.C.", ("Washington",), "PLACE"),
                        KbEntry(WD + "Q1223", "Washington", (), "PLACE"),
                        KbEntry("https://example.org/springfield-il", "Springfield", (), "PLACE"),
                        KbEntry("https://example.org/springfield-band", "Springfield", (), "ORG")))
    before = set(graph)
    report = match(graph, kb)
    assert set(graph) == before  # match never changes the graph
    assert not report.linked and report.unmatched == 0
    assert [(a.label, [str(i) for i in a.iris]) for a in report.ambiguous] == [
        ("Springfield", ["https://example.org/springfield-band", "https://example.org/springfield-il"]),
        ("Washington", [WD + "Q1223", WD + "Q61"]),
    ]
    link(graph, kb)
    assert not list(graph.triples((None, OWL.sameAs, None)))


def test_type_incompatible_candidates_are_not_linked():
    graph = _graph(("PERSON", "Apple", ()), ("PLACE", "Georgia", ()), (None, "Paris", ()))
    kb = KnowledgeBase((KbEntry("https://example.org/apple-inc", "Apple", ("Apple Inc.",), "ORG"),
                        KbEntry("https://example.org/georgia-country", "Georgia", (), "PLACE"),
                        KbEntry("https://example.org/georgia-person", "Georgia", (), "PERSON"),
                        KbEntry("https://example.org/paris", "Paris", (), "PLACE")))
    report = link(graph, kb)
    assert not _same_as(graph, _entity(graph, "Apple"))  # a person is not an organization
    assert _same_as(graph, _entity(graph, "Georgia")) == {"https://example.org/georgia-country"}  # type decides
    assert _same_as(graph, _entity(graph, "Paris")) == {"https://example.org/paris"}  # untyped entity: compatible
    assert [(m.label, [str(i) for i in m.iris]) for m in report.mistyped] == [("Apple", ["https://example.org/apple-inc"])]
    assert (len(report.linked), report.unmatched) == (2, 1)


def test_untyped_kb_entries_match_any_type():
    graph = _graph(("ORG", "Security Council", ()))
    report = link(graph, KnowledgeBase((KbEntry(WD + "Q37470", "UN Security Council", ("Security Council",)),)))
    assert [str(found.target) for found in report.linked] == [WD + "Q37470"]


@pytest.mark.parametrize("iri", ["http://www.wikidata.org/entity/Q159", "https://example.org/a?b=c#d",
                                 "urn:isbn:0451450523", "http://example.org/Zürich"])
def test_good_iris(iri):
    assert check_iri(iri) == iri


@pytest.mark.parametrize("iri", ["http://x/> <y", "http://x/ y", "Q159", "wd:Q159", "ftp://example.org/x",
                                 "javascript:alert(1)", "http://", "urn:x", 'http://x/"', "http://x/\ny",
                                 "<http://x/>", "http://x/{y}", "http://x/a\\b", "http://x/\u200b"])
def test_ids_that_are_not_safe_absolute_iris_are_rejected(iri, tmp_path):
    path = tmp_path / "kb.csv"
    with path.open("w", encoding="utf-8", newline="") as sink:
        csv.writer(sink).writerows([("id", "label"), (iri, "Russia")])
    with pytest.raises(KgError, match=r"kb\.csv:2: "):
        read_kb(path)


# --- the command line: bad knowledge bases are one-line errors ---------------------------------------------------


BAD_KBS = {
    "missing.csv": None,
    "header.csv": "iri,name\nhttp://example.org/a,A\n",
    "relative.csv": "id,label\nhttp://example.org/a,A\nQ159,Russia\n",
    "type.csv": "id,label,aliases,type\nhttp://example.org/a,A,,Planet\n",
    "label.csv": "id,label\nhttp://example.org/a,\n",
    "duplicate.csv": "id,label\nhttp://example.org/a,A\nhttp://example.org/a,B\n",
    "fields.csv": "id,label\nhttp://example.org/a,A,extra\n",
    "empty.csv": "id,label,aliases,type\n",
    "latin1.csv": "id,label\nhttp://example.org/a,Fran\xe7ois\n".encode("latin-1"),
    "broken.ttl": "this is not turtle",
    "blank.ttl": '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . [] rdfs:label "Anonymous" .',
    "file.ttl": '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . <file:///etc/x> rdfs:label "X" .',
}
CSV_LINES = {"header.csv": 1, "relative.csv": 3, "type.csv": 2, "label.csv": 2, "duplicate.csv": 3, "fields.csv": 2}


def _run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["kg", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out, captured.err


@pytest.mark.parametrize("name", sorted(BAD_KBS))
@pytest.mark.parametrize("command", ["link", "build"])
def test_a_bad_kb_is_a_one_line_error_and_writes_nothing(name, command, tmp_path, monkeypatch, capsys):
    content = BAD_KBS[name]
    kb = tmp_path / name
    if isinstance(content, bytes):
        kb.write_bytes(content)
    elif content is not None:
        _write(kb, content)
    out = tmp_path / "out"
    args = (["link", str(REPO / "output" / "graph.ttl"), "--kb", str(kb), "-o", str(out / "linked.ttl")]
            if command == "link" else ["build", str(EXAMPLE), "--kb", str(kb), "-o", str(out), "-q"])
    code, _, err = _run_main(monkeypatch, capsys, *args)
    assert code == 1
    assert err.startswith("kg: error: ") and err.count("\n") == 1, err
    location = f"{kb}:{CSV_LINES[name]}: " if name in CSV_LINES else f"{kb}: "
    assert location in err, err
    assert not out.exists()


def test_kg_link_on_the_command_line(tmp_path):
    out = tmp_path / "linked.ttl"
    result = subprocess.run([sys.executable, "-m", "kg", "link", str(REPO / "output" / "graph.ttl"),
                             "--kb", str(KB_CSV), "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = match(load_graph(REPO / "output" / "graph.ttl"), read_kb(KB_CSV))
    assert result.stdout == f"wrote {out}: {expected.entities} entities, {expected.line()}\n"
    linked = load_graph(out)
    assert {(str(s), str(o)) for s, o in linked.subject_objects(OWL.sameAs)} == \
           {(str(found.entity), str(found.target)) for found in expected.linked}
    assert validate(linked).conforms


# --- the example article with the example KB ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("linked")
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(EXAMPLE), "--kb", str(KB_CSV), "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "knowledge base: " in result.stdout and " linked, " in result.stdout
    return out


# label in the example article → the KB entry it must link to whenever kg's type for it is compatible
EXPECTED = {"Russia": ("Q159", "PLACE"), "China": ("Q148", "PLACE"), "Syria": ("Q858", "PLACE"),
            "United States": ("Q30", "PLACE"), "France": ("Q142", "PLACE"), "Trump": ("Q22686", "PERSON"),
            "Security Council": ("Q37470", "ORG")}


def test_the_example_links_the_expected_entities(example):
    graph = load_graph(example / "graph.ttl")
    labels = " ".join(f'"{label}"' for label in EXPECTED)
    rows = query(graph, "SELECT ?entity ?label ?class WHERE { ?entity kg:mentionCount ?n ; skos:prefLabel ?label ; "
                        "a ?class . VALUES ?label { " + labels + " } }")
    linked = 0
    for entity, label, cls in rows:
        qid, kg_type = EXPECTED[str(label)]
        if cls in (CLASSES[kg_type], KG.Entity):
            assert _same_as(graph, entity) == {WD + qid}, label
            linked += 1
        else:  # the recognizer typed it otherwise: no link rather than a wrong one
            assert not _same_as(graph, entity), label
    assert linked >= 3
    # every link goes from one of kg's entities to exactly one Wikidata IRI of the KB
    kb_iris = {entry.iri for entry in read_kb(KB_CSV).entries}
    for entity in set(graph.subjects(OWL.sameAs, None)):
        assert (entity, KG.mentionCount, None) in graph
        (target,) = _same_as(graph, entity)
        assert target in kb_iris
    # "Washington" is D.C. or the state: never linked
    for washington in graph.subjects(SKOS.prefLabel, Literal("Washington")):
        assert not _same_as(graph, washington)


def test_the_linked_example_conforms_and_shows_links_in_html(example, monkeypatch, capsys):
    graph = load_graph(example / "graph.ttl")
    assert validate(graph).conforms
    code, out, _ = _run_main(monkeypatch, capsys, "validate", str(example / "graph.ttl"))
    assert code is None or code == 0, out
    targets = {str(o) for o in graph.objects(None, OWL.sameAs)}
    html = (example / "graph.html").read_text(encoding="utf-8")
    assert any(f"same as {target}" in html for target in targets)


def test_linking_the_linked_example_again_changes_nothing(example, tmp_path):
    again = tmp_path / "again.ttl"
    result = subprocess.run([sys.executable, "-m", "kg", "link", str(example / "graph.ttl"), "--kb", str(KB_CSV),
                             "-o", str(again)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert set(load_graph(again)) == set(load_graph(example / "graph.ttl"))


# --- untrusted KB text --------------------------------------------------------------------------------------------


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
# None: a good id (https://example.org/e<row>); otherwise arbitrary or hostile text, mostly rejected
ids = st.one_of(st.none(), st.none(), text, st.builds(lambda tail: "http://example.org/" + tail, text),
                st.sampled_from(["http://x/> <y", 'http://x/>.<y> <z> "', "urn:x:a b"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(rows=st.lists(st.tuples(ids, text.filter(str.strip), st.lists(text, max_size=3),
                               st.sampled_from(["", "PERSON", "Country"])), min_size=1, max_size=4))
def test_kb_text_cannot_break_the_turtle_output(rows):
    rows = [(f"https://example.org/e{number}" if iri is None else iri, label, "|".join(aliases), kb_type)
            for number, (iri, label, aliases, kb_type) in enumerate(rows)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.csv"
        with path.open("w", encoding="utf-8", newline="") as sink:
            writer = csv.writer(sink)
            writer.writerow(["id", "label", "aliases", "type"])
            writer.writerows(rows)
        try:
            kb = read_kb(path)
        except KgError as error:
            assert "\n" not in str(error)
            event("rejected")
            return
    event("read")
    graph = _graph(*((None, name, ()) for entry in kb.entries for name in entry.names))
    report = link(graph, kb)
    targets = {str(o) for o in graph.objects(None, OWL.sameAs)}
    assert targets == {str(found.target) for found in report.linked} <= {entry.iri for entry in kb.entries}
    for entry in kb.entries:
        assert check_iri(entry.iri) and not any(c in entry.iri for c in '<> "{}|\\^`')
    for fmt in ("turtle", "nt"):
        parsed = rdflib.Graph().parse(data=WRITERS[fmt](graph), format=fmt)
        assert len(parsed) == len(graph)
        assert {(s, o) for s, o in parsed.subject_objects(OWL.sameAs)} == \
               {(s, o) for s, o in graph.subject_objects(OWL.sameAs)}
