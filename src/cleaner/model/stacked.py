"""The shipped model's runtime: a stacked line classifier, numpy only.

Stage one scores each non-blank line from its features
(:mod:`cleaner.features.matrix`) with a logistic regression. Stage two rescores
it from stage one's probabilities across the page
(:mod:`cleaner.features.stacking`) together with the line's own features,
with gradient-boosted trees (:mod:`cleaner.model.trees`) or a second logistic
regression. The line features include the evidence of the line's words,
from the model's lexicon (:mod:`cleaner.features.lexicon`). An optional third
part names the kind of chrome a dropped line is (comments, related links,
other) where the training data carried such classes; an optional fourth tells
reader comments from the article among the lines below a thread's header:
``clean(text)`` leaves out the lines it takes for comments (``comments=True``
keeps them).

A model file is JSON: the feature names (checked against the code's, so a
stale file fails loudly), the lexicon (words and weights), each stage's type
and parameters, the best fixed threshold, and how the model was trained.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from cleaner.features.lexicon import Lexicon
from cleaner.features.matrix import FEATURE_NAMES, line_features
from cleaner.features.stacking import STAGE2_NAMES, stage2_features
from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.model.base import Scores
from cleaner.model.linear import LinearStage, SoftmaxStage
from cleaner.model.trees import TreeEnsemble
from cleaner.rules.engine import RuleHits

MODEL_FORMAT = "cleaner-stacked"
MODEL_VERSION = 3
#: Stage two reads the context features followed by the line's own features.
STAGE2_INPUT = STAGE2_NAMES + FEATURE_NAMES
#: The comments head reads stage two's input and stage two's probability.
COMMENTS_INPUT = STAGE2_INPUT + ("p2",)
_HARD = FEATURE_NAMES.index("hard")
_LOG_WORDS = FEATURE_NAMES.index("log_words")
_RULE_COMMENTS = STAGE2_INPUT.index("rule_comments")
_X2_LOG_WORDS = STAGE2_INPUT.index("log_words")
#: Whether a line is a comment matters only if it is kept, and a line stage two
#: scores below this is dropped at any threshold a user would pick: the head
#: skips it (five in six of the lines below a thread's header, on typical news pages).
COMMENTS_FLOOR = 0.02
#: A thread's header has at least this many words of article above it: about a
#: paragraph. Chosen on the train split, where 10 to 35 words did as well.
THREAD_ARTICLE_WORDS = 25


class Stage(Protocol):
    """A fitted stage: probabilities for a matrix, and its parameters as JSON data."""

    def proba(self, X: np.ndarray) -> np.ndarray: ...

    def to_dict(self) -> dict[str, Any]: ...


#: Stage-two types a model file may name, and how each is read.
STAGE_TYPES: dict[str, Any] = {"logistic": LinearStage, "trees": TreeEnsemble}


def stage2_input(X: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """Stage two's matrix from the line features ``X`` and stage one's probabilities ``p1``."""
    return np.hstack([stage2_features(p1, X[:, _LOG_WORDS], X[:, _HARD]), X])


def comments_input(X2: np.ndarray, p2: np.ndarray) -> np.ndarray:
    """The comments head's matrix from stage two's input ``X2`` and probabilities ``p2``."""
    return np.hstack([X2, p2[:, None]])


def below_comments_header(X2: np.ndarray, p2: np.ndarray) -> np.ndarray:
    """Which rows of stage two's input ``X2`` lie below the thread's header.

    Reader comments follow the article under a comments header ("12 Comments",
    "Leave a reply"): the first line a comments rule named with at least
    ``THREAD_ARTICLE_WORDS`` words above it on lines stage two (probabilities
    ``p2``) takes for content at even odds or more (a "12 Comments" link by
    the headline opens no thread). The comments head reads only the lines
    below it, so a story told in dialogue is not taken for a thread, and most
    pages cost nothing (the probes that chose this gate:
    ``benchmarks/RESULTS.md``, "Reader comments").
    """
    words = np.expm1(X2[:, _X2_LOG_WORDS])
    prose = np.where(p2 >= 0.5, words, 0.0)
    above = np.cumsum(prose) - prose
    header = (X2[:, _RULE_COMMENTS] > 0) & (above >= THREAD_ARTICLE_WORDS)
    if not header.any():
        return np.zeros(len(X2), dtype=bool)
    return np.arange(len(X2)) > int(np.argmax(header))


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
    >>> scores.content[0] < 0.5 < min(scores.content[1:3])
    True
    """

    learned = True

    def __init__(self, stage1: LinearStage, stage2: Stage, kinds: SoftmaxStage | None = None,
                 name: str = "model", info: dict[str, Any] | None = None,
                 threshold: float = 0.5, comments: Stage | None = None,
                 lexicon: Lexicon | None = None) -> None:
        self.stage1 = stage1
        self.stage2 = stage2
        self.kinds = kinds
        self.comments = comments
        self.name = name
        self.info = info or {}
        self.threshold = threshold
        self.lexicon = lexicon or Lexicon({})

    def score(self, doc: Document, hits: RuleHits) -> Scores:
        rows, X = line_features(doc, hits, self.lexicon)
        out = np.zeros(len(doc))
        kinds: list[Label | None] = []
        comments: list[float] = []
        if len(rows):
            X2 = stage2_input(X, self.stage1.proba(X))
            p2 = self.stage2.proba(X2)
            out[rows] = p2
            if self.kinds is not None:
                labels = np.array([Label(kind) for kind in self.kinds.classes], dtype=object)
                named = np.full(len(doc), None, dtype=object)
                named[rows] = labels[self.kinds.logits(X2).argmax(axis=1)]
                kinds = named.tolist()
            if self.comments is not None:
                below = below_comments_header(X2, p2) & (p2 >= COMMENTS_FLOOR)
                thread = np.zeros(len(doc))
                if below.any():
                    thread[np.asarray(rows)[below]] = self.comments.proba(
                        comments_input(X2[below], p2[below]))
                comments = thread.tolist()
        return Scores(out.tolist(), kinds, comments)

    def to_dict(self) -> dict[str, Any]:
        return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "name": self.name,
                "features": list(FEATURE_NAMES), "stage2_features": list(STAGE2_NAMES),
                "lexicon": self.lexicon.to_dict(),
                "stage1": self.stage1.to_dict(),
                "stage2": _typed(self.stage2),
                "kinds": None if self.kinds is None else self.kinds.to_dict(),
                "comments": None if self.comments is None else _typed(self.comments),
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
            kinds = data.get("kinds")
            comments = data.get("comments")
            return cls(LinearStage.from_dict(data["stage1"], len(FEATURE_NAMES)),
                       _read_typed(data["stage2"], len(STAGE2_INPUT)),
                       None if kinds is None else _kinds(SoftmaxStage.from_dict(kinds, len(STAGE2_INPUT))),
                       str(data.get("name", Path(source).stem)), data.get("info", {}),
                       float(data.get("threshold", 0.5)),
                       None if comments is None else _read_typed(comments, len(COMMENTS_INPUT)),
                       Lexicon.from_dict(data["lexicon"]))
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


def _typed(stage: Stage) -> dict[str, Any]:
    """A stage's parameters with the name of its type."""
    kind = next(name for name, cls in STAGE_TYPES.items() if isinstance(stage, cls))
    return dict(stage.to_dict(), type=kind)


def _read_typed(data: dict[str, Any], width: int) -> Stage:
    """The stage :func:`_typed` wrote, reading ``width`` input columns."""
    stage: Stage = STAGE_TYPES[data.get("type", "")].from_dict(data, width)
    return stage


def _kinds(head: SoftmaxStage) -> SoftmaxStage:
    """The kinds head, once its classes are known to be labels."""
    for kind in head.classes:
        Label(kind)
    return head
