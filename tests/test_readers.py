"""Readers: every input format, metadata, and clean errors for bad input."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import KgError
from kg.readers import read_inputs


def test_text_and_markdown_files(tmp_path):
    (tmp_path / "a.txt").write_text("Russia vetoed it.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Title\n\nChina abstained.", encoding="utf-8")
    docs = read_inputs([tmp_path / "a.txt", tmp_path / "b.md"])
    assert [(d.id, d.source.endswith(name)) for d, name in zip(docs, ["a.txt", "b.md"])] == [("a", True), ("b", True)]


def test_folders_are_searched_recursively_in_sorted_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.txt").write_text("Z text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A text.", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    assert [d.id for d in read_inputs([tmp_path])] == ["a", "z"]


def test_jsonl_with_metadata(tmp_path):
    lines = [{"id": "r1", "text": "Russia vetoed it.", "title": "Veto", "date": "2017-04-12", "url": "https://x.test/1"},
             {"text": "China abstained."}]
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    first, second = read_inputs([tmp_path / "news.jsonl"])
    assert (first.id, first.title, first.date, first.url) == ("r1", "Veto", "2017-04-12", "https://x.test/1")
    assert second.id == "news-2" and second.title is None


def test_csv_all_the_news_layout(tmp_path):
    (tmp_path / "articles.csv").write_text(
        'id,title,publication,author,date,url,content\n'
        '17283,"Haley, at the UN",New York Times,Somini Sengupta,2017-04-12,https://x.test,"Russia vetoed it."\n',
        encoding="utf-8")
    (doc,) = read_inputs([tmp_path / "articles.csv"])
    assert (doc.id, doc.title, doc.publication, doc.author, doc.text) == (
        "17283", "Haley, at the UN", "New York Times", "Somini Sengupta", "Russia vetoed it.")


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Russia vetoed it.")))
    (doc,) = read_inputs(["-"])
    assert (doc.id, doc.text, doc.source) == ("stdin", "Russia vetoed it.", "-")


def test_duplicate_ids_are_made_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("Two.", encoding="utf-8")
    assert [d.id for d in read_inputs([tmp_path])] == ["x", "x-2"]


@pytest.mark.parametrize("name, content, message", [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\t\n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    ("latin1.txt", "café".encode("latin-1"), "not valid UTF-8"),
    ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
    ("bad.jsonl", b"{not json}\n", "invalid JSON"),
    ("nofield.jsonl", b'{"body": "x"}\n', "'text'"),
    ("nocol.csv", b"id,body\n1,hello\n", "'text' or 'content'"),
])
def test_bad_input_is_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(KgError, match=message) as error:
        read_inputs([path])
    assert "\n" not in str(error.value)


def test_folder_without_text_files(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(KgError, match="no text files"):
        read_inputs([tmp_path])


@given(st.text(min_size=1, max_size=200))
def test_any_text_file_reads_back_or_fails_cleanly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("h") / "doc.txt"
    path.write_text(text, encoding="utf-8")
    try:
        (doc,) = read_inputs([path])
    except KgError as error:
        assert "\n" not in str(error)
        assert not text.strip() or "\x00" in text
    else:
        assert doc.text == text.removeprefix("\ufeff")
