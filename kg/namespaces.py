"""kg's RDF vocabularies, declared once.  IRIs are never built by string concatenation elsewhere."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

BASE = "https://w3id.org/kg/"
KG = Namespace(BASE + "ontology#")  # classes and properties of kg's ontology
REL = Namespace(BASE + "relation/")  # relation properties minted from lemmas
DOC = Namespace(BASE + "document/")
STATEMENT = Namespace(BASE + "statement/")
# One namespace per entity type keeps IRIs short and readable: person:nikki_haley.
ENTITY_NAMESPACES = {
    "PERSON": ("person", Namespace(BASE + "person/")),
    "ORG": ("org", Namespace(BASE + "organization/")),
    "PLACE": ("place", Namespace(BASE + "place/")),
    "EVENT": ("event", Namespace(BASE + "event/")),
    None: ("entity", Namespace(BASE + "entity/")),
}
# Entity recognizer labels → kg classes (each declared equivalent to a schema.org class in ontology/kg.ttl).
CLASSES = {"PERSON": KG.Person, "ORG": KG.Organization, "PLACE": KG.Place, "EVENT": KG.Event, None: KG.Entity}
# Labels other pipelines use (spaCy's OntoNotes models) mapped onto kg's.
LABEL_ALIASES = {"PER": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": None,
                 "ORGANIZATION": "ORG", "LOCATION": "PLACE"}

PREFIXES = {"kg": KG, "rel": REL, "doc": DOC, "stmt": STATEMENT, "rdf": RDF, "rdfs": RDFS, "owl": OWL,
            "xsd": XSD, "prov": PROV, "dcterms": DCTERMS, "schema": SDO, "skos": SKOS,
            **{prefix: namespace for prefix, namespace in ENTITY_NAMESPACES.values()}}
