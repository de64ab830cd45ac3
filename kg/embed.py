"""The tok2vec's word embedding: spaCy's ``MultiHashEmbed`` plus the word's Brown cluster.

A recognizer trained on 100k words of entity annotation has seen few names, so an unseen one ("Neiafu",
"Djibonker") looks to it like any capitalized word. Brown clusters, learned by spaCy's authors from a large
English web corpus (the ``lexeme_cluster`` table of spacy-lookups-data, MIT), put words used alike under one
ancestor: "Oakland" and "Bohemia" share a cluster, "Paris" is a sibling of it. Embedding a word's cluster at
three depths of the tree, beside its NORM, PREFIX, SUFFIX and SHAPE, lets every component that listens to the
tok2vec generalize from the names it was shown to the words used like them (training/README.md measures it).

The clusters live where spaCy keeps them, in the vocab's ``lexeme_cluster`` lookups table (what
``Lexeme.cluster`` reads), so they are saved and loaded with the pipeline's vocab. The recipe fills the table
through ``[initialize.lookups]`` with :func:`brown_clusters`; nothing is read from spacy-lookups-data at run
time.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from pathlib import Path

import numpy
from spacy.attrs import intify_attr
from spacy.lookups import Lookups
from spacy.ml.staticvectors import StaticVectors
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

CLUSTER_TABLE = "lexeme_cluster"  # the table name spaCy's Lexeme.cluster reads


def read_brown_clusters() -> dict[str, int]:
    """spacy-lookups-data's English Brown clusters, words without a cluster left out (190k of 1M words).
    Needs spacy-lookups-data (a training dependency)."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_cluster.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as source:
        return {word: cluster for word, cluster in json.load(source).items() if cluster}


@registry.misc("kg.brown_clusters.v1")
def brown_clusters() -> Lookups:
    """:func:`read_brown_clusters` as the vocab's lookups table, keyed by the word's hash as spaCy's tables are."""
    lookups = Lookups()
    lookups.add_table(CLUSTER_TABLE, read_brown_clusters())
    return lookups


def cluster_columns(doc: Doc, depths: Sequence[int]) -> numpy.ndarray:
    """One row per token: its Brown cluster's ancestor at each depth, or 0 for a word without a cluster.

    spacy-lookups-data stores a cluster as an integer whose lowest bits are the top of the tree, so the
    ancestor at depth d is the cluster's lowest d bits (+1, so that no ancestor is the "no cluster" 0)."""
    table = doc.vocab.lookups.get_table(CLUSTER_TABLE) if doc.vocab.lookups.has_table(CLUSTER_TABLE) else {}
    clusters = numpy.fromiter((table.get(token.orth, 0) for token in doc), dtype="uint64", count=len(doc))
    columns = numpy.zeros((len(doc), len(depths)), dtype="uint64")
    for i, depth in enumerate(depths):
        columns[:, i] = (clusters & numpy.uint64((1 << depth) - 1)) + numpy.uint64(1)
    columns[clusters == 0] = 0
    return columns


def ClusterFeatureExtractor(attrs: Sequence[str], depths: Sequence[int]) -> Model[list[Doc], list[Ints2d]]:
    """spaCy's FeatureExtractor (``doc.to_array(attrs)``) with the cluster columns appended."""
    columns = [intify_attr(attr) for attr in attrs]

    def forward(model: Model, docs: list[Doc], is_train: bool):
        features = []
        for doc in docs:
            lexical = doc.to_array(columns).reshape((len(doc), len(columns))).astype("uint64")
            features.append(model.ops.asarray2i(numpy.hstack([lexical, cluster_columns(doc, depths)]),
                                                dtype="uint64"))
        return features, lambda d_features: []

    return Model("extract_features_with_clusters", forward, attrs={"columns": columns, "depths": list(depths)})


@registry.architectures("kg.ClusterHashEmbed.v1")
def cluster_hash_embed(width: int, attrs: list[str], rows: list[int], cluster_depths: list[int],
                       cluster_rows: list[int], include_static_vectors: bool) -> Model[list[Doc], list[Floats2d]]:
    """``spacy.MultiHashEmbed.v2`` with one more hash-embedded column per entry of ``cluster_depths``: each
    attribute and each cluster depth has its own table (``rows``, ``cluster_rows``), and the concatenation,
    with the static vectors where included, is mixed by one Maxout layer, as in MultiHashEmbed."""
    if len(rows) != len(attrs) or len(cluster_rows) != len(cluster_depths):
        raise ValueError(f"rows {rows} / cluster_rows {cluster_rows} do not match attrs {attrs} / "
                         f"cluster_depths {cluster_depths}")
    all_rows = [*rows, *cluster_rows]
    # seeds from 8, as MultiHashEmbed numbers its tables
    embeddings = [HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0) for i, n_rows in enumerate(all_rows)]
    mix = with_array(Maxout(width, width * (len(embeddings) + include_static_vectors), nP=3, dropout=0.0,
                            normalize=True))
    hashed = chain(ClusterFeatureExtractor(attrs, cluster_depths), list2ragged(), with_array(concatenate(*embeddings)))
    if include_static_vectors:
        return chain(concatenate(hashed, StaticVectors(width, dropout=0.0)), mix, ragged2list())
    return chain(hashed, mix, ragged2list())
