"""The shipped model's runtime: a stacked line classifier, numpy only.

Stage one scores each non-blank line from its features
(:mod:`cleaner.features.matrix`) with a logistic regression. Stage two rescores
it from stage one's probabilities across the page
(:mod:`cleaner.features.stacking`) together with the line's own features,
with gradient-boosted trees (:mod:`cleaner.model.trees`) or a second logistic
regression. An optional third part names the kind of chrome a dropped line is
(comments, related links, other) where the training data carried such classes.

A model file is JSON: the feature names (checked against the code's, so a
stale file fails loudly), each stage's type and parameters, the default
threshold, and how the model was trained.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from cleaner.features.matrix import FEATURE_NAMES, line_features
from cleaner.features.stacking import STAGE2_NAMES, stage2_features
from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.model.base import Scores
from cleaner.model.linear import LinearStage, SoftmaxStage
from cleaner.model.trees import TreeEnsemble
from cleaner.rules.engine import RuleHits

MODEL_FORMAT = "cleaner-stacked"
MODEL_VERSION = 2
#: Stage two reads the context features followed by the line's own features.
STAGE2_INPUT = STAGE2_NAMES + FEATURE_NAMES
_HARD = FEATURE_NAMES.index("hard")
_LOG_WORDS = FEATURE_NAMES.index("log_words")


class Stage(Protocol):
    """A fitted stage: probabilities for a matrix, and its parameters as JSON data."""

    def proba(self, X: np.ndarray) -> np.ndarray: ...

    def to_dict(self) -> dict[str, Any]: ...


#: Stage-two types a model file may name, and how each is read.
STAGE_TYPES: dict[str, Any] = {"logistic": LinearStage, "trees": TreeEnsemble}


def stage2_input(X: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """Stage two's matrix from the line features ``X`` and stage one's probabilities ``p1``."""
    return np.hstack([stage2_features(p1, X[:, _LOG_WORDS], X[:, _HARD]), X])


class StackedModel:
    """A trained stacked line classifier; a :class:`cleaner.model.LineScorer`.

    >>> model = StackedModel.load(Path(__file__).parent / "weights" / "default.json")
    >>> from cleaner.rules.engine import RuleSet
    >>> doc = Document.from_text(
    ...     "Share on Facebook\\n"
    ...     "The council voted on Monday to close the old bridge to traffic, after engineers found cracks.\\n"
    ...     "Repairs are expected to take at least a year, and a ferry will run in the meantime.\\n"
    ...     "Read more")
    >>> scores = model.score(doc, RuleSet.load().apply(doc))
    >>> [round(s) for s in scores.content]
    [0, 1, 1, 0]
    """

    learned = True

    def __init__(self, stage1: LinearStage, stage2: Stage, kinds: SoftmaxStage | None = None,
                 name: str = "model", info: dict[str, Any] | None = None,
                 threshold: float = 0.5) -> None:
        self.stage1 = stage1
        self.stage2 = stage2
        self.kinds = kinds
        self.name = name
        self.info = info or {}
        self.threshold = threshold

    def score(self, doc: Document, hits: RuleHits) -> Scores:
        rows, X = line_features(doc, hits)
        out = np.zeros(len(doc))
        kinds: list[Label | None] = []
        if len(rows):
            X2 = stage2_input(X, self.stage1.proba(X))
            out[rows] = self.stage2.proba(X2)
            if self.kinds is not None:
                labels = np.array([Label(kind) for kind in self.kinds.classes], dtype=object)
                named = np.full(len(doc), None, dtype=object)
                named[rows] = labels[self.kinds.logits(X2).argmax(axis=1)]
                kinds = named.tolist()
        return Scores(out.tolist(), kinds)

    def to_dict(self) -> dict[str, Any]:
        stage2_type = next(name for name, cls in STAGE_TYPES.items() if isinstance(self.stage2, cls))
        return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "name": self.name,
                "features": list(FEATURE_NAMES), "stage2_features": list(STAGE2_NAMES),
                "stage1": self.stage1.to_dict(),
                "stage2": dict(self.stage2.to_dict(), type=stage2_type),
                "kinds": None if self.kinds is None else self.kinds.to_dict(),
                "threshold": self.threshold, "info": self.info}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "model") -> StackedModel:
        if data.get("format") != MODEL_FORMAT or data.get("version") != MODEL_VERSION:
            raise ValueError(f"{source}: not a {MODEL_FORMAT} v{MODEL_VERSION} model file")
        if tuple(data.get("features", ())) != FEATURE_NAMES \
                or tuple(data.get("stage2_features", ())) != STAGE2_NAMES:
            raise ValueError(f"{source}: the model was trained on other features than this "
                             "version computes; retrain it with 'cleaner train'")
        try:
            stage2_type = STAGE_TYPES[data["stage2"].get("type", "")]
            kinds = data.get("kinds")
            return cls(LinearStage.from_dict(data["stage1"], len(FEATURE_NAMES)),
                       stage2_type.from_dict(data["stage2"], len(STAGE2_INPUT)),
                       None if kinds is None else _kinds(SoftmaxStage.from_dict(kinds, len(STAGE2_INPUT))),
                       str(data.get("name", Path(source).stem)), data.get("info", {}),
                       float(data.get("threshold", 0.5)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
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


def _kinds(head: SoftmaxStage) -> SoftmaxStage:
    """The kinds head, once its classes are known to be labels."""
    for kind in head.classes:
        Label(kind)
    return head
