"""Training the stacked line classifier from the labelled corpus (needs scikit-learn).

Reproducible: a fixed seed, pages in corpus order, folds by site; the same
corpus gives the same weights. Lines a hard rule decides are left out of the
fit (the model never decides them) but stay in every line's context.

Each train page is used three times: as scraped, with its chrome removed
(:func:`content_only`) and without blank lines (:func:`without_blanks`), the
copies at lower weight. Stage one is fit on the train split. Stage two is fit on stage one's
*out-of-fold* probabilities (five folds by site), so it learns how far to trust
stage one on pages stage one has not seen, as it will be used. The model's
default threshold is the one whose out-of-fold stage-two predictions give the
best page-averaged token F1 on the train split; the validation split is never
used to choose anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from cleaner.bench.page import Page
from cleaner.features.matrix import FEATURE_NAMES, line_features
from cleaner.features.stacking import stage2_features
from cleaner.lines import Document, normalise
from cleaner.model.linear import LinearStage, StackedModel
from cleaner.rules.engine import RuleSet

SEED = 13
#: Weight of a content-only copy relative to its scraped page: enough to teach
#: that clean text is content, little enough not to loosen precision on pages.
CONTENT_ONLY_WEIGHT = 0.25
#: Weight of a copy without blank lines: scrapers differ on blank lines between
#: paragraphs, and a model that only saw them leans on them.
NO_BLANKS_WEIGHT = 0.5
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


CONTENT_ONLY = "#content-only"
NO_BLANKS = "#no-blanks"
_VARIANT_WEIGHTS = {CONTENT_ONLY[1:]: CONTENT_ONLY_WEIGHT, NO_BLANKS[1:]: NO_BLANKS_WEIGHT}


def content_only(page: Page) -> Page:
    """The page with its chrome removed: already-clean text, all of it content.

    Pipelines also feed text that is clean already; without such pages the
    model learns that a page's last lines are footers and drops the last
    paragraph of a short clean text.
    """
    lines: list[str] = []
    for line, keep in zip(page.lines, page.content):
        if keep:
            lines.append(line)
        elif not normalise(line) and lines and lines[-1]:
            lines.append(line)
    lines = lines[:-1] if lines and not normalise(lines[-1]) else lines
    content = [bool(normalise(line)) for line in lines]
    return replace(page, page_id=page.page_id + CONTENT_ONLY, lines=lines,
                   labels=["body" if c else "blank" for c in content], content=content)


def without_blanks(page: Page) -> Page:
    """The page as a scraper that writes no blank lines between paragraphs sees it."""
    keep = [i for i, line in enumerate(page.lines) if normalise(line)]
    return replace(page, page_id=page.page_id + NO_BLANKS, lines=[page.lines[i] for i in keep],
                   labels=[page.labels[i] for i in keep], content=[page.content[i] for i in keep])


def page_document(page: Page) -> Document:
    """The page's lines as a Document, one line per corpus line (no re-splitting)."""
    return Document(tuple(page.lines), tuple(normalise(line) for line in page.lines))


def page_matrix(page: Page, ruleset: RuleSet, weight: float = 1.0) -> PageMatrix:
    doc = page_document(page)
    hits = ruleset.apply(doc)
    rows, X = line_features(doc, hits)
    log_words = X[:, FEATURE_NAMES.index("log_words")] if len(rows) else np.zeros(0)
    hard = X[:, FEATURE_NAMES.index("hard")] if len(rows) else np.zeros(0)
    y = np.asarray([page.content[i] for i in rows], dtype=float)
    line_weight = (np.minimum(np.expm1(log_words), MAX_LINE_WEIGHT) + 1.0) * weight
    return PageMatrix(page.site, X, y, line_weight, hard, log_words)


def _fit(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> LinearStage:
    from sklearn.linear_model import LogisticRegression

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=C, max_iter=MAX_ITER, random_state=SEED)
    clf.fit((X - mean) / scale, y, sample_weight=w)
    return LinearStage(mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]))


def _rows(Xs: Sequence[np.ndarray], matrices: Sequence[PageMatrix],
          which: Iterable[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, truth and weights of the lines the model decides, of pages ``which``."""
    which = list(which)
    keep = {n: matrices[n].hard == 0 for n in which}
    return (np.vstack([Xs[n][keep[n]] for n in which]),
            np.concatenate([matrices[n].y[keep[n]] for n in which]),
            np.concatenate([matrices[n].weight[keep[n]] for n in which]))


def _out_of_fold(Xs: Sequence[np.ndarray], matrices: Sequence[PageMatrix],
                 folds: Sequence[int]) -> list[np.ndarray]:
    """Each page's probabilities from a stage fit on the other folds' pages."""
    out: list[np.ndarray] = [np.zeros(0)] * len(Xs)
    for fold in range(FOLDS):
        stage = _fit(*_rows(Xs, matrices, [n for n, f in enumerate(folds) if f != fold]))
        for n, f in enumerate(folds):
            if f == fold:
                out[n] = stage.proba(Xs[n])
    return out


def _fold_of(site: str) -> int:
    return int(hashlib.sha1(f"{SEED}:{site}".encode()).hexdigest(), 16) % FOLDS


#: Thresholds tried for the model's default, on out-of-fold predictions.
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(11))


def train(pages: Sequence[Page], ruleset: RuleSet, info: dict | None = None,
          log=print) -> StackedModel:
    """Fit both stages on ``pages`` (the train split) and learn the default threshold."""
    pages = [p for p in pages if any(p.content)]
    pages = pages + [content_only(p) for p in pages] + [without_blanks(p) for p in pages]
    built = [(p, page_matrix(p, ruleset, _VARIANT_WEIGHTS.get(p.page_id.rpartition("#")[2], 1.0)))
             for p in pages]
    built = [(p, m) for p, m in built if len(m.y)]
    pages = [p for p, _ in built]
    matrices = [m for _, m in built]
    log(f"train: {len(matrices)} pages, {sum(len(m.y) for m in matrices)} lines, "
        f"{len(FEATURE_NAMES)} features")
    everything = range(len(matrices))
    folds = [_fold_of(m.site) for m in matrices]
    X1 = [m.X for m in matrices]
    stage1 = _fit(*_rows(X1, matrices, everything))
    oof = _out_of_fold(X1, matrices, folds)
    X2 = [stage2_features(p1, m.log_words, m.hard) for p1, m in zip(oof, matrices)]
    stage2 = _fit(*_rows(X2, matrices, everything))
    oof2 = _out_of_fold(X2, matrices, folds)
    scraped = [n for n, p in enumerate(pages) if "#" not in p.page_id]
    threshold, score = _best_threshold([pages[n] for n in scraped], [matrices[n] for n in scraped],
                                       [oof2[n] for n in scraped])
    log(f"threshold {threshold} (out-of-fold token F1 {score:.3f} on the train split)")
    info = dict(info or {}, threshold_oof_f1=round(score, 4))
    return StackedModel(stage1, stage2, name="stacked-logistic", info=info, threshold=threshold)


def _best_threshold(pages: Sequence[Page], matrices: Sequence[PageMatrix],
                    probs: Sequence[np.ndarray]) -> tuple[float, float]:
    """The threshold with the best page-averaged token F1 of out-of-fold predictions."""
    from cleaner.bench.metrics import f1, score_shingles, shingles
    from cleaner.output import assemble

    golds = [shingles(p.gold) for p in pages]
    best = (0.5, -1.0)
    for threshold in THRESHOLDS:
        precision, recall = [], []
        for page, m, p, gold in zip(pages, matrices, probs, golds):
            doc = page_document(page)
            rows = [i for i, line in enumerate(doc.norm) if line]
            kept = [False] * len(doc)
            for row, q, hard in zip(rows, p, m.hard):
                kept[row] = bool(q >= threshold and hard == 0)
            s = score_shingles(shingles(assemble(doc.lines, kept, [not n for n in doc.norm])), gold)
            precision.append(s.precision)
            recall.append(s.recall)
        score = f1(float(np.mean(precision)), float(np.mean(recall)))
        if score > best[1]:
            best = (threshold, score)
    return best
