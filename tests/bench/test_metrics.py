"""The token metric and line accuracy on hand-made cases whose answers are worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.bench.metrics import PageScore, f1, line_accuracy, score_text, shingles, summarize, tokens


def test_tokens_are_lowercased_unicode_words() -> None:
    assert tokens("Über-Größe: 3,5 km — naïve ДОМ 東京") == [
        "über", "größe", "3", "5", "km", "naïve", "дом", "東京"]


def test_shingles_count_repeats() -> None:
    # "a b c d a b c d": 5 shingles, "a b c d" twice.
    bag = shingles("a b c d a b c d")
    assert sum(bag.values()) == 5
    assert sorted(bag.values()) == [1, 1, 1, 2]


def test_shingles_ignore_punctuation_and_spacing() -> None:
    assert shingles("The cat, sat\non   the mat.") == shingles("the cat sat on the MAT")


def test_short_text_uses_its_tokens() -> None:
    assert sorted(shingles("Hello there world").values()) == [1, 1, 1]
    assert score_text("hello world", "Hello, world!") == PageScore(2, 2, 2)


def test_perfect_extraction() -> None:
    s = score_text("One two three four five six.", "one two three four five six")
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_extra_text_lowers_precision_only() -> None:
    # gold: 6 tokens -> 3 shingles; prediction adds 2 tokens in front -> 5 shingles, 3 shared.
    s = score_text("menu home one two three four five six", "one two three four five six")
    assert s == PageScore(3, 5, 3)
    assert s.precision == pytest.approx(0.6)
    assert s.recall == 1.0


def test_missing_text_lowers_recall_only() -> None:
    # gold 8 tokens -> 5 shingles; prediction has its first 5 tokens -> 2 shingles, both in gold.
    s = score_text("a b c d e", "a b c d e f g h")
    assert s == PageScore(2, 2, 5)
    assert (s.precision, s.recall) == (1.0, pytest.approx(0.4))


def test_multiset_intersection_counts_each_shingle_at_most_as_often_as_gold() -> None:
    # The paragraph extracted twice: its shingles only match once each.
    s = score_text("x y z w\nx y z w", "x y z w")
    assert s.true_positives == 1
    assert s.predicted == 5
    assert s.recall == 1.0


def test_disjoint_texts_score_zero() -> None:
    s = score_text("alpha beta gamma delta", "one two three four")
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(("predicted", "gold", "precision", "recall"), [
    ("", "", 1.0, 1.0),                         # nothing to find, nothing found
    ("", "one two three four", 0.0, 0.0),       # gave up on a page with an article
    ("one two three four", "", 0.0, 0.0),       # invented text on a page without one
    ("...", "!!", 1.0, 1.0),                    # punctuation only has no tokens
])
def test_empty_edge_cases(predicted: str, gold: str, precision: float, recall: float) -> None:
    s = score_text(predicted, gold)
    assert (s.precision, s.recall) == (precision, recall)


def test_f1_is_taken_from_the_means_not_averaged() -> None:
    pages = [PageScore(10, 10, 10), PageScore(1, 10, 1)]  # P 1.0, 0.1; R 1.0, 1.0
    summary = summarize(pages)
    assert summary.precision == pytest.approx(0.55)
    assert summary.recall == 1.0
    assert summary.f1 == pytest.approx(f1(0.55, 1.0))
    assert summary.f1 != pytest.approx((pages[0].f1 + pages[1].f1) / 2)


def test_summary_of_no_pages() -> None:
    assert summarize([]).pages == 0
    assert summarize([]).line_accuracy is None


def test_line_accuracy_ignores_blank_lines() -> None:
    lines = ["Menu", "", "Body text.", "  ", "Footer"]
    kept = [True, True, True, False, False]
    content = [False, False, True, True, False]
    assert line_accuracy(lines, kept, content) == pytest.approx(2 / 3)
    assert line_accuracy(["", " "], [True, False], [False, True]) is None


def test_line_accuracy_rejects_misaligned_input() -> None:
    with pytest.raises(ValueError):
        line_accuracy(["a", "b"], [True], [True, False])


def test_summary_line_accuracy_skips_pages_without_lines() -> None:
    summary = summarize([PageScore(1, 1, 1)] * 3, [1.0, None, 0.5])
    assert summary.line_accuracy == pytest.approx(0.75)


@given(st.text(alphabet="ab c.", max_size=60), st.text(alphabet="ab c.", max_size=60))
def test_scores_are_bounded_and_symmetric(a: str, b: str) -> None:
    forward, backward = score_text(a, b), score_text(b, a)
    assert 0.0 <= forward.precision <= 1.0 and 0.0 <= forward.recall <= 1.0
    assert forward.true_positives == backward.true_positives
    assert forward.precision == backward.recall
