"""Second-stage features: a line's first-stage probability and those around it.

This is the learned context step. The first stage scores each line from its own
and its neighbours' features; the second stage sees the first stage's
probabilities over the whole page (neighbours, windows, where the content mass
lies), so a short subheading between kept paragraphs can stay and a
well-formed item inside a block of dropped ones can go. Its weights are
learned like the first stage's, not hand-set as in jusText's context pass.

>>> p = np.array([0.9, 0.2, 0.9, 0.1])
>>> X = stage2_features(p, np.log1p(np.array([30.0, 3.0, 25.0, 40.0])), np.zeros(4))
>>> X.shape == (4, len(STAGE2_NAMES))
True
"""

from __future__ import annotations

import numpy as np

from cleaner.features.context import (
    best_span,
    columns,
    densest_run,
    shift,
    window_means,
)

OFFSETS = (-3, -2, -1, 1, 2, 3)
RADII = (2, 5, 10, 25)
DENSITY_RADIUS = 5
_EPS = 1e-6

STAGE2_NAMES: tuple[str, ...] = (
    ("logit", "p")
    + tuple(f"p{o:+d}" for o in OFFSETS)
    + tuple(f"pw{r}" for r in RADII)
    + ("p_max_before3", "p_max_after3", "mass_before", "mass_after", "density", "dist_peak",
       "page_mean_p", "log_words", "hard", "in_span", "dist_span", "span_share",
       "page_max_p", "p_of_max", "log_mass", "share_above", "log_words_above")
)


def stage2_features(p: np.ndarray, log_words: np.ndarray, hard: np.ndarray) -> np.ndarray:
    """The second-stage matrix from first-stage probabilities ``p`` over non-blank lines.

    Lines a hard rule decided enter with ``p = 0`` (they are dropped whatever
    the model says), as ``hard`` marks them.
    """
    p = np.where(hard > 0, 0.0, p)
    clipped = np.clip(p, _EPS, 1 - _EPS)
    logit = np.log(clipped / (1 - clipped))
    f = [logit, p]
    f += [shift(p, -o) for o in OFFSETS]
    f += window_means(p, RADII)
    before = np.maximum.reduce([shift(p, o) for o in (1, 2, 3)]) if len(p) else p
    after = np.maximum.reduce([shift(p, -o) for o in (1, 2, 3)]) if len(p) else p
    words = np.expm1(log_words)
    mass = p * words
    mass_sum = float(mass.sum())
    total = max(mass_sum, 1.0)
    cumulative = np.cumsum(mass) / total
    density, dist = densest_run(mass, DENSITY_RADIUS)
    page_mean = np.full(len(p), float(p.mean()) if len(p) else 0.0)
    m = len(p)
    start, end = best_span(logit * np.maximum(words, 1.0))
    index = np.arange(m)
    inside = ((index >= start) & (index < end)).astype(float)
    distance = np.maximum(start - index, 0) + np.maximum(index - end + 1, 0)
    f += [before, after, cumulative - mass / total, 1.0 - cumulative, density, dist, page_mean,
          log_words, hard, inside, distance / max(m, 1), np.full(m, (end - start) / max(m, 1))]
    f += _against_the_page(p, words, mass_sum)
    return columns(f) if len(p) else np.zeros((0, len(STAGE2_NAMES)))


def _against_the_page(p: np.ndarray, words: np.ndarray, mass: float) -> list[np.ndarray]:
    """Where a line stands among the page's lines, and how much content the page holds.

    A short post in a large blog template can have no line stage one is sure
    of; absolute probabilities then drop the post and keep whatever sidebar
    blurb scores highest. Relative to the page's best line, and counting the
    words of the lines ranked above it, the post's lines still stand out.
    """
    m = len(p)
    if m == 0:
        return [np.zeros(0)] * 5
    best = max(float(p.max()), _EPS)
    order = np.argsort(-p, kind="stable")
    above = np.empty(m)
    above[order] = np.cumsum(words[order]) - words[order]
    return [np.full(m, best), p / best, np.full(m, np.log1p(mass)),
            above / max(float(words.sum()), 1.0), np.log1p(above)]
