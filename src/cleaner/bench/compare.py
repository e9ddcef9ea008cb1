"""Two configurations on the same pages: per-metric differences with bootstrap intervals.

The interval resamples pages with replacement (a fixed seed, so a rerun prints
the same numbers) and recomputes each metric as the bench does, F1 from the
two resampled means; the 2.5th and 97.5th percentiles of B - A bound it.

>>> import numpy as np
>>> low, high = bootstrap_interval(np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.2, 0.3, 0.4, 0.5]))
>>> round(low, 3), round(high, 3)
(0.1, 0.1)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from cleaner.bench.page import Page
from cleaner.bench.runner import SystemRun

#: Bootstrap resamples of the pages.
RESAMPLES = 1000
#: Seed of the resampling, fixed so intervals are reproducible.
SEED = 0
#: Pages listed as changed most, each way.
TOP_CHANGED = 10


@dataclass(frozen=True)
class Difference:
    """B minus A on one metric, with its 95% bootstrap interval."""

    metric: str
    a: float
    b: float
    delta: float
    low: float
    high: float


@dataclass(frozen=True)
class ChangedPage:
    """A page whose F1 moved between the two configurations."""

    page_id: str
    dataset: str
    f1_a: float
    f1_b: float

    @property
    def delta(self) -> float:
        return self.f1_b - self.f1_a


@dataclass(frozen=True)
class Comparison:
    """Configuration B against configuration A on the same pages."""

    a: str
    b: str
    pages: int
    differences: tuple[Difference, ...]
    better: tuple[ChangedPage, ...]
    worse: tuple[ChangedPage, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "pages": self.pages,
                "differences": [asdict(d) for d in self.differences],
                "better": [{**asdict(p), "delta": p.delta} for p in self.better],
                "worse": [{**asdict(p), "delta": p.delta} for p in self.worse]}


def bootstrap_interval(a: np.ndarray, b: np.ndarray, resamples: int = RESAMPLES,
                       seed: int = SEED) -> tuple[float, float]:
    """95% interval of mean(b) - mean(a) over pages resampled with replacement."""
    idx = np.random.default_rng(seed).integers(0, len(a), size=(resamples, len(a)))
    deltas = b[idx].mean(axis=1) - a[idx].mean(axis=1)
    return float(np.percentile(deltas, 2.5)), float(np.percentile(deltas, 97.5))


def _f1_interval(pa: np.ndarray, ra: np.ndarray, pb: np.ndarray, rb: np.ndarray) -> tuple[float, float]:
    idx = np.random.default_rng(SEED).integers(0, len(pa), size=(RESAMPLES, len(pa)))

    def f1_of_means(p: np.ndarray, r: np.ndarray) -> np.ndarray:
        mp, mr = p[idx].mean(axis=1), r[idx].mean(axis=1)
        total = mp + mr
        return np.divide(2 * mp * mr, total, out=np.zeros_like(total), where=total > 0)

    deltas = f1_of_means(pb, rb) - f1_of_means(pa, ra)
    return float(np.percentile(deltas, 2.5)), float(np.percentile(deltas, 97.5))


def compare(a: SystemRun, b: SystemRun, pages: tuple[Page, ...], top: int = TOP_CHANGED) -> Comparison:
    """B against A: metric differences with intervals and the pages whose F1 moved most."""
    if not pages:
        raise ValueError("no pages to compare on")
    pa, pb = (np.array([s.precision for s in run.scores]) for run in (a, b))
    ra, rb = (np.array([s.recall for s in run.scores]) for run in (a, b))
    sa, sb = a.summary(), b.summary()
    differences = [Difference("precision", sa.precision, sb.precision, sb.precision - sa.precision,
                              *bootstrap_interval(pa, pb)),
                   Difference("recall", sa.recall, sb.recall, sb.recall - sa.recall,
                              *bootstrap_interval(ra, rb)),
                   Difference("f1", sa.f1, sb.f1, sb.f1 - sa.f1, *_f1_interval(pa, ra, pb, rb))]
    # Line accuracy exists only for pages with a non-blank line, and both systems must keep lines.
    both = [i for i in range(len(pages)) if a.accuracies[i] is not None and b.accuracies[i] is not None]
    if both and sa.line_accuracy is not None and sb.line_accuracy is not None:
        acc_a = np.array([a.accuracies[i] for i in both], dtype=float)
        acc_b = np.array([b.accuracies[i] for i in both], dtype=float)
        differences.append(Difference("line_accuracy", sa.line_accuracy, sb.line_accuracy,
                                      sb.line_accuracy - sa.line_accuracy,
                                      *bootstrap_interval(acc_a, acc_b)))
    changed = [ChangedPage(page.page_id, page.dataset, fa.f1, fb.f1)
               for page, fa, fb in zip(pages, a.scores, b.scores) if fa.f1 != fb.f1]
    better = sorted((c for c in changed if c.delta > 0), key=lambda c: -c.delta)[:top]
    worse = sorted((c for c in changed if c.delta < 0), key=lambda c: c.delta)[:top]
    return Comparison(a.name, b.name, len(pages), tuple(differences), tuple(better), tuple(worse))


def format_comparison(comparison: Comparison) -> str:
    """The comparison as text: one line per metric, then the pages that moved most."""
    lines = [f"compare: B={comparison.b} minus A={comparison.a} on {comparison.pages} pages "
             f"(95% bootstrap interval, {RESAMPLES} resamples of pages)"]
    for d in comparison.differences:
        lines.append(f"  {d.metric:<13} A {d.a:.3f}  B {d.b:.3f}  B-A {d.delta:+.3f}  "
                     f"[{d.low:+.3f}, {d.high:+.3f}]")
    for title, pages in (("better in B", comparison.better), ("worse in B", comparison.worse)):
        lines.append(f"{title} ({len(pages)} shown):" if pages else f"{title}: none")
        lines.extend(f"  {p.delta:+.3f}  F1 {p.f1_a:.3f} -> {p.f1_b:.3f}  {p.dataset}  {p.page_id}"
                     for p in pages)
    return "\n".join(lines)
