"""Verbal clauses: active SVO, passive with agent, and prepositional arguments.

    "Russia vetoed the resolution."            → (Russia, veto, resolution)
    "The measure was vetoed by Russia."        → (Russia, veto, measure)
    "Haley spoke to reporters."                → (Haley, speak_to, reporters)
    "Trump expressed admiration for Putin."    → (Trump, express_admiration_for, Putin)
    "Britain and France drafted it and voted." → one triple per coordinated argument
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.arguments import conjuncts, make_argument
from kg.extract.predicates import (
    attribution,
    control_prefix,
    inherited_subjects,
    own_subjects,
    qualifiers,
    relation_name,
    relation_words,
    verb_lemma,
)
from kg.extract.records import Triple
from kg.extract.schemes import Scheme

_PREDICATE_POS = {"VERB"}
_TEMPORAL = {"day", "week", "month", "year", "time", "hour", "minute", "morning", "evening",
             "night", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday",
             "thursday", "friday", "saturday", "sunday", "weekend", "decade", "century"}


def _triples(subjects: list[Token], relation: str, words: str, objects: list[Token], sentence: Span,
             scheme: Scheme, extractor: str, confidence: float, verb: Token) -> Iterator[Triple]:
    negated, modal = qualifiers(verb, scheme)
    reported = attribution(verb, scheme)
    speaker = make_argument(reported[0], scheme) if reported else None
    cue = reported[1] if speaker else None
    split = len(subjects) * len(objects) > 1
    for subject_token in subjects:
        subject = make_argument(subject_token, scheme)
        if subject is None:
            continue
        for object_token in objects:
            obj = make_argument(object_token, scheme)
            if obj is None or (obj.start, obj.end) == (subject.start, subject.end):
                continue
            yield Triple(subject=subject, relation=relation, relation_text=words, object=obj,
                         sentence_start_char=sentence.start_char, sentence_end_char=sentence.end_char,
                         extractor=extractor, negated=negated, modal=modal, predicate=verb.i,
                         attribution=speaker, attribution_cue=cue,
                         confidence=_confidence(confidence, subject, obj, split))


def _confidence(base: float, subject, obj, split: bool) -> float:
    # Named arguments make the most reliable graph edges; coordination splits
    # and common-noun arguments are where parses most often go wrong.
    score = base + 0.05 * subject.is_proper + 0.03 * obj.is_proper - 0.05 * split
    return round(min(max(score, 0.05), 0.99), 3)


def _subjects(verb: Token, scheme: Scheme) -> list[Token]:
    return own_subjects(verb, scheme) or inherited_subjects(verb, scheme)


def _objects(verb: Token, scheme: Scheme) -> list[Token]:
    return [o for child in scheme.children(verb, "direct_object") for o in conjuncts(child)]


def _is_temporal(noun: Token) -> bool:
    return noun.lemma_.lower() in _TEMPORAL or noun.ent_type_ in {"DATE", "TIME"} or noun.like_num


def active(sentence: Span, scheme: Scheme) -> Iterator[Triple]:
    """Subject–verb–object, ditransitives included ("gave Russia a warning")."""
    for verb in sentence:
        if verb.pos_ not in _PREDICATE_POS:
            continue
        objects = _objects(verb, scheme) + [o for c in scheme.children(verb, "indirect_object") for o in conjuncts(c)]
        if not objects:
            continue
        relation = relation_name(control_prefix(verb, scheme) + verb_lemma(verb, scheme))
        yield from _triples(_subjects(verb, scheme), relation, relation_words(verb, scheme), objects,
                            sentence, scheme, "active", 0.85, verb)


def passive(sentence: Span, scheme: Scheme) -> Iterator[Triple]:
    """Passive with a "by" agent, turned active; reduced relatives too
    ("the resolution, proposed by Britain" → Britain propose resolution).
    Agentless passives give no triple here: no agent is invented."""
    for verb in sentence:
        # a participle the parser took for an adjective ("was vetoed by" as copula + ADJ) is still a passive
        participle = verb.pos_ == "ADJ" and verb.lower_.endswith(("ed", "en")) and bool(scheme.children(verb, "copula"))
        if verb.pos_ not in _PREDICATE_POS and not participle:
            continue
        agents = [a for agent in scheme.agents(verb) for a in conjuncts(agent)]
        if not agents:
            continue
        patients = own_subjects(verb, scheme, passive=True)
        if not patients and scheme.is_(verb, "reduced_relative") and verb.tag_ == "VBN":
            patients = conjuncts(verb.head)
        if not patients and verb.dep_ == "conj":
            patients = own_subjects(verb.head, scheme, passive=True)
        if not patients and (participle or (verb.tag_ == "VBN" and any(c.lemma_ == "be" for c in verb.children))):
            # "was vetoed by" with the subject labelled nsubj: still a passive
            patients = own_subjects(verb, scheme)
        relation = relation_name(verb_lemma(verb, scheme))
        yield from _triples(agents, relation, relation_words(verb, scheme), patients,
                            sentence, scheme, "passive", 0.8, verb)


def prepositional(sentence: Span, scheme: Scheme) -> Iterator[Triple]:
    """Prepositional objects of verbs ("spoke to reporters") and of their direct
    objects ("expressed admiration for Putin")."""
    for verb in sentence:
        if verb.pos_ not in _PREDICATE_POS:
            continue
        subjects = _subjects(verb, scheme)
        passive_subjects = own_subjects(verb, scheme, passive=True)
        lemma = verb_lemma(verb, scheme)
        prefix = control_prefix(verb, scheme)
        for preposition, noun in scheme.prepositional(verb):
            # fronted phrases ("By contrast, ...", "In recent weeks, ...") are scene-setting, not arguments
            if _is_temporal(noun) or noun.i < verb.i:
                continue
            if subjects:
                relation = relation_name(prefix + lemma, preposition.lemma_)
                yield from _triples(subjects, relation, relation_words(verb, scheme, preposition),
                                    conjuncts(noun), sentence, scheme, "prepositional", 0.7, verb)
            elif passive_subjects:
                relation = relation_name("be", lemma, preposition.lemma_)
                yield from _triples(passive_subjects, relation, relation_words(verb, scheme, preposition),
                                    conjuncts(noun), sentence, scheme, "prepositional", 0.65, verb)
        for direct_object in _objects(verb, scheme):
            for preposition, noun in scheme.prepositional(direct_object):
                if _is_temporal(noun) or preposition.lower_ == "of":
                    continue
                relation = relation_name(prefix + lemma, direct_object.lemma_, preposition.lemma_)
                words = relation_words(verb, scheme, direct_object, preposition)
                yield from _triples(subjects, relation, words, conjuncts(noun), sentence, scheme,
                                    "prepositional", 0.7, verb)
