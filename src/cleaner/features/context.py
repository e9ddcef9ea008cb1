"""Context features: what surrounds a line (neighbours, windows, the main prose run).

All functions take arrays over the non-blank lines of one page, in order, and
return arrays of the same length; padding beyond the page edges is zero.

>>> shift(np.array([1.0, 2.0, 3.0]), 1).tolist(), shift(np.array([1.0, 2.0, 3.0]), -1).tolist()
([0.0, 1.0, 2.0], [2.0, 3.0, 0.0])
>>> window_mean(np.array([1.0, 0.0, 0.0, 1.0]), 1).round(2).tolist()
[0.5, 0.33, 0.33, 0.5]
>>> [w.tolist() for w in window_means(np.array([[1.0, 2.0], [3.0, 4.0]]), (0, 1))]
[[[1.0, 2.0], [3.0, 4.0]], [[2.0, 3.0], [2.0, 3.0]]]
"""

from __future__ import annotations

import numpy as np


def shift(values: np.ndarray, offset: int) -> np.ndarray:
    """``out[k] = values[k - offset]``: the value ``offset`` lines before (after, if negative)."""
    out = np.zeros_like(values)
    if offset > 0:
        out[offset:] = values[:-offset]
    elif offset < 0:
        out[:offset] = values[-offset:]
    else:
        out[:] = values
    return out


def columns(arrays: list[np.ndarray]) -> np.ndarray:
    """The arrays as the columns of a C-ordered matrix: ``numpy.column_stack``, with
    less overhead for many short columns."""
    return np.ascontiguousarray(np.array(arrays, dtype=float).T)


def window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of ``values`` over the lines within ``radius`` of each line (edges: fewer lines).

    ``values`` may also be a matrix with one column per quantity: the means are
    then taken column by column, with one pass over the page for all of them.
    """
    return window_means(values, (radius,))[0]


def window_means(values: np.ndarray, radii: tuple[int, ...]) -> list[np.ndarray]:
    """:func:`window_mean` for several radii, sharing one running sum."""
    m = len(values)
    if m == 0:
        return [values.astype(float) for _ in radii]
    padded = np.zeros((m + 1,) + values.shape[1:])
    np.cumsum(values, axis=0, dtype=float, out=padded[1:])
    idx = np.arange(m)
    out = []
    for radius in radii:
        lo = np.maximum(idx - radius, 0)
        hi = np.minimum(idx + radius + 1, m)
        span = hi - lo
        out.append((padded[hi] - padded[lo]) / (span if values.ndim == 1 else span[:, None]))
    return out


def densest_run(mass: np.ndarray, radius: int) -> tuple[np.ndarray, np.ndarray]:
    """Where the page's main prose is, and how far each line is from it.

    ``mass`` is a per-line amount of prose (e.g. words of prose-like lines).
    Returns the density around each line relative to the page's densest spot,
    and each line's distance from that spot as a share of the page.
    """
    m = len(mass)
    if m == 0:
        return np.zeros(0), np.zeros(0)
    density = window_mean(mass, radius)
    peak = int(np.argmax(density))
    top = density[peak] if density[peak] > 0 else 1.0
    return density / top, np.abs(np.arange(m) - peak) / max(m - 1, 1)


def best_span(gain: np.ndarray) -> tuple[int, int]:
    """The contiguous run of lines with the largest total ``gain`` (Kadane), as [start, end).

    With ``gain`` a line's content log-odds weighted by its words, this is where
    the article most likely sits: articles are one run of text, chrome around it.

    >>> best_span(np.array([-1.0, 2.0, -0.5, 3.0, -4.0, 1.0]))
    (1, 4)
    """
    m = len(gain)
    if m == 0:
        return 0, 0
    # The run ending at line k starts just past the last lowest prefix sum before
    # it (the later of equal ones); the best run is the first with the largest sum.
    prefix = np.concatenate(([0.0], np.cumsum(gain)))
    lowest = prefix[:-1] <= np.minimum.accumulate(prefix[:-1])
    start = np.maximum.accumulate(np.where(lowest, np.arange(m), 0))
    total = prefix[1:] - prefix[start]
    end = int(np.argmax(total))
    return (int(start[end]), end + 1) if total[end] > 0 else (0, 0)


def block_stats(blank_before: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Size of each line's blank-separated block and whether the line opens it."""
    m = len(blank_before)
    if m == 0:
        return np.zeros(0), np.zeros(0)
    opens = blank_before.astype(bool).copy()
    opens[0] = True
    block_id = np.cumsum(opens) - 1
    sizes = np.bincount(block_id)
    return sizes[block_id].astype(float), opens.astype(float)


def run_totals(joined: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lines ``joined`` to the line before them form runs; for each line, the sum of
    ``values`` over its run (a matrix: column by column) and the number of lines in it.

    >>> total, size = run_totals(np.array([False, True, True, False]), np.array([1.0, 2.0, 3.0, 4.0]))
    >>> total.tolist(), size.tolist()
    ([6.0, 6.0, 6.0, 4.0], [3.0, 3.0, 3.0, 1.0])
    """
    m = len(joined)
    if m == 0:
        return values.astype(float), np.zeros(0)
    opens = ~joined.astype(bool)
    opens[0] = True  # the first line has no line before to join
    run = np.cumsum(opens) - 1
    sums = (np.bincount(run, weights=values) if values.ndim == 1
            else np.column_stack([np.bincount(run, weights=column) for column in values.T]))
    return sums[run], np.bincount(run)[run].astype(float)
