"""The one place that knows dependency label names.

kg's bundled pipeline writes Universal Dependencies labels (``obj``, ``obl`` +
``case``, ``nsubj:pass``); spaCy's English pipelines write ClearNLP labels
(``dobj``, ``prep`` + ``pobj``, ``nsubjpass``).  Extractors ask a
:class:`Scheme` questions ("is this a passive subject?") and never compare
label strings themselves, so every construction works on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

NEGATORS = frozenset({"not", "n't", "never", "no"})


@dataclass(frozen=True)
class Scheme:
    name: str
    subject: frozenset[str]
    passive_subject: frozenset[str]
    direct_object: frozenset[str]
    indirect_object: frozenset[str]
    oblique: frozenset[str]  # UD: obl/nmod whose noun carries a case child; ClearNLP: prep
    agent: frozenset[str]
    copula: frozenset[str]
    attribute: frozenset[str]  # ClearNLP: predicate nominal / adjective under "be"
    apposition: frozenset[str]
    name_part: frozenset[str]  # compounds and flat multiword names
    particle: frozenset[str]
    possessive: frozenset[str]
    negation: frozenset[str]
    open_complement: frozenset[str]
    relative_clause: frozenset[str]
    reduced_relative: frozenset[str]
    modal_tags: frozenset[str] = frozenset({"MD"})

    def is_(self, token: Token, role: str) -> bool:
        return token.dep_ in getattr(self, role)

    def children(self, token: Token, role: str) -> list[Token]:
        labels = getattr(self, role)
        return [child for child in token.children if child.dep_ in labels]

    def prepositional(self, token: Token) -> Iterator[tuple[Token, Token]]:
        """(preposition, noun) pairs attached to ``token``, agents excluded."""
        if self.name == "ud":
            for child in token.children:
                if child.dep_ in self.oblique and child.dep_ not in self.agent:
                    # the case marker is the noun's child, or (when the parser hung it on a title,
                    # "for President Putin") the first word of the noun's phrase
                    case = [c for c in child.children if c.dep_ == "case" and c.pos_ == "ADP"]
                    first = child.left_edge
                    if not case and first.dep_ == "case" and first.pos_ == "ADP" and first.i < child.i:
                        case = [first]
                    if case:
                        yield case[0], child
        else:
            for prep in token.children:
                if prep.dep_ in self.oblique:
                    for noun in prep.children:
                        if noun.dep_ == "pobj":
                            yield prep, noun

    def agents(self, verb: Token) -> list[Token]:
        """The noun of a passive's "by" phrase."""
        if self.name == "ud":
            return [c for c in verb.children if c.dep_ in self.agent
                    or (c.dep_ == "obl" and any(g.dep_ == "case" and g.lower_ == "by" for g in c.children))]
        return [noun for prep in verb.children if prep.dep_ in self.agent
                for noun in prep.children if noun.dep_ == "pobj"]

    def is_negated(self, token: Token) -> bool:
        return any(child.dep_ in self.negation or (child.dep_ == "advmod" and child.lower_ in NEGATORS)
                   for child in token.children)


UD = Scheme(
    name="ud",
    subject=frozenset({"nsubj", "nsubj:outer"}),
    passive_subject=frozenset({"nsubj:pass"}),
    direct_object=frozenset({"obj"}),
    indirect_object=frozenset({"iobj"}),
    oblique=frozenset({"obl", "obl:agent", "nmod", "obl:npmod", "obl:tmod"}),
    agent=frozenset({"obl:agent"}),
    copula=frozenset({"cop"}),
    attribute=frozenset(),
    apposition=frozenset({"appos"}),
    name_part=frozenset({"compound", "flat", "flat:name", "flat:foreign"}),
    particle=frozenset({"compound:prt"}),
    possessive=frozenset({"nmod:poss"}),
    negation=frozenset(),
    open_complement=frozenset({"xcomp"}),
    relative_clause=frozenset({"acl:relcl"}),
    reduced_relative=frozenset({"acl"}),
)

CLEARNLP = Scheme(
    name="clearnlp",
    subject=frozenset({"nsubj"}),
    passive_subject=frozenset({"nsubjpass"}),
    direct_object=frozenset({"dobj"}),
    indirect_object=frozenset({"dative", "iobj"}),
    oblique=frozenset({"prep"}),
    agent=frozenset({"agent"}),
    copula=frozenset(),
    attribute=frozenset({"attr", "acomp"}),
    apposition=frozenset({"appos"}),
    name_part=frozenset({"compound"}),
    particle=frozenset({"prt"}),
    possessive=frozenset({"poss"}),
    negation=frozenset({"neg"}),
    open_complement=frozenset({"xcomp"}),
    relative_clause=frozenset({"relcl"}),
    reduced_relative=frozenset({"acl"}),
)

_CLEARNLP_ONLY = {"dobj", "pobj", "prep", "nsubjpass", "attr", "auxpass", "poss", "relcl",
                  "agent", "dative", "prt", "neg", "acomp", "npadvmod", "pcomp"}


def detect_scheme(doc: Doc) -> Scheme:
    """ClearNLP if the parse uses any label only ClearNLP has, else UD."""
    return CLEARNLP if any(token.dep_ in _CLEARNLP_ONLY for token in doc) else UD
