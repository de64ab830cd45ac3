"""Nominal predications: copula and apposition, with relational nouns.

    "Russia is Mr. Assad's most important ally." → (Russia, ally_of, Assad), (Russia, be, ally)
    "Russia's envoy, Vladimir Safronkov, ..."     → (Vladimir Safronkov, envoy_of, Russia)
    "Haley, the ambassador to the UN, ..."        → (Haley, ambassador_to, UN), (Haley, be, ambassador)
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.arguments import conjuncts, make_argument
from kg.extract.demonyms import DEMONYMS
from kg.extract.predicates import relation_name
from kg.extract.records import Argument, Triple
from kg.extract.schemes import Scheme

_RELATIONAL_PREPOSITIONS = {"of", "to", "at", "for", "in"}


def _emit(subject_token: Token, relation: str, words: str, object_token: Token, sentence: Span,
          scheme: Scheme, extractor: str, confidence: float, negated: bool = False,
          predicate: int = -1) -> Iterator[Triple]:
    subject = make_argument(subject_token, scheme)
    obj = make_argument(object_token, scheme)
    if subject is None or obj is None or (subject.start, subject.end) == (obj.start, obj.end):
        return
    bonus = 0.05 * subject.is_proper + 0.05 * obj.is_proper
    yield Triple(subject=subject, relation=relation, relation_text=words, object=obj,
                 sentence_start_char=sentence.start_char, sentence_end_char=sentence.end_char,
                 extractor=extractor, confidence=round(min(confidence + bonus, 0.99), 3), negated=negated,
                 predicate=predicate)


def country_argument(adjective: Token) -> Argument:
    """The country a demonym adjective names, anchored on the adjective's characters."""
    country = DEMONYMS[adjective.lower_]
    return Argument(text=country, lemma=country, start=adjective.i, end=adjective.i + 1, head=adjective.i,
                    full_start=adjective.i, full_end=adjective.i + 1, start_char=adjective.idx,
                    end_char=adjective.idx + len(adjective), label="PLACE", is_proper=True)


def _demonym_triples(subject_token: Token, noun: Token, sentence: Span, scheme: Scheme, extractor: str,
                     negated: bool) -> Iterator[Triple]:
    """"François Delattre, the French ambassador" → (François Delattre, ambassador_of, France)."""
    subject = make_argument(subject_token, scheme)
    if subject is None:
        return
    for adjective in noun.children:
        if adjective.dep_ == "amod" and adjective.lower_ in DEMONYMS and adjective.i < noun.i:
            yield Triple(subject=subject, relation=relation_name(noun.lemma_, "of"),
                         relation_text=f"{adjective.text} {noun.text}", object=country_argument(adjective),
                         sentence_start_char=sentence.start_char, sentence_end_char=sentence.end_char,
                         extractor=extractor, confidence=0.75, negated=negated, predicate=noun.i)


def _relational(subject: Token, noun: Token, sentence: Span, scheme: Scheme, extractor: str,
                negated: bool, copula_text: str) -> Iterator[Triple]:
    """Triples a predicate noun yields about ``subject``: X's N / N of X / demonym N, and "be"."""
    yield from _demonym_triples(subject, noun, sentence, scheme, extractor, negated)
    for owner in scheme.children(noun, "possessive"):
        for target in conjuncts(owner):
            yield from _emit(subject, relation_name(noun.lemma_, "of"), f"{copula_text} {noun.text} of".strip(),
                             target, sentence, scheme, extractor, 0.75, negated, noun.i)
    for preposition, target in scheme.prepositional(noun):
        # only common nouns name relations ("ambassador to", "ally of"); "an American of Indian descent" does not
        if preposition.lower_ in _RELATIONAL_PREPOSITIONS and noun.pos_ == "NOUN":
            for each in conjuncts(target):
                yield from _emit(subject, relation_name(noun.lemma_, preposition.lemma_),
                                 f"{copula_text} {noun.text} {preposition.text}".strip(), each,
                                 sentence, scheme, extractor, 0.7, negated, noun.i)
    if noun.pos_ in {"NOUN", "PROPN"}:
        yield from _emit(subject, "be", copula_text or "is", noun, sentence, scheme, extractor, 0.6, negated, noun.i)


def copula(sentence: Span, scheme: Scheme) -> Iterator[Triple]:
    """X is (the) N [of Y]."""
    for token in sentence:
        if scheme.name == "ud":
            cops = scheme.children(token, "copula")
            if not cops or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            predicate, be = token, cops[0]
            subjects = [s for c in scheme.children(token, "subject") for s in conjuncts(c)]
        else:
            if token.lemma_ != "be":
                continue
            attributes = scheme.children(token, "attribute")
            if not attributes or attributes[0].pos_ not in {"NOUN", "PROPN"}:
                continue
            predicate, be = attributes[0], token
            subjects = [s for c in scheme.children(token, "subject") for s in conjuncts(c)]
        negated = scheme.is_negated(predicate) or scheme.is_negated(be)
        for subject in subjects:
            for noun in conjuncts(predicate):
                yield from _relational(subject, noun, sentence, scheme, "copula", negated, be.text)


def apposition(sentence: Span, scheme: Scheme) -> Iterator[Triple]:
    """Name, (the) N [of Y] — in either order."""
    for token in sentence:
        if not scheme.is_(token, "apposition"):
            continue
        head = token.head
        if head.pos_ == "PROPN" and token.pos_ == "NOUN":
            name, description = head, token
        elif token.pos_ == "PROPN" and head.pos_ == "NOUN":
            name, description = token, head
        else:
            continue
        yield from _relational(name, description, sentence, scheme, "apposition", False, "")
