"""Finding a predicate's arguments and qualifiers, whatever the clause type.

Handles what every verbal extractor needs: coordinated subjects and objects,
subjects shared by coordinated verbs, subjects of relative clauses (the noun
the clause modifies, not "who"), control ("vowed to maintain": Haley is the
subject of maintain), and negation and modality.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.arguments import RELATIVE_PRONOUNS, conjuncts
from kg.extract.schemes import Scheme


def own_subjects(verb: Token, scheme: Scheme, passive: bool = False) -> list[Token]:
    role = "passive_subject" if passive else "subject"
    found = []
    for child in scheme.children(verb, role):
        if child.lower_ in RELATIVE_PRONOUNS and (scheme.is_(verb, "relative_clause")):
            found.extend(conjuncts(verb.head))
        else:
            found.extend(conjuncts(child))
    return found


def inherited_subjects(verb: Token, scheme: Scheme) -> list[Token]:
    """Subjects a verb without its own takes from a coordinated or controlling verb."""
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        head = verb.head
        return own_subjects(head, scheme) or inherited_subjects(head, scheme)
    if scheme.is_(verb, "open_complement"):
        # "vowed to maintain": Haley maintains; "was laid to rest", "were said to have made": the passive's subject
        head = verb.head
        if head.pos_ not in {"VERB", "AUX"}:
            return []
        return (own_subjects(head, scheme) or own_subjects(head, scheme, passive=True)
                or inherited_subjects(head, scheme))
    return main_verb_inside_relative_clause(verb, scheme)


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def main_verb_inside_relative_clause(verb: Token, scheme: Scheme) -> list[Token]:
    """The subject of a main verb the parser hung inside a relative clause.

    "Mr. Trump, who has vowed to improve ties with Moscow, praised the deal." is sometimes parsed with
    "Trump" as the root and "praised" as an adverbial clause of "improve": a finite verb with no subject
    and no subordinator ("when", "because"), under a relative clause of the sentence's nominal root, is the
    main verb, and the noun the clause modifies its subject."""
    if (verb.tag_ not in _FINITE_TAGS or verb.dep_ not in {"advcl", "parataxis"}
            or any(child.dep_ == "mark" for child in verb.children)):
        return []
    root = verb.sent.root
    if root.pos_ not in {"NOUN", "PROPN"}:
        return []
    for ancestor in verb.ancestors:
        if scheme.is_(ancestor, "relative_clause") and ancestor.head == root:
            return conjuncts(root)
    return []


def control_prefix(verb: Token, scheme: Scheme) -> str:
    """"vow_to_" for "maintain" in "vowed to maintain": the controlling verbs, outermost first."""
    parts = []
    token = verb
    while scheme.is_(token, "open_complement") and token.head.pos_ in {"VERB", "AUX"}:
        token = token.head
        marker = next((c.lower_ for c in verb.children if c.dep_ in {"mark", "aux"} and c.lower_ == "to"), "")
        parts.insert(0, token.lemma_.lower() + ("_to" if marker else ""))
        verb = token
    return "_".join(parts) + "_" if parts else ""


def verb_lemma(verb: Token, scheme: Scheme) -> str:
    """The verb's lemma with its particle: "give_up"."""
    particles = [c.lemma_.lower() for c in scheme.children(verb, "particle")]
    return "_".join([verb.lemma_.lower(), *particles])


def relation_name(*parts: str) -> str:
    """Normalize a relation to a lowercase snake_case identifier."""
    name = "_".join(p for p in parts if p)
    name = re.sub(r"[^\w]+", "_", name.lower(), flags=re.UNICODE).strip("_")
    return re.sub(r"_+", "_", name)


def qualifiers(verb: Token, scheme: Scheme) -> tuple[bool, str | None]:
    """(negated, modal verb or None) for a predicate."""
    modal = next((c.lemma_.lower() for c in verb.children
                  if c.dep_.startswith("aux") and c.tag_ in scheme.modal_tags), None)
    return scheme.is_negated(verb), modal


def relation_words(verb: Token, scheme: Scheme, *extra: Token) -> str:
    tokens = [verb, *scheme.children(verb, "particle"), *extra]
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux") or scheme.is_(c, "negation")
                   or (c.dep_ == "advmod" and c.lower_ in {"not", "n't", "never"})]
    return " ".join(t.text for t in sorted([*auxiliaries, *tokens], key=lambda t: t.i))


SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "claim", "insist", "announce", "report", "argue", "warn", "note", "declare",
    "explain", "write", "suggest", "believe", "think", "deny", "confirm", "acknowledge", "admit", "contend",
    "assert", "predict", "allege", "accuse", "signal", "stress", "reply", "respond", "testify"})


def attribution(verb: Token, scheme: Scheme) -> tuple[Token, str] | None:
    """(speaker, cue lemma) when ``verb``'s clause is reported speech: the complement of
    "Haley said (that) ..." or the main clause of "..., Haley said"."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.pos_ in {"VERB", "AUX"}:
        clause = clause.head
    cue = None
    if clause.dep_ in {"ccomp", "parataxis"} and clause.head.lemma_.lower() in SPEECH_VERBS:
        cue = clause.head
    else:
        cue = next((c for c in clause.children if c.dep_ == "parataxis" and c.lemma_.lower() in SPEECH_VERBS), None)
    if cue is None:
        return None
    speakers = own_subjects(cue, scheme) or inherited_subjects(cue, scheme)
    return (speakers[0], cue.lemma_.lower()) if speakers else None
