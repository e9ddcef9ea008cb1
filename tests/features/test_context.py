"""Context helpers: shifts, windows, the densest run, the best span, blocks."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cleaner.features.context import best_span, block_stats, densest_run, shift, window_mean


def test_shift_brings_neighbours_and_pads_with_zero() -> None:
    v = np.array([1.0, 2.0, 3.0, 4.0])
    assert shift(v, 2).tolist() == [0.0, 0.0, 1.0, 2.0]
    assert shift(v, -3).tolist() == [4.0, 0.0, 0.0, 0.0]
    assert shift(v, 0).tolist() == v.tolist()


@given(st.lists(st.floats(-100, 100), min_size=1, max_size=40), st.integers(0, 10))
def test_window_mean_matches_a_plain_loop(values: list[float], radius: int) -> None:
    got = window_mean(np.array(values), radius)
    for k in range(len(values)):
        part = values[max(0, k - radius): k + radius + 1]
        assert abs(got[k] - sum(part) / len(part)) < 1e-6


def test_densest_run_finds_the_prose() -> None:
    mass = np.array([0, 1, 0, 0, 40, 50, 45, 0, 2, 0], dtype=float)
    density, dist = densest_run(mass, 1)
    assert density.max() == 1.0 and int(np.argmax(density)) == 5
    assert dist[5] == 0.0 and dist[0] > dist[4]


@given(st.lists(st.floats(-50, 50), max_size=30))
def test_best_span_is_the_maximum_subarray(gains: list[float]) -> None:
    start, end = best_span(np.array(gains))
    got = sum(gains[start:end])
    best = max([0.0] + [sum(gains[a:b]) for a in range(len(gains))
                        for b in range(a + 1, len(gains) + 1)])
    assert abs(got - best) < 1e-6


def test_block_stats() -> None:
    sizes, opens = block_stats(np.array([0.0, 0.0, 1.0, 0.0, 1.0]))
    assert sizes.tolist() == [2.0, 2.0, 2.0, 2.0, 1.0]
    assert opens.tolist() == [1.0, 0.0, 1.0, 0.0, 1.0]
