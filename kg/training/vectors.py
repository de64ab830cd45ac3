"""Static floret vectors trained on raw news text, for the pipeline's tok2vec.

floret stores subword vectors in a small fixed hash table, so even names and
misspellings never seen in training get a vector, at a size we can ship.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy

from kg.training.conllu import read_conllu


def reuters_texts(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text", "")
            if text.strip():
                yield text


def treebank_texts(paths: Iterable[Path]) -> Iterator[str]:
    for path in paths:
        for sentence in read_conllu(path):
            yield " ".join(word.form for word in sentence.words)


def write_tokenized(texts: Iterable[str], out: Path) -> int:
    """One line per text, tokens as spaCy's English tokenizer splits them."""
    tokenizer = spacy.blank("en").tokenizer
    n_tokens = 0
    with out.open("w", encoding="utf-8") as sink:
        for doc in tokenizer.pipe(texts, batch_size=256):
            words = [token.text for token in doc if not token.is_space]
            n_tokens += len(words)
            sink.write(" ".join(words) + "\n")
    return n_tokens


def train_floret(text_file: Path, out_dir: Path, dim: int, buckets: int, epochs: int) -> Path:
    """Train floret vectors and turn them into a spaCy vectors directory."""
    import floret  # training-only dependency

    model = floret.train_unsupervised(
        str(text_file), model="cbow", mode="floret", hashCount=2, bucket=buckets,
        minn=4, maxn=5, dim=dim, epoch=epochs, minCount=3,
        thread=1,  # one thread (and floret's fixed seed) keeps the vectors identical run to run
        verbose=0,
    )
    floret_file = out_dir / "vectors.floret"
    model.save_floret_vectors(str(floret_file))
    vectors_dir = out_dir / "vectors"
    from spacy.training.initialize import convert_vectors

    nlp = spacy.blank("en")
    convert_vectors(nlp, floret_file, truncate=0, prune=-1, mode="floret")
    nlp.to_disk(vectors_dir)
    return vectors_dir
