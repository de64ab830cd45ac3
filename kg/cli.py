"""The ``kg`` command: a thin layer over kg's Python API."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.errors import KgError

app = typer.Typer(
    name="kg", add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Build knowledge graphs from English text: Turtle + interactive HTML, queryable with SPARQL.",
)

ModelOption = Annotated[Optional[str], typer.Option(
    "--model", "-m", metavar="NAME_OR_PATH",
    help="spaCy pipeline to parse with: an installed package (e.g. en_core_web_sm) or a folder. "
         "Default: kg's bundled English pipeline.")]


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...", help="Files (.txt .md .jsonl .csv), folders (searched recursively) or - for stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output"),
    model: ModelOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    formats: Annotated[Optional[list[str]], typer.Option(
        "--format", metavar="FORMAT",
        help="Output to write, repeatable: turtle, nt, json-ld, trig, html, graphml, gexf, csv "
             "(files OUT/graph.<suffix>). Default: turtle and html (with --update: what DIR was built with).")] = None,
    max_nodes: Annotated[Optional[int], typer.Option(
        "--max-nodes", min=1, help="Entities the HTML page draws: the most central (PageRank); the page says how "
                                   "many were left out. Default 300 (with --update: what DIR was built with).")] = None,
    kb: Annotated[Optional[Path], typer.Option(
        "--kb", metavar="FILE", help="Knowledge base to link entities to (CSV id,label,aliases,type or Turtle): "
                                     "owl:sameAs for unambiguous matches (with --update: the one DIR was built "
                                     "with, if any).")] = None,
    update: Annotated[Optional[Path], typer.Option(
        "--update", metavar="DIR", help="Add INPUT documents to the graph already built in DIR (parsing only "
                                        "the new ones, with the pipeline DIR was built with); the result is what "
                                        "one build of all documents gives; formats, --max-nodes and --kb "
                                        "default to DIR's. Texts already in are skipped.")] = None,
) -> None:
    """Build OUT/graph.ttl and OUT/graph.html (or the --format files) from INPUT documents.

    OUT also gets graph.records.jsonl.gz, the extraction records --update starts from."""
    from kg.build import build as build_graph

    if update is not None and out != Path("output") and out != update:
        raise KgError("--update DIR writes into DIR; leave out --out")
    summary = build_graph(inputs, update or out, model=model, progress=not quiet and sys.stderr.isatty(),
                          formats=formats, max_nodes=max_nodes, kb=kb,
                          update=update is not None)
    if not quiet:
        typer.echo(summary.line())


@app.command()
def query(
    arguments: Annotated[Optional[list[str]], typer.Argument(
        metavar="[GRAPH] [QUERY]", help="RDF file (Turtle, N-Triples, JSON-LD, TriG, …) unless --store is given, "
                                        "then the SPARQL query text unless -f is given.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from this file.")] = None,
    store: Annotated[Optional[Path], typer.Option("--store", help="Query this kg load store instead of a file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run a SPARQL query on GRAPH or on a --store (kg's prefixes are predeclared)."""
    from kg.query import format_result, format_store_result
    from kg.query import query as run_query

    arguments = list(arguments or [])
    graph = None if store is not None else (Path(arguments.pop(0)) if arguments else None)
    if store is None and graph is None:
        raise KgError("give a GRAPH file or --store DIR")
    if len(arguments) + (file is not None) != 1:
        raise KgError("give the query as an argument or with -f FILE (one of them)")
    sparql = arguments[0] if arguments else None
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except OSError as error:
            raise KgError(f"{file}: cannot read query ({error.strerror})") from None
    if store is not None:
        from kg.store import query_store

        typer.echo(format_store_result(query_store(store, sparql), fmt))
    else:
        typer.echo(format_result(run_query(graph, sparql), fmt))


@app.command()
def serve(
    graph: Annotated[Optional[Path], typer.Argument(help="RDF file to serve (or use --store).")] = None,
    store: Annotated[Optional[Path], typer.Option("--store", help="Serve this kg load store.")] = None,
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Most SELECT solutions returned.")] = 10_000,
) -> None:
    """Serve GRAPH (or a --store) as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql."""
    from kg.serve import serve as serve_endpoint

    serve_endpoint(graph, store, host, port, timeout, max_rows,
                   on_ready=lambda url: typer.echo(f"SPARQL endpoint: {url} (read-only; Ctrl-C to stop)"))


@app.command()
def load(
    graph: Annotated[Path, typer.Argument(help="RDF file (.ttl .nt .jsonld .trig .nq).")],
    store: Annotated[Path, typer.Option("--store", help="Store folder (created if needed).")],
) -> None:
    """Load GRAPH into an embedded, persistent Oxigraph store (idempotent)."""
    from kg.store import load as load_store

    typer.echo(f"{store}: {load_store(graph, store)} quads")


@app.command()
def push(
    graph: Annotated[Path, typer.Argument(help="RDF file kg wrote (.ttl .nt .jsonld .trig; TriG's named graphs "
                                               "are pushed as their union).")],
    endpoint: Annotated[str, typer.Option("--endpoint", metavar="URL", help="SPARQL 1.1 Graph Store endpoint, e.g. "
                                          "http://localhost:8890/sparql-graph-crud-auth (Virtuoso).")],
    target: Annotated[Optional[str], typer.Option("--graph", metavar="IRI", help="Graph to write. Default: the "
                                                  "store's default graph (?default).")] = None,
    append: Annotated[bool, typer.Option("--append/--replace", help="POST (add to the graph) or PUT (replace it; "
                                         "the default).")] = False,
    user: Annotated[Optional[str], typer.Option("--user", "-u", help="User for HTTP authentication.")] = None,
    password: Annotated[Optional[str], typer.Option("--password", envvar="KG_PUSH_PASSWORD",
                                                    help="Password for --user.")] = None,
    auth: Annotated[str, typer.Option("--auth", help="auto (as the server asks), digest or basic.")] = "auto",
    fmt: Annotated[str, typer.Option("--format", help="Body syntax: turtle or nt (N-Triples).")] = "turtle",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for the store.")] = 120.0,
) -> None:
    """Upload GRAPH to a triple store (SPARQL 1.1 Graph Store HTTP Protocol: PUT replaces, POST appends)."""
    from kg.push import push as push_graph

    result = push_graph(graph, endpoint, target, append=append, user=user, password=password, auth=auth, fmt=fmt,
                        timeout=timeout)
    typer.echo(result.line())


@app.command()
def stats(
    graph: Annotated[Path, typer.Argument(help="RDF file kg wrote.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    top: Annotated[int, typer.Option("--top", help="How many entities and communities to list.")] = 10,
) -> None:
    """Counts by type and relation, top entities by degree and PageRank, components, communities."""
    from kg.query import load_graph
    from kg.stats import format_stats
    from kg.stats import stats as graph_stats

    result = graph_stats(load_graph(graph), top=top)
    typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if as_json else format_stats(result))


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(help="RDF file to check.")],
    shapes: Annotated[Optional[Path], typer.Option("--shapes", help="SHACL shapes (default: kg's).")] = None,
) -> None:
    """Check GRAPH against kg's SHACL shapes; list violations (exit status 1 if any)."""
    from kg.query import load_graph
    from kg.validate import validate as run_validation

    result = run_validation(load_graph(graph), load_graph(shapes) if shapes else None)
    if result.conforms:
        typer.echo(f"{graph}: conforms")
        return
    for violation in result.violations:
        typer.echo(violation.line())
    typer.echo(f"{graph}: {len(result.violations)} violation(s)", err=True)
    raise typer.Exit(1)


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(metavar="IN", help="RDF file kg (or anyone) wrote.")],
    target: Annotated[Path, typer.Argument(metavar="OUT", help="Output file; its suffix picks the format: "
                                           ".ttl .nt .jsonld .trig .graphml .gexf .csv .html")],
) -> None:
    """Convert a graph file to another format."""
    from kg.query import convert as convert_graph

    typer.echo(f"wrote {convert_graph(source, target)}")


@app.command()
def link(
    graph: Annotated[Path, typer.Argument(help="RDF file kg wrote (.ttl .nt .jsonld .trig).")],
    kb: Annotated[Path, typer.Option("--kb", metavar="FILE", help="Knowledge base: CSV (id,label,aliases,type) "
                                                                   "or Turtle (labels, skos:altLabel, rdf:type).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Linked graph to write; its suffix picks the format.")],
) -> None:
    """Link GRAPH's entities to a knowledge base (owl:sameAs where exactly one entry matches) and write OUT."""
    from kg.link import link_file

    report = link_file(graph, kb, out)
    typer.echo(f"wrote {out}: {report.entities} entities, {report.line()}")


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...", help="Files, folders or - (as for build).")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl, tsv or carb (CaRB's tabbed format).")] = "jsonl",
    one_sentence_per_line: Annotated[bool, typer.Option(
        "--one-sentence-per-line", help="Each input line is one sentence; never re-split.")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    model: ModelOption = None,
) -> None:
    """Print the triples extracted from INPUT, one per line."""
    from kg.io import write_atomically
    from kg.nlp import load_pipeline
    from kg.openie import FORMATS, TSV_HEADER, parse_documents
    from kg.readers import read_inputs

    if fmt not in FORMATS:
        raise KgError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    documents = read_inputs(inputs)
    parsed = parse_documents(documents, load_pipeline(model), one_sentence_per_line)
    lines = ([TSV_HEADER] if fmt == "tsv" else []) + [line for p in parsed for line in FORMATS[fmt](p)]
    text = "".join(line + "\n" for line in lines)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomically({output: text.encode("utf-8")})


evaluate_app = typer.Typer(help="Score kg against benchmarks.", no_args_is_help=True)
app.add_typer(evaluate_app, name="eval")


@evaluate_app.command("carb")
def evaluate_carb(
    gold: Annotated[Path, typer.Option("--gold", help="CaRB gold tuples (sentence, relation, args…).")],
    pred: Annotated[Optional[Path], typer.Option("--pred", help="Predictions in CaRB's tabbed format.")] = None,
    sentences: Annotated[Optional[Path], typer.Option(
        "--sentences", help="Extract with kg from this file, one sentence per line, and score that.")] = None,
    model: ModelOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="Also print recall lost per gold construction "
                                                            "and precision lost per kg construction.")] = False,
) -> None:
    """CaRB precision, recall and F1 at the best confidence threshold, and the AUC."""
    from kg.evaluate.carb import error_analysis, error_table, read_gold, read_predictions, score, tuples_from_extractions

    if (pred is None) == (sentences is None):
        raise KgError("give exactly one of --pred FILE or --sentences FILE")
    gold_tuples = read_gold(gold)
    generator_of = None
    if pred is not None:
        predicted = read_predictions(pred)
    else:
        from kg.nlp import load_pipeline
        from kg.openie import parse_documents
        from kg.readers import read_file

        parsed = parse_documents(read_file(sentences), load_pipeline(model), one_sentence_per_line=True)
        predicted, generator_of = tuples_from_extractions(parsed)
    result = score(gold_tuples, predicted)
    typer.echo(json.dumps(result.__dict__) if as_json else result.line())
    if errors:
        typer.echo("\n" + error_table(error_analysis(gold_tuples, predicted, generator_of)))


@evaluate_app.command("entities")
def evaluate_entities(
    gum: Annotated[Optional[Path], typer.Option(
        "--gum", metavar="DIR", help="GUM folder (splits.md, dep/*.conllu): score on its names.")] = None,
    split: Annotated[str, typer.Option("--split", help="GUM split: train, dev or test.")] = "test",
    uner: Annotated[Optional[Path], typer.Option(
        "--uner", metavar="FILE", help="Universal NER IOB2 file (PER/ORG/LOC): score on its names instead.")] = None,
    model: ModelOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="Also list every missed and every wrong name.")] = False,
) -> None:
    """Named-entity precision, recall and F1 per type and over PERSON/ORG/PLACE (exact span and type).

    Any pipeline can be scored: OntoNotes labels are read as kg reads them (GPE/LOC/FAC → PLACE)."""
    from kg.evaluate.entities import gum_documents, score_entities, uner_documents
    from kg.nlp import load_pipeline

    if (gum is None) == (uner is None):
        raise KgError("give exactly one of --gum DIR or --uner FILE")
    nlp = load_pipeline(model)
    references = gum_documents(gum, split, nlp.vocab) if gum is not None else uner_documents(uner, nlp.vocab)
    result = score_entities(nlp, references)
    typer.echo(json.dumps(result.as_dict(), indent=2) if as_json else result.table())
    if errors:
        typer.echo("\n" + "\n".join("\t".join(error) for error in result.errors))


@app.command()
def info(
    model: ModelOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Describe the spaCy pipeline kg parses with: name, version, path, licence, scores."""
    from kg.nlp import load_pipeline, model_info

    details = model_info(load_pipeline(model))
    if as_json:
        typer.echo(json.dumps(details, indent=2))
        return
    for key in ("model_name", "model_version", "model_path", "spacy_version", "license", "lemmatizer"):
        typer.echo(f"{key:14} {details[key]}")
    typer.echo(f"{'pipeline':14} {', '.join(details['pipeline'])}")
    typer.echo(f"{'entity_labels':14} {', '.join(details['entity_labels'])}")


def main() -> None:
    """Entry point: user errors become one line on stderr and exit status 1."""
    try:
        app()
    except KgError as error:
        typer.echo(f"kg: error: {error}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # a bug: still one line, with the traceback on request
        if os.environ.get("KG_DEBUG"):
            raise
        typer.echo(f"kg: internal error: {type(error).__name__}: {error} (set KG_DEBUG=1 for a traceback)",
                   err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
