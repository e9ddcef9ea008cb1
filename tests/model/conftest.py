"""Shared model test helpers."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from cleaner.model.trees import TreeEnsemble


@pytest.fixture
def stumps() -> Callable[..., TreeEnsemble]:
    """A builder of stump ensembles (see :func:`_stumps`)."""
    return _stumps


def _stumps(values: list[tuple[float, float]], **exit_options: float) -> TreeEnsemble:
    """Stumps on feature 0 at 0.5, one per (left value, right value), in one table."""
    n = len(values)
    return TreeEnsemble(
        feature=np.zeros(3 * n, dtype=np.int64),
        threshold=np.array([0.5, 0.0, 0.0] * n),
        left=np.array([k for t in range(n) for k in (3 * t + 1, 3 * t + 1, 3 * t + 2)]),
        right=np.array([k for t in range(n) for k in (3 * t + 2, 3 * t + 1, 3 * t + 2)]),
        value=np.array([v for left, right in values for v in (0.0, left, right)]),
        roots=np.arange(n) * 3, depth=1, baseline=0.0, **exit_options)  # type: ignore[arg-type]
