"""Long documents are parsed in pieces cut at paragraph breaks and joined back with their own text."""

from __future__ import annotations

from conftest import EXAMPLE, triples_of
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.build import build
from kg.chunking import parse_in_chunks, split_text


@given(st.text(alphabet=st.sampled_from("ab .!?\n\t\"')é"), max_size=400), st.integers(min_value=2, max_value=60))
@settings(max_examples=300, deadline=None)
def test_pieces_are_the_text_and_short_where_a_boundary_allows(text, max_chars):
    pieces = split_text(text, max_chars)
    assert "".join(pieces) == text
    assert all(pieces) or pieces == [""]
    assert all(len(piece) <= max_chars for piece in pieces)  # a hard cut at the limit where no boundary is


def test_pieces_end_at_paragraph_breaks_first():
    paragraph = "Russia vetoed the resolution. China abstained.\nThe vote was close.\n\n"
    pieces = split_text(paragraph * 10, len(paragraph) * 3 + 5)
    assert pieces == [paragraph * 3] * 3 + [paragraph]


def test_a_piece_without_paragraphs_ends_after_a_sentence():
    text = "Russia vetoed the resolution. " * 10
    pieces = split_text(text, 100)
    assert "".join(pieces) == text
    assert all(piece.endswith("resolution. ") for piece in pieces)


def test_a_long_document_parsed_in_pieces_keeps_its_text_offsets_and_triples(nlp):
    text = EXAMPLE.read_text(encoding="utf-8")
    whole = nlp(text)
    (joined, context), = parse_in_chunks(nlp, [(text, "ctx")], max_chars=1_000)
    assert context == "ctx" and joined.text == text
    assert [token.idx for token in joined] == [token.idx for token in whole]
    assert all(span.text == text[span.start_char:span.end_char] for span in joined.ents)
    # the pieces end at blank lines, which end sentences anyway; what changes is that a name's type is
    # decided per piece, so a few arguments differ ("Human Rights Watch" in one piece, "Rights Watch" alone)
    in_pieces, in_one = triples_of(joined), triples_of(whole)
    assert len(in_pieces & in_one) >= 0.9 * len(in_one)


def test_documents_stay_in_order_whether_whole_or_in_pieces(nlp):
    texts = ["Russia vetoed the resolution.", "Haley criticized China.\n\n" * 40, "China abstained."]
    parsed = list(parse_in_chunks(nlp, [(text, i) for i, text in enumerate(texts)], batch_size=4, max_chars=100))
    assert [(doc.text, i) for doc, i in parsed] == [(text, i) for i, text in enumerate(texts)]


def test_build_of_a_text_longer_than_a_piece(tmp_path):
    # ten copies of the example article: 75,000 characters, four pieces of at most 20,000
    text = (EXAMPLE.read_text(encoding="utf-8").strip() + "\n\n") * 10
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    summary = build([tmp_path / "long.txt"], tmp_path / "out")
    assert summary.documents == 1 and summary.triples > 50
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0


def test_extraction_streams_every_document_in_order_through_one_pipe(nlp):
    from kg.openie import parse_documents
    from kg.readers import Document

    texts = ["Russia vetoed the resolution.", "Haley criticized China. " * 40, "Nikki Haley criticized China."]
    documents = [Document(f"d{i}", text, "-") for i, text in enumerate(texts)]
    together = [(p.document_id, p.doc.text, p.triples) for p in parse_documents(documents, nlp)]
    alone = [(p.document_id, p.doc.text, p.triples) for d in documents for p in parse_documents([d], nlp)]
    assert [document_id for document_id, _, _ in together] == ["d0", "d1", "d2"]
    assert together == alone
    assert [text for _, text, _ in together] == texts
