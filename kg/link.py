"""Entity linking to a user-supplied knowledge base: ``owl:sameAs`` for unambiguous matches.

A knowledge base (KB) is a list of entries, each an IRI with a label, aliases and an optional type, read from

* **CSV** with the header ``id,label,aliases,type`` (column order free, other columns ignored; ``aliases`` and
  ``type`` may be left out): ``id`` an absolute ``http``, ``https`` or ``urn`` IRI, ``aliases`` separated by
  ``|``, ``type`` empty (untyped), one of kg's labels ``PERSON``, ``ORG``, ``PLACE``, ``EVENT`` (or a label kg
  maps onto them: ``PER``, ``GPE``, ``LOC``, ``FAC``, ``ORGANIZATION``, ``LOCATION``), or a schema.org class
  name from :data:`SCHEMA_TYPES` (``Person``, ``Organization``, ``Country``, ``City``, …; a ``schema:`` prefix
  or the full schema.org IRI also works), case-insensitively::

      id,label,aliases,type
      http://www.wikidata.org/entity/Q159,Russia,Russian Federation,Country

* **Turtle** (or any RDF file kg reads: N-Triples, JSON-LD, …): every IRI with an ``skos:prefLabel`` or
  ``rdfs:label`` is an entry, except classes and properties; labels and ``skos:altLabel`` aliases count when
  they have no language tag or an English one (``en``, ``en-GB``, …); the type is the kg type of its
  ``rdf:type`` — a kg class, a schema.org class of :data:`SCHEMA_TYPES` (``https://`` or ``http://``), or a
  class the file itself declares ``rdfs:subClassOf`` one of those.  An entry whose types map to two kg types
  is untyped.

Matching uses identity as kg does (:func:`kg.resolve.identity_key`: case, accents, articles, honorifics and
titles before a name do not count): an entity of the graph (anything with a ``kg:mentionCount``) is a
candidate for an entry when the identity key of its ``skos:prefLabel``, ``rdfs:label`` or any ``skos:altLabel``
equals that of the entry's label or one of its aliases, and their types are compatible — the same kg type, or
either side untyped.  Exactly one candidate IRI: the entity gets ``owl:sameAs`` that IRI.  Two or more:
ambiguous, not linked, and reported.  The link itself is the only triple added; which KB it came from is the
caller's to record.  Everything is sorted, so the same graph and KB give the same links.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import KgError
from kg.namespaces import CLASSES, KG, LABEL_ALIASES
from kg.resolve import identity_key

KG_TYPES = ("PERSON", "ORG", "PLACE", "EVENT")
# schema.org classes (local names) → kg types: the classes kg's own are equivalent to, and common subclasses.
SCHEMA_TYPES = {
    "Person": "PERSON",
    "Organization": "ORG", "Corporation": "ORG", "GovernmentOrganization": "ORG", "NGO": "ORG",
    "EducationalOrganization": "ORG", "NewsMediaOrganization": "ORG", "PoliticalParty": "ORG",
    "SportsOrganization": "ORG", "MedicalOrganization": "ORG",
    "Place": "PLACE", "AdministrativeArea": "PLACE", "Country": "PLACE", "State": "PLACE", "City": "PLACE",
    "Continent": "PLACE", "Landform": "PLACE", "BodyOfWater": "PLACE", "CivicStructure": "PLACE",
    "LandmarksOrHistoricalBuildings": "PLACE",
    "Event": "EVENT",
}
SCHEMA_PREFIXES = ("schema:", "https://schema.org/", "http://schema.org/")
_TYPE_OF_CLASS = {
    **{URIRef(base + name): kg_type for name, kg_type in SCHEMA_TYPES.items()
       for base in ("https://schema.org/", "http://schema.org/")},
    **{iri: kg_type for kg_type, iri in CLASSES.items() if kg_type},
}
_TYPE_OF_NAME = {name.lower(): kg_type for name, kg_type in SCHEMA_TYPES.items()} | {
    **{label.lower(): label for label in KG_TYPES},
    **{alias.lower(): label for alias, label in LABEL_ALIASES.items() if label},
}
_NOT_ENTRIES = {RDFS.Class, OWL.Class, RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty,
                OWL.AnnotationProperty, OWL.Ontology}
_IRI = re.compile(r"(?:https?://[^/?#]+(?:[/?#].*)?|urn:[a-z0-9][a-z0-9-]{0,31}:.+)", re.IGNORECASE | re.DOTALL)
_NOT_IN_IRIS = frozenset('<>"{}|^`\\')


@dataclass(frozen=True)
class KbEntry:
    """One knowledge-base entity: its IRI, name, other names and kg type (``None``: untyped)."""

    iri: str
    label: str
    aliases: tuple[str, ...] = ()
    type: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The label and the aliases."""
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class KnowledgeBase:
    """The entries of a knowledge base, in file order; ``source`` says where they came from."""

    entries: tuple[KbEntry, ...]
    source: str = ""

    def by_key(self) -> dict[str, tuple[KbEntry, ...]]:
        """Identity key (:func:`kg.resolve.identity_key`) of every label and alias → the entries that have it."""
        index: dict[str, dict[str, KbEntry]] = defaultdict(dict)
        for entry in self.entries:
            for name in entry.names:
                key = identity_key(name)
                if key:
                    index[key].setdefault(entry.iri, entry)
        return {key: tuple(entries.values()) for key, entries in index.items()}


@dataclass(frozen=True)
class Link:
    """An entity of the graph and the one KB IRI it is ``owl:sameAs``."""

    entity: URIRef
    label: str
    target: URIRef


@dataclass(frozen=True)
class Candidates:
    """An entity of the graph that was not linked, and the KB IRIs its names matched (sorted)."""

    entity: URIRef
    label: str
    iris: tuple[URIRef, ...]


@dataclass(frozen=True)
class LinkReport:
    """What :func:`match` found: every entity is linked, ambiguous or unmatched.

    ``ambiguous``: entities whose names match two or more KB entries of a compatible type (not linked);
    ``mistyped``: unmatched entities whose names match only KB entries of another type (not linked).
    """

    linked: tuple[Link, ...]
    ambiguous: tuple[Candidates, ...]
    mistyped: tuple[Candidates, ...]
    unmatched: int
    entities: int

    def line(self) -> str:
        """``13 linked, 1 ambiguous, 74 unmatched (3 only with another type)``."""
        return (f"{len(self.linked)} linked, {len(self.ambiguous)} ambiguous, {self.unmatched} unmatched "
                f"({len(self.mistyped)} only with another type)")


def check_iri(text: str) -> str:
    """``text`` if it is an absolute ``http``, ``https`` or ``urn`` IRI that Turtle can write as is;
    raises :class:`ValueError` saying why not."""
    if not _IRI.fullmatch(text):
        raise ValueError(f"{text[:80]!r} is not an absolute http, https or urn IRI")
    bad = next((c for c in text if c in _NOT_IN_IRIS or c.isspace() or unicodedata.category(c)[0] == "C"), None)
    if bad is not None:
        raise ValueError(f"{text[:80]!r} is not a valid IRI (it contains {bad!r})")
    return text


def parse_type(text: str) -> str | None:
    """A KB type as written (``PERSON``, ``Country``, ``schema:City``, empty) → kg type or ``None``;
    raises :class:`ValueError` for anything else."""
    name = text.strip()
    for prefix in SCHEMA_PREFIXES:
        if name.lower().startswith(prefix):
            name = name[len(prefix):]
            break
    if not name:
        return None
    if name.lower() not in _TYPE_OF_NAME:
        raise ValueError(f"unknown type {text[:40]!r} (use {', '.join(KG_TYPES)}, a schema.org class such as "
                         "Person, Organization, Place, Country, City, Event, or leave it empty)")
    return _TYPE_OF_NAME[name.lower()]


def _unique(names: Iterable[str], label: str) -> tuple[str, ...]:
    return tuple(name for name in dict.fromkeys(n.strip() for n in names) if name and name != label)


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index].strip() if index is not None and index < len(row) else ""


def _read_csv(path: Path) -> KnowledgeBase:
    try:
        with path.open(encoding="utf-8-sig", newline="") as source:  # newline="": the csv module's own handling
            text = source.read()
    except UnicodeDecodeError:
        raise KgError(f"{path}: not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    entries: list[KbEntry] = []
    first_line: dict[str, int] = {}
    columns: dict[str, int] | None = None
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = {name.strip().lower(): i for i, name in enumerate(row)}
                missing = [name for name in ("id", "label") if name not in columns]
                if missing:
                    raise KgError(f"{path}:{line}: the header needs columns id,label (and optionally aliases,type);"
                                  f" missing {', '.join(missing)}")
                continue
            if len(row) > len(columns):
                raise KgError(f"{path}:{line}: {len(row)} fields, but the header has {len(columns)}")
            try:
                iri = check_iri(_cell(row, columns, "id"))
                kb_type = parse_type(_cell(row, columns, "type"))
            except ValueError as error:
                raise KgError(f"{path}:{line}: {error}") from None
            label = _cell(row, columns, "label")
            if not label:
                raise KgError(f"{path}:{line}: empty label for {iri}")
            if iri in first_line:
                raise KgError(f"{path}:{line}: {iri} is already on line {first_line[iri]}")
            first_line[iri] = line
            entries.append(KbEntry(iri, label, _unique(_cell(row, columns, "aliases").split("|"), label), kb_type))
    except csv.Error as error:
        raise KgError(f"{path}:{reader.line_num}: not valid CSV ({error})") from None
    return KnowledgeBase(tuple(entries), str(path))


def _english(graph: Graph, subject, predicate) -> list[str]:
    values = (o for o in graph.objects(subject, predicate) if isinstance(o, Literal))
    return sorted(str(o) for o in values if o.language is None or o.language.lower().split("-")[0] == "en")


def _kg_type(graph: Graph, subject) -> str | None:
    types = set()
    for cls in graph.objects(subject, RDF.type):
        for ancestor in graph.transitive_objects(cls, RDFS.subClassOf):
            if ancestor in _TYPE_OF_CLASS:
                types.add(_TYPE_OF_CLASS[ancestor])
                break
    return types.pop() if len(types) == 1 else None


def _is_vocabulary(graph: Graph, subject) -> bool:
    """Classes and properties (declared so, or used so) are not KB entries even when labelled."""
    return (bool(set(graph.objects(subject, RDF.type)) & _NOT_ENTRIES) or (None, RDF.type, subject) in graph
            or (subject, RDFS.subClassOf, None) in graph or (subject, RDFS.subPropertyOf, None) in graph)


def _read_rdf(path: Path) -> KnowledgeBase:
    from kg.query import load_graph

    graph = load_graph(path)
    entries = []
    for subject in sorted(set(graph.subjects(SKOS.prefLabel)) | set(graph.subjects(RDFS.label)), key=str):
        if _is_vocabulary(graph, subject):
            continue
        names = _english(graph, subject, SKOS.prefLabel) + _english(graph, subject, RDFS.label)
        if not names:
            continue
        if isinstance(subject, BNode):
            raise KgError(f"{path}: the entry labelled {names[0][:60]!r} is a blank node; entries need an IRI")
        try:
            iri = check_iri(str(subject))
        except ValueError as error:
            raise KgError(f"{path}: {error}") from None
        label = names[0].strip()
        aliases = _unique(names[1:] + _english(graph, subject, SKOS.altLabel), label)
        if label:
            entries.append(KbEntry(iri, label, aliases, _kg_type(graph, subject)))
    return KnowledgeBase(tuple(entries), str(path))


def read_kb(path: str | Path) -> KnowledgeBase:
    """Read a knowledge base: ``.csv`` as CSV, anything else as RDF (Turtle unless the suffix says otherwise).

    Problems a user can fix (a missing file, a bad header, an id that is not an IRI, an unknown type, no entries)
    raise :class:`kg.errors.KgError` naming the file and, for CSV, the line."""
    path = Path(path)
    if not path.is_file():
        raise KgError(f"{path}: no such knowledge base file")
    kb = _read_csv(path) if path.suffix.lower() == ".csv" else _read_rdf(path)
    if not kb.entries:
        raise KgError(f"{path}: no knowledge base entries (CSV rows, or IRIs with rdfs:label or skos:prefLabel)")
    return kb


def _entity_types(graph: Graph, entity: URIRef) -> frozenset[str]:
    return frozenset(kg_type for kg_type, cls in CLASSES.items() if kg_type and (entity, RDF.type, cls) in graph)


def _compatible(entity_types: frozenset[str], kb_type: str | None) -> bool:
    return kb_type is None or not entity_types or kb_type in entity_types


def match(graph: Graph, kb: KnowledgeBase) -> LinkReport:
    """Decide, without changing ``graph``, which of its entities link to which KB entry (see the module's doc)."""
    index = kb.by_key()
    linked, ambiguous, mistyped = [], [], []
    entities = sorted(set(graph.subjects(KG.mentionCount, None)), key=str)
    for entity in entities:
        names = {str(o) for p in (SKOS.prefLabel, RDFS.label, SKOS.altLabel) for o in graph.objects(entity, p)}
        found = {entry for key in {identity_key(n) for n in names} for entry in index.get(key, ())}
        if not found:
            continue
        label = str(graph.value(entity, SKOS.prefLabel) or graph.value(entity, RDFS.label) or entity)
        types = _entity_types(graph, entity)
        iris = tuple(sorted({URIRef(e.iri) for e in found if _compatible(types, e.type)}, key=str))
        if len(iris) == 1:
            linked.append(Link(entity, label, iris[0]))
        elif iris:
            ambiguous.append(Candidates(entity, label, iris))
        else:
            mistyped.append(Candidates(entity, label, tuple(sorted({URIRef(e.iri) for e in found}, key=str))))
    return LinkReport(tuple(linked), tuple(ambiguous), tuple(mistyped),
                      unmatched=len(entities) - len(linked) - len(ambiguous), entities=len(entities))


def link(graph: Graph, kb: KnowledgeBase | str | Path) -> LinkReport:
    """Add ``entity owl:sameAs <kb iri>`` to ``graph`` for every entity :func:`match` links; return the report.

    ``kb``: a :class:`KnowledgeBase` or the path of a KB file (see :func:`read_kb`).  Linking twice adds nothing."""
    if not isinstance(kb, KnowledgeBase):
        kb = read_kb(kb)
    report = match(graph, kb)
    for found in report.linked:
        graph.add((found.entity, OWL.sameAs, found.target))
    return report


def link_file(source: str | Path, kb: KnowledgeBase | str | Path, target: str | Path) -> LinkReport:
    """Link the graph in ``source`` (any file :func:`kg.query.load_graph` reads) to ``kb`` and write it to
    ``target`` atomically, in the format its suffix names (as ``kg convert``)."""
    from kg.export import FORMAT_OF_SUFFIX, SUFFIXES, WRITERS
    from kg.io import write_atomically
    from kg.query import load_graph

    target = Path(target)
    fmt = FORMAT_OF_SUFFIX.get(target.suffix.lower())
    if fmt is None:
        raise KgError(f"{target}: unknown output format '{target.suffix}' (use {', '.join(sorted(SUFFIXES.values()))})")
    if not isinstance(kb, KnowledgeBase):
        kb = read_kb(kb)
    graph = load_graph(source)
    report = link(graph, kb)
    write_atomically({target: WRITERS[fmt](graph)})
    return report
