"""The bundled English pipeline (issue: ship kg's own pipeline) and the training recipe."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy
from thinc.api import NumpyOps, get_current_ops, set_current_ops

from kg.errors import KgError
from kg.nlp import BUNDLED_MODEL, load_pipeline, model_info, numpy_matmul, with_paragraph_breaks


def test_bundled_pipeline_loads_by_default(nlp):
    assert nlp.path == BUNDLED_MODEL
    assert {"tagger", "morphologizer", "parser", "ner"} <= set(nlp.pipe_names)
    assert nlp.meta["license"] == "CC BY-SA 4.0"
    assert spacy.load(BUNDLED_MODEL).pipe_names == nlp.pipe_names  # a folder spacy.load() accepts


def test_bundled_pipeline_is_small_enough_to_ship():
    size = sum(f.stat().st_size for f in BUNDLED_MODEL.rglob("*") if f.is_file())
    assert size <= 30 * 1024 * 1024


def test_pipeline_multiplies_matrices_with_numpy_and_annotates_as_with_blis(nlp):
    tok2vec = nlp.get_pipe("tok2vec").model
    assert all(node.ops.use_blis is False for node in tok2vec.walk())
    assert getattr(get_current_ops(), "use_blis", True), "the faster backend must not outlive loading"
    with_blis = with_paragraph_breaks(spacy.load(BUNDLED_MODEL))
    assert with_blis.get_pipe("tok2vec").model.ops.use_blis
    text = ("Russia vetoed the resolution on Syria, and Nikki Haley, the U.S. ambassador, criticized China.\n\n"
            "Dr. Jones flew from Paris to New York on Monday; the United Nations met there in 1945.")
    def annotations(doc):
        return [(t.tag_, t.lemma_, t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in doc]
    assert annotations(nlp(text)) == annotations(with_blis(text))


def test_a_backend_the_caller_chose_is_left_alone():
    class ChosenOps(NumpyOps):
        name = "chosen"

    previous, chosen = get_current_ops(), ChosenOps()
    set_current_ops(chosen)
    try:
        with numpy_matmul():
            assert get_current_ops() is chosen
    finally:
        set_current_ops(previous)


def test_russia_vetoed_the_resolution_parses_as_svo(nlp):
    doc = nlp("Russia vetoed the resolution.")
    russia, vetoed, _, resolution, _ = doc
    assert (russia.dep_, russia.head.i) == ("nsubj", vetoed.i)
    assert (resolution.dep_, resolution.head.i) == ("obj", vetoed.i)
    assert vetoed.lemma_ == "veto"  # via kg_lemma_backoff: "veto" is rare in the treebanks
    assert vetoed.pos_ == "VERB" and vetoed.tag_.startswith("VB")  # (the tagger says VBZ, not VBD: a known miss)


def test_haley_criticized_china_finds_a_person_and_a_place(nlp):
    doc = nlp("Nikki Haley criticized China.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Nikki Haley", "PERSON"), ("China", "PLACE")]


def test_sentences_are_split(nlp):
    doc = nlp("Russia vetoed the resolution. China abstained in the vote.")
    assert len(list(doc.sents)) == 2


def test_info_reports_name_version_path_licence_and_scores(nlp):
    info = model_info(nlp)
    assert info["model_name"] == "en_kg_core"
    assert info["model_path"] == str(BUNDLED_MODEL)
    assert info["license"] == "CC BY-SA 4.0"
    assert info["scores"]["ewt_test"]["dep_las"] >= 0.80


def test_kg_info_json_on_the_command_line():
    out = subprocess.run([sys.executable, "-m", "kg", "info", "--json"], capture_output=True, text=True, check=True)
    info = json.loads(out.stdout)
    for key in ("model_name", "model_version", "model_path", "spacy_version", "license", "scores"):
        assert info[key], key


def test_missing_model_is_a_clean_error():
    with pytest.raises(KgError, match="no_such_pipeline"):
        load_pipeline("no_such_pipeline")


@pytest.mark.parametrize("command", [["info"], ["build", "README.md", "-o", "unused"]])
def test_missing_model_on_the_command_line_is_one_line(command, tmp_path):
    out = subprocess.run([sys.executable, "-m", "kg", *command, "--model", "en_core_web_nope"],
                         capture_output=True, text=True, cwd=tmp_path.parent if command[0] == "info" else None)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "en_core_web_nope" in out.stderr
    assert "Traceback" not in out.stderr


def test_training_recipe_runs_end_to_end_on_a_tiny_slice(shared_data, tmp_path):
    """The real recipe (corpora, vectors, spacy train, evaluation, meta) on 30 sentences per source."""
    command = [sys.executable, "-m", "kg.training", "--data", str(shared_data), "--out", str(tmp_path),
               "--limit", "30", "--max-steps", "4", "--eval-frequency", "2",
               "--vector-buckets", "500", "--vector-epochs", "1"]
    out = subprocess.run(command, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    meta = json.loads((tmp_path / "model" / "meta.json").read_text())
    assert meta["license"] == "CC BY-SA 4.0"
    assert meta["kg"]["git_revision"]
    assert {"ewt_test", "gum_test", "entities_gum_test", "lemmatizers_ewt_test"} <= set(meta["kg"]["scores"])
    assert spacy.load(tmp_path / "model")("Russia vetoed it.")
    assert meta["kg"]["resumed"] is False and meta["kg"]["trained_revision"] == meta["kg"]["git_revision"]
    # --resume reuses the checkpoint and keeps where and how long it was trained
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    again = json.loads((tmp_path / "model" / "meta.json").read_text())["kg"]
    assert again["resumed"] is True and again["trained_revision"] == meta["kg"]["trained_revision"]
    assert again["scores"]["training_minutes"] == meta["kg"]["scores"]["training_minutes"]
