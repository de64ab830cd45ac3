"""kg's CaRB scorer: fidelity to the reference implementation, and its parts."""

from __future__ import annotations

import pytest

from kg.evaluate.carb import OpenIETuple, match, read_gold, read_predictions, score, sentence_key


def test_reproduces_the_reference_scores_of_openie5_on_carb_dev(shared_data):
    carb = shared_data / "carb"
    result = score(read_gold(carb / "gold" / "dev.tsv"), read_predictions(carb / "openie5-dev.tab"))
    assert (round(result.auc, 3), round(result.precision, 3), round(result.recall, 3), round(result.f1, 3)) == (
        0.240, 0.526, 0.406, 0.458)


def test_sentences_match_without_spaces_and_punctuation():
    assert sentence_key("He said , `` yes . ''") == sentence_key("He said, yes.")
    assert sentence_key("a -LRB- b -RRB-") == sentence_key("a (b)")


def test_exact_tuple_scores_one():
    gold = OpenIETuple("vetoed", ("Russia", "the resolution"))
    assert match(gold, OpenIETuple("vetoed", ("Russia", "the resolution"))) == (1.0, 1.0)


def test_no_relation_overlap_scores_zero():
    gold = OpenIETuple("vetoed", ("Russia", "the resolution"))
    assert match(gold, OpenIETuple("backed", ("Russia", "the resolution"))) == (0.0, 0.0)


def test_be_matches_a_form_of_be():
    gold = OpenIETuple("is", ("Haley", "ambassador"))
    assert match(gold, OpenIETuple("be", ("Haley", "ambassador"))) == (1.0, 1.0)


def test_missing_second_argument_scores_zero():
    gold = OpenIETuple("vetoed", ("Russia", "the resolution"))
    assert match(gold, OpenIETuple("vetoed", ("Russia",))) == (0.0, 0.0)


def test_said_relations_are_also_scored_with_arguments_swapped():
    gold = OpenIETuple("said", ("Haley", "Russia vetoed it"))
    assert match(gold, OpenIETuple("said", ("Russia vetoed it", "Haley"))) == (1.0, 1.0)


def test_partial_match_precision_and_recall():
    gold = OpenIETuple("vetoed", ("Russia", "the draft resolution"))
    precision, recall = match(gold, OpenIETuple("vetoed", ("Russia", "resolution on Syria")))
    assert precision == pytest.approx(3 / 5) and recall == pytest.approx(3 / 5)


def test_confidence_threshold_picks_the_best_f1():
    sentence = "Russia vetoed the resolution ."
    gold = {sentence: [OpenIETuple("vetoed", ("Russia", "the resolution"))]}
    predicted = {sentence: [OpenIETuple("vetoed", ("Russia", "the resolution"), 0.9),
                            OpenIETuple("ate", ("the cat", "fish"), 0.1)]}
    result = score(gold, predicted)
    assert (result.precision, result.recall, result.f1, result.threshold) == (1.0, 1.0, 1.0, 0.9)
    assert result.auc == pytest.approx(1.0)
