"""Entity resolution: argument mentions → entities with stable, deterministic ids.

Identity is the normalized name: case, accents, articles, honorifics ("Mr.",
"Ms."), titles before a name ("President") and possessive "'s" do not count, so "Mr. Trump" and "Trump" are one
entity; every surface form is kept with its count.  A one-word person
mention ("Haley") joins the longer person name it ends ("Nikki Haley") when
exactly one such name is mentioned in its document, or, if none is, in all
documents.  Across all documents an acronym
("U.S.", "US", "UN") joins the one name whose initials it spells ("the
United States", "United Nations"); with no such name, or more than one,
dotted and plain spellings still meet ("U.S." = "US").  An entity's type is
the majority of its typed mentions (ties broken alphabetically), and the
votes are kept as evidence.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.records import Argument
from kg.names import fold
from kg.namespaces import LABEL_ALIASES

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "mme", "messrs"})
ARTICLES = frozenset({"the", "a", "an"})
# Titles drop out of identity only when a name follows: "President Trump" is Trump, "the President" is not.
TITLES = frozenset({"president", "vice_president", "prime_minister", "minister", "secretary", "senator", "sen",
                    "rep", "representative", "gov", "governor", "ambassador", "general", "gen", "judge",
                    "king", "queen", "prince", "princess", "pope", "chancellor", "mayor", "chairman", "ceo"})


def slug(text: str) -> str:
    """Folded (:func:`kg.names.fold`) words joined by "_", for keys and IRIs: "François Delattre" →
    "francois_delattre"."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def identity_key(text: str) -> str:
    """The part of a name that decides identity ("" when nothing is left)."""
    words = re.sub(r"['’]s\b", "", text).split()
    while words and slug(words[0]) in HONORIFICS | ARTICLES:
        words = words[1:]
    while len(words) > 1 and slug(words[0]) in TITLES and words[1][:1].isupper():
        words = words[1:]
    key = slug(" ".join(words))
    if not key and text.strip():  # a name with no Latin letters still needs a stable id
        key = "u" + "_".join(f"{ord(c):x}" for c in text.strip() if not c.isspace())[:60]
    return key


def canonical_label(label: str | None) -> str | None:
    if label is None:
        return None
    label = LABEL_ALIASES.get(label, label)
    return label if label in {"PERSON", "ORG", "PLACE", "EVENT"} else None


@dataclass(frozen=True)
class Mention:
    document_id: str
    text: str
    key: str
    label: str | None


@dataclass(frozen=True)
class Entity:
    key: str  # identity key; with the type it makes the IRI
    label: str  # preferred name: the most frequent surface form, longest on ties
    type: str | None  # PERSON, ORG, PLACE, EVENT or None
    names: tuple[str, ...]  # every surface form, sorted
    mentions: int
    type_votes: tuple[tuple[str, int], ...]  # evidence for the type
    name_counts: tuple[tuple[str, int], ...] = ()  # each surface form with its number of mentions, sorted


def mention_of(document_id: str, argument: Argument) -> Mention:
    text = argument.text if argument.is_proper else argument.lemma
    return Mention(document_id, argument.text, identity_key(text), canonical_label(argument.label))


_NOT_IN_PERSONAL_NAMES = {"of", "the", "and", "for", "in", "at", "de_la"}


def _surname_aliases(mentions: list[Mention]) -> dict[tuple[str, str], str]:
    """(document, one-word key) → full person key: the one full name ending in that word in the document,
    or, when the document has none, the one such name in all documents ("Ms. Haley" in one article,
    "Nikki Haley" in the next).  Two candidates, and the one-word name stays as it is.

    Only a name made of name words counts ("Vladimir V. Putin of Russia" does not make "Russia" a surname),
    and only person or untyped one-word mentions are aliased (see :func:`resolve`)."""
    full_names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    everywhere: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        words = m.key.split("_")
        if m.label == "PERSON" and len(words) > 1 and not _NOT_IN_PERSONAL_NAMES & set(words):
            full_names[m.document_id][words[-1]].add(m.key)
            everywhere[words[-1]].add(m.key)
    aliases = {}
    for m in mentions:
        if "_" in m.key:
            continue
        keys = full_names[m.document_id].get(m.key) or everywhere.get(m.key, set())
        if len(keys) == 1:
            aliases[(m.document_id, m.key)] = next(iter(keys))
    return aliases


ACRONYM = re.compile(r"(?:[A-Z]\.){2,8}|[A-Z]{2,8}")  # "U.S.", "US", "NATO"
_NOT_INITIALS = {"of", "the", "and", "for", "de", "in", "on", "at", "to", "a", "an"}


def acronym_letters(text: str) -> str:
    """"u.s." letters of an acronym mention ("the U.S." → "us"), "" for anything else."""
    words = re.sub(r"['’]s\b", "", text).split()
    while words and slug(words[0]) in ARTICLES:
        words = words[1:]
    return words[0].replace(".", "").lower() if len(words) == 1 and ACRONYM.fullmatch(words[0]) else ""


def initials(key: str) -> str:
    """Initials of a multi-word identity key: "united_nations_security_council" → "unsc"."""
    words = [w for w in key.split("_") if w and w not in _NOT_INITIALS]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _acronym_aliases(mentions: list[Mention]) -> dict[str, str]:
    """Acronym key → the key of the one name it abbreviates (or its plain spelling), across all documents.

    Person names are never abbreviated this way ("JFK" is left alone)."""
    letters_of = {m.key: letters for m in mentions if m.label != "PERSON" and (letters := acronym_letters(m.text))}
    spelled_out: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.label != "PERSON" and m.key not in letters_of and (abbreviation := initials(m.key)):
            spelled_out[abbreviation].add(m.key)
    plain = set(letters_of.values()) & set(letters_of)  # "us" was itself written "US"
    aliases = {}
    for key, letters in letters_of.items():
        names = spelled_out.get(letters, set())
        target = next(iter(names)) if len(names) == 1 else letters if letters in plain else key
        if target != key:
            aliases[key] = target
    return aliases


@dataclass(frozen=True)
class Resolution:
    entities: dict[str, Entity]  # by key
    key_of: dict[tuple[str, str], str]  # (document id, mention key) → entity key

    def entity_for(self, document_id: str, argument: Argument) -> Entity | None:
        """The entity an argument resolved to; ``None`` for text with nothing to identify it by."""
        mention = mention_of(document_id, argument)
        return self.entities.get(self.key_of.get((document_id, mention.key), mention.key))


def resolve(mentions: Iterable[Mention]) -> Resolution:
    mentions = [m for m in mentions if m.key]
    aliases = _surname_aliases(mentions)
    acronyms = _acronym_aliases(mentions)
    key_of: dict[tuple[str, str], str] = {}
    grouped: dict[str, list[Mention]] = defaultdict(list)
    typed_elsewhere = {(m.document_id, m.key) for m in mentions if m.label not in (None, "PERSON")}
    for m in mentions:
        alias = aliases.get((m.document_id, m.key))
        # "Haley" joins "Nikki Haley"; a key the recognizer also typed as a place or organization does not
        key = alias if alias and (m.document_id, m.key) not in typed_elsewhere else acronyms.get(m.key, m.key)
        key_of[(m.document_id, m.key)] = key
        grouped[key].append(m)
    entities = {}
    for key, group in grouped.items():
        votes = Counter(m.label for m in group if m.label)
        entity_type = min(votes, key=lambda label: (-votes[label], label)) if votes else None
        forms = Counter(m.text for m in group)
        label = min(forms, key=lambda form: (-forms[form], -len(form), form))
        entities[key] = Entity(key=key, label=label, type=entity_type, names=tuple(sorted(forms)),
                               mentions=len(group), type_votes=tuple(sorted(votes.items())),
                               name_counts=tuple(sorted(forms.items())))
    return Resolution(entities, key_of)
