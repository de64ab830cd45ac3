"""The records extraction produces: small, frozen, position-sorted."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Argument:
    """One side of a triple.

    ``start``/``end`` (token indices) delimit the compact phrase used as the
    graph node (names and compounds whole, determiners dropped);
    ``full_start``/``full_end`` delimit the whole argument subtree for Open IE
    style output.  ``label`` is the entity type when the phrase is a named
    entity found by the recognizer.
    """

    text: str
    lemma: str  # the phrase with its head lemmatized, lowercased: "sanctions" → "sanction"
    start: int
    end: int
    head: int
    full_start: int
    full_end: int
    start_char: int
    end_char: int
    label: str | None = None
    is_proper: bool = False


@dataclass(frozen=True)
class Triple:
    """subject –relation→ object, with where it came from and how sure we are."""

    subject: Argument
    relation: str  # normalized lemma phrase: "veto", "speak_to", "ambassador_of"
    relation_text: str  # the words as they appear: "vetoed", "spoke to"
    object: Argument
    sentence_start_char: int
    sentence_end_char: int
    extractor: str
    confidence: float
    predicate: int = -1  # token index of the verb or predicate noun the triple hangs on
    negated: bool = False
    modal: str | None = None
    attribution: Argument | None = None  # who said it ("Haley said that Russia vetoed it" → Haley)
    attribution_cue: str | None = None  # the speech verb's lemma ("say")
    qualifiers: tuple[tuple[str, str], ...] = field(default=())

    @property
    def key(self) -> tuple:
        return (self.subject.start, self.relation, self.object.start, self.subject.end, self.object.end)
