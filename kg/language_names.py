"""Which names in a parsed Doc name languages, read from how the text uses them.

A language's name looks like a place's or a person's ("Eegimaa", "Jóola Búluf", "Ido"), and the
recognizer and the name classifier, which see the name and its neighbours, often take it for one.  The
parse says more: a language is what a "language" or "dialect" is, what speakers are of, what is spoken,
what a text is translated into.  A name counts as a language's when, in either label scheme (UD from
kg's pipeline, ClearNLP from spaCy's English pipelines), its head word (``Span.root``)

- modifies a language noun, or "speaker" or "orthography", after it: "the Eegimaa language", "Bayot
  speakers" (not "the language of Essil": Essil is a village);
- is the subject of a language noun, or stands in apposition to one: "Eegimaa is a Jóola language", "Ido,
  a constructed language" (not "Smith is a speaker");
- is what speakers are "of": "speakers of Kujireray";
- is spoken: "speak Eegimaa", "Eegimaa is spoken in ...", "the Bayot speaking area";
- is what something is translated "into": "translated into Latin";

or is joined by "and"/"or" to a name that does.  :func:`language_names` returns the names' folded texts,
so that every mention of such a name in the document can be typed alike (:mod:`kg.entity_types` makes them
MISC, GUM's and kg's type for a language: ontology/kg.ttl).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from kg.names import fold

LANGUAGE_NOUNS = frozenset({"creole", "dialect", "language", "pidgin", "tongue"})
# nouns a language's name modifies, though it is not one: "Bayot speakers", "the Eegimaa orthography"
SPEAKER = frozenset({"speaker"})
LANGUAGE_MODIFIED = LANGUAGE_NOUNS | SPEAKER | {"orthography"}
_MODIFIERS = frozenset({"compound", "amod", "nn", "nmod", "npadvmod"})  # of the noun before it, UD and ClearNLP
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_PASSIVE_SUBJECTS = frozenset({"nsubj:pass", "nsubjpass"})
_JOINED = frozenset({"conj"})  # a conjunct names what its neighbour names (an apposition may not: "ISO")


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _is_noun_in(token: Token, nouns: frozenset[str]) -> bool:
    return token.pos_ in ("NOUN", "") and (_lemma(token) in nouns or token.lower_.rstrip("s") in nouns)


def _is_language_noun(token: Token) -> bool:
    return _is_noun_in(token, LANGUAGE_NOUNS)


def _is_speak(token: Token) -> bool:
    return _lemma(token) == "speak" or token.lower_ in ("speak", "speaks", "spoke", "spoken", "speaking")


def _preposition(token: Token) -> str:
    """The preposition a noun stands after: its ``case`` child (UD), or its head when that is one (ClearNLP)."""
    for child in token.children:
        if child.dep_ == "case":
            return child.lower_
    return token.head.lower_ if token.dep_ == "pobj" else ""


def _governor(token: Token) -> Token:
    """The word a noun phrase hangs on, past a ClearNLP preposition ("speakers" in "speakers of Kujireray")."""
    return token.head.head if token.dep_ == "pobj" else token.head


def uses_as_language(token: Token) -> bool:
    """Whether the parse uses ``token``, a name's head word, as a language's name (see the module docstring)."""
    head, dep = token.head, token.dep_
    if head is token:
        return False
    if dep in _MODIFIERS and head.i > token.i and _is_noun_in(head, LANGUAGE_MODIFIED):
        return True  # "the Eegimaa language", "Bayot speakers" (not "the language of Essil": Essil comes after)
    if dep == "appos" and (_is_language_noun(head) or any(
            child.dep_ == "appos" and _is_language_noun(child) for child in token.children)):
        return True  # "Ido, a constructed language" either way round
    if dep in _SUBJECTS and (_is_language_noun(head) or any(  # UD: the copula hangs on the noun
            child.dep_ == "attr" and _is_language_noun(child) for child in head.children)):  # ClearNLP
        return True
    governor = _governor(token)
    preposition = _preposition(token)
    if preposition == "of" and _is_noun_in(governor, SPEAKER):
        return True
    if preposition == "into" and _lemma(governor) == "translate":
        return True
    if _is_speak(head) and (dep in ("obj", "dobj") or dep in _PASSIVE_SUBJECTS
                           or (dep in _MODIFIERS | {"advmod"} and token.i < head.i)):
        return True  # "speak Eegimaa", "Eegimaa is spoken", "the Bayot speaking area"
    return False


def language_names(names: Iterable[Span]) -> set[str]:
    """The folded texts (:func:`kg.names.fold`) of the ``names`` (of one Doc) whose use makes them languages'
    names; a name joined by "and"/"or" to one of them is one too ("speakers of Kujireray and Baïnounk
    Gubëeher")."""
    names = list(names)
    by_root = {name.root.i: name for name in names}
    found = {index for index, name in by_root.items() if uses_as_language(name.root)}
    if not found:  # most documents: nothing to pass on
        return set()
    # conjuncts hang on the first of them in both schemes: follow the links either way until nothing is added
    added = True
    while added:
        added = False
        for index, name in by_root.items():
            if index in found:
                continue
            token = name.root
            linked = [token.head] if token.dep_ in _JOINED else []
            linked += [child for child in token.children if child.dep_ in _JOINED]
            if any(other.i in found for other in linked):
                found.add(index)
                added = True
    return {fold(by_root[index].text) for index in found}
