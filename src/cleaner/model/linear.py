"""The shipped model's runtime: two stacked logistic regressions, numpy only.

Stage one scores each non-blank line from :mod:`cleaner.features.matrix`;
stage two rescores it from stage one's probabilities across the page
(:mod:`cleaner.features.stacking`). A model file is JSON: feature names (checked
against the code's, so a stale file fails loudly), per-feature mean and scale,
coefficients and intercept of each stage, and how the model was trained.

>>> import numpy as np
>>> stage = LinearStage(np.zeros(2), np.ones(2), np.array([1.0, -1.0]), 0.0)
>>> stage.proba(np.array([[2.0, 0.0], [0.0, 2.0]])).round(3).tolist()
[0.881, 0.119]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.features.matrix import FEATURE_NAMES, line_features
from cleaner.features.stacking import STAGE2_NAMES, stage2_features
from cleaner.lines import Document
from cleaner.rules.engine import RuleHits

MODEL_FORMAT = "cleaner-stacked-logistic"
MODEL_VERSION = 1


@dataclass(frozen=True)
class LinearStage:
    """A standardised logistic regression: ``sigmoid(((X - mean) / scale) @ coef + intercept)``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def proba(self, X: np.ndarray) -> np.ndarray:
        z = ((X - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_dict(self) -> dict[str, Any]:
        return {"mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": float(self.intercept)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], width: int) -> LinearStage:
        arrays = [np.asarray(data[k], dtype=float) for k in ("mean", "scale", "coef")]
        if any(a.shape != (width,) for a in arrays):
            raise ValueError(f"stage arrays must have {width} values")
        return cls(arrays[0], np.where(arrays[1] == 0, 1.0, arrays[1]), arrays[2],
                   float(data["intercept"]))


class StackedModel:
    """A trained two-stage line classifier; a :class:`cleaner.model.LineScorer`."""

    learned = True

    def __init__(self, stage1: LinearStage, stage2: LinearStage, name: str = "model",
                 info: dict[str, Any] | None = None, threshold: float = 0.5) -> None:
        self.stage1 = stage1
        self.stage2 = stage2
        self.name = name
        self.info = info or {}
        self.threshold = threshold

    def score(self, doc: Document, hits: RuleHits) -> Sequence[float]:
        rows, X = line_features(doc, hits)
        out = np.zeros(len(doc))
        if len(rows):
            hard = X[:, FEATURE_NAMES.index("hard")]
            log_words = X[:, FEATURE_NAMES.index("log_words")]
            p1 = self.stage1.proba(X)
            out[rows] = self.stage2.proba(stage2_features(p1, log_words, hard))
        return out.tolist()

    def to_dict(self) -> dict[str, Any]:
        return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "name": self.name,
                "features": list(FEATURE_NAMES), "stage1": self.stage1.to_dict(),
                "stage2_features": list(STAGE2_NAMES), "stage2": self.stage2.to_dict(),
                "threshold": self.threshold, "info": self.info}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "model") -> StackedModel:
        if data.get("format") != MODEL_FORMAT or data.get("version") != MODEL_VERSION:
            raise ValueError(f"{source}: not a {MODEL_FORMAT} v{MODEL_VERSION} model file")
        if tuple(data.get("features", ())) != FEATURE_NAMES \
                or tuple(data.get("stage2_features", ())) != STAGE2_NAMES:
            raise ValueError(f"{source}: the model was trained on other features than this "
                             "version computes; retrain it with 'cleaner train'")
        try:
            return cls(LinearStage.from_dict(data["stage1"], len(FEATURE_NAMES)),
                       LinearStage.from_dict(data["stage2"], len(STAGE2_NAMES)),
                       str(data.get("name", Path(source).stem)), data.get("info", {}),
                       float(data.get("threshold", 0.5)))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{source}: invalid model file ({exc})") from None

    @classmethod
    def load(cls, path: Path) -> StackedModel:
        """Read a model file; raises ValueError with a one-line message when it cannot."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"{path}: cannot read the model file ({exc.strerror or exc})") from None
        except ValueError as exc:
            raise ValueError(f"{path}: the model file is not JSON ({exc})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path}: not a model file")
        return cls.from_dict(data, str(path))
