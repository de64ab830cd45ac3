"""Scoring a pipeline's named entities against gold names: GUM (Entity= spans) or Universal NER (IOB2).

The gold names are the ones kg's recipe trains on (:mod:`kg.training.corpus`): GUM mentions whose head is a
proper noun, cut to the name itself, typed PERSON / ORG / PLACE / EVENT; or UNER's PER / ORG / LOC.  The
pipeline under test parses the gold tokens, so tokenization cannot cost it anything, and its labels are read
the way kg reads them when it builds a graph (:data:`kg.namespaces.LABEL_ALIASES`: OntoNotes' GPE, LOC and
FAC are places, NORP is no entity), so spaCy's English pipelines can be scored on the same footing as kg's
own.  A leading determiner of a predicted name is ignored ("the United States"): kg's names leave it out.

A name counts as found when its span and its type are both exactly right; scores are per type and
micro-averaged over PERSON, ORG and PLACE, the three types every English NER data set shares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from kg.errors import KgError
from kg.namespaces import LABEL_ALIASES

CORE_TYPES = ("PERSON", "ORG", "PLACE")
GUM_SPLITS = ("train", "dev", "test")


def gum_documents(gum: Path, split: str, vocab: Vocab) -> list[Doc]:
    """GUM's documents of one official split (``gum/splits.md``) as Docs with gold names, in chunks of ten
    sentences as the recipe uses them."""
    from kg.training import corpus
    from kg.training.conllu import read_conllu

    if split not in GUM_SPLITS:
        raise KgError(f"unknown GUM split '{split}': use one of {', '.join(GUM_SPLITS)}")
    splits_md, conllu_dir = gum / "splits.md", gum / "dep"
    if not splits_md.is_file() or not conllu_dir.is_dir():
        raise KgError(f"{gum} is not a GUM folder: it needs splits.md and dep/*.conllu")
    names = getattr(corpus.read_gum_splits(splits_md), split)
    sentences = [sentence for path in sorted(conllu_dir.glob("*.conllu")) if path.stem in names
                 for sentence in read_conllu(path)]
    if not sentences:
        raise KgError(f"no documents of GUM's {split} split found in {conllu_dir}")
    return [corpus.sentences_to_doc(vocab, chunk, with_entities=True) for chunk in corpus.chunk_documents(sentences)]


def uner_documents(iob2: Path, vocab: Vocab) -> list[Doc]:
    """A Universal NER file (IOB2, PER / ORG / LOC) as Docs with gold names, ten sentences each."""
    from kg.training import corpus

    if not iob2.is_file():
        raise KgError(f"no such UNER file: {iob2}")
    try:
        return list(corpus.uner_docs(vocab, corpus.read_uner(iob2), []))
    except (IndexError, ValueError, KeyError) as error:
        raise KgError(f"{iob2} is not a Universal NER IOB2 file ({error})") from None


@dataclass(frozen=True)
class TypeScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int  # gold names of this type


@dataclass(frozen=True)
class EntityScores:
    """Per-type scores and the micro average over :data:`CORE_TYPES`; ``errors`` lists what was missed
    and what was found wrongly, as (kind, text, gold label, predicted label)."""

    per_type: dict[str, TypeScore]
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    errors: list[tuple[str, str, str, str]] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict:
        """The form the recipe records in the model's meta (``per_type``, ``core_micro``)."""
        return {"per_type": {label: asdict(score) for label, score in self.per_type.items()},
                "core_micro": {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                               "types": list(CORE_TYPES)}}

    def table(self) -> str:
        rows = [f"{'type':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
        # labels the gold has no names of (a foreign pipeline's DATE, LAW, ...) have nothing to score
        rows += [f"{s.label:8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:6d}"
                 for s in self.per_type.values() if s.support or s.label in CORE_TYPES]
        rows.append(f"{'micro':8} {self.precision:6.3f} {self.recall:6.3f} {self.f1:6.3f} {self.gold:6d}"
                    f"   (PERSON/ORG/PLACE; {self.predicted} predicted)")
        return "\n".join(rows)


def predicted_names(doc: Doc) -> set[tuple[int, int, str]]:
    """(start, end, kg label) of a parsed Doc's entities, read as kg reads them (see the module docstring)."""
    names = set()
    for ent in doc.ents:
        label = LABEL_ALIASES.get(ent.label_, ent.label_)
        if label is None:
            continue
        start = ent.start
        while start < ent.end - 1 and (doc[start].pos_ == "DET" or doc[start].lower_ in ("the", "a", "an")):
            start += 1
        names.add((start, ent.end, label))
    return names


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def _text(doc: Doc, start: int, end: int) -> str:
    return Span(doc, start, end).text


def parse_gold_tokens(nlp: Language, references: Iterable[Doc]) -> Iterator[tuple[Doc, Doc]]:
    """(reference, parse) pairs: ``nlp`` run on each reference's own tokens."""
    references = list(references)
    texts = (Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
             for doc in references)
    return zip(references, nlp.pipe(texts))


def score_entities(nlp: Language, references: Iterable[Doc]) -> EntityScores:
    """Exact-span, exact-type scores of ``nlp``'s entities against the gold names of ``references``."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    errors = []
    for reference, prediction in parse_gold_tokens(nlp, references):
        gold = {(e.start, e.end, e.label_) for e in reference.ents}
        guess = predicted_names(prediction)
        gold_labels = {(start, end): label for start, end, label in gold}
        guess_labels = {(start, end): label for start, end, label in guess}
        for *_, label in gold & guess:
            tp[label] += 1
        for start, end, label in sorted(guess - gold):
            fp[label] += 1
            errors.append(("wrong", _text(reference, start, end), gold_labels.get((start, end), "-"), label))
        for start, end, label in sorted(gold - guess):
            fn[label] += 1
            if (start, end) not in guess_labels:
                errors.append(("missed", _text(reference, start, end), label, "-"))
    per_type = {}
    for label in sorted(set(tp) | set(fp) | set(fn)):
        p, r, f = _prf(tp[label], fp[label], fn[label])
        per_type[label] = TypeScore(label, p, r, f, tp[label] + fn[label])
    core_tp, core_fp, core_fn = (sum(counts[t] for t in CORE_TYPES) for counts in (tp, fp, fn))
    p, r, f = _prf(core_tp, core_fp, core_fn)
    return EntityScores(per_type, p, r, f, core_tp + core_fn, core_tp + core_fp, errors)
