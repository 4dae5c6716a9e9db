"""Gap analysis on the bakery template."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway import load_strategy
from headway.analysis.gap import kpi_gaps, kpi_weights
from headway.strategy.types import Direction


def test_gaps_are_in_the_improving_direction(bakery_path: Path) -> None:
    gaps = {g.kpi: g for g in kpi_gaps(load_strategy(bakery_path))}
    assert gaps["online-order-share"].gap == 12  # 3 % -> 15 %, increase
    assert gaps["waste-share"].gap == 4  # 9 % -> 5 %, decrease
    assert gaps["waste-share"].direction is Direction.decrease
    assert all(g.gap >= 0 and g.share_achieved == 0 for g in gaps.values())


def test_strategic_weight_is_goal_weight_times_kpi_weight(bakery_path: Path) -> None:
    weights = kpi_weights(load_strategy(bakery_path))
    assert weights["online-order-share"] == pytest.approx(0.3 * 0.6)
    assert weights["waste-share"] == pytest.approx(0.25 * 0.7)
    assert weights["customer-rating"] == pytest.approx(0.1 * 0.4)
    assert sum(weights.values()) == pytest.approx(1.0)


def test_a_kpi_in_two_goals_adds_up(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    goals = list(strategy.goals)
    extra = goals[0].kpis[0].model_copy(update={"kpi": "waste-share", "weight": 0.4})
    links = [goals[0].kpis[0].model_copy(update={"weight": 0.6}), extra]
    goals[0] = goals[0].model_copy(update={"kpis": links})
    weights = kpi_weights(strategy.model_copy(update={"goals": goals}))
    assert weights["waste-share"] == pytest.approx(0.3 * 0.4 + 0.25 * 0.7)
    assert weights["repeat-customers"] == 0.0
    assert sum(weights.values()) == pytest.approx(1.0)


def test_latest_measurement_shrinks_the_gap(bakery_path: Path) -> None:
    gaps = {g.kpi: g for g in kpi_gaps(load_strategy(bakery_path), {"waste-share": 7.0})}
    assert gaps["waste-share"].gap == 2.0
    assert gaps["waste-share"].share_achieved == pytest.approx(0.5)
    assert gaps["waste-share"].source.value == "measured"
    assert gaps["stockouts"].source.value == "assumed"  # as the template marks its baselines
    over = {g.kpi: g for g in kpi_gaps(load_strategy(bakery_path), {"waste-share": 4.0})}
    assert over["waste-share"].gap == 0.0 and over["waste-share"].share_achieved == 1.0
