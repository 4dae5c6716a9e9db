"""Grouped statistics and executions against plain-Python reference computations."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway.mining import grouping

groups_and_values = st.lists(
    st.tuples(st.integers(0, 4), st.one_of(st.none(), st.floats(-1e6, 1e6))),
    min_size=0,
    max_size=60,
)


def _quantile(values: list[float], q: float) -> float:
    """DuckDB's quantile_cont: linear between the ranks around (n - 1) * q."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _arrays(rows: list[tuple[int, float | None]]) -> tuple[np.ndarray, np.ndarray]:
    group = np.array([g for g, _ in rows], dtype=np.int64)
    values = np.array([np.nan if v is None else v for _, v in rows], dtype=np.float64)
    return group, values


@settings(max_examples=200, deadline=None)
@given(groups_and_values)
def test_grouped_statistics_match_a_plain_computation(rows: list[tuple[int, float | None]]) -> None:
    group, values = _arrays(rows)
    median, p90 = grouping.quantiles(group, values, 5, (0.5, 0.9))
    means = grouping.means(group, values, 5)
    sds = grouping.population_sd(group, values, 5)
    for g in range(5):
        present = [v for h, v in rows if h == g and v is not None]
        if not present:
            assert math.isnan(median[g]) and math.isnan(means[g]) and math.isnan(sds[g])
            continue
        assert median[g] == _quantile(present, 0.5)
        assert p90[g] == _quantile(present, 0.9)
        assert math.isclose(means[g], statistics.fmean(present), rel_tol=1e-9, abs_tol=1e-6)
        assert math.isclose(sds[g], statistics.pstdev(present), rel_tol=1e-6, abs_tol=1e-4)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(-1, 6)), max_size=80))
def test_distinct_counts_ignore_missing_codes(rows: list[tuple[int, int]]) -> None:
    group = np.array([g for g, _ in rows], dtype=np.int64)
    values = np.array([v for _, v in rows], dtype=np.int64)
    found = grouping.distinct_counts(group, values, 4)
    for g in range(4):
        assert found[g] == len({v for h, v in rows if h == g and v >= 0})


def test_unique_counts_agree_for_dense_and_sparse_codes() -> None:
    code = np.array([5, 3, 5, 9, 3, 5], dtype=np.int64)
    dense = grouping.unique_counts(code, 10)
    sparse = grouping.unique_counts(code, 10**12)  # too wide to count in an array
    for distinct, n in (dense, sparse):
        assert distinct.tolist() == [3, 5, 9]
        assert n.tolist() == [2, 3, 1]


def test_both_ways_of_sorting_within_groups_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    group = rng.integers(0, 50, 2_000).astype(np.int64)
    values = rng.integers(0, 20, 2_000).astype(np.float64)  # many equal values
    values[rng.random(2_000) < 0.1] = np.nan
    few = grouping.quantiles(group, values, 50, (0.5, 0.9))
    monkeypatch.setattr(grouping, "SEGMENT_SORT_GROUPS", 0)
    many = grouping.quantiles(group, values, 50, (0.5, 0.9))
    for a, b in zip(few, many, strict=True):
        np.testing.assert_array_equal(a, b)
    for g in (0, 17, 49):
        present = values[(group == g) & ~np.isnan(values)].tolist()
        assert few[0][g] == _quantile(present, 0.5)
