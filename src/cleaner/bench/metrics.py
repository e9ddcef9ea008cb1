"""The scores of one extraction against the gold: shingle precision/recall and line accuracy.

The token metric is the one public article-extraction benchmarks use: a text
is the bag (multiset) of its 4-token shingles, tokens being lowercased Unicode
``\\w+`` runs; true positives are the multiset intersection of the predicted
and the gold bags. Precision and recall are computed per page and averaged over
pages, and F1 is taken from those two means (not the mean of per-page F1s).

Edge cases, the usual ``zero_division=0`` convention of such benchmarks:

* prediction and gold both empty: P = R = 1 (nothing to find, nothing found);
* empty prediction, non-empty gold: P = R = 0, so returning nothing for a page
  that has an article is not rewarded with a free precision of 1;
* non-empty prediction, empty gold: P = R = 0.

A text shorter than 4 tokens has no 4-shingle; its single tokens are its
shingles, so very short gold texts still count.

>>> s = score_text("The cat sat on the mat today", "the cat sat on the mat")
>>> round(s.precision, 3), s.recall
(0.75, 1.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import regex

#: Tokens per shingle.
SHINGLE_SIZE = 4

_WORD = regex.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """The lowercased ``\\w+`` tokens of ``text`` (Unicode word characters).

    >>> tokens("Ça va? Très-bien, 2024!")
    ['ça', 'va', 'très', 'bien', '2024']
    """
    return _WORD.findall(text.lower())


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[Hashable]:
    """The multiset of ``size``-token shingles of ``text``.

    Shingles are hashed tuples: comparing ints is what makes the metric fast on
    thousands of pages, and a hash collision between two 4-grams is negligible.
    String hashes differ between processes, so compare bags made in one process.

    >>> sorted(shingles("a b c d e").values()), len(shingles("a b"))
    ([1, 1], 2)
    """
    toks = tokens(text)
    if len(toks) < size:
        return Counter(toks)
    return Counter(hash(tuple(toks[i:i + size])) for i in range(len(toks) - size + 1))


@dataclass(frozen=True)
class PageScore:
    """Shingle counts of one page and the precision and recall they give."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        if self.predicted == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.true_positives / self.predicted

    @property
    def recall(self) -> float:
        if self.gold == 0:
            return 1.0 if self.predicted == 0 else 0.0
        return self.true_positives / self.gold

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of ``precision`` and ``recall`` (0 when both are 0).

    >>> f1(1.0, 0.5)
    0.6666666666666666
    """
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def score_text(predicted: str, gold: str) -> PageScore:
    """Compare one page's extracted text with its gold text."""
    pred, want = shingles(predicted), shingles(gold)
    return score_shingles(pred, want)


def score_shingles(predicted: Counter[Hashable], gold: Counter[Hashable]) -> PageScore:
    """:func:`score_text` on precomputed bags (reuse the gold bag across systems)."""
    small, large = (predicted, gold) if len(predicted) <= len(gold) else (gold, predicted)
    tp = sum(min(n, large[key]) for key, n in small.items() if key in large)
    return PageScore(tp, sum(predicted.values()), sum(gold.values()))


def line_accuracy(lines: Sequence[str], kept: Sequence[bool], content: Sequence[bool]) -> float | None:
    """Share of non-blank lines whose kept/dropped decision matches the gold content flag.

    None for a page without a non-blank line (it has no decision to get right).

    >>> line_accuracy(["Menu", "", "Text."], [False, False, False], [False, False, True])
    0.5
    """
    judged = [k == c for line, k, c in zip(lines, kept, content, strict=True) if line.strip()]
    return sum(judged) / len(judged) if judged else None


@dataclass(frozen=True)
class Summary:
    """Scores averaged over pages: macro precision and recall, F1 of the two means."""

    pages: int
    precision: float
    recall: float
    f1: float
    line_accuracy: float | None


def summarize(scores: Sequence[PageScore], accuracies: Iterable[float | None] = ()) -> Summary:
    """Average page scores; line accuracy is the mean over pages that have one.

    >>> summarize([PageScore(1, 1, 2), PageScore(0, 0, 0)], [1.0, None])
    Summary(pages=2, precision=1.0, recall=0.75, f1=0.8571428571428571, line_accuracy=1.0)
    """
    n = len(scores)
    precision = sum(s.precision for s in scores) / n if n else 0.0
    recall = sum(s.recall for s in scores) / n if n else 0.0
    known = [a for a in accuracies if a is not None]
    return Summary(n, precision, recall, f1(precision, recall),
                   sum(known) / len(known) if known else None)
