"""``kg_entity_types``: second opinions on the recognizer's names and their types.

The recognizer, trained on about 100k words of entity annotation, misses
names and types many of those it finds wrongly ("Seattle" a PERSON, "Otto
Jespersen" a PLACE, "Columbia University" a PLACE).  This component runs
after it in two steps.

First, where the pipeline carries a trained name classifier (:mod:`kg.names`,
trained by the recipe), the recognizer's PERSON/ORG/PLACE entities and every
run of proper nouns are candidates, and the classifier, with the recognizer's
label as one vote, decides which are names and of what type.

Then a possessor's "'s" ends a name ("Virginia's Tax Code" → Virginia and Tax Code, where the parse makes
"Virginia" a possessor), a place or an acronym run together with a person's full name is two names
("Governor of Washington Chris Gregoire" → Washington and Chris Gregoire), and it re-types (re-bounding only
titles and affiliations) PERSON, ORG and PLACE entities with evidence the statistical models lack, in this
order, first match wins:

0. a ship's or spacecraft's prefix starts it ("USS Potomac", "Space Shuttle Atlantis") → MISC; a storm's or
   an operation's prefix starts it ("Cyclone Phailin"), or its head word is an event word ("French
   Revolution", "World War II", "Battle of Chudnov", "Cannes Film Festival") → EVENT;
1. the name's head word — its last word, or in "X of Y" the word before
   "of" ("Museum of Flight", "State of Texas") — is an organization word
   ("... University", "... Party", "Bank of ...") → ORG, or a place word
   ("... River", "... Street", "Museum of ...": schema.org counts buildings
   as places) → PLACE;
2. a title or honorific stands before it ("Mr.", "President") → PERSON;
3. it begins with a common given name and is all capitalized words
   ("Otto Jespersen") → PERSON;
4. it is a country, US state, continent, capital or a city of at least
   15,000 people (GeoNames) → PLACE, unless it is a one-word name that is
   also a common given name, or a common surname the recognizer called a
   PERSON ("Washington" may be either);

and then a PERSON loses the titles it starts with ("Professor Eastman" →
"Eastman"), as persons are named in the training data, and a PERSON of two
or more words followed by "of" and a name loses that affiliation, which
becomes a name of its own ("Darwin Beck of First Boston" → Darwin Beck and
First Boston); an era marker next
to a year ("508 BC", "AD 394") is no name, and no name starts or ends with
whitespace (the recognizer sometimes takes in a blank line); and, per document,
every mention of one name takes the type most of its mentions have, and a
one-word name that ends a longer PERSON name ("Dvořák" after "Antonín
Dvořák") is a PERSON, one that ends a vehicle's or a storm's name ("Atlantis",
"Phailin") is that vehicle (MISC) or storm (EVENT),
and every mention of a name the text uses as a language's ("the Eegimaa
language", "speakers of Kujireray": :mod:`kg.language_names`) is MISC.

The word lists (GeoNames place names, CC BY 4.0; US Census name frequencies,
public domain), the word clusters (spacy-lookups-data, MIT) and the
classifier's weights are stored with the pipeline, so nothing is needed at
run time.  Measured effect in training/README.md.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path
from spacy.vocab import Vocab

from kg.embed import CLUSTER_TABLE  # the vocab table kg's tok2vec embeds Brown clusters from
from kg.language_names import language_names
from kg.names import Lexicons, NameClassifier, after_titles, clustered_for_names, find_names, fold

RETYPED = frozenset({"PERSON", "ORG", "PLACE"})
WEIGHTS_FILE = "names.json.gz"  # the name classifier's weights in a packaged pipeline

ORG_WORDS = frozenset({
    "academy", "administration", "agency", "airlines", "army", "assembly", "association", "bank", "board",
    "bureau", "church", "club", "co", "co.", "college", "commission", "committee", "company", "congress",
    "conservatory", "corp", "corp.", "corporation", "council", "court", "department", "federation", "force",
    "foundation", "fund", "government", "inc", "inc.", "institute", "journal", "league", "ltd", "ltd.",
    "magazine", "media", "ministry", "navy", "network", "news", "office", "organisation", "organization",
    "parliament", "party", "post", "press", "school", "senate", "service", "society", "star", "team", "times",
    "union", "university",
})
PLACE_WORDS = frozenset({
    "airport", "avenue", "base", "bay", "beach", "boulevard", "bridge", "building", "canal", "canyon", "castle",
    "cathedral", "center", "centre", "city", "coast", "county", "desert", "district", "falls", "forest", "gulf",
    "hall", "harbor", "harbour", "hill", "hills", "hotel", "island", "islands", "lake", "library", "mosque",
    "mount", "mountain", "mountains", "museum", "ocean", "palace", "park", "peninsula", "planetarium",
    "province", "region", "river", "road", "sea", "square", "stadium", "state", "station", "strait", "street",
    "swamp", "temple", "theater", "theatre", "tower", "town", "valley", "village", "zoo",
})
PERSON_TITLES = frozenset({
    "administrator", "admiral", "ambassador", "archbishop", "attorney", "baron", "baroness", "bishop", "capt",
    "captain", "cardinal", "chairman", "chairwoman", "chancellor", "chief", "col", "colonel", "commander",
    "commissioner", "congressman", "congresswoman", "countess", "dame", "dean", "deputy", "detective",
    "director", "doctor", "dr", "duchess", "duke", "earl", "emperor", "empress", "fellow", "gen", "general",
    "gov", "governor", "imam", "inspector", "judge", "justice", "king", "lady", "lieutenant", "lord", "lt",
    "madam", "marshal", "mayor", "minister", "miss", "mister", "mme", "mr", "mrs", "ms", "officer", "pastor",
    "pope", "premier", "president", "prime", "prince", "princess", "prof", "professor", "protector", "queen",
    "rabbi", "rector", "rep", "rev", "reverend", "secretary", "sen", "senator", "sergeant", "sgt", "shah", "sheikh",
    "sheriff", "sir", "sultan", "tsar", "vice",
})

# courtesy titles, which stand only in front of a person's name (not "Dr.", which ends street names: "Elm Dr.")
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "messrs", "mx"})

# a word a person's name does not end in before "of": "White House Chief of Staff", "Federal Bureau of Investigation"
_NOT_A_PERSONS_LAST_WORD = PERSON_TITLES | ORG_WORDS | PLACE_WORDS

# a ship's or spacecraft's name starts with its prefix, and it is a vehicle (MISC), not an organization or a
# place: "USS Potomac", "HMS Beagle", "Space Shuttle Atlantis" (kg's annotation guides, training/*/GUIDE.md)
VEHICLE_PREFIXES = (("uss",), ("hms",), ("hmcs",), ("hmas",), ("hmnzs",), ("rms",), ("usns",), ("uscgc",),
                    ("space", "shuttle"), ("shuttle",))

# what starts an event's name, or is its head word (the last word before any number, or the one before "of"):
# "Cyclone Phailin", "Operation Desert Storm"; "French Revolution", "World War II", "Battle of Chudnov", "Cannes
# Film Festival", "Teen Choice Awards" (GUM's event names).  Not "games", "series", "fair", "conference": "Rockstar
# Games", "Vanity Fair", "Southeastern Conference" are organizations
EVENT_PREFIXES = (("hurricane",), ("cyclone",), ("typhoon",), ("tropical", "storm"), ("operation",))
ROMAN_NUMERAL = re.compile(r"(?=[ivx])x{0,3}(ix|iv|v?i{0,3})")
EVENT_WORDS = frozenset({
    "awards", "battle", "championship", "championships", "cup", "earthquake", "festival", "massacre", "olympics",
    "paralympics", "rebellion", "revolution", "siege", "summit", "tournament", "uprising", "war",
})

# a year's era is part of a date, not a name: "508 BC", "776 BCE", "AD 394"
ERA_MARKERS = frozenset({"bc", "b.c.", "bce", "b.c.e.", "ad", "a.d.", "ce", "c.e."})


class VocabClusters:
    """The name classifier's word clusters read from the vocab's ``lexeme_cluster`` table, so that a pipeline
    whose tok2vec embeds the clusters stores them once: the table holds every word with a cluster, keyed by
    its hash, and this view gives the classifier the ones it was trained with
    (:func:`kg.names.clustered_for_names`, as :func:`kg.training.lexicons.build_lexicons` keeps them)."""

    def __init__(self, table: Mapping) -> None:
        self.table = table

    def get(self, word: str, default: int = 0) -> int:
        return self.table.get(word, default) or default if clustered_for_names(word) else default

    def __bool__(self) -> bool:
        return bool(self.table)


class EntityTypeRefiner:
    """Re-decides the names of a Doc and re-types them; see the module docstring for the steps."""

    def __init__(self, name: str = "kg_entity_types", places: Iterable[str] = (),
                 given_names: Iterable[str] = (), surnames: Iterable[str] = (),
                 name_weights: Mapping[str, list[float]] | None = None,
                 clusters: Mapping[str, int] | VocabClusters | None = None, vocab: Vocab | None = None) -> None:
        self.name = name
        self.vocab = vocab
        self.set_lexicons(places, given_names, surnames, clusters)
        self.classifier = NameClassifier(name_weights)

    def set_lexicons(self, places: Iterable[str], given_names: Iterable[str], surnames: Iterable[str],
                     clusters: Mapping[str, int] | VocabClusters | None = None) -> None:
        """Replace the word lists (folded with :func:`fold` on the way in) and the word clusters (exact words,
        see :class:`kg.names.Lexicons`; none leaves the classifier without cluster features)."""
        self.places = frozenset(filter(None, map(fold, places)))
        self.given_names = frozenset(filter(None, map(fold, given_names)))
        self.surnames = frozenset(filter(None, map(fold, surnames)))
        self.clusters = clusters if isinstance(clusters, VocabClusters) else dict(clusters or {})

    def _vocab_clusters(self) -> VocabClusters | None:
        """The vocab's cluster table as a view, if the pipeline has one."""
        if self.vocab is None or not self.vocab.lookups.has_table(CLUSTER_TABLE):
            return None
        return VocabClusters(self.vocab.lookups.get_table(CLUSTER_TABLE))

    @property
    def lexicons(self) -> Lexicons:
        """The word lists as the name classifier's features use them."""
        return Lexicons(self.places, self.given_names, self.surnames, PERSON_TITLES, ORG_WORDS, PLACE_WORDS,
                        self.clusters)

    def __call__(self, doc: Doc) -> Doc:
        if self.classifier:
            doc.ents = [Span(doc, name.start, name.end, label=name.label)
                        for name in find_names(doc, self.classifier, self.lexicons)]
        entities = [part for ent in doc.ents for part in _split_at_courtesy_titles(ent)]
        entities = [part for ent in entities for part in _split_at_possessives(ent)]
        entities = [part for ent in entities for part in self._split_before_person(ent)]
        entities = [_without_titles(doc, self._retyped(doc, ent)) for ent in entities]
        entities = [part for ent in entities for part in self._without_affiliation(doc, ent)]
        entities = [ent for ent in map(_without_whitespace, entities) if ent is not None and not _is_era(ent)]
        entities = _agree_within_document(doc, entities, self.places)
        doc.ents = _languages_as_misc(doc, _last_words_named_alike(doc, entities))
        return doc

    def type_of(self, doc: Doc, ent: Span) -> str:
        """The type rules 0–4 give ``ent`` (its own label when none applies)."""
        words = [token.text for token in ent]
        if _prefix_length(ent, VEHICLE_PREFIXES):
            return "MISC"
        if _is_event(ent):
            return "EVENT"
        head = _head_word([word.lower() for word in words])
        if len(words) > 1 and head in ORG_WORDS:
            return "ORG"
        if len(words) > 1 and head in PLACE_WORDS:
            return "PLACE"
        if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in PERSON_TITLES:
            return "PERSON"
        name = fold(ent.text)
        if (len(words) > 1 and fold(words[0]) in self.given_names and name not in self.places
                and all(word[:1].isupper() for word in words)):
            return "PERSON"
        if name in self.places and not (len(words) == 1 and (
                name in self.given_names or (ent.label_ == "PERSON" and name in self.surnames))):
            return "PLACE"
        return ent.label_

    def _split_before_person(self, ent: Span) -> list[Span]:
        """A place, or an acronym, run together with the full name of a person after it is two names: "Governor
        of Washington Chris Gregoire" → Washington (PLACE) and Chris Gregoire, "Image: NASA Bill Ingalls" →
        NASA (ORG) and Bill Ingalls.  The person's part starts with a common given name and is two or more
        capitalized words not ending in an organization or place word ("IBM Thomas Watson Research Center"
        stays whole); the place is no given name itself ("Virginia Mary Smith" stays whole), nor the start of a
        longer one ("San Francisco Bulletin"), nor the start of what the models took for an organization."""
        doc = ent.doc
        for cut in range(ent.start + 1, ent.end - 1):
            person = doc[cut:ent.end]
            if fold(doc[cut].text) not in self.given_names or not all(t.text[:1].isupper() for t in person):
                continue
            if person[-1].lower_.rstrip(".") in _NOT_A_PERSONS_LAST_WORD or any(
                    fold(doc[ent.start:end].text) in self.places for end in range(cut + 1, ent.end + 1)):
                return [ent]  # "... Research Center"; "San Francisco Bulletin": "San" begins a longer place
            before = doc[ent.start:cut]
            name = fold(before.text)
            if name in self.places and not (len(before) == 1 and name in self.given_names) and ent.label_ != "ORG":
                label = "PLACE"  # not in an organization's name: "Lai Sun Garment" is a company of Hong Kong
            elif len(before) == 1 and before.text.isupper() and len(before.text) > 1 and before.text.isalpha():
                label = "ORG"
            else:
                return [ent]
            return [Span(doc, ent.start, cut, label=label, kb_id=ent.kb_id), Span(doc, cut, ent.end, label="PERSON")]
        return [ent]

    def _without_affiliation(self, doc: Doc, ent: Span) -> list[Span]:
        """A PERSON of two or more words followed by "of" and a name is a person and an affiliation, as the
        training names are: "Darwin Beck of First Boston" → Darwin Beck (PERSON) and First Boston (typed by
        rules 1–4, ORG where none applies), "Vladimir V. Putin of Russia" → Russia a PLACE.  An "of" with no
        name after it is dropped with what follows ("Bolster of the"); a one-word name keeps its epithet
        ("Hilary of Poitiers")."""
        if ent.label_ != "PERSON":
            return [ent]
        words = [token.lower_ for token in ent]
        if "of" not in words[1:]:
            return [ent]
        cut = ent.start + words.index("of", 1)
        start = cut + 1 + (cut + 1 < ent.end and doc[cut + 1].lower_ == "the")
        person = Span(doc, ent.start, cut, label="PERSON", kb_id=ent.kb_id)
        rest = doc[start:ent.end]
        if not len(rest) or not all(token.text[:1].isupper() or token.lower_ in ("of", "and", "&") for token in rest):
            return [person]
        if len(person) < 2 or person[-1].lower_.rstrip(".") in _NOT_A_PERSONS_LAST_WORD:
            return [ent]  # "Hilary of Poitiers"; a title or an organization, not a person: "Chief of Staff"
        affiliation = Span(doc, start, ent.end, label="ORG")
        return [person, Span(doc, start, ent.end, label=self.type_of(doc, affiliation))]

    def _retyped(self, doc: Doc, ent: Span) -> Span:
        if ent.label_ not in RETYPED:
            return ent
        label = self.type_of(doc, ent)
        return ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label, kb_id=ent.kb_id)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        lexicons = {"places": sorted(self.places), "given_names": sorted(self.given_names),
                    "surnames": sorted(self.surnames)}
        in_vocab = self._vocab_clusters()
        # the clusters are stored once: in the vocab, when its table holds every one of them
        lexicons["clusters_in_vocab"] = bool(self.clusters) and in_vocab is not None and (
            isinstance(self.clusters, VocabClusters) or all(
                in_vocab.get(word) == cluster for word, cluster in self.clusters.items()))
        (path / "lexicons.json").write_text(json.dumps(lexicons, ensure_ascii=False), encoding="utf-8")
        if self.clusters and not lexicons["clusters_in_vocab"]:
            (path / "clusters.json").write_text(json.dumps(dict(sorted(self.clusters.items())), ensure_ascii=False,
                                                           separators=(",", ":")), encoding="utf-8")
        if self.classifier:
            weights = dict(sorted(self.classifier.weights.items()))
            text = json.dumps(weights, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            # gzipped: a quarter of the size within the pipeline's 30 MB; mtime 0 keeps the bytes reproducible
            (path / WEIGHTS_FILE).write_bytes(gzip.compress(text, compresslevel=9, mtime=0))

    def from_disk(self, path, *, exclude=tuple()) -> EntityTypeRefiner:
        path = Path(path)
        lexicons = json.loads((path / "lexicons.json").read_text(encoding="utf-8"))
        clusters_file = path / "clusters.json"  # absent before the cluster features, or when in the vocab
        if lexicons.get("clusters_in_vocab"):
            clusters = self._vocab_clusters()
            if clusters is None:
                raise ValueError(f"{path}: the word clusters should be in the vocab's {CLUSTER_TABLE} table")
        else:
            clusters = json.loads(clusters_file.read_text(encoding="utf-8")) if clusters_file.is_file() else None
        self.set_lexicons(lexicons["places"], lexicons["given_names"], lexicons["surnames"], clusters)
        self.classifier = NameClassifier(_read_weights(path))
        return self


def _read_weights(path: Path) -> dict[str, list[float]] | None:
    """The name classifier's weights: gzipped JSON; plain JSON in 0.8.0 and before; none before the classifier."""
    if (path / WEIGHTS_FILE).is_file():
        return json.loads(gzip.decompress((path / WEIGHTS_FILE).read_bytes()).decode("utf-8"))
    if (path / "names.json").is_file():
        return json.loads((path / "names.json").read_text(encoding="utf-8"))
    return None


def _head_word(words: list[str]) -> str:
    """The word a name's type hangs on: the last one, or the one before "of" ("museum" of "Museum of Flight")."""
    if "of" in words[1:-1]:
        return words[words.index("of") - 1]
    return words[-1]


def _without_titles(doc: Doc, ent: Span) -> Span:
    """A PERSON without the titles in front of it ("Professor Eastman" → "Eastman"): persons are named without
    them, as in the training data (and OntoNotes); the title stays in the text, where rule 2 and entity
    resolution read it."""
    if ent.label_ != "PERSON":
        return ent
    start = after_titles(doc, ent.start, ent.end, PERSON_TITLES)
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_, kb_id=ent.kb_id)


def _split_at_courtesy_titles(ent: Span) -> list[Span]:
    """A courtesy title inside a name starts another one, a person's: "treaty Liu Jieyi Mr. Assad" → Liu Jieyi
    and Assad, "the Security Council Mr. Assad" → Security Council and Assad; one at the end is dropped
    ("Security Council Mr.").  The part before keeps the label."""
    cuts = [ent.start + i for i, token in enumerate(ent) if i > 0 and token.lower_.rstrip(".") in COURTESY_TITLES]
    return _split_at(ent, cuts, later_label="PERSON")


def _split_at(ent: Span, cuts: list[int], later_label: str) -> list[Span]:
    """``ent`` without the tokens at ``cuts`` (ascending, inside it), the parts between them names of their own:
    the first keeps ``ent``'s label and knowledge-base id, the others get ``later_label``."""
    if not cuts:
        return [ent]
    parts, start = [], ent.start
    for cut in cuts:
        if cut > start:
            first = start == ent.start
            parts.append(Span(ent.doc, start, cut, label=ent.label_ if first else later_label,
                              kb_id=ent.kb_id if first else 0))
        start = cut + 1
    if start < ent.end:
        parts.append(Span(ent.doc, start, ent.end, label=later_label))
    return parts


POSSESSORS = frozenset({"nmod:poss", "poss"})  # the possessor's dependency: UD, ClearNLP
POSSESSIVE_MARKERS = frozenset({"'s", "’s", "'", "’"})


def _split_at_possessives(ent: Span) -> list[Span]:
    """A possessor's "'s" ends its name: "Virginia's Tax Code" → Virginia and Tax Code, "in Hurt's favor" →
    Hurt, as names are annotated; the part after keeps the label (the rules re-type both).  Only where the
    parse makes the word before it a possessor: "Lloyd's", "McDonald's" and "St. John's" keep theirs when
    they name a thing of their own ("ate at McDonald's")."""
    cuts = [token.i for token in ent[1:] if token.lower_ in POSSESSIVE_MARKERS
            and ent.doc[token.i - 1].dep_ in POSSESSORS]
    return _split_at(ent, cuts, later_label=ent.label_)


def _without_whitespace(ent: Span) -> Span | None:
    """``ent`` without whitespace tokens at either end (None if nothing else is left)."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].is_space:
        start += 1
    while end > start and ent.doc[end - 1].is_space:
        end -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(ent.doc, start, end, label=ent.label_, kb_id=ent.kb_id) if start < end else None


def _is_era(ent: Span) -> bool:
    """An era marker beside a number, or a year with its era: "BC" in "508 BC", "AD 394"."""
    words = [token.text.lower() for token in ent]
    if not any(word in ERA_MARKERS for word in words):
        return False
    if all(word in ERA_MARKERS or token.like_num for word, token in zip(words, ent)):
        doc = ent.doc
        return (len(ent) > 1 or (ent.start > 0 and doc[ent.start - 1].like_num)
                or (ent.end < len(doc) and doc[ent.end].like_num))
    return False


def _agree_within_document(doc: Doc, entities: list[Span], places: frozenset[str] = frozenset()) -> list[Span]:
    """One type per name per document: the majority of its mentions; a surname of a PERSON is a PERSON.

    Only a personal name made of capitalized words gives a surname ("Vladimir V. Putin of Russia" does not
    make "Russia" one), and a known place name is never taken for a surname."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for ent in entities:
        if ent.label_ in RETYPED:
            votes[fold(ent.text)][ent.label_] += 1
    surnames = {fold(ent[-1].text) for ent in entities
                if ent.label_ == "PERSON" and len(ent) > 1 and all(t.text[:1].isupper() for t in ent)} - places
    agreed = []
    for ent in entities:
        label = ent.label_
        if label in RETYPED:
            ranked = votes[fold(ent.text)].most_common()
            if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
                label = ranked[0][0]
            if len(ent) == 1 and fold(ent.text) in surnames:
                label = "PERSON"
        agreed.append(ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label, kb_id=ent.kb_id))
    return agreed


def _prefix_length(ent: Span, prefixes: tuple[tuple[str, ...], ...]) -> int:
    """How many words of ``ent`` are one of the ``prefixes`` ("USS" in "USS Potomac"), 0 when none (or nothing
    follows it)."""
    words = tuple(token.lower_.rstrip(".") for token in ent)
    return next((len(prefix) for prefix in prefixes if len(words) > len(prefix) and words[:len(prefix)] == prefix), 0)


def _is_event(ent: Span) -> bool:
    """An event's prefix starts the name, or its head word is an event word (rule 0)."""
    words = [token.lower_ for token in ent]
    while len(words) > 1 and (words[-1].isdigit() or ROMAN_NUMERAL.fullmatch(words[-1])):
        words.pop()  # "World War II", "Super Bowl 50": a numeral or an edition is no head word
    return bool(_prefix_length(ent, EVENT_PREFIXES)) or (len(words) > 1 and _head_word(words) in EVENT_WORDS)


def _last_words_named_alike(doc: Doc, entities: list[Span]) -> list[Span]:
    """A one-word name that ends a vehicle's or a storm's name in the document is that vehicle or storm
    ("Atlantis" after "Space Shuttle Atlantis", "Phailin" after "Cyclone Phailin"), as a surname is the
    person's."""
    named = {fold(ent[-1].text): ent.label_ for ent in entities
             if (ent.label_ == "MISC" and _prefix_length(ent, VEHICLE_PREFIXES))
             or (ent.label_ == "EVENT" and _prefix_length(ent, EVENT_PREFIXES))}
    return [Span(doc, ent.start, ent.end, label=named[fold(ent.text)], kb_id=ent.kb_id)
            if len(ent) == 1 and ent.label_ in RETYPED and fold(ent.text) in named else ent for ent in entities]


def _languages_as_misc(doc: Doc, entities: list[Span]) -> list[Span]:
    """Every mention of a name the document uses as a language's (:func:`kg.language_names.language_names`:
    "the Eegimaa language", "speakers of Kujireray") is MISC, whatever the models made of it: a language is
    neither a place nor a person."""
    languages = language_names(entities)
    return [Span(doc, ent.start, ent.end, label="MISC", kb_id=ent.kb_id)
            if ent.label_ in RETYPED and fold(ent.text) in languages else ent for ent in entities]


@Language.factory("kg_entity_types", assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_type_refiner(nlp: Language, name: str) -> EntityTypeRefiner:
    return EntityTypeRefiner(name, vocab=nlp.vocab)
