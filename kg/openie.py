"""Open IE output: kg's extractions as JSONL, TSV, or CaRB's tabbed format.

The same :class:`~kg.extract.Triple` records feed the graph and this output;
here arguments are shown as full phrases rather than compact graph nodes.
For CaRB, triples sharing a predicate and subject become one n-ary
proposition: (subject, relation as written, object, other adverbials…).
With ``one_sentence_per_line`` each input line is parsed as exactly one
sentence (never re-split), as benchmarks require.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.chunking import parse_in_chunks
from kg.extract import Scheme, Triple, detect_scheme, extract_triples
from kg.extract.arguments import RELATIVE_PRONOUNS, conjuncts, is_pronoun
from kg.extract.predicates import inherited_subjects, own_subjects
from kg.readers import Document

# Dependents that are not part of an argument phrase: clauses and asides hanging off its head.
_PHRASE_BREAKS = {"acl:relcl", "relcl", "appos", "parataxis", "punct", "dep", "advcl", "acl", "cc", "conj"}
# A verb's adverbial dependents that CaRB counts as extra arguments ("in Toledo", "on Tuesday").
_ADVERBIALS = {"obl", "obl:tmod", "obl:npmod", "obl:unmarked", "obl:agent", "npadvmod", "prep", "agent"}
_NOT_ARGUMENT_ADVERBS = {"not", "n't", "never", "also", "too", "so", "then", "just", "only", "even", "however"}


# Prior confidence per construction: its precision on CaRB dev (docs/extraction.md), so that
# confidence orders propositions by how often they are right.
PRIORS = {"prepositional": 0.72, "complement": 0.71, "active": 0.70, "intransitive": 0.68, "passive": 0.61,
          "copula": 0.56, "apposition": 0.46, "nominal modifier": 0.28, "possessive": 0.23,
          "embedded active": 0.50}


@dataclass(frozen=True)
class Parsed:
    """One parsed document (or line) and its extractions."""

    document_id: str
    doc: Doc
    triples: tuple[Triple, ...]


@dataclass(frozen=True)
class Proposition:
    """An n-ary Open IE tuple: relation words as written, arguments as full phrases."""

    sentence: str
    relation: str
    args: tuple[str, ...]
    confidence: float
    extractor: str


def _single_sentence_docs(nlp: Language, lines: Iterable[str]) -> Iterator[Doc]:
    """Parse each line as one sentence: boundaries are fixed before the parser runs."""
    def prepared() -> Iterator[Doc]:
        for line in lines:
            doc = nlp.make_doc(line)
            for token in doc:
                token.is_sent_start = token.i == 0
            yield doc

    yield from nlp.pipe(prepared(), batch_size=64)


def parse_documents(documents: Iterable[Document], nlp: Language, one_sentence_per_line: bool = False
                    ) -> Iterator[Parsed]:
    """Parse and extract, streaming, in input order: one :class:`Parsed` per document, or per non-blank
    line with ``one_sentence_per_line``."""
    if one_sentence_per_line:
        for document in documents:
            lines = [line for line in document.text.splitlines() if line.strip()]
            for doc in _single_sentence_docs(nlp, lines):
                yield Parsed(document.id, doc, tuple(extract_triples(doc)))
        return
    # every document through one nlp.pipe, so that short documents are batched together; a long one is
    # parsed in pieces, as kg build parses it (kg/chunking.py)
    for doc, document_id in parse_in_chunks(nlp, ((document.text, document.id) for document in documents)):
        yield Parsed(document_id, doc, tuple(extract_triples(doc)))


def phrase(token: Token, exclude: Token | None = None) -> Span:
    """The phrase ``token`` heads, without relative clauses, appositions, coordination and
    without ``exclude``'s subtree (the clause a relative-clause antecedent contains)."""
    doc = token.doc
    dropped = {t.i for child in token.children if child.dep_ in _PHRASE_BREAKS for t in child.subtree}
    if exclude is not None:
        dropped |= {t.i for t in exclude.subtree}
    kept = [t.i for t in token.subtree if t.i not in dropped]
    start, end = min(kept), max(kept) + 1
    # stay contiguous around the head
    left = token.i
    while left - 1 >= start and left - 1 not in dropped:
        left -= 1
    right = token.i + 1
    while right < end and right not in dropped:
        right += 1
    while right > left + 1 and doc[right - 1].is_punct:
        right -= 1
    while left < right - 1 and doc[left].is_punct:
        left += 1
    return doc[left:right]


def _argument_phrase(head: Token, predicate: Token, without_preposition: bool = False) -> str:
    # a relative clause's antecedent must not swallow the clause it heads
    clause = predicate if head.is_ancestor(predicate) else None
    span = phrase(head, exclude=clause)
    if without_preposition:  # UD keeps "by"/"to" under the noun; here it belongs to the relation
        while len(span) > 1 and span[0].dep_ == "case" and span[0].head == head:
            span = span[1:]
    return span.text


def _adverbials(verb: Token, used: set[int]) -> list[Token]:
    found = []
    in_relation = _inner_adverbs(verb)
    for child in verb.children:
        if child.i in used or any(t.i in used or t.tag_ in {"WDT", "WP", "WP$", "WRB"} for t in child.subtree):
            continue  # taken already, or the relative phrase that links the clause ("during which")
        if child.dep_ in _ADVERBIALS or (child.dep_ == "advmod" and child.pos_ == "ADV"
                                         and child.lower_ not in _NOT_ARGUMENT_ADVERBS
                                         and child not in in_relation):
            found.append(child)
    return found


def _span_text(token: Token) -> str:
    return token.doc[token.left_edge.i:token.right_edge.i + 1].text


def _inner_adverbs(verb: Token) -> list[Token]:
    """Adverbs between the subject and the verb ("typically have", "has often appeared"): part of the relation."""
    found = []
    for child in verb.lefts:
        if child.dep_ == "advmod" and child.pos_ in {"ADV", "PART"} and child.tag_ != "WRB" \
                and child.i > verb.sent.start \
                and not any(t.is_punct for t in verb.doc[child.i + 1:verb.i]) and child.n_lefts == 0:
            found.append(child)
    return found


def _relation_words(verb: Token, scheme: Scheme, *extra: Token) -> str:
    words = [c for c in verb.children if c.dep_.startswith("aux") or scheme.is_(c, "negation")
             or (c.dep_ == "advmod" and c.lower_ in {"not", "n't", "never"}) or scheme.is_(c, "particle")]
    return " ".join(t.text for t in sorted({verb, *words, *_inner_adverbs(verb), *extra}, key=lambda t: t.i))


def _chain_prefix(verb: Token, scheme: Scheme) -> str:
    """The controlling verbs of an open complement, as written: "vowed to" for "maintain"."""
    if not scheme.is_(verb, "open_complement") or verb.head.pos_ not in {"VERB", "AUX"}:
        return ""
    head = verb.head
    markers = [c.text for c in verb.children if c.dep_ in {"mark", "aux"} and c.lower_ == "to" and c.i < verb.i]
    return " ".join(filter(None, [_chain_prefix(head, scheme), _relation_words(head, scheme), *markers]))


def _subjects(verb: Token, scheme: Scheme) -> tuple[list[Token], bool]:
    passive = own_subjects(verb, scheme, passive=True)
    if passive:
        return passive, True
    subjects = own_subjects(verb, scheme) or inherited_subjects(verb, scheme)
    if not subjects and scheme.is_(verb, "reduced_relative") and verb.tag_ == "VBN":
        return conjuncts(verb.head), True
    return subjects, False


def _clause_propositions(sentence: Span, scheme: Scheme) -> Iterator[Proposition]:
    """Verbal clauses: (subject, verb group [+ preposition], object or phrase, adverbials…)."""
    for verb in sentence:
        if verb.pos_ != "VERB":
            continue
        subjects, passive = _subjects(verb, scheme)
        subjects = [s for s in subjects if not is_pronoun(s) or s.lower_ not in RELATIVE_PRONOUNS]
        if not subjects:
            continue
        objects = [o for c in scheme.children(verb, "direct_object") for o in conjuncts(c)]
        objects += [o for c in scheme.children(verb, "indirect_object") for o in conjuncts(c)]
        agents = [a for agent in scheme.agents(verb) for a in conjuncts(agent)]
        complements = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i]
        verbal_xcomps = [c for c in complements if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        prefix = _chain_prefix(verb, scheme)

        def rel(*extra: Token, verb: Token = verb, prefix: str = prefix) -> str:
            return " ".join(filter(None, [prefix, _relation_words(verb, scheme, *extra)]))

        for subject in subjects:
            arg1 = _argument_phrase(subject, verb)
            used = {t.i for t in subject.subtree} | {subject.i}
            if passive and agents:
                for agent in agents:
                    extras = _extra_args(verb, used | {t.i for t in agent.subtree} | {agent.i} | set(
                        t.i for a in scheme.children(verb, "agent") for t in a.subtree))
                    yield _proposition(sentence, rel() + " by",
                                       (arg1, _argument_phrase(agent, verb, True), *extras), "passive")
                continue
            if objects:
                for obj in objects:
                    extras = _extra_args(verb, used | {t.i for o in objects for t in o.subtree})
                    yield _proposition(sentence, rel(), (arg1, _argument_phrase(obj, verb), *extras),
                                       "embedded active" if _embedded(verb) else "active")
                continue
            prepositional = [(p, n) for p, n in scheme.prepositional(verb) if n.i > verb.i]
            if prepositional:
                preposition, noun = prepositional[0]
                taken = {t.i for t in noun.subtree} | {preposition.i}
                if scheme.name != "ud":
                    taken |= {t.i for t in preposition.subtree}
                extras = _extra_args(verb, used | taken)
                yield _proposition(sentence, rel(preposition),
                                   (arg1, _argument_phrase(noun, verb, True), *extras), "prepositional")
                continue
            if verbal_xcomps:
                continue  # "vowed to maintain sanctions": the complement's own proposition carries it
            if complements:
                complement = complements[0]
                yield from _complement_proposition(sentence, scheme, verb, complement, arg1, rel(), used)
                continue
            extras = _extra_args(verb, used)
            yield _proposition(sentence, rel(), (arg1, *(extras or [""])), "intransitive")


def _complement_proposition(sentence: Span, scheme: Scheme, verb: Token, complement: Token, arg1: str,
                            relation: str, used: set[int]) -> Iterator[Proposition]:
    """"continues to be influential in theories" → (…, continues to be influential in, theories);
    "said that Russia vetoed it" → (…, said, that Russia vetoed it)."""
    if complement.dep_ == "xcomp":
        markers = [c for c in complement.children if c.i < complement.i and
                   (c.dep_ in {"mark", "cop", "aux"} or scheme.is_(c, "copula") or c.dep_ == "advmod")]
        prepositional = [(p, n) for p, n in scheme.prepositional(complement) if n.i > complement.i]
        words = " ".join(t.text for t in sorted([*markers, complement], key=lambda t: t.i))
        if prepositional:
            preposition, noun = prepositional[0]
            extras = _extra_args(verb, used | {t.i for t in complement.subtree})
            yield _proposition(sentence, f"{relation} {words} {preposition.text}",
                               (arg1, _argument_phrase(noun, complement, True), *extras), "complement")
            return
    extras = _extra_args(verb, used | {t.i for t in complement.subtree})
    yield _proposition(sentence, relation, (arg1, _span_text(complement), *extras), "complement")


def _copula_propositions(sentence: Span, scheme: Scheme) -> Iterator[Proposition]:
    """(subject, is [+ preposition], predicate phrase) for nominal, adjectival and prepositional predicates."""
    for token in sentence:
        if scheme.name == "ud":
            cops = scheme.children(token, "copula")
            if not cops:
                continue
            predicate, be = token, cops[0]
            # "was involved in": parsers label an adjectival passive's subject either way
            subjects = [s for c in scheme.children(token, "subject") + scheme.children(token, "passive_subject")
                        for s in conjuncts(c)]
            case = [c for c in predicate.children if c.dep_ == "case" and c.i < predicate.i]
        else:
            if token.lemma_ != "be" or (not scheme.children(token, "attribute") and not scheme.children(token, "oblique")):
                continue
            be = token
            attributes = scheme.children(token, "attribute")
            subjects = [s for c in scheme.children(token, "subject") for s in conjuncts(c)]
            if attributes:
                predicate, case = attributes[0], []
            else:
                preposition = scheme.children(token, "oblique")[0]
                objects = [c for c in preposition.children if c.dep_ == "pobj"]
                if not objects:
                    continue
                predicate, case = objects[0], [preposition]
        words = _relation_words(be, scheme, *case) if scheme.name != "ud" else " ".join(
            t.text for t in sorted({be, *case, *[c for c in predicate.children if c.dep_.startswith("aux")
                                                  or (c.dep_ == "advmod" and c.lower_ in {"not", "n't", "never"})]},
                                   key=lambda t: t.i))
        for subject in subjects:
            if subject.lower_ in RELATIVE_PRONOUNS:
                continue
            exclude = {t.i for c in case for t in c.subtree} | {t.i for s in subjects for t in s.subtree}
            exclude |= {t.i for c in predicate.children if c.dep_ in {"cop", "nsubj", "nsubj:pass", "aux", "punct",
                                                                         "cc", "conj", "advcl", "parataxis", "mark"}
                        or (c.dep_ == "advmod" and c.lower_ in {"not", "n't", "never"}) for t in c.subtree}
            kept = [t.i for t in predicate.subtree if t.i not in exclude]
            if not kept:
                continue
            text = predicate.doc[min(kept):max(kept) + 1].text
            yield _proposition(sentence, words, (_argument_phrase(subject, predicate), text), "copula")


def _apposition_propositions(sentence: Span, scheme: Scheme) -> Iterator[Proposition]:
    """"Naana, Baako's grandmother" → (Naana, is, Baako's grandmother): the name first."""
    nominal = {"NOUN", "PROPN"}
    for token in sentence:
        head = token.head
        if not scheme.is_(token, "apposition") or token.pos_ not in nominal or head.pos_ not in nominal:
            continue
        if scheme.children(head, "copula") or scheme.children(head, "subject"):
            continue  # a predicate nominal: the copula generator speaks for it
        first, second = (token, head) if token.pos_ == "PROPN" and head.pos_ == "NOUN" else (head, token)
        yield _proposition(sentence, "is", (_argument_phrase(first, second, True),
                                            _argument_phrase(second, first, True)), "apposition")


_NOMINAL_PREPOSITIONS = {"in", "at", "from", "with", "near", "on", "inside", "outside", "within", "under"}


def _nominal_modifier_propositions(sentence: Span, scheme: Scheme) -> Iterator[Proposition]:
    """"the Ottawa River in Canada" → (the Ottawa River, is in, Canada)."""
    for noun in sentence:
        if noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        for preposition, target in scheme.prepositional(noun):
            if preposition.lower_ not in _NOMINAL_PREPOSITIONS or target.i < noun.i:
                continue
            modifier = target if scheme.name == "ud" else preposition
            head_phrase = [t for t in phrase(noun) if not modifier.is_ancestor(t) and t != modifier]
            if not head_phrase:
                continue
            owner = noun.doc[head_phrase[0].i:head_phrase[-1].i + 1].text
            yield _proposition(sentence, f"is {preposition.lower_}",
                               (owner, _argument_phrase(target, noun, True)), "nominal modifier")


def _possessive_propositions(sentence: Span, scheme: Scheme) -> Iterator[Proposition]:
    """"Marc's own label" → (Marc, has, own label)."""
    doc = sentence.doc
    for token in sentence:
        if scheme.is_(token, "possessive") and not is_pronoun(token) and token.head.pos_ in {"NOUN", "PROPN"}:
            owner = doc[token.left_edge.i:token.i + 1].text
            after = [t for t in doc[token.i + 1:token.head.i + 1] if not (t.tag_ == "POS" or t.dep_ == "case")]
            if after:
                yield _proposition(sentence, "has", (owner, doc[after[0].i:token.head.i + 1].text), "possessive")


def _embedded(verb: Token) -> bool:
    """A clause that is the complement of another verb ("said that X did Y")."""
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ in {"ccomp", "csubj"}


def _proposition(sentence: Span, relation: str, args: tuple[str, ...], extractor: str) -> Proposition:
    return Proposition(sentence.text, relation, args, PRIORS[extractor], extractor)


def _extra_args(verb: Token, used: set[int]) -> list[str]:
    return [_span_text(c) for c in _adverbials(verb, used)]


# Proposition generators by name: each a pure function (sentence, scheme) -> Iterator[Proposition].
GENERATORS = {
    "clause": _clause_propositions,
    "copula": _copula_propositions,
    "apposition": _apposition_propositions,
    "possessive": _possessive_propositions,
    "nominal modifier": _nominal_modifier_propositions,
}


def propositions(parsed: Parsed, generators: dict | None = None) -> list[Proposition]:
    """CaRB-style n-ary propositions for every clause, copula, apposition, possessive and nominal modifier."""
    doc = parsed.doc
    scheme = detect_scheme(doc)
    result: list[Proposition] = []
    seen: set[tuple] = set()
    for sentence in doc.sents:
        for generate in (generators or GENERATORS).values():
            for p in generate(sentence, scheme):
                key = (p.sentence, p.relation, p.args)
                if key not in seen and p.args[0].strip():
                    seen.add(key)
                    result.append(p)
    return result


def carb_lines(parsed: Parsed) -> Iterator[str]:
    for p in propositions(parsed):
        fields = [p.sentence, f"{p.confidence:.3f}", p.relation, *p.args]
        yield "\t".join(" ".join(f.split()) for f in fields)


def jsonl_lines(parsed: Parsed) -> Iterator[str]:
    doc = parsed.doc
    text = doc.text  # spaCy joins the tokens' text on every access: once per document, not per triple
    for t in parsed.triples:
        def argument(a):
            return {"text": a.text, "full": doc[a.full_start:a.full_end].text, "start_char": a.start_char,
                    "end_char": a.end_char, "label": a.label}

        yield json.dumps({
            "document": parsed.document_id,
            "sentence": text[t.sentence_start_char:t.sentence_end_char],
            "subject": argument(t.subject), "relation": t.relation, "relation_text": t.relation_text,
            "object": argument(t.object),
            "qualifiers": {"negated": t.negated, "modal": t.modal,
                           "attributed_to": t.attribution.text if t.attribution else None,
                           "attribution_cue": t.attribution_cue, **dict(t.qualifiers)},
            "confidence": t.confidence, "extractor": t.extractor,
        }, ensure_ascii=False)


TSV_HEADER = "document\tsubject\trelation\tobject\tconfidence\textractor\tpolarity\tmodal\tsentence"


def tsv_lines(parsed: Parsed) -> Iterator[str]:
    text = parsed.doc.text  # once per document (see jsonl_lines)
    for t in parsed.triples:
        fields = [parsed.document_id, t.subject.text, t.relation, t.object.text, f"{t.confidence:.3f}",
                  t.extractor, "negated" if t.negated else "", t.modal or "",
                  text[t.sentence_start_char:t.sentence_end_char]]
        yield "\t".join(" ".join(f.split()) for f in fields)


FORMATS = {"jsonl": jsonl_lines, "tsv": tsv_lines, "carb": carb_lines}

__all__ = ["FORMATS", "GENERATORS", "TSV_HEADER", "Parsed", "Proposition", "parse_documents", "propositions"]
