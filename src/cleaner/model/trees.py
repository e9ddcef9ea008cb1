"""A gradient-boosted tree ensemble's runtime, numpy only and vectorised over trees.

Every tree is stored in one flat node table (feature, threshold, left, right,
value); a leaf points to itself, so walking all trees for all lines at once is
``depth`` rounds of array indexing, with no Python loop over trees or lines.
A line goes left where its feature is at most the node's threshold, as in
scikit-learn's histogram gradient boosting, which trains these trees.

>>> t = TreeEnsemble(feature=np.array([0, 0, 0]), threshold=np.array([0.5, 0.0, 0.0]),
...                  left=np.array([1, 1, 2]), right=np.array([2, 1, 2]),
...                  value=np.array([0.0, -2.0, 2.0]), roots=np.array([0]), depth=1, baseline=0.0)
>>> t.proba(np.array([[0.2], [0.9]])).round(3).tolist()
[0.119, 0.881]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

_FIELDS = ("feature", "threshold", "left", "right", "value", "roots")


@dataclass(frozen=True)
class TreeEnsemble:
    """Trees summed into a log-odds: ``sigmoid(baseline + sum of each tree's leaf value)``."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int
    baseline: float
    _children: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Children interleaved, so one lookup at 2 * node + (x > threshold) takes a step.
        object.__setattr__(self, "_children", np.column_stack([self.left, self.right]).ravel())

    def raw(self, X: np.ndarray) -> np.ndarray:
        """The log-odds of each row of ``X``."""
        n, width = X.shape
        flat = np.ascontiguousarray(X).ravel()
        row_start = (np.arange(n) * width)[:, None]
        node = np.broadcast_to(self.roots, (n, len(self.roots)))
        for _ in range(self.depth):
            right = flat[row_start + self.feature[node]] > self.threshold[node]
            node = self._children[2 * node + right]
        return self.baseline + self.value[node].sum(axis=1)

    def proba(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(self.raw(X), -30, 30)))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name).tolist() for name in _FIELDS}
        return dict(data, depth=self.depth, baseline=self.baseline)

    @classmethod
    def from_dict(cls, data: dict[str, Any], width: int) -> TreeEnsemble:
        """Read the node table back, checking it is one the runtime can walk safely."""
        ints = {name: np.asarray(data[name], dtype=np.int64) for name in ("feature", "left", "right", "roots")}
        floats = {name: np.asarray(data[name], dtype=float) for name in ("threshold", "value")}
        n = len(floats["value"])
        if any(len(a) != n for a in (*floats.values(), ints["feature"], ints["left"], ints["right"])):
            raise ValueError("tree node arrays differ in length")
        if any(a.size and (a.min() < 0 or a.max() >= n) for a in (ints["left"], ints["right"], ints["roots"])):
            raise ValueError("tree node index out of range")
        if ints["feature"].size and (ints["feature"].min() < 0 or ints["feature"].max() >= width):
            raise ValueError(f"tree feature index outside the {width} features")
        return cls(ints["feature"], floats["threshold"], ints["left"], ints["right"], floats["value"],
                   ints["roots"], int(data["depth"]), float(data["baseline"]))
