"""Harms and due dates in the plan's objective and explanations (issue points 1 and 4).

Before, the roadmap counted only gains (a harm was clipped to 0) and counted every effect in
full whenever it showed; each test here fails on that behaviour.
"""

from __future__ import annotations

import numpy as np
import pytest

from headway.portfolio.inputs import Limits, PlanningInputs, spread
from headway.portfolio.model import solve_schedule
from headway.portfolio.planner import plan
from headway.portfolio.results import PlanSettings
from headway.portfolio.usage import alignment_achieved
from headway.strategy.load import load_strategy
from headway.strategy.templates import template_path
from tests.portfolio.checker import value, violations

INF = float("inf")


def tiny(closure: list[list[float]], *, due: list[int] | None, per_period: float) -> PlanningInputs:
    """Items of duration 1 costing 100 each, two KPIs of equal weight, 4 periods."""
    n, periods = len(closure), 4
    return PlanningInputs(
        ids=tuple(f"item-{i}" for i in range(n)),
        names=tuple(f"Item {i}" for i in range(n)),
        periods=periods,
        duration=np.ones(n, dtype=np.int64),
        upfront=np.array([spread(100.0, 1, periods) for _ in range(n)]),
        effort=np.zeros((n, periods)),
        recurring=np.zeros(n),
        resource_ids=(),
        resource_use=np.zeros((n, 0)),
        kpi_ids=("kpi-0", "kpi-1"),
        kpi_weights=np.array([0.5, 0.5]),
        closure=np.array(closure),
        lag=np.zeros((n, 2), dtype=np.int64),
        npv=np.zeros((n, periods)),
        limits=Limits(INF, per_period, INF, INF, 10),
        due=None if due is None else np.array(due, dtype=np.int64),
    )


def test_an_initiative_whose_harm_outweighs_its_gain_is_left_out() -> None:
    # Item 1 closes 30 % of kpi-0's gap but worsens kpi-1 by 80 % of its gap: a net loss.
    inputs = tiny([[0.5, 0.0], [0.3, -0.8]], due=None, per_period=INF)
    schedule = solve_schedule(inputs)
    assert schedule.result.proven_optimal
    assert set(schedule.starts) == {0}
    assert schedule.objective == pytest.approx(value(inputs, schedule.starts))


def test_a_harm_offsets_gains_on_the_same_kpi() -> None:
    inputs = tiny([[0.6, 0.0], [0.0, 0.5], [0.0, -0.2]], due=None, per_period=INF)
    # All live from period 1: kpi-0 0.6, kpi-1 0.5 - 0.2 = 0.3, 3 of 4 periods, weights 0.5.
    together = {0: 0, 1: 0, 2: 0}
    assert alignment_achieved(inputs, together) == pytest.approx(0.5 * (0.6 + 0.3) * 3 / 4)
    assert value(inputs, together) == pytest.approx(0.5 * (0.6 + 0.3) * 3 / 4)
    # A harmful item the plan must contain starts as late as it can, so that the harm shows
    # in as few periods as possible (here none: it goes live at the horizon's end).
    forced = solve_schedule(inputs, forced_in=frozenset({2}))
    assert forced.starts == {0: 0, 1: 0, 2: 3}
    assert forced.objective == pytest.approx(value(inputs, forced.starts))


def test_the_roadmap_lands_an_effect_before_its_due_date_when_that_pays() -> None:
    # One start per period. Item 0 moves kpi-0, due in period 1; item 1 moves kpi-1 a little
    # more but has no due date within the horizon. Counting every effect in full would start
    # item 1 first (0.55 x 3 + 0.5 x 2 > 0.5 x 3 + 0.55 x 2); with due dates, item 0 goes
    # first so that its effect shows on time.
    inputs = tiny([[0.5, 0.0], [0.0, 0.55]], due=[1, 10], per_period=100.0)
    schedule = solve_schedule(inputs)
    assert schedule.starts == {0: 0, 1: 1}
    assert schedule.objective == pytest.approx(0.5 * (0.5 * 3 + 0.55 * 2) / 4)
    assert schedule.objective == pytest.approx(value(inputs, schedule.starts))
    assert violations(inputs, schedule.starts) == []


def test_a_late_effect_counts_at_half_its_size_in_the_plan() -> None:
    inputs = tiny([[0.8, 0.0]], due=[0, 10], per_period=INF)
    schedule = solve_schedule(inputs)
    # Live from period 1, after the due period 0: 0.4 for 3 of 4 periods at weight 0.5.
    assert schedule.objective == pytest.approx(0.5 * 0.4 * 3 / 4)


def test_plan_explanations_say_what_an_initiative_worsens_and_what_lands_late() -> None:
    logistics = plan(load_strategy(template_path("logistics")), PlanSettings(explain=False))
    telematics = next(d for d in logistics.decisions if d.initiative == "telematics")
    assert telematics.selected
    # By the number model of the logistics business (de_DE): the same words as its report.
    assert "worsens driver-turnover by 2 % of drivers (-1,3\xa0% of the weighted gap)" in (
        telematics.reasons
    )
    dashcams = next(d for d in logistics.decisions if d.initiative == "ai-dashcams")
    assert "worsens driver-turnover by 3 % of drivers (-1,9\xa0% of the weighted gap)" in (
        dashcams.reasons
    )
    bakery = plan(load_strategy(template_path("bakery")), PlanSettings(explain=False))
    reorder = next(d for d in bakery.decisions if d.initiative == "inventory-reorder")
    assert reorder.selected and reorder.start_label == "2028-Q1"
    assert (
        "its effect on stockouts shows in 2028-Q2, after the KPI's due date (2027-Q4): counted "
        "at 50% of its size" in reorder.reasons
    )
