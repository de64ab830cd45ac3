"""The kg command: build and query end to end, and bad input → one line, exit 1, no output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE

KG = [sys.executable, "-m", "kg"]


def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, cwd=cwd, input=stdin)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = run("build", str(EXAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 document(s)" in result.stdout and "extracted triple(s)" in result.stdout
    return out


def test_build_writes_turtle_html_and_the_records_an_update_starts_from(built):
    assert sorted(p.name for p in built.iterdir()) == ["graph.html", "graph.records.jsonl.gz", "graph.ttl"]


def test_query_prints_the_count(built):
    result = run("query", str(built / "graph.ttl"), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.returncode == 0, result.stderr
    header, _rule, value = result.stdout.splitlines()
    assert header.strip() == "n" and int(value) >= 100


def test_query_from_file_and_formats(built, tmp_path):
    rq = tmp_path / "people.rq"
    rq.write_text("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name", encoding="utf-8")
    as_csv = run("query", str(built / "graph.ttl"), "-f", str(rq), "--format", "csv")
    assert as_csv.returncode == 0 and as_csv.stdout.startswith("name\n")
    as_json = run("query", str(built / "graph.ttl"), "-f", str(rq), "--format", "json")
    assert '"vars": ["name"]' in as_json.stdout.replace("\n", "").replace("  ", " ") or '"name"' in as_json.stdout


def test_build_reads_stdin(tmp_path):
    result = run("build", "-", "-o", str(tmp_path), stdin="Russia vetoed the resolution.")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8").count("rel:veto") >= 1


def _bad_inputs(tmp: Path) -> dict[str, list[str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp / "notes.docx").write_bytes(b"PK")
    (tmp / "nothing").mkdir()
    (tmp / "nothing" / "pic.png").write_bytes(b"\x89PNG")
    return {
        "missing file": ["build", str(tmp / "missing.txt")],
        "folder without text": ["build", str(tmp / "nothing")],
        "binary file": ["build", str(tmp / "binary.txt")],
        "empty file": ["build", str(tmp / "empty.txt")],
        "unknown extension": ["build", str(tmp / "notes.docx")],
    }


@pytest.mark.parametrize("case", ["missing file", "folder without text", "binary file", "empty file",
                                  "unknown extension"])
def test_bad_input_is_one_line_nonzero_and_writes_nothing(case, tmp_path):
    args = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    result = run(*args, "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_unwritable_output_folder_is_one_line_before_any_parsing(tmp_path):
    (tmp_path / "a.txt").write_text("Russia vetoed the resolution.", encoding="utf-8")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = run("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "file" / "out"), "--model", "no_such_model")
    # the output check comes first: a long build must not fail only when it comes to write
    assert result.returncode == 1
    blocked, out = tmp_path / "file", tmp_path / "file" / "out"
    assert result.stderr == f"kg: error: {out}: cannot write here, {blocked} is not a folder\n"
    assert (tmp_path / "file").read_text(encoding="utf-8") == "not a folder"


def test_write_atomically_names_what_it_cannot_write_and_leaves_nothing(tmp_path):
    from kg.errors import KgError
    from kg.io import write_atomically

    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "graph.ttl").mkdir()  # a folder where the file should go: only the rename fails
    with pytest.raises(KgError, match=r"file: exists and is not a folder$"):
        write_atomically({tmp_path / "ok.ttl": b"ok", tmp_path / "file" / "graph.ttl": b"no"})
    with pytest.raises(KgError, match=r"graph.ttl: cannot write \(Is a directory\)$"):
        write_atomically({tmp_path / "ok.ttl": b"ok", tmp_path / "graph.ttl": b"no"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "graph.ttl"]
    assert list((tmp_path / "graph.ttl").iterdir()) == []


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    result = run("build", str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.returncode == 1
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]


@pytest.mark.parametrize("query", ["SELEC ?x WHERE {}", "SELECT ?x WHERE { ?x ?p }", ""])
def test_bad_sparql_is_one_line(built, query):
    result = run("query", str(built / "graph.ttl"), query)
    assert result.returncode == 1
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1


def test_query_on_a_missing_or_broken_graph(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    for path in (tmp_path / "missing.ttl", broken):
        result = run("query", str(path), "SELECT * WHERE { ?s ?p ?o }")
        assert result.returncode == 1 and result.stderr.count("\n") == 1


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "query", "info"):
        assert command in result.stdout


def test_extract_formats(tmp_path):
    source = tmp_path / "sentences.txt"
    source.write_text("Russia vetoed the resolution .\nNikki Haley criticized China .\n", encoding="utf-8")
    carb = run("extract", str(source), "--one-sentence-per-line", "--format", "carb")
    assert carb.returncode == 0, carb.stderr
    first = carb.stdout.splitlines()[0].split("\t")
    assert first[0] == "Russia vetoed the resolution ." and first[2:] == ["vetoed", "Russia", "the resolution"]
    assert 0 < float(first[1]) <= 1
    jsonl = run("extract", str(source), "--format", "jsonl")
    record = json.loads(jsonl.stdout.splitlines()[0])
    assert (record["subject"]["text"], record["relation"], record["object"]["text"]) == ("Russia", "veto", "resolution")
    assert {"confidence", "extractor", "sentence", "document", "qualifiers"} <= set(record)
    tsv = run("extract", str(source), "--format", "tsv", "-o", str(tmp_path / "out.tsv"))
    assert tsv.returncode == 0 and (tmp_path / "out.tsv").read_text(encoding="utf-8").startswith("document\t")


def test_one_sentence_per_line_never_resplits(tmp_path):
    source = tmp_path / "lines.txt"
    source.write_text("Mr. Smith went to Washington. He met Mr. Jones there .\n", encoding="utf-8")
    result = run("extract", str(source), "--one-sentence-per-line", "--format", "carb")
    sentences = {line.split("\t")[0] for line in result.stdout.splitlines()}
    assert sentences <= {"Mr. Smith went to Washington. He met Mr. Jones there ."}


def test_eval_carb_on_the_reference_fixture(shared_data):
    carb = shared_data / "carb"
    result = run("eval", "carb", "--gold", str(carb / "gold" / "dev.tsv"), "--pred", str(carb / "openie5-dev.tab"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("AUC 0.240  P 0.526  R 0.406  F1 0.458")


def test_eval_carb_needs_exactly_one_source(tmp_path):
    gold = tmp_path / "gold.tsv"
    gold.write_text("A b c .\tb\tA\tc\n", encoding="utf-8")
    result = run("eval", "carb", "--gold", str(gold))
    assert result.returncode == 1 and "exactly one" in result.stderr
