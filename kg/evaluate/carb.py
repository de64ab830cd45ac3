"""CaRB, the Open IE benchmark metric, reimplemented so kg can score itself.

Follows the reference scorer (Bhardwaj et al., 2019) as specified in
``../shared/data/README.md``: tuples made binary, token-level lenient match
of relation and arguments, "said"-type relations also scored with arguments
swapped, per-confidence-threshold precision (greedy one-to-one matching) and
recall (best match per gold tuple), the best-F1 point and the area under the
precision–recall curve.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from kg.errors import KgError

FORMS_OF_BE = ("be", "is", "am", "are", "was", "were", "been", "being")
SAID_RELATIONS = ("said", "told", "added", "adds", "says")
_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")
_PTB_ESCAPES = (("(", "-LRB-"), (")", "-RRB-"), ("[", "-LSB-"), ("]", "-RSB-"), ("{", "-LCB-"), ("}", "-RCB-"))


@dataclass(frozen=True)
class OpenIETuple:
    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0


@dataclass(frozen=True)
class CarbScore:
    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float | None  # confidence at the best F1
    gold_tuples: int
    predicted_tuples: int

    def line(self) -> str:
        return (f"AUC {self.auc:.3f}  P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
                f"  (best threshold {self.threshold if self.threshold is not None else '-'}, "
                f"{self.predicted_tuples} predicted / {self.gold_tuples} gold tuples)")


def sentence_key(sentence: str) -> str:
    """Sentences match by their text without spaces and punctuation."""
    text = sentence.replace(" ", "")
    for plain, escaped in _PTB_ESCAPES:
        text = text.replace(escaped, plain)
    return _PUNCTUATION.sub("", text)


def _read_lines(path: Path) -> list[list[str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise KgError(f"{path}: cannot read ({error})") from None
    return [line.strip().split("\t") for line in lines if line.strip()]


def read_gold(path: Path) -> dict[str, list[OpenIETuple]]:
    """CaRB gold: sentence, relation, arg1, arg2, … per line."""
    gold: dict[str, list[OpenIETuple]] = {}
    for number, fields in enumerate(_read_lines(path), start=1):
        if len(fields) < 2:
            raise KgError(f"{path}:{number}: expected sentence<TAB>relation<TAB>args…")
        sentence, relation, *args = fields
        gold.setdefault(sentence, []).append(
            OpenIETuple(relation.strip(), tuple(a.strip() for a in args if "C :" not in a)))
    return gold


def read_predictions(path: Path) -> dict[str, list[OpenIETuple]]:
    """CaRB's tabbed system output: sentence, confidence, relation, arg1, arg2, … per line."""
    predicted: dict[str, list[OpenIETuple]] = {}
    for number, fields in enumerate(_read_lines(path), start=1):
        if len(fields) < 3:
            raise KgError(f"{path}:{number}: expected sentence<TAB>confidence<TAB>relation<TAB>args…")
        sentence, confidence, relation, *args = fields
        try:
            score = float(confidence)
        except ValueError:
            raise KgError(f"{path}:{number}: confidence {confidence!r} is not a number") from None
        predicted.setdefault(sentence, []).append(OpenIETuple(relation, tuple(args), score))
    return predicted


def _binary(t: OpenIETuple) -> tuple[str, ...]:
    return (t.args[0], " ".join(t.args[1:])) if len(t.args) >= 2 else t.args


def _count_matches(gold_words: list[str], predicted_words: list[str]) -> int:
    """Gold tokens found in the prediction, each predicted token used once (consumed from the list)."""
    matched = 0
    for word in gold_words:
        if word in predicted_words:
            matched += 1
            predicted_words.remove(word)
    return matched


def _lenient_match(gold_relation: str, gold_args: tuple[str, ...], relation: str,
                   args: tuple[str, ...]) -> tuple[float, float]:
    predicted_words = relation.split()
    gold_words = gold_relation.split()
    precision_total, recall_total = len(predicted_words), len(gold_words)
    matched = _count_matches(gold_words, predicted_words)
    # "be" standing in for a form of be counts as a relation match; it is looked
    # for among the predicted words the exact matches left over, as the reference does.
    if "be" in predicted_words and any(form in gold_words for form in FORMS_OF_BE):
        matched += 1
    if matched == 0:
        return 0.0, 0.0
    precision_hits = recall_hits = matched
    for index, gold_arg in enumerate(gold_args):
        gold_words = gold_arg.split()
        recall_total += len(gold_words)
        if len(args) <= index:
            if index < 2:
                return 0.0, 0.0
            continue
        predicted_words = args[index].split()
        precision_total += len(predicted_words)
        matched = _count_matches(gold_words, predicted_words)
        precision_hits += matched
        recall_hits += matched
    return precision_hits / precision_total, recall_hits / recall_total


def match(gold: OpenIETuple, predicted: OpenIETuple) -> tuple[float, float]:
    """(precision, recall) of one predicted tuple against one gold tuple."""
    gold_args, args = _binary(gold), _binary(predicted)
    straight = _lenient_match(gold.relation, gold_args, predicted.relation, args)
    if not any(verb in gold.relation for verb in SAID_RELATIONS):
        return straight
    swapped = (args[1], args[0]) if len(args) >= 2 else args
    return max(straight, _lenient_match(gold.relation, gold_args, predicted.relation, swapped))


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _auc(points: Iterable[tuple[float, float]]) -> float:
    """Trapezoid area under (recall, precision) points; a repeated recall keeps its last precision."""
    by_recall: dict[float, float] = {}
    for recall, precision in points:
        by_recall[recall] = precision
    ordered = sorted(by_recall.items())
    return sum((r2 - r1) * (p1 + p2) / 2 for (r1, p1), (r2, p2) in pairwise(ordered))


def _by_key(tuples_by_sentence: dict[str, list[OpenIETuple]]) -> dict[str, list[OpenIETuple]]:
    """Re-key by :func:`sentence_key`, pooling sentences that differ only in spacing or punctuation."""
    pooled: dict[str, list[OpenIETuple]] = {}
    for sentence, tuples in tuples_by_sentence.items():
        pooled.setdefault(sentence_key(sentence), []).extend(tuples)
    return pooled


def score(gold: dict[str, list[OpenIETuple]], predicted: dict[str, list[OpenIETuple]]) -> CarbScore:
    """The CaRB scores of ``predicted`` against ``gold`` (both keyed by sentence text)."""
    gold = _by_key(gold)
    predicted = _by_key(predicted)
    thresholds = sorted({t.confidence for tuples in predicted.values() for t in tuples})
    index_of = {c: i for i, c in enumerate(thresholds)}
    n = len(thresholds)
    p, pl, r, rl = [0.0] * n, [0] * n, [0.0] * n, [0] * n
    for sentence, gold_tuples in gold.items():
        predictions = predicted.get(sentence, [])
        scores = [[match(g, t) for t in predictions] for g in gold_tuples]
        start = 0
        for confidence in sorted({t.confidence for t in predictions}):
            end = index_of[confidence] + 1
            kept = [j for j, t in enumerate(predictions) if t.confidence >= confidence]
            recall_hits = sum(max((row[j][1] for j in kept), default=0.0) for row in scores)
            precision_hits = 0.0
            used_rows: set[int] = set()
            used_cols: set[int] = set()
            for _ in range(min(len(scores), len(kept))):
                best = (-1.0, -1, -1)
                for i, row in enumerate(scores):
                    if i in used_rows:
                        continue
                    for j in kept:
                        if j not in used_cols and row[j][0] > best[0]:
                            best = (row[j][0], i, j)
                used_rows.add(best[1])
                used_cols.add(best[2])
                precision_hits += best[0]
            for k in range(start, end):
                p[k] += precision_hits
                pl[k] += len(kept)
                r[k] += recall_hits
                rl[k] += len(scores)
            start = end
        for k in range(start, n):
            rl[k] += len(scores)
    precisions = [a / b if b else 1.0 for a, b in zip(p, pl)]
    recalls = [a / b if b else 0.0 for a, b in zip(r, rl)]
    f1s = [_f1(a, b) for a, b in zip(precisions, recalls)]
    n_gold = sum(len(t) for t in gold.values())
    n_predicted = sum(len(t) for t in predicted.values())
    if not f1s:
        return CarbScore(0.0, 0.0, 0.0, 0.0, None, n_gold, n_predicted)
    best = max(range(n), key=lambda k: (f1s[k], -k))
    auc = _auc([*zip(recalls, precisions), (0.0, 1.0)])
    return CarbScore(precisions[best], recalls[best], f1s[best], auc, thresholds[best], n_gold, n_predicted)


def tuples_from_extractions(parsed) -> tuple[dict[str, list[OpenIETuple]], dict[tuple, str]]:
    """kg's propositions (:func:`kg.openie.propositions`) as CaRB tuples keyed by sentence, and the
    generator that produced each (for :func:`error_analysis`)."""
    from kg.openie import propositions

    predicted: dict[str, list[OpenIETuple]] = {}
    generator_of: dict[tuple, str] = {}
    for item in parsed:
        for p in propositions(item):
            predicted.setdefault(p.sentence, []).append(OpenIETuple(p.relation, p.args, p.confidence))
            generator_of[(sentence_key(p.sentence), p.relation, p.args)] = p.extractor
    return predicted, generator_of


def error_table(analysis: dict) -> str:
    """The error analysis as two Markdown tables."""
    lines = ["| gold construction | gold tuples | recall | recall lost | missed entirely |", "|---|---|---|---|---|"]
    for name, row in analysis["recall_by_gold_construction"].items():
        lines.append(f"| {name} | {row['tuples']} | {row['recall']:.3f} | {row['recall_lost']} | "
                     f"{row['missed_entirely']} |")
    lines += ["", "| kg construction | predictions | precision | precision lost | no match |", "|---|---|---|---|---|"]
    for name, row in analysis["precision_by_extractor"].items():
        lines.append(f"| {name} | {row['tuples']} | {row['precision']:.3f} | {row['precision_lost']} | "
                     f"{row['no_match']} |")
    return "\n".join(lines)


BE_FORMS = frozenset(FORMS_OF_BE)


def gold_construction(t: OpenIETuple) -> str:
    """A coarse name for what a gold tuple's relation looks like, for error analysis."""
    words = t.relation.split()
    if not words:
        return "empty relation"
    if any(verb in t.relation for verb in SAID_RELATIONS):
        return "attribution (said/told/added)"
    if words[0] in BE_FORMS or (words[0] in {"has", "have", "had"} and len(words) == 1):
        if len(words) == 1:
            return "possession (has)" if words[0] in {"has", "have", "had"} else "copula (is)"
        if words[-1] in {"in", "of", "at", "on", "from", "for", "to", "by", "with", "as"}:
            return "copula + preposition (is in)" if len(words) == 2 else "passive or predicate + preposition"
        return "passive or predicate"
    if words[-1] in {"in", "of", "at", "on", "from", "for", "to", "by", "with", "as", "into", "during", "after"}:
        return "verb + preposition"
    if len(t.args) > 2:
        return "verb with extra arguments (n-ary)"
    return "verb"


def error_analysis(gold: dict[str, list[OpenIETuple]], predicted: dict[str, list[OpenIETuple]],
                   extractor_of: dict[tuple[str, str, tuple[str, ...]], str] | None = None) -> dict:
    """Recall lost per gold construction, and precision lost per predicting extractor, at all predictions.

    Recall lost by a gold tuple = 1 − its best recall over the sentence's predictions; precision lost by a
    prediction = 1 − its best precision over the sentence's gold tuples.
    """
    gold = _by_key(gold)
    predicted = _by_key(predicted)
    recall: dict[str, list[float]] = {}
    precision: dict[str, list[float]] = {}
    for sentence, gold_tuples in gold.items():
        predictions = predicted.get(sentence, [])
        for g in gold_tuples:
            best = max((match(g, p)[1] for p in predictions), default=0.0)
            recall.setdefault(gold_construction(g), []).append(best)
        for p in predictions:
            best = max((match(g, p)[0] for g in gold_tuples), default=0.0)
            name = (extractor_of or {}).get((sentence, p.relation, p.args), "all")
            precision.setdefault(name, []).append(best)
    return {
        "recall_by_gold_construction": {
            name: {"tuples": len(v), "recall": round(sum(v) / len(v), 3), "recall_lost": round(len(v) - sum(v), 1),
                   "missed_entirely": sum(1 for x in v if x == 0)}
            for name, v in sorted(recall.items(), key=lambda item: -(len(item[1]) - sum(item[1])))},
        "precision_by_extractor": {
            name: {"tuples": len(v), "precision": round(sum(v) / len(v), 3),
                   "precision_lost": round(len(v) - sum(v), 1), "no_match": sum(1 for x in v if x == 0)}
            for name, v in sorted(precision.items(), key=lambda item: -(len(item[1]) - sum(item[1])))},
    }
