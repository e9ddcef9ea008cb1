"""Logistic regressions at run time, numpy only: a binary one and a multinomial one.

Both standardise their input with the training data's mean and scale, so the
coefficients in a model file are comparable across features; at run time the
standardisation is folded into the weights.

>>> import numpy as np
>>> stage = LinearStage(np.zeros(2), np.ones(2), np.array([1.0, -1.0]), 0.0)
>>> stage.proba(np.array([[2.0, 0.0], [0.0, 2.0]])).round(3).tolist()
[0.881, 0.119]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


def _standard(data: dict[str, Any], width: int) -> tuple[np.ndarray, np.ndarray]:
    mean, scale = (np.asarray(data[k], dtype=float) for k in ("mean", "scale"))
    if mean.shape != (width,) or scale.shape != (width,):
        raise ValueError(f"mean and scale must have {width} values")
    return mean, _nonzero(scale)


def _nonzero(scale: np.ndarray) -> np.ndarray:
    """A feature constant in training has scale 0; it is left unscaled."""
    return np.where(scale == 0, 1.0, scale)


@dataclass(frozen=True)
class LinearStage:
    """A standardised logistic regression: ``sigmoid(((X - mean) / scale) @ coef + intercept)``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    _folded: tuple[np.ndarray, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The standardisation folded into the weights: one product per page, no copies of X.
        weights = self.coef / _nonzero(self.scale)
        object.__setattr__(self, "_folded", (weights, float(self.intercept - self.mean @ weights)))

    def proba(self, X: np.ndarray) -> np.ndarray:
        weights, bias = self._folded
        z = X @ weights + bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_dict(self) -> dict[str, Any]:
        return {"mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": float(self.intercept)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], width: int) -> LinearStage:
        mean, scale = _standard(data, width)
        coef = np.asarray(data["coef"], dtype=float)
        if coef.shape != (width,):
            raise ValueError(f"coef must have {width} values")
        return cls(mean, scale, coef, float(data["intercept"]))


@dataclass(frozen=True)
class SoftmaxStage:
    """A standardised multinomial logistic regression over named ``classes``.

    >>> s = SoftmaxStage(("a", "b"), np.zeros(1), np.ones(1), np.array([[1.0], [-1.0]]), np.zeros(2))
    >>> s.predict(np.array([[3.0], [-3.0]]))
    ['a', 'b']
    """

    classes: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    _folded: tuple[np.ndarray, np.ndarray] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weights = (self.coef / _nonzero(self.scale)).T
        object.__setattr__(self, "_folded", (weights, self.intercept - self.mean @ weights))

    def logits(self, X: np.ndarray) -> np.ndarray:
        """One row per line, one column per class: the scores the softmax normalises."""
        weights, bias = self._folded
        return X @ weights + bias

    def proba(self, X: np.ndarray) -> np.ndarray:
        """One row per line, one column per class, each row summing to one."""
        z = self.logits(X)
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def predict(self, X: np.ndarray) -> list[str]:
        return [self.classes[k] for k in self.logits(X).argmax(axis=1)] if len(X) else []

    def to_dict(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept.tolist()}

    @classmethod
    def from_dict(cls, data: dict[str, Any], width: int) -> SoftmaxStage:
        classes = tuple(str(c) for c in data["classes"])
        mean, scale = _standard(data, width)
        coef = np.asarray(data["coef"], dtype=float)
        intercept = np.asarray(data["intercept"], dtype=float)
        if coef.shape != (len(classes), width) or intercept.shape != (len(classes),):
            raise ValueError(f"coef must be {len(classes)} x {width}, intercept {len(classes)} values")
        return cls(classes, mean, scale, coef, intercept)
