"""kg.ClusterHashEmbed.v1: the tok2vec's embedding with each word's Brown cluster (kg/embed.py)."""

from __future__ import annotations

import numpy
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lookups import Lookups
from spacy.tokens import Doc
from spacy.util import registry

from kg.embed import CLUSTER_TABLE, cluster_columns

# spacy-lookups-data's encoding: the lowest bits are the top of the tree ("Oakland" 0b10100110 and "Paris"
# 0b1010100110 share their lowest six bits)
CLUSTERS = {"Oakland": 0b10100110, "Paris": 0b1010100110, "the": 0b1011}


def _vocab_with_clusters():
    nlp = spacy.blank("en")
    lookups = Lookups()
    lookups.add_table(CLUSTER_TABLE, CLUSTERS)
    nlp.vocab.lookups = lookups
    return nlp


def test_cluster_columns_are_ancestors_at_each_depth_and_zero_without_a_cluster():
    nlp = _vocab_with_clusters()
    doc = Doc(nlp.vocab, words=["Oakland", "Paris", "the", "Neiafu"])
    columns = cluster_columns(doc, (6, 10, 18))
    assert columns.shape == (4, 3) and columns.dtype == numpy.uint64
    assert columns[0, 0] == columns[1, 0] == 0b100110 + 1  # same ancestor six levels down
    assert columns[0, 1] != columns[1, 1]  # different clusters deeper down
    assert columns[3].tolist() == [0, 0, 0]  # a word without a cluster
    assert (columns[:3] != 0).all()


def test_a_vocab_without_the_table_gives_no_clusters():
    doc = Doc(spacy.blank("en").vocab, words=["Oakland", "Paris"])
    assert cluster_columns(doc, (6, 10)).tolist() == [[0, 0], [0, 0]]


def test_the_embedding_gives_one_vector_per_token():
    nlp = _vocab_with_clusters()
    embed = registry.architectures.get("kg.ClusterHashEmbed.v1")(
        width=16, attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"], rows=[50, 20, 20, 20], cluster_depths=[6, 10, 18],
        cluster_rows=[10, 20, 30], include_static_vectors=False)
    docs = [Doc(nlp.vocab, words=["Oakland", "is", "near", "the", "bay"]), Doc(nlp.vocab, words=["Paris"])]
    embed.initialize(X=docs)
    vectors = embed.predict(docs)
    assert [v.shape for v in vectors] == [(5, 16), (1, 16)]
    # the cluster changes the vector: the same word with and without its cluster
    plain = spacy.blank("en")
    assert not numpy.allclose(embed.predict([Doc(plain.vocab, words=["Paris"])])[0], vectors[1])


def test_mismatched_rows_are_a_clear_error():
    with pytest.raises(ValueError, match="cluster_rows"):
        registry.architectures.get("kg.ClusterHashEmbed.v1")(
            width=8, attrs=["NORM"], rows=[10], cluster_depths=[6, 10], cluster_rows=[10],
            include_static_vectors=False)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12).filter(lambda w: w.strip() == w and w), min_size=1, max_size=20))
def test_any_words_get_one_row_each(words):
    nlp = _vocab_with_clusters()
    columns = cluster_columns(Doc(nlp.vocab, words=words), (6, 10, 18))
    assert columns.shape == (len(words), 3)
    assert ((columns == 0).all(axis=1) == numpy.array([w not in CLUSTERS for w in words])).all()


def test_the_bundled_pipeline_reads_its_clusters_from_its_vocab(nlp):
    embed = nlp.get_pipe("tok2vec").model.get_ref("embed")
    assert "extract_features_with_clusters" in [layer.name for layer in embed.walk()]
    assert nlp.vocab.lookups.has_table(CLUSTER_TABLE)
    assert nlp.vocab.lookups.get_table(CLUSTER_TABLE).get("Paris")
    # the name classifier reads the same table (stored once), capitalized words only, as it was trained
    clusters = nlp.get_pipe("kg_entity_types").lexicons.clusters
    assert clusters.get("Paris") == nlp.vocab.lookups.get_table(CLUSTER_TABLE).get("Paris")
    assert clusters.get("the") == 0
