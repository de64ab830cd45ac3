"""Turn the treebanks into spaCy training corpora (``.spacy`` DocBin files).

Parser, tagger, morphologizer and lemmatizer learn from UD English EWT and
GUM.  The entity recognizer learns from the *names* among GUM's entity
mentions, from UNER's labels on the EWT dev sentences and from kg's own
annotation of the names in EWT train (``ewt_train_names.tsv``) and from
documents written for kg in GUM's genres with their names marked
(``written_docs.txt``); sentences without entity annotation leave entities
*missing* (not "outside"), so they teach the recognizer nothing either way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from kg.entity_types import PERSON_TITLES
from kg.training.conllu import Mention, Sentence, read_conllu

# kg's entity labels and the schema.org class each one stands for.
LABELS = {
    "PERSON": "schema:Person",
    "ORG": "schema:Organization",
    "PLACE": "schema:Place",
    "EVENT": "schema:Event",
    "MISC": "schema:Thing",  # a name of another kind: a language, a work, a product, a law
}
# GUM entity types → kg labels.  The names of GUM's abstract, object,
# substance, animal and plant mentions are too few to learn one type each
# from, and too unlike each other, but learning them as MISC (as CoNLL-2003
# does) keeps the recognizer from calling a language or a space shuttle a
# place.  GUM's time and quantity names ("September") are not names here.
GUM_TYPES = {"person": "PERSON", "organization": "ORG", "place": "PLACE", "event": "EVENT",
             "abstract": "MISC", "object": "MISC", "substance": "MISC", "animal": "MISC", "plant": "MISC"}
# UNER types → kg labels.
UNER_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}

# kg's annotation of the names in EWT train (training/README.md, "Names in EWT train"): one line per
# sentence an annotator read, its sent_id and start:end:LABEL word spans.  Only sentences with a proper noun
# were read; a sentence without one is taken to hold no name.
EWT_TRAIN_NAMES = Path(__file__).with_name("ewt_train_names.tsv")
# Documents written for kg in GUM's six genres, every name marked `[[name|TYPE]]` as they were written
# (training/written-docs/GUIDE.md; training/README.md, "Written documents").  Each starts with a line
# `### DOC <genre> <slug>`.
WRITTEN_DOCS = Path(__file__).with_name("written_docs.txt")
_WRITTEN_NAME = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]+)\]\]")
_WRITTEN_HEADER = re.compile(r"### DOC (\S+) (\S+)$")

SENTENCES_PER_DOC = 10
_DETERMINER_OR_PUNCT = {"DET", "PUNCT"}
_TRAILING = {"PUNCT", "PART", "ADP", "CCONJ"}  # closing quotes, possessive 's; a name never ends in "of" or "and"
# Dependents that attach more than a name to it: GUM mentions include them
# ("X, the Netherlands", "X (Y), and Z", "X who ..."), names do not.  Coordination
# in front of the head is the exception: it is inside the name ("National Air and
# Space Museum", "Newfoundland and Labrador Court of Appeal").
_NOT_NAME_PARTS = {"appos", "conj", "cc", "acl", "acl:relcl", "parataxis", "list", "punct", "dep",
                   "advcl", "dislocated", "reparandum", "orphan", "nmod:poss"}
# ("unmarked" is UD 2.15's name for bare noun modifiers: "Łódź today", "Coron Island itself")
_LOWERCASE_MODIFIERS = {"amod", "advmod", "nummod", "compound", "det:predet", "obl", "nmod:tmod",
                        "nmod:unmarked", "obl:unmarked"}
# Prepositions that stay inside a name ("Museum of Flight", "Sarvis for Governor").
_NAME_PREPOSITIONS = {"of", "for", "de", "del", "della", "du", "des", "von", "van", "der", "da", "di", "y"}


@dataclass(frozen=True)
class Splits:
    """GUM document names per official split."""

    train: frozenset[str]
    dev: frozenset[str]
    test: frozenset[str]


def read_gum_splits(splits_md: Path) -> Splits:
    sections: dict[str, set[str]] = {}
    current = None
    for line in splits_md.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"##\s+(\w+)", line)
        if heading:
            current = sections.setdefault(heading.group(1), set())
        elif current is not None and line.strip().startswith("*"):
            current.add(line.strip().lstrip("*").strip())
    return Splits(*(frozenset(sections.get(name, ())) for name in ("train", "dev", "test")))


def _head_index(sentence: Sentence, mention: Mention) -> int:
    inside = range(mention.start, mention.end)
    for index in inside:
        if sentence.words[index].head - 1 not in inside:
            return index
    return mention.start


def is_name(sentence: Sentence, mention: Mention) -> bool:
    """A mention is a name when its head is a proper noun.

    GUM also links pronouns and common nouns ("his", "the country") to the
    Wikipedia identity of their referent, so an identity alone is only
    trusted when the head is not nominal or pronominal (e.g. the ADJ "Jóola").
    A person referred to by a title alone ("Chief Justice", "the Emperor of the
    United States", "NASA Administrator") is not named: persons are named
    without their titles (see :func:`_belongs_to_name`), and without it nothing
    is left; a name inside the mention ("the United States") still counts.
    """
    head_index = _head_index(sentence, mention)
    head = sentence.words[head_index]
    # a title word with a name of its own hanging off it ("Dean Forester", "Captain America") is a name
    if mention.etype == "person" and head.form.lower().rstrip(".") in PERSON_TITLES and not any(
            word.head - 1 == head_index and word.deprel == "flat" for word in sentence.words):
        return False
    if head.upos == "PROPN":
        return True
    return bool(mention.identity) and head.upos not in {"PRON", "NOUN", "DET", "VERB", "NUM"}


def _belongs_to_name(sentence: Sentence, index: int, children: list[int], label: str, head: int,
                     affiliations: frozenset[int] = frozenset()) -> bool:
    """Whether a dependent inside a GUM mention (whose head word is ``head``) is part of the name itself.

    GUM mentions are whole noun phrases; a name drops clauses, appositions and
    coordination after its head ("France and Germany"), lower-case modifiers
    ("contemporary America", "many Texans"), and places or dates attached by a
    preposition or a comma ("Columbia University in New York", "McMinnville,
    Oregon", "Loma Prieta in 1989").  "of"/"for" phrases stay: "Museum of
    Flight", and so does coordination in front of the head, which is part of a
    modifier ("National Air and Space Museum").  A person's name also drops the
    titles GUM attaches as ``nmod:desc`` ("Mr. Jones", "NASA Administrator
    Charles Bolden"), as OntoNotes and spaCy's English models do, and any other
    noun phrase in front of it, and an "of" phrase after it that is an
    organization or place (``affiliations``, the heads of those mentions):
    "Claudia Mo of the Civic Party" is Claudia Mo and the Civic Party.  A
    parenthetical ("Childish Recollections (1806)") is never part of a name.
    """
    word = sentence.words[index]
    deprel = word.deprel
    if deprel in ("conj", "cc") and index < head and word.head - 1 < head and label != "PERSON":
        return deprel == "cc" or not word.form[:1].islower()
    if deprel in _NOT_NAME_PARTS or deprel.split(":")[0] in _NOT_NAME_PARTS:
        return False
    if label == "PERSON" and deprel.startswith("nmod") and index < word.head - 1:
        return False  # a title or a phrase before the name: "Mr. Jones", "Governor of Washington Chris Gregoire"
    if label == "PERSON" and deprel.startswith("nmod") and index > head and index in affiliations:
        return False
    if any(sentence.words[i].deprel == "punct" and sentence.words[i].form == "(" for i in children):
        return False
    if deprel in _LOWERCASE_MODIFIERS and word.form[:1].islower():
        return False
    if deprel.startswith(("nmod", "obl")):
        for child in (sentence.words[i] for i in children):
            if child.deprel == "punct" and child.form == ",":
                return False
            if child.deprel == "case" and child.form not in _NAME_PREPOSITIONS:
                return False
    return True


def _name_core(sentence: Sentence, mention: Mention, label: str,
               affiliations: frozenset[int] = frozenset()) -> tuple[int, int]:
    """The head and the dependents that belong to the name, as one contiguous span."""
    head = _head_index(sentence, mention)
    inside = range(mention.start, mention.end)
    children: dict[int, list[int]] = {}
    for index in inside:
        parent = sentence.words[index].head - 1
        if parent in inside:
            children.setdefault(parent, []).append(index)
    kept = {head}
    frontier = [head]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if _belongs_to_name(sentence, child, children.get(child, []), label, head, affiliations):
                kept.add(child)
                frontier.append(child)
    # keep the span contiguous: the run of kept words (and punctuation between them) around the head; a gap
    # means a dropped dependent sat there ("the Salt and Verde Rivers [of central] Arizona")
    start, end = head, head + 1
    while start - 1 in kept or (start - 1 > min(kept) and sentence.words[start - 1].upos == "PUNCT"):
        start -= 1
    while end in kept or (end < max(kept) and sentence.words[end].upos == "PUNCT"):
        end += 1
    return start, end


def _name_after_noun(sentence: Sentence, mention: Mention) -> tuple[int, int] | None:
    """The name GUM hangs off a common-noun head with ``flat`` or ``appos``: "the critic [Louis Ehlert]",
    "music journalist [Stanley Mitchell]".

    The mention's head is then "critic", so the mention is not a name, but the
    proper nouns after it are; they get the mention's type.
    """
    head = _head_index(sentence, mention)
    if sentence.words[head].upos != "NOUN":
        return None
    flat: list[int] = []
    for index in range(head + 1, mention.end):  # "Louis" hangs off "critic", "Ehlert" off "Louis"
        word = sentence.words[index]
        parent = word.head - 1
        attached = (parent == head and word.deprel in ("flat", "appos")) or (parent in flat and word.deprel == "flat")
        if attached and word.upos == "PROPN":
            flat.append(index)
    if not flat or max(flat) - min(flat) + 1 != len(flat):
        return None
    return min(flat), max(flat) + 1


def name_spans(sentence: Sentence) -> list[tuple[int, int, str]]:
    """Flat, non-overlapping (start, end, label) name spans; outer names win, MISC names lose every overlap."""
    candidates = []
    # heads of organization and place mentions: an "of" phrase headed by one is a person's affiliation
    affiliations = frozenset(_head_index(sentence, mention) for mention in sentence.mentions
                             if mention.etype in ("organization", "place"))
    for mention in sentence.mentions:
        label = GUM_TYPES.get(mention.etype)
        if label is None:
            continue
        if is_name(sentence, mention):
            if label == "PERSON" and sentence.words[_head_index(sentence, mention)].xpos == "NNPS":
                continue  # a group ("Americans", "Republicans"), not a person
            start, end = _name_core(sentence, mention, label, affiliations)
        else:
            span = _name_after_noun(sentence, mention)
            if span is None:
                continue
            start, end = span
        while start < end and sentence.words[start].upos in _DETERMINER_OR_PUNCT:
            start += 1
        while end > start and sentence.words[end - 1].upos in _TRAILING:
            end -= 1
        # a name is written with a capital letter: this drops GUM's identity links on adverbs and
        # adjectives ("there", "home", "youngest") and pronunciations in IPA ("dʒəˈroʊm")
        if start < end and any(char.isupper() for word in sentence.words[start:end] for char in word.form):
            candidates.append((start, end, label))
    chosen: list[tuple[int, int, str]] = []
    # outer names win; a MISC name only where no name of kg's four types is ("the Diary of [Patrick Gordon]")
    for start, end, label in sorted(candidates, key=lambda c: (c[2] == "MISC", -(c[1] - c[0]), c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, label))
    return sorted(chosen)


def iob_tags(length: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """IOB2 entity tags for ``length`` tokens from (start, end, label) spans."""
    tags = ["O"] * length
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for index in range(start + 1, end):
            tags[index] = f"I-{label}"
    return tags


def read_name_annotation(path: Path) -> dict[str, list[tuple[int, int, str]]]:
    """``sent_id`` → its names as (start, end, label) word spans, for every sentence the file lists (an empty
    list: read, and no name in it)."""
    names: dict[str, list[tuple[int, int, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        sent_id, *spans = line.split("\t")
        names[sent_id] = []
        for span in spans:
            start, end, label = span.split(":")
            if label not in LABELS:
                raise ValueError(f"{path}: unknown label {label!r} for {sent_id}")
            names[sent_id].append((int(start), int(end), label))
    return names


def annotated_names(sentence: Sentence, names: dict[str, list[tuple[int, int, str]]]
                    ) -> list[tuple[int, int, str]] | None:
    """The sentence's names from an annotation file; none for a sentence without a proper noun (the
    annotators read only the others); ``None`` (missing) for one the file does not cover."""
    if sentence.sent_id in names:
        return names[sentence.sent_id]
    if not any(word.upos == "PROPN" for word in sentence.words):
        return []
    return None


def sentences_to_doc(vocab: Vocab, sentences: list[Sentence], with_entities: bool,
                     names: dict[str, list[tuple[int, int, str]]] | None = None) -> Doc:
    """One Doc with full syntax; entities set from GUM names if asked, else from ``names`` (an annotation
    file's spans, see :func:`annotated_names`) where given, else missing."""
    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts, ents = ([] for _ in range(10))
    for sentence in sentences:
        offset = len(words)
        for index, word in enumerate(sentence.words):
            words.append(word.form)
            spaces.append(word.space_after)
            tags.append(word.xpos if word.xpos != "_" else "")
            pos.append(word.upos)
            morphs.append(word.feats)
            lemmas.append(word.lemma)
            heads.append(offset + word.head - 1 if word.head else offset + index)
            deps.append(word.deprel)
            starts.append(index == 0)
        if with_entities:
            ents.extend(iob_tags(len(sentence.words), name_spans(sentence)))
        elif names is not None:
            spans = annotated_names(sentence, names)
            ents.extend([""] * len(sentence.words) if spans is None else iob_tags(len(sentence.words), spans))
    return Doc(
        vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs,
        lemmas=lemmas, heads=heads, deps=deps, sent_starts=starts,
        ents=ents if any(ents) else None,
    )


def read_uner(path: Path) -> dict[str, list[tuple[str, str]]]:
    """UNER IOB2 file → {sent_id: [(word, tag)]} with tags mapped to kg labels."""
    result: dict[str, list[tuple[str, str]]] = {}
    sent_id = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
            result[sent_id] = []
        elif line and not line.startswith("#") and sent_id is not None:
            cols = line.split("\t")
            tag = cols[2]
            if tag != "O":
                prefix, _, kind = tag.partition("-")
                tag = f"{prefix}-{UNER_TYPES[kind]}" if kind in UNER_TYPES else "O"
            result[sent_id].append((cols[1], tag))
    return result


def uner_docs(vocab: Vocab, uner: dict[str, list[tuple[str, str]]],
              sentences: list[Sentence]) -> Iterator[Doc]:
    """Entity-only Docs: UNER labels on EWT sentences, syntax left missing."""
    by_id = {sentence.sent_id: sentence for sentence in sentences}
    batch: list[tuple[list[str], list[bool], list[str]]] = []
    for sent_id, rows in uner.items():
        sentence = by_id.get(sent_id)
        words = [word for word, _ in rows]
        if sentence is not None and [w.form for w in sentence.words] == words:
            spaces = [w.space_after for w in sentence.words]
        else:
            spaces = [True] * len(words)
        batch.append((words, spaces, [tag for _, tag in rows]))
        if len(batch) == SENTENCES_PER_DOC:
            yield _entity_doc(vocab, batch)
            batch = []
    if batch:
        yield _entity_doc(vocab, batch)


def _entity_doc(vocab: Vocab, batch: list[tuple[list[str], list[bool], list[str]]]) -> Doc:
    words = [w for b in batch for w in b[0]]
    spaces = [s for b in batch for s in b[1]]
    ents = [t for b in batch for t in b[2]]
    starts = [i == 0 for b in batch for i in range(len(b[0]))]
    return Doc(vocab, words=words, spaces=spaces, ents=ents, sent_starts=starts)


@dataclass(frozen=True)
class WrittenDoc:
    """One written document: its name (``genre_slug``), its plain text and its names as character spans."""

    name: str
    text: str
    names: tuple[tuple[int, int, str], ...]


def read_written_docs(path: Path) -> list[WrittenDoc]:
    """The documents of a written-documents file, markup removed and names kept as (start, end, label)
    character offsets into the text."""
    documents: list[WrittenDoc] = []
    name, lines = "", []

    def flush() -> None:
        if not name:
            return
        spans: list[tuple[int, int, str]] = []
        markup = 0  # characters of markup before the current name, so its offset in the plain text is known

        def unmark(match: re.Match) -> str:
            nonlocal markup
            name_text, label = match.group(1), match.group(2)
            if label not in LABELS:
                raise ValueError(f"{path}: {name}: unknown label {label!r} for {name_text!r}")
            start = match.start() - markup
            spans.append((start, start + len(name_text), label))
            markup += len(match.group(0)) - len(name_text)
            return name_text

        marked = "\n".join(lines).strip("\n")
        documents.append(WrittenDoc(name, _WRITTEN_NAME.sub(unmark, marked), tuple(spans)))

    for line in path.read_text(encoding="utf-8").splitlines():
        header = _WRITTEN_HEADER.match(line)
        if header:
            flush()
            name, lines = f"{header.group(1)}_{header.group(2)}", []
        elif name:
            lines.append(line)
    flush()
    return documents


def written_docs(documents: Iterable[WrittenDoc]) -> Iterator[Doc]:
    """Entity-only Docs of written documents, tokenized as the pipeline tokenizes (English defaults): every
    token outside a name is outside any entity (the writers marked every name); a name whose edges fall
    inside a token ("US-based" is one token for none) is left missing rather than guessed."""
    import spacy

    tokenizer = spacy.blank("en")
    for document in documents:
        doc = tokenizer.make_doc(document.text)
        entities, unaligned = [], []
        for start, end, label in document.names:
            span = doc.char_span(start, end, label=label)
            if span is None:
                unaligned.append(doc.char_span(start, end, alignment_mode="expand"))
            else:
                entities.append(span)
        taken = {index for span in entities for index in range(span.start, span.end)}
        unaligned = [span for span in unaligned if not taken & set(range(span.start, span.end))]
        doc.set_ents(entities, missing=unaligned, default="outside")
        yield doc


def chunk_documents(sentences: Iterable[Sentence], size: int = SENTENCES_PER_DOC
                    ) -> Iterator[list[Sentence]]:
    """Group consecutive sentences of one document into chunks of ``size``."""
    chunk: list[Sentence] = []
    for sentence in sentences:
        if chunk and (sentence.doc_id != chunk[0].doc_id or len(chunk) == size):
            yield chunk
            chunk = []
        chunk.append(sentence)
    if chunk:
        yield chunk


@dataclass(frozen=True)
class CorpusStats:
    name: str
    docs: int
    words: int
    entities: Counter


def write_docbin(path: Path, docs: Iterable[Doc], name: str) -> CorpusStats:
    docbin = DocBin(store_user_data=False)
    n_docs = n_words = 0
    entities: Counter = Counter()
    for doc in docs:
        docbin.add(doc)
        n_docs += 1
        n_words += len(doc)
        entities.update(ent.label_ for ent in doc.ents)
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return CorpusStats(name, n_docs, n_words, entities)


def build_corpora(data: Path, out: Path, limit: int | None = None,
                  ewt_names: Path | None = EWT_TRAIN_NAMES, written: Path | None = WRITTEN_DOCS,
                  written_for_classifier: bool = True) -> list[CorpusStats]:
    """Write train/dev/test ``.spacy`` files under ``out`` from ``data``.

    ``limit`` keeps only the first N sentences of each source (for smoke tests, and the first N written
    documents); ``ewt_names`` is the annotation of EWT train's names (``None``: EWT train's entities stay
    missing); ``written`` the written documents the recognizer learns from too (``None``: none), and
    ``written_for_classifier`` whether the name classifier does.
    """
    vocab = Vocab()
    ewt_dir = data / "ud-english-ewt"
    gum_dir = data / "gum"
    uner_dir = data / "uner-english-ewt"

    def ewt(split: str) -> list[Sentence]:
        sentences = list(read_conllu(ewt_dir / f"en_ewt-ud-{split}.conllu"))
        return sentences[:limit] if limit else sentences

    splits = read_gum_splits(gum_dir / "splits.md")
    gum: dict[str, list[Sentence]] = {"train": [], "dev": [], "test": []}
    for path in sorted((gum_dir / "dep").glob("*.conllu")):
        for split in ("train", "dev", "test"):
            if path.stem in getattr(splits, split):
                gum[split].extend(read_conllu(path))
    if limit:
        gum = {split: sentences[:limit] for split, sentences in gum.items()}

    ewt_dev = ewt("dev")
    uner_dev = read_uner(uner_dir / "en_ewt-ud-dev.iob2")
    uner_test = read_uner(uner_dir / "en_ewt-ud-test.iob2")
    if limit:
        uner_dev = dict(list(uner_dev.items())[:limit])
        uner_test = dict(list(uner_test.items())[:limit])

    names = read_name_annotation(ewt_names) if ewt_names is not None else None

    def syntax_docs(sentences: list[Sentence], with_entities: bool,
                    names: dict[str, list[tuple[int, int, str]]] | None = None) -> Iterator[Doc]:
        for chunk in chunk_documents(sentences):
            yield sentences_to_doc(vocab, chunk, with_entities, names)

    def chain(*parts: Iterable[Doc]) -> Iterator[Doc]:
        for part in parts:
            yield from part

    documents = read_written_docs(written)[:limit or None] if written is not None else []

    ewt_test = ewt("test")
    # the entity documents in GUM's and UNER's conventions: recognizer training data and the name classifier's
    # (kg/training/names.py), with the written documents (GUM's genres, kg's span rules) unless told otherwise;
    # trained on EWT train's names too, the classifier scored lower on GUM dev
    entity_docs = [*syntax_docs(gum["train"], with_entities=True), *uner_docs(vocab, uner_dev, ewt_dev)]
    written_entity_docs = list(written_docs(documents))
    written_note = " + written documents (entities only)" if documents else ""
    # the classifier's written documents in a file of their own: they count less (kg/training/names.py)
    written_for_names = out / "names-written.spacy"
    written_for_names.unlink(missing_ok=True)
    classifier_written = [write_docbin(written_for_names, written_entity_docs, "name classifier: written documents")
                          ] if written_for_classifier and written_entity_docs else []
    return [
        *classifier_written,
        write_docbin(out / "train.spacy", chain(syntax_docs(ewt("train"), with_entities=False, names=names),
                                                entity_docs, written_entity_docs),
                     "train: EWT train (+ kg's names) + GUM train + UNER (EWT dev sentences, entities only)"
                     + written_note),
        write_docbin(out / "names-train.spacy", entity_docs, "name classifier: GUM train + UNER (EWT dev sentences)"),
        write_docbin(out / "dev.spacy", chain(
            syntax_docs(ewt_dev, with_entities=False),
            syntax_docs(gum["dev"], with_entities=True),
        ), "dev: EWT dev + GUM dev"),
        write_docbin(out / "ewt-test.spacy", syntax_docs(ewt_test, with_entities=False),
                     "EWT test"),
        write_docbin(out / "gum-test.spacy", syntax_docs(gum["test"], with_entities=True),
                     "GUM test"),
        write_docbin(out / "gum-dev.spacy", syntax_docs(gum["dev"], with_entities=True),
                     "GUM dev"),
        write_docbin(out / "uner-test.spacy", uner_docs(vocab, uner_test, ewt_test),
                     "UNER EWT test (entities only)"),
    ]
