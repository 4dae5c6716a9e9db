"""TOPSIS and the weighted sum: published worked examples, properties, weight sensitivity."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from headway.analysis.mcda import ranks, topsis, weight_sensitivity, weighted_sum
from tests.analysis.oracles import assert_close, directions, mcda_case


@pytest.mark.shared_data
def test_topsis_tzeng_huang_2011(shared_data: Path) -> None:
    """Tzeng & Huang (2011) Multiple Attribute Decision Making, CRC Press (as encoded in
    scikit-criteria test_TOPSIS_tzeng2011multiple): vector normalisation, Euclidean distance,
    scores .5037/.6581/.7482/.334 to 4 decimals."""
    case = mcda_case(shared_data, "topsis_tzeng_huang_2011")
    result = topsis(case["matrix"], case["weights"], directions(case), "vector")
    assert_close(result.scores, case["expected_scores"], case["tolerance"])
    assert list(result.ranks) == case["expected_rank"]


@pytest.mark.shared_data
def test_topsis_opricovic_tzeng_2004(shared_data: Path) -> None:
    """Opricovic & Tzeng (2004) EJOR 156(2):445-455 (as in pymcdm TestTOPSIS): min-max
    normalisation with a cost criterion; the tie A1 = A3 is intended (ranks 2, 1, 2)."""
    case = mcda_case(shared_data, "topsis_opricovic_tzeng_2004")
    result = topsis(case["matrix"], case["weights"], directions(case), "minmax")
    assert_close(result.scores, case["expected_scores"], case["tolerance"])
    assert list(result.ranks) == case["expected_rank"]


@pytest.mark.shared_data
def test_topsis_scikit_criteria_raw(shared_data: Path) -> None:
    """scikit-criteria tests/agg/test_topsis.py::test_TOPSIS: no normalisation, unit weights,
    ideal [1, 5, 6], anti-ideal [0, 0, 3]: scores .14639248/.85360752."""
    case = mcda_case(shared_data, "topsis_skcriteria_raw_2x3")
    result = topsis(case["matrix"], case["weights"], directions(case), "none")
    assert_close(result.scores, case["expected_scores"], case["tolerance"])
    assert list(result.ranks) == case["expected_rank"]


@pytest.mark.shared_data
def test_weighted_sum_wikipedia(shared_data: Path) -> None:
    """Wikipedia 'Weighted sum model' example: 21.5, 22, 22 (A2 and A3 tie for first)."""
    case = mcda_case(shared_data, "wsm_wikipedia")
    result = weighted_sum(case["matrix"], case["weights"], directions(case), "none")
    assert_close(result.scores, case["expected_scores"], case["tolerance"])
    assert list(result.ranks) == case["expected_rank"]


@pytest.mark.shared_data
def test_weighted_sum_kracka_2010(shared_data: Path) -> None:
    """Kracka, Brauers & Zavadskas (2010) Inzinerine Ekonomika 21(4):352-359 (as in
    scikit-criteria test_WeightedSumModel_kracka2010ranking): cost criteria inverted, columns
    divided by their sums; scores to 1e-7."""
    case = mcda_case(shared_data, "wsm_kracka_2010")
    result = weighted_sum(case["matrix"], case["weights"], directions(case), "sum")
    assert_close(result.scores, case["expected_scores"], case["tolerance"])
    assert list(result.ranks) == case["expected_rank"]


shapes = st.tuples(st.integers(2, 8), st.integers(1, 6))


@st.composite
def problems(draw: st.DrawFn) -> tuple[np.ndarray, list[float], list[int]]:
    m, n = draw(shapes)
    matrix = draw(arrays(float, (m, n), elements=st.floats(0.01, 1000.0)))
    weights = draw(st.lists(st.floats(0.01, 10.0), min_size=n, max_size=n))
    signs = draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n))
    return matrix, weights, signs


@settings(max_examples=60, deadline=None)
@given(problems(), st.floats(0.001, 1000.0), st.integers(0, 5))
def test_topsis_scores_in_unit_interval_and_unchanged_by_rescaling(
    problem: tuple[np.ndarray, list[float], list[int]], factor: float, column: int
) -> None:
    matrix, weights, signs = problem
    result = topsis(matrix, weights, signs)
    assert all(0.0 <= s <= 1.0 for s in result.scores)
    rescaled = matrix.copy()
    rescaled[:, column % matrix.shape[1]] *= factor
    assert_close(topsis(rescaled, weights, signs).scores, result.scores, 1e-9)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_contributions_add_up_to_the_score(
    problem: tuple[np.ndarray, list[float], list[int]],
) -> None:
    matrix, weights, signs = problem
    result = weighted_sum(matrix, weights, signs)
    assert_close([sum(row) for row in result.contributions], result.scores, 1e-12)
    assert all(-1e-12 <= s <= 1 + 1e-12 for s in result.scores)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_weight_sensitivity_ranges_are_exact(
    problem: tuple[np.ndarray, list[float], list[int]],
) -> None:
    matrix, weights, signs = problem
    summed = weighted_sum(matrix, weights, signs)
    r = np.array(summed.normalised)
    w = np.array(weights) / sum(weights)
    leader = int(np.argmax(r @ w))
    for found in weight_sensitivity(r, weights):
        assert found.low <= found.weight + 1e-9 and found.weight <= found.high + 1e-9
        c = found.criterion
        for t in np.linspace(found.low, found.high, 5):
            trial = np.delete(w, c)
            trial = trial / trial.sum() * (1 - t) if trial.sum() > 0 else trial
            full = np.insert(trial, c, t)
            scores = r @ full
            assert scores[leader] >= scores.max() - 1e-9
        if found.high < 1 - 1e-6 and found.taken_over_above is not None:
            t = min(1.0, found.high + 1e-4)
            trial = np.delete(w, c)
            full = np.insert(trial / trial.sum() * (1 - t), c, t)
            assert (r @ full)[found.taken_over_above] > (r @ full)[leader] - 1e-6


def test_ranks_share_ties() -> None:
    assert ranks([0.5, 0.7, 0.5]) == (2, 1, 2)
    assert ranks([3.0, 1.0, 2.0], higher_is_better=False) == (3, 1, 2)


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="one weight"):
        topsis([[1.0, 2.0]], [1.0])
    with pytest.raises(ValueError, match="directions"):
        topsis([[1.0, 2.0]], [1.0, 1.0], [1, 0])
    with pytest.raises(ValueError, match="must not be 0"):
        weighted_sum([[0.0, 2.0], [1.0, 1.0]], [1.0, 1.0], [-1, 1], "sum")
