"""From a head token to an :class:`Argument`: compact phrase, full subtree, entity type.

Shared by every extractor so that all of them cut phrases the same way.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract.records import Argument
from kg.extract.schemes import Scheme

RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
NOMINAL = frozenset({"NOUN", "PROPN", "NUM"})
_LEADING_DROP = {"DET", "PUNCT", "PRON"}  # "the", quotes, "its"


def is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$", "WP", "WP$", "WDT", "EX"}


def entity_of(token: Token) -> Span | None:
    """The named-entity span covering ``token``, if any (found from IOB tags, no search)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _name_tokens(head: Token, scheme: Scheme) -> list[Token]:
    """The head plus its compound/flat name parts, transitively, kept contiguous."""
    tokens = [head]
    frontier = [head]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if scheme.is_(child, "name_part"):
                tokens.append(child)
                frontier.append(child)
    tokens.sort(key=lambda t: t.i)
    # keep only the contiguous run around the head (a stray distant compound is a parse error)
    run = [head]
    by_index = {t.i: t for t in tokens}
    i = head.i - 1
    while i in by_index:
        run.insert(0, by_index[i])
        i -= 1
    i = head.i + 1
    while i in by_index:
        run.append(by_index[i])
        i += 1
    return run


def make_argument(head: Token, scheme: Scheme) -> Argument | None:
    """The argument headed by ``head``; ``None`` for pronouns and non-nominal heads
    (a verb or adjective a parse error left in an argument slot is no graph node)."""
    if is_pronoun(head) or head.pos_ not in NOMINAL:
        return None
    doc = head.doc
    entity = entity_of(head)
    if entity is not None:
        start, end, label = entity.start, entity.end, entity.label_
    else:
        tokens = _name_tokens(head, scheme)
        start, end, label = tokens[0].i, tokens[-1].i + 1, None
    while start < end - 1 and doc[start].pos_ in _LEADING_DROP:
        start += 1
    while end - 1 > start and (doc[end - 1].pos_ == "PUNCT" or doc[end - 1].tag_ == "POS"):
        end -= 1
    span = doc[start:end]
    text = span.text.strip()
    if not re.search(r"\w", text):
        return None
    proper = label is not None or any(t.pos_ == "PROPN" for t in span)
    lemma = text if proper else " ".join(t.lemma_ if t.i == head.i else t.text for t in span).lower()
    return Argument(
        text=text, lemma=lemma, start=start, end=end, head=head.i,
        full_start=head.left_edge.i, full_end=head.right_edge.i + 1,
        start_char=span.start_char, end_char=span.end_char, label=label,
        is_proper=proper,
    )


def conjuncts(token: Token) -> list[Token]:
    """``token`` and every token coordinated with it, in sentence order."""
    return sorted({token, *token.conjuncts}, key=lambda t: t.i)
