"""The logistic stages: probabilities, bounds and reading them back."""

from __future__ import annotations

import numpy as np
import pytest

from cleaner.model.linear import LinearStage, SoftmaxStage


def test_probabilities_are_bounded_on_extreme_inputs() -> None:
    stage = LinearStage(np.zeros(1), np.ones(1), np.array([1e6]), 0.0)
    p = stage.proba(np.array([[1e9], [-1e9], [0.0]]))
    assert p[0] <= 1.0 and p[1] >= 0.0 and p[2] == 0.5


def test_softmax_rows_sum_to_one_and_survive_extremes() -> None:
    s = SoftmaxStage(("a", "b", "c"), np.zeros(2), np.ones(2),
                     np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]), np.zeros(3))
    p = s.proba(np.array([[1e6, 0.0], [0.0, 1e6], [-5.0, -5.0]]))
    assert np.allclose(p.sum(axis=1), 1.0) and not np.isnan(p).any()
    assert s.predict(np.array([[1e6, 0.0], [0.0, 1e6], [-5.0, -5.0]])) == ["a", "b", "c"]
    assert s.predict(np.zeros((0, 2))) == []


def test_round_trip_and_shape_checks() -> None:
    s = SoftmaxStage(("x", "y"), np.zeros(3), np.ones(3), np.arange(6.0).reshape(2, 3), np.ones(2))
    back = SoftmaxStage.from_dict(s.to_dict(), 3)
    assert back.classes == s.classes and np.array_equal(back.coef, s.coef)
    with pytest.raises(ValueError):
        SoftmaxStage.from_dict(s.to_dict(), 4)
    stage = LinearStage(np.zeros(2), np.array([0.0, 2.0]), np.ones(2), 0.5)
    assert LinearStage.from_dict(stage.to_dict(), 2).scale.tolist() == [1.0, 2.0]
    with pytest.raises(ValueError):
        LinearStage.from_dict(stage.to_dict(), 3)
