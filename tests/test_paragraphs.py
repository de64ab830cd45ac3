"""kg_paragraphs: a blank line ends a sentence, whichever pipeline parses."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from kg.nlp import with_paragraph_breaks
from kg.paragraphs import mark_paragraphs

_TOKENIZER = spacy.blank("en").tokenizer
TEXT = "Background\n\nCoron is both the name of a town and an island.\n\n\nNikki Haley criticized China.\nShe left."


def test_blank_lines_mark_sentence_starts_on_a_hand_built_doc():
    doc = Doc(spacy.blank("en").vocab, words=["Background", "\n\n", "Coron", "is", "\n", "big", "\n\n"],
              spaces=[False] * 7)
    starts = [token.is_sent_start for token in mark_paragraphs(doc)]
    # the blank lines and the word after the first; a single line break is left to the parser
    assert starts[1] and starts[2] and starts[6]
    assert not starts[4] and not starts[5]


def test_the_bundled_pipeline_splits_headings_from_paragraphs(nlp):
    assert nlp.pipe_names.index("kg_paragraphs") == nlp.pipe_names.index("parser") - 1
    sentences = [sentence.text.strip() for sentence in nlp(TEXT).sents if sentence.text.strip()]
    assert sentences[:3] == ["Background", "Coron is both the name of a town and an island.",
                             "Nikki Haley criticized China."]
    assert not any(token.is_space for ent in nlp(TEXT).ents for token in ent)


def test_any_pipeline_with_a_sentence_splitter_gets_it_once():
    blank = spacy.blank("en")
    assert with_paragraph_breaks(blank).pipe_names == []  # nothing splits sentences: nothing to add
    blank.add_pipe("sentencizer")
    assert with_paragraph_breaks(with_paragraph_breaks(blank)).pipe_names == ["kg_paragraphs", "sentencizer"]
    sentences = [sentence.text for sentence in blank("Background\n\nCoron is big").sents]
    assert sentences == ["Background", "\n\n", "Coron is big"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Russia", "vetoed", "it", ".", " ", "\n", "\n\n", "\r\n\r\n", " \n \n", "\t"]),
                max_size=30))
def test_every_blank_line_starts_a_sentence_whatever_the_text(parts):
    doc = mark_paragraphs(_TOKENIZER("".join(parts)))
    for token in doc:
        if token.is_space and token.text.count("\n") >= 2:
            assert token.is_sent_start
            assert token.i + 1 == len(doc) or doc[token.i + 1].is_sent_start
