"""``kg eval entities``: exact-span, exact-type scores of any pipeline's names against gold names."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest
import spacy
from spacy.tokens import Doc

from kg.evaluate.entities import gum_documents, score_entities
from kg.training.corpus import iob_tags


def gold(nlp, words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    return Doc(nlp.vocab, words=words, ents=iob_tags(len(words), ents))


@pytest.fixture()
def ruler_pipeline():
    """A pipeline with OntoNotes labels, as spaCy's English pipelines have."""
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "GPE", "pattern": "the United States"}, {"label": "PERSON", "pattern": "Haley"},
        {"label": "NORP", "pattern": "Russian"}, {"label": "ORG", "pattern": "China"}])
    return nlp


def test_labels_are_read_as_kg_reads_them_and_leading_determiners_are_ignored(ruler_pipeline):
    references = [gold(ruler_pipeline, "Haley said the United States and China disagree".split(),
                       [(0, 1, "PERSON"), (3, 5, "PLACE"), (6, 7, "PLACE")]),
                  gold(ruler_pipeline, "the Russian envoy left".split(), [])]
    result = score_entities(ruler_pipeline, references)
    # Haley and "(the) United States" (GPE → PLACE) are right; China has the wrong type; NORP is no entity
    assert (result.gold, result.predicted) == (3, 3)
    assert result.precision == result.recall == round(2 / 3, 4)
    assert result.per_type["PLACE"].support == 2 and result.per_type["PLACE"].recall == 0.5
    assert ("wrong", "China", "PLACE", "ORG") in result.errors
    assert ("missed", "China", "PLACE", "-") not in result.errors  # found with another type, not missed
    assert result.as_dict()["core_micro"]["f1"] == result.f1


def test_the_bundled_pipeline_on_gum_test_from_the_command_line(shared_data):
    out = subprocess.run([sys.executable, "-m", "kg", "eval", "entities", "--gum", str(shared_data / "gum"), "--json"],
                         capture_output=True, text=True, check=True)
    scores = json.loads(out.stdout)
    assert set(scores["per_type"]) >= {"PERSON", "ORG", "PLACE"}
    assert 0.6 < scores["core_micro"]["f1"] < 1.0


def test_gum_splits_are_the_official_ones(shared_data):
    vocab = spacy.blank("en").vocab
    test_docs = gum_documents(shared_data / "gum", "test", vocab)
    labels = Counter(ent.label_ for doc in test_docs for ent in doc.ents)
    assert 500 < labels["PERSON"] + labels["ORG"] + labels["PLACE"] < 600 and labels["MISC"] > 100
    assert 10_000 < sum(len(doc) for doc in test_docs) < 12_000


@pytest.mark.parametrize("arguments, message", [
    ([], "give exactly one of --gum DIR or --uner FILE"),
    (["--gum", "."], "is not a GUM folder"),
    (["--uner", "no-such-file.iob2"], "no such UNER file"),
])
def test_bad_arguments_fail_with_one_line(arguments, message):
    out = subprocess.run([sys.executable, "-m", "kg", "eval", "entities", *arguments], capture_output=True, text=True)
    assert out.returncode == 1 and message in out.stderr and out.stderr.count("\n") == 1
