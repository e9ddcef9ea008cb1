"""A gradient-boosted tree ensemble's runtime, numpy only and vectorised over trees.

Every tree is stored in one flat node table (feature, threshold, left, right,
value; a leaf points to itself). At load time the table is renumbered so that
a node's children are adjacent; walking all trees for all lines at once is
then ``depth`` rounds of array indexing, with no Python loop over trees or lines.
A line goes left where its feature is at most the node's threshold, as in
scikit-learn's histogram gradient boosting, which trains these trees.

Boosted trees are a sum, and the first trees carry most of it: with
``exit_after`` set, all lines are walked through the first ``exit_after``
trees, and only the lines whose log-odds still lie within ``exit_beyond`` of
zero go through the rest. A line the first trees already call near-certain
chrome or content keeps their estimate; on a news page that is most lines, and
the walk costs about half as much.

>>> t = TreeEnsemble(feature=np.array([0, 0, 0]), threshold=np.array([0.5, 0.0, 0.0]),
...                  left=np.array([1, 1, 2]), right=np.array([2, 1, 2]),
...                  value=np.array([0.0, -2.0, 2.0]), roots=np.array([0]), depth=1, baseline=0.0)
>>> t.proba(np.array([[0.2], [0.9]])).round(3).tolist()
[0.119, 0.881]
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np

_FIELDS = ("feature", "threshold", "left", "right", "value", "roots")
#: Rows walked at once. The walk holds a few (rows x trees) index arrays; in
#: blocks of this many rows a page of a million lines needs megabytes, not gigabytes.
WALK_ROWS = 4096


@dataclass(frozen=True)
class TreeEnsemble:
    """Trees summed into a log-odds: ``sigmoid(baseline + sum of each tree's leaf value)``.

    ``exit_after`` (0: never) and ``exit_beyond`` (a log-odds magnitude) set the
    early exit described in the module docstring.
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int
    baseline: float
    exit_after: int = 0
    exit_beyond: float = float("inf")
    _walk: _WalkTable = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_walk", _WalkTable.of(self))

    def raw(self, X: np.ndarray) -> np.ndarray:
        """The log-odds of each row of ``X`` (for rows that exit early, the first trees')."""
        if len(X) > WALK_ROWS:
            return np.concatenate([self.raw(X[k:k + WALK_ROWS]) for k in range(0, len(X), WALK_ROWS)])
        w = self._walk
        n, width = X.shape
        X = np.ascontiguousarray(X)
        flat = X.ravel()
        row_start = (np.arange(n) * width)[:, None]
        if not 0 < self.exit_after < len(w.roots):
            return self.baseline + self._sum(X, flat, row_start, w.roots)
        out = self.baseline + self._sum(X, flat, row_start, w.roots[: self.exit_after])
        open_rows = np.flatnonzero(np.abs(out) < self.exit_beyond)
        if len(open_rows):
            out[open_rows] += self._sum(X[open_rows], flat, row_start[open_rows],
                                        w.roots[self.exit_after:])
        return out

    def _sum(self, X: np.ndarray, flat: np.ndarray, row_start: np.ndarray,
             roots: np.ndarray) -> np.ndarray:
        """The leaf values of the trees starting at ``roots``, summed per row of ``X``."""
        w = self._walk
        # Every tree's root tests one column: a plain column lookup for the first step.
        node = w.first[roots] + (X[:, w.feature[roots]] > w.threshold[roots])
        # Indices are in range by construction, and take() without bounds checks
        # (mode="clip") is the walk's cheapest gather.
        for _ in range(self.depth - 1):
            node = w.first.take(node, mode="clip") + (
                flat.take(row_start + w.feature.take(node, mode="clip"), mode="clip")
                > w.threshold.take(node, mode="clip"))
        return w.value.take(node, mode="clip").sum(axis=1)

    def proba(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(self.raw(X), -30, 30)))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name).tolist() for name in _FIELDS}
        return dict(data, depth=self.depth, baseline=self.baseline, exit_after=self.exit_after,
                    exit_beyond=self.exit_beyond if np.isfinite(self.exit_beyond) else None)

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
        exit_beyond = data.get("exit_beyond")
        return cls(ints["feature"], floats["threshold"], ints["left"], ints["right"], floats["value"],
                   ints["roots"], int(data["depth"]), float(data["baseline"]),
                   int(data.get("exit_after", 0)),
                   float("inf") if exit_beyond is None else float(exit_beyond))


@dataclass(frozen=True)
class _WalkTable:
    """The node table renumbered for walking: a node's two children are adjacent.

    A step is then ``first[node] + (x > threshold[node])``. A leaf is its own
    first child with an infinite threshold, so lines that reached a leaf stay.
    """

    first: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    value: np.ndarray
    roots: np.ndarray

    @classmethod
    def of(cls, trees: TreeEnsemble) -> _WalkTable:
        n = len(trees.value)
        leaf = trees.left == np.arange(n)
        order: list[int] = []
        new_index = np.zeros(n, dtype=np.int64)
        roots = []
        seen = np.zeros(n, dtype=bool)
        for root in trees.roots.tolist():
            if seen[root]:
                raise ValueError("tree nodes must form trees (a node is reached twice)")
            seen[root] = True
            roots.append(len(order))
            new_index[root] = len(order)
            order.append(root)
            queue = deque([root])
            while queue:
                node = queue.popleft()
                if leaf[node]:
                    continue
                for child in (int(trees.left[node]), int(trees.right[node])):
                    if seen[child]:
                        raise ValueError("tree nodes must form trees (a node is reached twice)")
                    seen[child] = True
                    new_index[child] = len(order)
                    order.append(child)
                    queue.append(child)
        old = np.asarray(order, dtype=np.int64)
        is_leaf = leaf[old]
        return cls(np.where(is_leaf, np.arange(len(old)), new_index[trees.left[old]]),
                   np.where(is_leaf, 0, trees.feature[old]),
                   np.where(is_leaf, np.inf, trees.threshold[old]),
                   trees.value[old], np.asarray(roots, dtype=np.int64))
