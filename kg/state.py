"""What a build keeps beside its outputs so that ``kg build --update`` can add documents.

The graph is a function of every document's extraction records (entity
resolution looks across documents), so an update cannot just append triples
to ``graph.ttl``: it re-runs resolution over the old records plus the new
ones.  The records, not the parses, are kept — ``graph.records.jsonl.gz``,
one JSON line per document after a header naming the pipeline that made
them — so an update parses only the new documents and gives exactly the
graph a single build of all of them gives.
"""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.errors import KgError
from kg.extract.records import Argument, Triple
from kg.graph import DocumentTriples
from kg.readers import Document

STATE_FILE = "graph.records.jsonl.gz"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class BuildState:
    """The records of every document in a built graph, and the pipeline that extracted them."""

    model: str  # "name version" of the spaCy pipeline
    model_argument: str | None  # what was passed as --model (None: kg's bundled pipeline)
    results: tuple[DocumentTriples, ...]
    # how the outputs were written, so that an update writes them the same way unless told otherwise
    formats: tuple[str, ...] = ()
    max_nodes: int | None = None
    kb: str | None = None  # the knowledge base file linked against, as an absolute path


def _triple_from_json(data: dict) -> Triple:
    for side in ("subject", "object", "attribution"):
        if data.get(side) is not None:
            data[side] = Argument(**data[side])
    data["qualifiers"] = tuple(tuple(pair) for pair in data.get("qualifiers", ()))
    return Triple(**data)


def dump_state(state: BuildState) -> bytes:
    """The state file's bytes: gzip'd JSON lines, byte-identical for the same state."""
    lines = [json.dumps({"kg_records": FORMAT_VERSION, "model": state.model, "model_argument": state.model_argument,
                         "formats": list(state.formats), "max_nodes": state.max_nodes, "kb": state.kb},
                        ensure_ascii=False)]
    for result in state.results:
        lines.append(json.dumps({"document": asdict(result.document), "sentences": result.sentences,
                                 "triples": [asdict(triple) for triple in result.triples]},
                                ensure_ascii=False, sort_keys=True))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as sink:  # mtime 0: reproducible bytes
        sink.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buffer.getvalue()


def read_state(out_dir: Path) -> BuildState:
    """The state a previous ``kg build`` left in ``out_dir`` (a one-line error when there is none)."""
    path = Path(out_dir) / STATE_FILE
    if not path.is_file():
        raise KgError(f"{out_dir}: no {STATE_FILE} here; --update needs a folder written by kg build")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            header = json.loads(next(lines))
            if header.get("kg_records") != FORMAT_VERSION:
                raise KgError(f"{path}: written by an incompatible kg version; rebuild from the documents")
            results = []
            for line in lines:
                record = json.loads(line)
                results.append(DocumentTriples(Document(**record["document"]), record["sentences"],
                                               tuple(_triple_from_json(t) for t in record["triples"])))
    except (OSError, EOFError, ValueError, TypeError, KeyError, StopIteration) as error:
        raise KgError(f"{path}: unreadable build records ({type(error).__name__}); rebuild from the documents") \
            from None
    return BuildState(header["model"], header.get("model_argument"), tuple(results),
                      tuple(header.get("formats") or ()), header.get("max_nodes"), header.get("kb"))
