"""Read CoNLL-U files (UD English EWT, GUM) into small typed records.

Only what the training recipe needs is kept: the syntactic words of each
sentence (multi-word token ranges and empty nodes are skipped, as
``spacy convert`` does), whether a space follows each word, and GUM's
``Entity=`` mention spans from the MISC column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 1-based index of the head word in the sentence, 0 for the root
    deprel: str
    space_after: bool


@dataclass(frozen=True)
class Mention:
    """A GUM entity mention: word indices [start, end) in its sentence."""

    start: int
    end: int
    etype: str
    identity: str  # Wikipedia title, or "" when the mention has none


@dataclass
class Sentence:
    sent_id: str
    doc_id: str
    words: list[Word] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


_OPEN = re.compile(r"\((\d+)-([^()]*?)(?=\(|\)|$)(\))?")
_CLOSE = re.compile(r"(?<![(\w-])(\d+)\)")


def _parse_entity_field(value: str) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """Split a CorefUD ``Entity=`` value into openings and closings.

    ``(4-abstract-new-...-coref(5-object-...-coref)`` opens 4 and opens+closes 5;
    ``4)3)`` closes 4 and 3. Returns ([(group, attributes, closes_here)], [closed groups]).
    """
    openings = [(m.group(1), m.group(2), bool(m.group(3))) for m in _OPEN.finditer(value)]
    remainder = _OPEN.sub("", value)
    closings = _CLOSE.findall(remainder)
    return openings, closings


def _mention_attributes(attributes: str) -> tuple[str, str]:
    # global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity;
    # the group number was already split off, and identities may contain "-".
    parts = attributes.split("-", 6)
    etype = parts[0] if parts else ""
    identity = parts[6] if len(parts) > 6 else ""
    return etype, identity


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of one CoNLL-U file in order."""
    doc_id = path.stem
    sentence: Sentence | None = None
    open_mentions: dict[str, list[tuple[int, str, str]]] = {}
    mwt_end = 0
    mwt_space = True
    with path.open(encoding="utf-8") as lines:
        for raw in lines:
            line = raw.rstrip("\n")
            if line.startswith("# newdoc id"):
                doc_id = line.split("=", 1)[1].strip()
                continue
            if line.startswith("# sent_id"):
                sentence = Sentence(sent_id=line.split("=", 1)[1].strip(), doc_id=doc_id)
                open_mentions = {}
                continue
            if line.startswith("#"):
                continue
            if not line.strip():
                if sentence is not None and sentence.words:
                    yield sentence
                sentence = None
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}: malformed CoNLL-U line: {line[:80]!r}")
            if sentence is None:
                sentence = Sentence(sent_id=f"{doc_id}-{id(line)}", doc_id=doc_id)
            index, form, lemma, upos, xpos, feats, head, deprel, _deps, misc = cols
            misc_items = dict(
                item.split("=", 1) if "=" in item else (item, "") for item in misc.split("|")
            )
            if "-" in index:  # multi-word token: its words carry the forms, it carries the space
                start, end = index.split("-")
                mwt_end = int(end)
                mwt_space = misc_items.get("SpaceAfter") != "No"
                continue
            if "." in index:  # empty node of the enhanced graph
                continue
            position = int(index)
            if mwt_end and position < mwt_end:
                space_after = False
            elif mwt_end and position == mwt_end:
                space_after = mwt_space
                mwt_end = 0
            else:
                space_after = misc_items.get("SpaceAfter") != "No"
            sentence.words.append(
                Word(form, lemma, upos, xpos, "" if feats == "_" else feats,
                     int(head), deprel, space_after)
            )
            entity = misc_items.get("Entity")
            if entity:
                word_index = len(sentence.words) - 1
                openings, closings = _parse_entity_field(entity)
                for group, attributes, closes_here in openings:
                    etype, identity = _mention_attributes(attributes)
                    if closes_here:
                        sentence.mentions.append(Mention(word_index, word_index + 1, etype, identity))
                    else:
                        open_mentions.setdefault(group, []).append((word_index, etype, identity))
                for group in closings:
                    stack = open_mentions.get(group)
                    if stack:
                        start, etype, identity = stack.pop()
                        sentence.mentions.append(Mention(start, word_index + 1, etype, identity))
    if sentence is not None and sentence.words:
        yield sentence
