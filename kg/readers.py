"""Readers: files, folders and stdin → :class:`Document` records with metadata.

Supported inputs: ``.txt``/``.md`` (one document per file), folders (searched
recursively for those and the formats below), ``.jsonl`` (one document per
line: ``text`` plus optional ``id``, ``title``, ``date``, ``url``), ``.csv``
with a ``text`` or ``content`` column (e.g. the "All the News" layout), and
``-`` for standard input.  A build reads each text once: a document whose
text is already in (earlier in the inputs, or in the graph being updated) is
skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import KgError

TEXT_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".jsonl", ".csv"}
SUPPORTED = sorted(TEXT_SUFFIXES | RECORD_SUFFIXES)
METADATA_FIELDS = ("title", "date", "url", "publication", "author")


@dataclass(frozen=True)
class Document:
    """One text to parse, with the metadata that travels into provenance."""

    id: str
    text: str
    source: str  # file path (or "-" for stdin) the document came from
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publication: str | None = None
    author: str | None = None


def _decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:8192]:
        raise KgError(f"{where}: binary file, not text (kg reads UTF-8 text: {', '.join(SUPPORTED)})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise KgError(f"{where}: not valid UTF-8 text (byte {error.start})") from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise KgError(f"{path}: cannot read ({error.strerror})") from None


def _metadata(record: dict) -> dict[str, str | None]:
    return {key: (str(record[key]).strip() or None) if record.get(key) not in (None, "") else None
            for key in METADATA_FIELDS}


def _read_jsonl(text: str, where: str, stem: str) -> Iterator[Document]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise KgError(f"{where}:{number}: invalid JSON ({error.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise KgError(f"{where}:{number}: each JSONL line must be an object with a string 'text'")
        if record["text"].strip():
            doc_id = str(record.get("id") or f"{stem}-{number}")
            yield Document(id=doc_id, text=record["text"], source=where, **_metadata(record))


def _read_csv(text: str, where: str, stem: str) -> Iterator[Document]:
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text))
    fields = reader.fieldnames or []
    column = next((name for name in ("text", "content") if name in fields), None)
    if column is None:
        raise KgError(f"{where}: CSV needs a 'text' or 'content' column (found: {', '.join(fields) or 'none'})")
    try:
        for number, row in enumerate(reader, start=2):
            body = row.get(column) or ""
            if body.strip():
                doc_id = str(row.get("id") or f"{stem}-{number}")
                yield Document(id=doc_id, text=body, source=where, **_metadata(row))
    except csv.Error as error:
        raise KgError(f"{where}: malformed CSV ({error})") from None


def read_file(path: Path) -> list[Document]:
    """All documents in one file; raises :class:`KgError` for unusable files."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | RECORD_SUFFIXES:
        raise KgError(f"{path}: unsupported file type '{suffix or path.name}' (use {', '.join(SUPPORTED)})")
    text = _decode(_read_bytes(path), str(path))
    if suffix == ".jsonl":
        documents = list(_read_jsonl(text, str(path), path.stem))
    elif suffix == ".csv":
        documents = list(_read_csv(text, str(path), path.stem))
    else:
        documents = [Document(id=path.stem, text=text, source=str(path))] if text.strip() else []
    if not documents:
        raise KgError(f"{path}: empty, no text to read")
    return documents


def _read_stdin() -> list[Document]:
    text = _decode(sys.stdin.buffer.read(), "stdin")
    if not text.strip():
        raise KgError("stdin: empty, no text to read")
    return [Document(id="stdin", text=text, source="-")]


def read_inputs(inputs: Iterable[str | Path], unique: bool = True) -> list[Document]:
    """Read every input; document ids are made unique in input order (unless ``unique=False``)."""
    documents: list[Document] = []
    for item in inputs:
        if str(item) == "-":
            documents.extend(_read_stdin())
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                raise KgError(f"{path}: folder has no text files ({', '.join(SUPPORTED)})")
            for file in files:
                documents.extend(read_file(file))
        elif path.exists():
            documents.extend(read_file(path))
        else:
            raise KgError(f"{path}: no such file or folder")
    if not documents:
        raise KgError("no input documents")
    return unique_ids(documents) if unique else documents


def unique_ids(documents: Iterable[Document], taken: Iterable[str] = ()) -> list[Document]:
    """Documents with ids unique among themselves and ``taken``: a repeated id gets "-2", "-3", …"""
    used = set(taken)
    result = []
    for document in documents:
        candidate, count = document.id, 1
        while candidate in used:
            count += 1
            candidate = f"{document.id}-{count}"
        used.add(candidate)
        result.append(document if candidate == document.id else replace(document, id=candidate))
    return result


def new_documents(documents: Iterable[Document], existing: Iterable[Document] = ()) -> tuple[list[Document], int]:
    """The documents whose text is not already among ``existing`` (nor earlier in ``documents``), with
    ids unique against the existing ones; and how many were dropped as duplicates."""
    existing = list(existing)
    seen = {_digest(d.text) for d in existing}
    kept, duplicates = [], 0
    for document in documents:
        digest = _digest(document.text)
        if digest in seen:
            duplicates += 1
            continue
        seen.add(digest)
        kept.append(document)
    return unique_ids(kept, (d.id for d in existing)), duplicates


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
