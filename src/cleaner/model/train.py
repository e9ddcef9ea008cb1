"""Training the stacked line classifier from the labelled corpus (needs scikit-learn).

Reproducible: a fixed seed, pages in corpus order, folds by site; the same
corpus gives the same weights. Lines a hard rule decides are left out of the
fit (the model never decides them) but stay in every line's context.

Stage one is fit on the train split. Stage two is fit on stage one's
*out-of-fold* probabilities (five folds by site), so it learns how far to trust
stage one on pages stage one has not seen, as it will be used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cleaner.bench.page import Page
from cleaner.features.matrix import FEATURE_NAMES, line_features
from cleaner.features.stacking import stage2_features
from cleaner.lines import Document, normalise
from cleaner.model.linear import LinearStage, StackedModel
from cleaner.rules.engine import RuleSet

SEED = 13
FOLDS = 5
#: Inverse regularisation of both stages, and the cap on a line's weight in the
#: fit: lines count by their words (the metric counts tokens) up to this many.
C = 1.0
MAX_LINE_WEIGHT = 60.0
MAX_ITER = 2000


@dataclass
class PageMatrix:
    """One page's training rows: features, truth and weights of its non-blank lines."""

    site: str
    X: np.ndarray
    y: np.ndarray
    weight: np.ndarray
    hard: np.ndarray
    log_words: np.ndarray


def page_document(page: Page) -> Document:
    """The page's lines as a Document, one line per corpus line (no re-splitting)."""
    return Document(tuple(page.lines), tuple(normalise(line) for line in page.lines))


def page_matrix(page: Page, ruleset: RuleSet) -> PageMatrix:
    doc = page_document(page)
    hits = ruleset.apply(doc)
    rows, X = line_features(doc, hits)
    log_words = X[:, FEATURE_NAMES.index("log_words")] if len(rows) else np.zeros(0)
    hard = X[:, FEATURE_NAMES.index("hard")] if len(rows) else np.zeros(0)
    y = np.asarray([page.content[i] for i in rows], dtype=float)
    weight = np.minimum(np.expm1(log_words), MAX_LINE_WEIGHT) + 1.0
    return PageMatrix(page.site, X, y, weight, hard, log_words)


def _fit(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> LinearStage:
    from sklearn.linear_model import LogisticRegression

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=C, max_iter=MAX_ITER, random_state=SEED)
    clf.fit((X - mean) / scale, y, sample_weight=w)
    return LinearStage(mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]))


def _stack(pages: Sequence[PageMatrix], select: str) -> tuple[np.ndarray, ...]:
    keep = [p.hard == 0 for p in pages]
    X = np.vstack([p.X[k] for p, k in zip(pages, keep)])
    y = np.concatenate([p.y[k] for p, k in zip(pages, keep)])
    w = np.concatenate([p.weight[k] for p, k in zip(pages, keep)])
    return X, y, w


def _fold_of(site: str) -> int:
    return int(hashlib.sha1(f"{SEED}:{site}".encode()).hexdigest(), 16) % FOLDS


def train(pages: Sequence[Page], ruleset: RuleSet, info: dict | None = None,
          log=print) -> StackedModel:
    """Fit both stages on ``pages`` (the train split)."""
    matrices = [m for m in (page_matrix(p, ruleset) for p in pages) if len(m.y)]
    log(f"train: {len(matrices)} pages, {sum(len(m.y) for m in matrices)} lines, "
        f"{len(FEATURE_NAMES)} features")
    stage1 = _fit(*_stack(matrices, "stage1"))
    oof: list[np.ndarray] = [np.zeros(0)] * len(matrices)
    folds = [_fold_of(m.site) for m in matrices]
    for fold in range(FOLDS):
        inside = [m for m, f in zip(matrices, folds) if f != fold]
        model = _fit(*_stack(inside, "stage1"))
        for n, (m, f) in enumerate(zip(matrices, folds)):
            if f == fold:
                oof[n] = model.proba(m.X)
    X2 = [stage2_features(p1, m.log_words, m.hard) for p1, m in zip(oof, matrices)]
    keep = [m.hard == 0 for m in matrices]
    stage2 = _fit(np.vstack([x[k] for x, k in zip(X2, keep)]),
                  np.concatenate([m.y[k] for m, k in zip(matrices, keep)]),
                  np.concatenate([m.weight[k] for m, k in zip(matrices, keep)]))
    return StackedModel(stage1, stage2, name="stacked-logistic", info=info or {})
