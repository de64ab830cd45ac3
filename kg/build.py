"""``kg.build``: documents in, ``graph.ttl`` and ``graph.html`` out.

readers → nlp → extract → resolve → graph → export, one way, each stage
handing the next a typed record.  Parsed ``Doc`` objects are dropped as soon
as their triples are extracted, and long documents are parsed in pieces
(:mod:`kg.chunking`), so memory stays flat on large inputs.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF
from spacy.language import Language

from kg.chunking import parse_in_chunks
from kg.errors import KgError
from kg.export import SUFFIXES, WRITERS
from kg.export.html import DEFAULT_MAX_NODES, to_html
from kg.extract import extract_triples
from kg.graph import DocumentTriples, to_rdf
from kg.io import check_writable_folder, write_atomically
from kg.link import KnowledgeBase, LinkReport, link, read_kb
from kg.namespaces import KG
from kg.nlp import load_pipeline
from kg.readers import Document, new_documents, read_inputs
from kg.resolve import mention_of, resolve
from kg.state import STATE_FILE, BuildState, dump_state, read_state

DEFAULT_FORMATS = ("turtle", "html")  # graph.ttl and graph.html
PROGRESS_MIN_DOCUMENTS = 20


@dataclass(frozen=True)
class BuildSummary:
    documents: int
    sentences: int
    triples: int  # extracted statements
    rdf_triples: int  # triples in the written graph (facts, statements, labels, provenance)
    entities: int
    seconds: float
    outputs: tuple[Path, ...]
    links: LinkReport | None = None  # with a knowledge base (kb=...)
    added: int | None = None  # with update=True: documents parsed and added this time
    duplicates: int = 0  # input documents skipped because their text was already in

    def line(self) -> str:
        linked = "" if self.links is None else f"knowledge base: {self.links.line()}, "
        added = "" if self.added is None else f"{self.added} added, "
        skipped = f"{self.duplicates} already in (skipped), " if self.duplicates else ""
        return (f"{added}{skipped}"
                f"{self.documents} document(s), {self.sentences} sentence(s), {self.triples} extracted triple(s) "
                f"({self.rdf_triples} RDF triples), {self.entities} entit{'y' if self.entities == 1 else 'ies'}, "
                f"{linked}{self.seconds:.1f} s → {', '.join(str(p) for p in self.outputs)}")


def extract_documents(documents: list[Document], nlp: Language, progress: bool = False,
                      batch_size: int = 16) -> Iterator[DocumentTriples]:
    """Parse and extract each document, streaming; long documents are parsed in pieces (:mod:`kg.chunking`)."""
    parsed = parse_in_chunks(nlp, ((d.text, d) for d in documents), batch_size=batch_size)
    if progress and len(documents) >= PROGRESS_MIN_DOCUMENTS:
        from rich.progress import track

        parsed = track(parsed, total=len(documents), description="parsing", transient=True)
    for doc, document in parsed:
        # a blank line between paragraphs is a sentence of whitespace to spaCy, not one of the text's
        sentences = sum(1 for sentence in doc.sents if not all(token.is_space for token in sentence))
        yield DocumentTriples(document, sentences, tuple(extract_triples(doc)))


def graph_of(results: Iterable[DocumentTriples]) -> Graph:
    """The RDF graph of extraction records: entity resolution across all of them, then RDF."""
    results = list(results)
    mentions = (mention_of(r.document.id, argument) for r in results for t in r.triples
                for argument in (t.subject, t.object, t.attribution) if argument is not None)
    return to_rdf(results, resolve(mentions))


def build_graph(documents: list[Document], nlp: Language, progress: bool = False
                ) -> tuple[Graph, list[DocumentTriples]]:
    """The RDF graph of ``documents`` and the per-document extraction records."""
    results = list(extract_documents(documents, nlp, progress))
    return graph_of(results), results


def model_id(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}"


def build(inputs: Iterable[str | Path], out_dir: str | Path = "output", model: str | Path | None = None,
          progress: bool = False, formats: Iterable[str] | None = None,
          max_nodes: int | None = None, kb: KnowledgeBase | str | Path | None = None,
          update: bool = False) -> BuildSummary:
    """Build the knowledge graph of ``inputs`` into ``out_dir``/graph.ttl and graph.html.

    ``inputs``: files, folders or "-" (see :mod:`kg.readers`); ``model``: a spaCy
    pipeline name or path (default: kg's bundled English pipeline); ``formats``:
    which files to write, ``graph`` + the format's suffix (see :data:`kg.export.SUFFIXES`;
    default Turtle and HTML); ``max_nodes``: how many entities (the most central) the HTML
    page draws (default 300); ``kb``: a knowledge base (or its CSV/Turtle file) to link
    entities to with ``owl:sameAs`` before anything is written (see :mod:`kg.link`);
    ``update``: add ``inputs`` to the graph already built in ``out_dir`` — only the new
    documents are parsed, with the pipeline the graph was built with, and the result is
    exactly what one build of all the documents gives (see :mod:`kg.state`); the
    pipeline, formats, ``max_nodes`` and knowledge base file not given are those of the
    build being updated.
    Input documents whose text is already in (earlier in ``inputs``, or in the graph being
    updated) are skipped.  Besides the chosen formats, ``out_dir`` gets
    ``graph.records.jsonl.gz``, the extraction records an update starts from.
    All files are written atomically, and only when everything succeeded.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    check_writable_folder(out)  # before any parsing: a long build must not fail only when it comes to write
    previous = read_state(out) if update else None
    if previous is not None:  # an update is the same build with more documents, unless told otherwise
        model = previous.model_argument if model is None else model
        formats = formats or previous.formats or None
        max_nodes = previous.max_nodes if max_nodes is None else max_nodes
        kb = previous.kb if kb is None else kb
    formats = list(dict.fromkeys(formats or DEFAULT_FORMATS))
    max_nodes = DEFAULT_MAX_NODES if max_nodes is None else max_nodes
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise KgError(f"unknown format(s) {', '.join(unknown)} (use {', '.join(WRITERS)})")
    knowledge_base = read_kb(kb) if kb is not None and not isinstance(kb, KnowledgeBase) else kb
    kb_file = str(Path(kb).resolve()) if isinstance(kb, (str, Path)) else None
    documents, duplicates = new_documents(read_inputs(inputs, unique=False),
                                          (r.document for r in previous.results) if previous else ())
    nlp = load_pipeline(model)
    if previous is not None and previous.model != model_id(nlp):
        raise KgError(f"{out} was built with the pipeline {previous.model}, not {model_id(nlp)}: "
                      f"update with the same --model, or rebuild from all documents")
    results = [*(previous.results if previous else ()), *extract_documents(documents, nlp, progress)]
    graph = graph_of(results)
    links = link(graph, knowledge_base) if knowledge_base is not None else None
    writers = {**WRITERS, "html": partial(to_html, max_nodes=max_nodes)}
    contents = {out / f"graph{SUFFIXES[fmt]}": writers[fmt](graph) for fmt in formats}
    state = BuildState(model_id(nlp), None if model is None else str(model), tuple(results),
                       tuple(formats), max_nodes, kb_file)
    write_atomically({**contents, out / STATE_FILE: dump_state(state)})
    return BuildSummary(
        documents=len(results),
        sentences=sum(r.sentences for r in results),
        triples=sum(1 for _ in graph.subjects(RDF.type, KG.Statement)),
        rdf_triples=len(graph),
        entities=len({s for s, _ in graph.subject_objects(KG.mentionCount)}),
        seconds=time.perf_counter() - started,
        outputs=tuple(contents),
        links=links,
        added=len(documents) if update else None,
        duplicates=duplicates,
    )
