"""Records → one rdflib ``Graph`` following ``ontology/kg.ttl``.

For each extracted triple kg writes

* the fact itself, ``person:nikki_haley rel:criticize place:china`` — only
  when it is asserted: negated or modal statements ("did not veto", "may
  veto") are kept as statements but never as facts;
* a ``kg:Statement`` (an ``rdf:Statement``) reifying it, with its provenance:
  ``prov:wasDerivedFrom`` the document, the sentence text and its character
  offsets in the document, the argument and relation words as written and
  the arguments' offsets (NIF-style begin/end indexes, see ontology/kg.ttl),
  the extractor's name and a confidence in [0, 1];
* for each entity its labels and mention count, and, where there was a
  choice, each surface form with its count and the type votes.

No blank nodes are used and every IRI is derived from content, so the same
input gives byte-identical Turtle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.extract.records import Triple
from kg.namespaces import CLASSES, DOC, ENTITY_NAMESPACES, KG, PREFIXES, REL, STATEMENT
from kg.readers import Document
from kg.resolve import Entity, Resolution, slug


@dataclass(frozen=True)
class DocumentTriples:
    """What extraction produced for one document."""

    document: Document
    sentences: int
    triples: tuple[Triple, ...]


def entity_iri(entity: Entity) -> URIRef:
    return ENTITY_NAMESPACES[entity.type][1][entity.key]


def relation_iri(relation: str) -> URIRef:
    return REL[slug(relation) or "related_to"]


def document_iri(document_id: str) -> URIRef:
    return DOC[slug(document_id) or hashlib.sha1(document_id.encode()).hexdigest()[:12]]


def statement_iri(document_id: str, triple: Triple) -> URIRef:
    basis = "\x1f".join(map(str, (document_id, triple.sentence_start_char, triple.subject.start_char,
                                  triple.subject.end_char, triple.relation, triple.object.start_char,
                                  triple.object.end_char, triple.negated, triple.modal)))
    return STATEMENT[hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]]


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _add_document(graph: Graph, document: Document) -> URIRef:
    iri = document_iri(document.id)
    graph.add((iri, RDF.type, KG.Document))
    graph.add((iri, DCTERMS.identifier, Literal(document.id)))
    graph.add((iri, DCTERMS.source, Literal(document.source)))
    if document.title:
        graph.add((iri, DCTERMS.title, Literal(document.title)))
    if document.date:
        graph.add((iri, DCTERMS.date, Literal(document.date)))
    if document.url:
        graph.add((iri, SDO.url, Literal(document.url)))
    if document.publication:
        graph.add((iri, SDO.publisher, Literal(document.publication)))
    if document.author:
        graph.add((iri, SDO.author, Literal(document.author)))
    return iri


def _add_entity(graph: Graph, entity: Entity) -> URIRef:
    iri = entity_iri(entity)
    graph.add((iri, RDF.type, CLASSES[entity.type]))
    graph.add((iri, RDFS.label, Literal(entity.label)))
    graph.add((iri, SKOS.prefLabel, Literal(entity.label)))
    for name in entity.names:
        if name != entity.label:
            graph.add((iri, SKOS.altLabel, Literal(name)))
    graph.add((iri, KG.mentionCount, Literal(entity.mentions)))
    # Evidence only where there is a choice to explain: several spellings, or a type conflict.
    if len(entity.name_counts) > 1:
        for name, count in entity.name_counts:
            form = URIRef(f"{iri}/name/{hashlib.sha1(name.encode('utf-8')).hexdigest()[:10]}")
            graph.add((iri, KG.surfaceForm, form))
            graph.add((form, RDF.type, KG.SurfaceForm))
            graph.add((form, KG.text, Literal(name)))
            graph.add((form, KG["count"], Literal(count)))
    if len(entity.type_votes) > 1:
        for label, count in entity.type_votes:
            vote = URIRef(f"{iri}/type-vote/{label.lower()}")
            graph.add((iri, KG.typeVote, vote))
            graph.add((vote, RDF.type, KG.TypeVote))
            graph.add((vote, KG.votedType, CLASSES[label]))
            graph.add((vote, KG["count"], Literal(count)))
    return iri


# Relations whose subject and object can trade places without changing the fact.
SYMMETRIC_RELATIONS = frozenset({"meet", "meet_with", "marry", "clash_with", "negotiate_with", "talk_to",
                                 "talk_with", "speak_with", "ally_with", "border", "merge_with", "partner_with",
                                 "compete_with", "fight_with", "agree_with", "disagree_with"})


def _add_relation(graph: Graph, relation: str) -> URIRef:
    iri = relation_iri(relation)
    words = relation.replace("_", " ")
    graph.add((iri, RDF.type, OWL.ObjectProperty))
    graph.add((iri, RDFS.subPropertyOf, KG.relatedTo))
    graph.add((iri, RDFS.label, Literal(words)))
    graph.add((iri, RDFS.comment, Literal(f'Minted by kg from the relation words "{words}" '
                                          f"(verb lemma, with its particle or preposition, or relational noun).")))
    if relation in SYMMETRIC_RELATIONS:
        graph.add((iri, RDF.type, OWL.SymmetricProperty))
    return iri


def _decimal(value: float) -> Literal:
    return Literal(Decimal(f"{value:.3f}"), datatype=XSD.decimal)


def to_rdf(results: Iterable[DocumentTriples], resolution: Resolution) -> Graph:
    """The knowledge graph of all documents."""
    graph = new_graph()
    written: dict[object, URIRef] = {}  # entities and relations already described: each is written once

    def entity(found: Entity) -> URIRef:
        if found.key not in written:
            written[found.key] = _add_entity(graph, found)
        return written[found.key]

    def relation(name: str) -> URIRef:
        if ("relation", name) not in written:
            written[("relation", name)] = _add_relation(graph, name)
        return written[("relation", name)]

    for result in results:
        document_id = result.document.id
        doc_iri = _add_document(graph, result.document)
        text = result.document.text
        for triple in result.triples:
            subject_entity = resolution.entity_for(document_id, triple.subject)
            object_entity = resolution.entity_for(document_id, triple.object)
            if subject_entity is None or object_entity is None or subject_entity.key == object_entity.key:
                continue
            subject = entity(subject_entity)
            obj = entity(object_entity)
            graph.add((subject, KG.mentionedIn, doc_iri))
            graph.add((obj, KG.mentionedIn, doc_iri))
            predicate = relation(triple.relation)
            asserted = not triple.negated and triple.modal is None
            if asserted:
                graph.add((subject, predicate, obj))
            statement = statement_iri(document_id, triple)
            for p, o in (
                (RDF.type, RDF.Statement), (RDF.type, KG.Statement),
                (RDF.subject, subject), (RDF.predicate, predicate), (RDF.object, obj),
                (PROV.wasDerivedFrom, doc_iri),
                (KG.sentence, Literal(text[triple.sentence_start_char:triple.sentence_end_char])),
                (KG.sentenceStart, Literal(triple.sentence_start_char)),
                (KG.sentenceEnd, Literal(triple.sentence_end_char)),
                (KG.subjectText, Literal(triple.subject.text)),
                (KG.subjectStart, Literal(triple.subject.start_char)),
                (KG.subjectEnd, Literal(triple.subject.end_char)),
                (KG.relationText, Literal(triple.relation_text)),
                (KG.objectText, Literal(triple.object.text)),
                (KG.objectStart, Literal(triple.object.start_char)),
                (KG.objectEnd, Literal(triple.object.end_char)),
                (KG.extractor, Literal(triple.extractor)),
                (KG.confidence, _decimal(triple.confidence)),
                (KG.asserted, Literal(asserted)),
            ):
                graph.add((statement, p, o))
            if triple.negated:
                graph.add((statement, KG.polarity, Literal("negative")))
            if triple.modal:
                graph.add((statement, KG.modal, Literal(triple.modal)))
            speaker_entity = triple.attribution and resolution.entity_for(document_id, triple.attribution)
            if speaker_entity:
                speaker = entity(speaker_entity)
                graph.add((speaker, KG.mentionedIn, doc_iri))
                graph.add((statement, KG.attributedTo, speaker))
                graph.add((statement, KG.attributionCue, Literal(triple.attribution_cue)))
    return graph
