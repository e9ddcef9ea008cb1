"""Second-stage features built from first-stage probabilities."""

from __future__ import annotations

import numpy as np

from cleaner.features.stacking import STAGE2_NAMES, stage2_features


def col(X: np.ndarray, name: str) -> np.ndarray:
    return X[:, STAGE2_NAMES.index(name)]


def test_hard_lines_enter_as_dropped() -> None:
    p = np.array([0.9, 0.9, 0.9])
    X = stage2_features(p, np.log1p(np.array([20.0, 20.0, 20.0])), np.array([0.0, 1.0, 0.0]))
    assert col(X, "p").tolist() == [0.9, 0.0, 0.9]
    assert col(X, "p-1").tolist() == [0.0, 0.9, 0.0]


def test_span_covers_the_article_run() -> None:
    p = np.array([0.1, 0.9, 0.8, 0.3, 0.9, 0.1, 0.1])
    words = np.log1p(np.array([3.0, 40.0, 30.0, 4.0, 35.0, 5.0, 5.0]))
    X = stage2_features(p, words, np.zeros(7))
    assert col(X, "in_span").tolist() == [0, 1, 1, 1, 1, 0, 0]
    assert col(X, "dist_span")[0] > 0 and col(X, "dist_span")[2] == 0


def test_empty() -> None:
    assert stage2_features(np.zeros(0), np.zeros(0), np.zeros(0)).shape == (0, len(STAGE2_NAMES))


def test_a_line_is_placed_against_the_pages_best() -> None:
    # A short post (two lines near 0.4) under a menu: no line is sure, the post still leads.
    p = np.array([0.1, 0.4, 0.35, 0.05])
    words = np.array([2.0, 30.0, 20.0, 3.0])
    X = stage2_features(p, np.log1p(words), np.zeros(4))
    assert col(X, "page_max_p").tolist() == [0.4] * 4
    assert np.allclose(col(X, "p_of_max"), p / 0.4)
    assert np.allclose(col(X, "log_mass"), np.log1p(float((p * words).sum())))
    # Words on lines ranked above each line: 50 above the menu line, none above the best.
    assert col(X, "share_above").tolist() == [50 / 55, 0.0, 30 / 55, 52 / 55]
    assert np.allclose(col(X, "log_words_above"), np.log1p([50.0, 0.0, 30.0, 52.0]))
