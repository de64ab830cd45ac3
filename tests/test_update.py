"""kg build --update: adding documents gives exactly the graph one build of all of them gives."""

from __future__ import annotations

import dataclasses
import gzip
import json

import pytest
from conftest import EXAMPLE, SHARED
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.state import STATE_FILE, dump_state, read_state

runner = CliRunner()


def _kg(*args: str):
    """Run the CLI in-process (user errors surface as ``result.exception``; kg.cli.main prints them)."""
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """Two folders of short news texts (Reuters when ../shared is there, else hand-written)."""
    root = tmp_path_factory.mktemp("docs")
    corpus = SHARED / "corpus" / "reuters21578.jsonl.gz"
    if corpus.is_file():
        with gzip.open(corpus, "rt", encoding="utf-8") as lines:
            texts = [t for t in (json.loads(line).get("text", "") for line, _ in zip(lines, range(40))) if t][:7]
    else:
        texts = [EXAMPLE.read_text(encoding="utf-8"),
                 "Nikki Haley criticized China. The United States backed the resolution.",
                 "Russia vetoed the resolution. The U.S. condemned the veto.",
                 "Angela Merkel met Emmanuel Macron in Berlin. Germany and France signed a treaty.",
                 "Apple hired Jane Smith. She praised the company.",
                 "Toyota opened a plant in Texas. The plant employs 900 workers.",
                 "The UN Security Council met on Tuesday. Britain proposed a new draft."]
    first, second = root / "first", root / "second"
    first.mkdir()
    second.mkdir()
    for index, text in enumerate(texts):
        (first if index < 4 else second / "").joinpath(f"doc{index}.txt").write_text(text, encoding="utf-8")
    (second / "again.txt").write_text(texts[0], encoding="utf-8")  # a text already in the graph
    (second / "doc0.txt").write_text(texts[1] + " Again.", encoding="utf-8")  # a new text whose id is taken
    return first, second


def test_update_equals_one_build_of_everything(folders, tmp_path):
    first, second = folders
    assert _kg("build", str(first), str(second), "-o", str(tmp_path / "full"), "-q").exit_code == 0
    assert _kg("build", str(first), "-o", str(tmp_path / "inc"), "-q").exit_code == 0
    result = _kg("build", "--update", str(tmp_path / "inc"), str(second))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("4 added, 1 already in (skipped), 8 document(s)")
    for name in ("graph.ttl", "graph.html", STATE_FILE):
        assert (tmp_path / "full" / name).read_bytes() == (tmp_path / "inc" / name).read_bytes(), name
    ids = [r.document.id for r in read_state(tmp_path / "inc").results]
    assert len(ids) == len(set(ids)) == 8 and "doc0-2" in ids


def test_adding_the_same_documents_again_changes_nothing(folders, tmp_path):
    first, _ = folders
    assert _kg("build", str(first), "-o", str(tmp_path), "-q").exit_code == 0
    before = (tmp_path / "graph.ttl").read_bytes()
    result = _kg("build", "--update", str(tmp_path), str(first))
    assert result.exit_code == 0 and result.output.startswith("0 added, 4 already in (skipped)")
    assert (tmp_path / "graph.ttl").read_bytes() == before


def test_update_needs_a_built_folder_and_the_same_pipeline(folders, tmp_path):
    first, _ = folders
    result = _kg("build", "--update", str(tmp_path / "nothing"), str(first))
    assert isinstance(result.exception, KgError) and "graph.records.jsonl.gz" in str(result.exception)
    assert _kg("build", str(first), "-o", str(tmp_path / "built"), "-q").exit_code == 0
    state = tmp_path / "built" / STATE_FILE
    other = dataclasses.replace(read_state(tmp_path / "built"), model="en_other 9.9")
    state.write_bytes(dump_state(other))
    result = _kg("build", "--update", str(tmp_path / "built"), str(first))
    assert isinstance(result.exception, KgError) and "built with the pipeline en_other 9.9" in str(result.exception)
    state.write_bytes(b"not gzip")
    result = _kg("build", "--update", str(tmp_path / "built"), str(first))
    assert isinstance(result.exception, KgError) and "unreadable build records" in str(result.exception)
    result = _kg("build", "--update", str(tmp_path / "built"), "-o", str(tmp_path / "elsewhere"), str(first))
    assert isinstance(result.exception, KgError) and "leave out --out" in str(result.exception)


def test_a_follow_up_article_merges_into_the_first_ones_entities(tmp_path):
    """Real parses: "Nikki Haley" and "U.S."/"US" in examples/followup.txt join the example's entities."""
    import rdflib

    from kg.namespaces import KG

    assert _kg("build", str(EXAMPLE), "-o", str(tmp_path), "-q").exit_code == 0
    assert _kg("build", "--update", str(tmp_path), str(EXAMPLE.with_name("followup.txt")), "-q").exit_code == 0
    graph = rdflib.Graph().parse(tmp_path / "graph.ttl")

    def spellings(entity: str) -> set[str]:
        iri = rdflib.URIRef(f"https://w3id.org/kg/{entity}")
        return {str(graph.value(form, KG.text)) for form in graph.objects(iri, KG.surfaceForm)}

    assert {"Haley", "Nikki Haley"} <= spellings("person/nikki_haley")
    assert {"United States", "U.S.", "US"} <= spellings("place/united_states")


def test_an_update_writes_what_the_first_build_wrote_and_links_to_the_same_kb(tmp_path):
    followup = EXAMPLE.with_name("followup.txt")
    kb = EXAMPLE.with_name("kb.csv")
    options = ["--format", "turtle", "--format", "trig", "--max-nodes", "20", "--kb", str(kb), "-q"]
    assert _kg("build", str(EXAMPLE), str(followup), "-o", str(tmp_path / "full"), *options).exit_code == 0
    assert _kg("build", str(EXAMPLE), "-o", str(tmp_path / "inc"), *options).exit_code == 0
    result = _kg("build", "--update", str(tmp_path / "inc"), str(followup))  # no options: the first build's
    assert result.exit_code == 0, result.output
    assert "graph.trig" in result.output and "graph.html" not in result.output and "knowledge base:" in result.output
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "full" / name).read_bytes() == (tmp_path / "inc" / name).read_bytes(), name
    assert b"owl:sameAs" in (tmp_path / "inc" / "graph.ttl").read_bytes()
