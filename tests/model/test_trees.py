"""The tree runtime: the same probabilities as the library that trained the trees."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pytest

from cleaner.model.trees import TreeEnsemble


def test_matches_scikit_learn_on_random_data() -> None:
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier

    from cleaner.model.train import trees_from_sklearn

    rng = np.random.default_rng(0)
    X = rng.random((3000, 5))
    y = ((X[:, 0] + X[:, 1] * X[:, 2] + 0.3 * rng.random(3000)) > 0.8).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=30, max_depth=5, random_state=0).fit(X, y)
    trees = trees_from_sklearn(clf)
    assert np.allclose(trees.proba(X), clf.predict_proba(X)[:, 1], atol=1e-9)
    back = TreeEnsemble.from_dict(trees.to_dict(), 5)
    assert np.array_equal(back.proba(X), trees.proba(X))


def test_no_rows_and_bad_tables() -> None:
    stump = TreeEnsemble(np.array([1, 0, 0]), np.array([0.0, 0.0, 0.0]), np.array([1, 1, 2]),
                         np.array([2, 1, 2]), np.array([0.0, -1.0, 1.0]), np.array([0]), 1, 0.5)
    assert stump.proba(np.zeros((0, 2))).shape == (0,)
    assert stump.raw(np.array([[9.0, -1.0], [0.0, 1.0]])).tolist() == [-0.5, 1.5]
    data = stump.to_dict()
    with pytest.raises(ValueError, match="feature"):
        TreeEnsemble.from_dict(data, 1)
    with pytest.raises(ValueError, match="range"):
        TreeEnsemble.from_dict(dict(data, left=[1, 1, 7]), 2)
    with pytest.raises(ValueError, match="length"):
        TreeEnsemble.from_dict(dict(data, value=[0.0]), 2)
    # A child pointing back at the root would loop forever; it is refused.
    with pytest.raises(ValueError, match="reached twice"):
        TreeEnsemble.from_dict(dict(data, right=[0, 1, 2]), 2)


def test_early_exit_keeps_the_first_trees_estimate_only_beyond_the_bound(
        stumps: Callable[..., TreeEnsemble]) -> None:
    X = np.array([[0.2], [0.9]])
    assert stumps([(-4.0, 0.1), (1.0, 1.0)]).raw(X).tolist() == [-3.0, 1.1]
    early = stumps([(-4.0, 0.1), (1.0, 1.0)], exit_after=1, exit_beyond=3.0)
    # The first row is at -4 after one tree, beyond 3: it exits there; the second walks on.
    assert early.raw(X).tolist() == [-4.0, 1.1]
    back = TreeEnsemble.from_dict(json.loads(json.dumps(early.to_dict())), 1)
    assert (back.exit_after, back.exit_beyond) == (1, 3.0)
    assert back.raw(X).tolist() == [-4.0, 1.1]
    # Without a bound (the default, also in files that predate it), every tree counts.
    old = stumps([(-4.0, 0.1), (1.0, 1.0)]).to_dict()
    del old["exit_after"], old["exit_beyond"]
    assert TreeEnsemble.from_dict(old, 1).raw(X).tolist() == [-3.0, 1.1]


def test_many_rows_are_walked_in_blocks_with_the_same_result(
        stumps: Callable[..., TreeEnsemble]) -> None:
    from cleaner.model import trees as module

    rng = np.random.default_rng(1)
    X = rng.random((3 * module.WALK_ROWS + 5, 1))
    ensemble = stumps([(-4.0, 0.1), (1.0, 1.0)], exit_after=1, exit_beyond=3.0)
    expected = np.where(X[:, 0] <= 0.5, -4.0, 1.1)
    assert np.array_equal(ensemble.raw(X), expected)
