"""Context helpers: shifts, windows, the densest run, the best span, blocks, runs."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cleaner.features.context import (best_span, block_stats, columns, densest_run, run_totals, shift,
                                     window_mean, window_means)


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


@given(st.lists(st.tuples(st.floats(-100, 100), st.floats(-100, 100)), min_size=1, max_size=40),
       st.lists(st.integers(0, 10), min_size=1, max_size=3))
def test_window_means_of_a_matrix_are_those_of_each_column(rows: list[tuple[float, float]],
                                                           radii: list[int]) -> None:
    matrix = np.array(rows)
    for radius, means in zip(radii, window_means(matrix, tuple(radii))):
        for n in range(2):
            assert means[:, n].tolist() == window_mean(matrix[:, n], radius).tolist()


def test_columns_is_column_stack() -> None:
    arrays = [np.arange(3.0), np.array([True, False, True]), np.array([4, 5, 6])]
    got = columns(arrays)
    assert got.flags.c_contiguous and got.dtype == float
    assert got.tolist() == np.column_stack(arrays).astype(float).tolist()


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


def test_best_span_ties_go_to_the_first_run_and_no_gain_is_no_span() -> None:
    assert best_span(np.array([1.0, -1.0, 1.0])) == (0, 1)
    assert best_span(np.array([-1.0, -2.0])) == (0, 0)
    assert best_span(np.zeros(0)) == (0, 0)


def test_block_stats() -> None:
    sizes, opens = block_stats(np.array([0.0, 0.0, 1.0, 0.0, 1.0]))
    assert sizes.tolist() == [2.0, 2.0, 2.0, 2.0, 1.0]
    assert opens.tolist() == [1.0, 0.0, 1.0, 0.0, 1.0]


@given(st.lists(st.tuples(st.booleans(), st.floats(0, 100), st.floats(0, 100)), max_size=40))
def test_run_totals_match_a_plain_loop(lines: list[tuple[bool, float, float]]) -> None:
    joined = np.array([j for j, _, _ in lines], dtype=bool)
    values = np.array([(a, b) for _, a, b in lines]).reshape(-1, 2)
    total, size = run_totals(joined, values)
    runs: list[list[int]] = []
    for k, (j, _, _) in enumerate(lines):
        if j and runs:
            runs[-1].append(k)
        else:
            runs.append([k])
    for run in runs:
        for k in run:
            assert np.allclose(total[k], values[run].sum(axis=0))
            assert size[k] == len(run)
    one, _ = run_totals(joined, values[:, 0])
    assert np.allclose(one, total[:, 0])
