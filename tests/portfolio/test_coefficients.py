"""The coefficient guard before HiGHS: rows and objectives out of HiGHS's range are scaled exactly
(same plan, objective in the original units) or refused with what is out of range."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from headway.cli import app
from headway.portfolio.coefficients import CoefficientError
from headway.portfolio.milp import MilpBuilder
from tests.conftest import TEMPLATES


def knapsack(values: list[float], weights: list[float], capacity: float) -> MilpBuilder:
    milp = MilpBuilder()
    milp.add_columns(len(values), cost=values)
    milp.add_row(range(len(values)), weights, upper=capacity)
    return milp


def brute_force(values: list[float], weights: list[float], capacity: float) -> float:
    best = 0.0
    for pick in itertools.product([0, 1], repeat=len(values)):
        if np.dot(pick, weights) <= capacity * (1 + 1e-12):
            best = max(best, float(np.dot(pick, values)))
    return best


VALUES = [10.0, 13.0, 7.0, 8.0, 4.0]
WEIGHTS = [5.0, 7.0, 4.0, 3.0, 2.0]


@pytest.mark.parametrize("money", [1e9, 1e12, 3.7e11])
def test_a_row_in_billions_is_scaled_and_gives_the_same_plan(money: float) -> None:
    weights = [w * money for w in WEIGHTS]
    result = knapsack(VALUES, weights, 10 * money).solve()
    assert result.proven_optimal
    assert result.objective == pytest.approx(brute_force(VALUES, WEIGHTS, 10.0))
    assert "1 row(s) of the model scaled" in result.scaled
    plain = knapsack(VALUES, WEIGHTS, 10.0).solve()
    assert plain.scaled == ""
    assert np.array_equal(result.values, plain.values)


def test_a_row_of_tiny_shares_is_scaled_not_dropped() -> None:
    # HiGHS drops matrix values below 1e-9 without the guard's scaling
    weights = [w * 1e-10 for w in WEIGHTS]
    result = knapsack(VALUES, weights, 10 * 1e-10).solve()
    assert result.objective == pytest.approx(brute_force(VALUES, WEIGHTS, 10.0))
    assert result.scaled


def test_a_large_objective_is_scaled_and_reported_in_its_own_units() -> None:
    values = [v * 1e11 for v in VALUES]
    result = knapsack(values, WEIGHTS, 10.0).solve(objective_step=1e11)
    assert result.proven_optimal
    assert result.objective == pytest.approx(brute_force(VALUES, WEIGHTS, 10.0) * 1e11)
    assert result.bound == pytest.approx(result.objective)
    assert "objective scaled" in result.scaled


def test_a_row_spanning_more_than_twelve_orders_is_refused() -> None:
    with pytest.raises(CoefficientError, match=r"row 1 of the model.*from 0.01 to 1e\+12"):
        knapsack(VALUES, [0.01, 1e12, 1.0, 1.0, 1.0], 1e12).solve()


def test_an_objective_spanning_more_than_twelve_orders_is_refused() -> None:
    with pytest.raises(CoefficientError, match="the objective weighs items"):
        knapsack([1e-6, 1e7, 1.0, 1.0, 1.0], WEIGHTS, 10.0).solve()


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_a_coefficient_that_is_not_finite_is_refused(bad: float) -> None:
    with pytest.raises(CoefficientError, match="a coefficient is not a finite number"):
        knapsack(VALUES, [bad, 1.0, 1.0, 1.0, 1.0], 10.0).solve()
    with pytest.raises(CoefficientError, match="an objective value is not a finite number"):
        knapsack([bad, 1.0, 1.0, 1.0, 1.0], WEIGHTS, 10.0).solve()


def test_a_plan_with_money_at_the_ceiling_ends_cleanly(tmp_path: Path) -> None:
    text = (TEMPLATES / "bakery.yaml").read_text(encoding="utf-8")
    assert "budget_total:" in text
    huge = text.replace("budget_total:", "budget_total: 1000000000000 #", 1)
    (tmp_path / "headway.yaml").write_text(huge, encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(tmp_path / "headway.yaml")])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 2), result.output
