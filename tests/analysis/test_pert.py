"""PERT sampling: shape, accuracy of the quantile table, reproducibility."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway.analysis.pert import QUANTILES, _quantile_rows, pert_sample, pert_shape


def test_quantile_table_matches_scipys_beta() -> None:
    stats = pytest.importorskip("scipy.stats")
    modes = np.array([0.0, 0.1, 0.25, 0.5, 0.8, 1.0])
    table = _quantile_rows(modes)
    probabilities = np.linspace(0, 1, QUANTILES)
    for mode, row in zip(modes, table, strict=True):
        exact = stats.beta(1 + 4 * mode, 1 + 4 * (1 - mode)).ppf(probabilities)
        assert np.abs(row - exact).max() < 5e-5


def test_draws_have_the_pert_mean_and_stay_in_range() -> None:
    low, likely, high = (
        np.array([0.0, 10.0, 5.0]),
        np.array([1.0, 10.0, 9.0]),
        np.array([4.0, 10.0, 10.0]),
    )
    draws = pert_sample(np.random.default_rng(7), low, likely, high, 40_000)
    assert draws.shape == (40_000, 3)
    assert np.all(draws >= low) and np.all(draws <= high)
    assert np.all(draws[:, 1] == 10.0)  # low == high: a constant
    mean = (low + 4 * likely + high) / 6
    assert np.abs(draws.mean(axis=0) - mean).max() < 0.02


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_same_seed_same_numbers(seed: int) -> None:
    args = (np.array([1.0, 2.0]), np.array([2.0, 2.5]), np.array([5.0, 3.0]), 50)
    first = pert_sample(np.random.default_rng(seed), *args)
    assert np.array_equal(first, pert_sample(np.random.default_rng(seed), *args))


def test_shape_parameters() -> None:
    alpha, beta = pert_shape(0.0, 1.0, 4.0)
    assert float(alpha) == pytest.approx(2.0) and float(beta) == pytest.approx(4.0)
    alpha, beta = pert_shape(3.0, 3.0, 3.0)
    assert float(alpha) == float(beta) == 3.0
