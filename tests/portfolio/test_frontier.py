"""The efficient frontier: optimal value never falls as the total budget grows; the knee."""

from __future__ import annotations

import numpy as np

from headway.portfolio.frontier import frontier, frontier_from_inputs, knee_index
from headway.portfolio.synthetic import random_inputs
from headway.strategy.model import Strategy


def test_knee_of_a_known_curve() -> None:
    budgets = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    values = np.array([0.0, 0.8, 0.9, 0.95, 1.0])
    assert knee_index(budgets, values) == 1
    assert knee_index(np.array([0.0, 1.0]), np.array([0.0, 1.0])) == 1


def test_frontier_is_monotone_and_within_budget() -> None:
    inputs = random_inputs(12, 4, seed=3, kpis=4)
    curve = frontier_from_inputs(inputs, "EUR", points=6)
    values = [p.value for p in curve.points]
    assert values == sorted(values)
    assert curve.points[0].budget_total == 0.0
    for point in curve.points:
        assert point.spent <= point.budget_total + 1e-6
        assert point.proven_optimal


def test_bakery_frontier(bakery: Strategy) -> None:
    curve = frontier(bakery, points=5)
    assert curve.points[0].value == 0.0
    assert 0 <= curve.knee < len(curve.points)
    assert curve.to_dict()["currency"] == "EUR"
