"""Planning a strategy: the bakery's roadmap is optimal, valid, complete and explained."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from headway.numbers import Numbers
from headway.portfolio.milp import MilpResult
from headway.portfolio.model import Schedule, solve_schedule
from headway.portfolio.plan_words import proof_in_words
from headway.portfolio.planner import plan, prepare
from headway.portfolio.results import Plan, PlanSettings
from headway.strategy.model import Strategy
from tests.portfolio.checker import value, violations


def _starts(result: Plan, ids: tuple[str, ...]) -> dict[int, int]:
    return {ids.index(d.initiative): d.start or 0 for d in result.selected}


def test_bakery_plan_is_proven_optimal_and_valid(bakery: Strategy, bakery_plan: Plan) -> None:
    inputs, _, _ = prepare(bakery, PlanSettings())
    starts = _starts(bakery_plan, inputs.ids)
    assert bakery_plan.status == "optimal"
    assert bakery_plan.proven_optimal
    assert violations(inputs, starts) == []
    assert bakery_plan.alignment == pytest.approx(value(inputs, starts), abs=1e-7)
    assert bakery_plan.verdict.startswith("The plan maximises 80% strategic value")
    assert 0 < bakery_plan.value <= bakery_plan.unconstrained_value <= 1
    assert len(bakery_plan.decisions) == len(bakery.initiatives)
    assert all(d.reasons for d in bakery_plan.decisions)


def test_dependencies_and_groups_hold(bakery_plan: Plan, bakery: Strategy) -> None:
    chosen = {d.initiative: d for d in bakery_plan.selected}
    for item in bakery.initiatives:
        if item.id in chosen:
            for predecessor in item.requires:
                assert predecessor in chosen
                assert chosen[item.id].start >= chosen[predecessor].live  # type: ignore[operator]
    assert not {"online-shop", "marketplace-app"} <= set(chosen)


def test_high_risk_items_wait_for_readiness(bakery: Strategy) -> None:
    low = plan(bakery, PlanSettings(readiness=0.3, explain=False))
    high_risk = {i.id for i in bakery.initiatives if i.risk.value == "high"}
    assert not high_risk & {d.initiative for d in low.selected}
    out = {d.initiative: d for d in low.not_selected}
    assert any("readiness 0.30" in r for r in out["self-order-kiosk"].reasons)


def test_period_totals_add_up(bakery_plan: Plan) -> None:
    assert sum(p.upfront for p in bakery_plan.periods) == pytest.approx(bakery_plan.upfront_total)
    assert bakery_plan.upfront_total <= bakery_plan.budget_total
    for p in bakery_plan.periods:
        assert p.upfront <= p.budget_per_period + 1e-6
        assert p.effort_days <= p.change_capacity_days + 1e-6
        assert p.slots_used <= p.max_in_flight
        assert len(p.in_flight) == p.slots_used


def test_mandatory_item_is_planned(bakery: Strategy) -> None:
    items = [
        i.model_copy(update={"mandatory": i.id == "route-planner"}) for i in bakery.initiatives
    ]
    result = plan(bakery.model_copy(update={"initiatives": items}), PlanSettings(explain=False))
    assert "route-planner" in {d.initiative for d in result.selected}


def test_impossible_mandatory_item_is_reported(bakery: Strategy) -> None:
    items = [i.model_copy(update={"mandatory": True}) for i in bakery.initiatives]
    result = plan(bakery.model_copy(update={"initiatives": items}), PlanSettings(explain=False))
    assert result.status == "infeasible"
    assert "No plan satisfies" in result.verdict


def test_npv_blend_changes_the_objective(bakery: Strategy) -> None:
    pure = plan(bakery, PlanSettings(explain=False))
    blended = plan(bakery, PlanSettings(npv_weight=0.5, explain=False))
    assert blended.proven_optimal
    assert blended.npv >= pure.npv - 1e-6


def test_time_limited_plan_states_its_gap(bakery: Strategy) -> None:
    inputs, _, _ = prepare(bakery, PlanSettings())
    schedule = solve_schedule(replace(inputs), time_limit=30)
    assert schedule.result.gap == 0.0 or schedule.result.status == "time_limit"


def test_plan_to_dict_is_json_ready(bakery_plan: Plan) -> None:
    import json

    data = bakery_plan.to_dict()
    assert json.loads(json.dumps(data))["selected"] == [d.initiative for d in bakery_plan.selected]


def test_a_strategy_without_initiatives_plans_nothing(bakery: Strategy) -> None:
    result = plan(bakery.model_copy(update={"initiatives": []}))
    assert result.status == "optimal"
    assert result.value == 0.0
    assert result.selected == []


def test_explanations_are_capped_for_large_portfolios(bakery: Strategy) -> None:
    result = plan(bakery, PlanSettings(explain_limit=1))
    deep = [
        d
        for d in result.not_selected
        if d.value_if_forced is not None or any(c.kind != "readiness" for c in d.changes)
    ]
    assert len(deep) <= 1
    assert any("not explained in detail" in r for d in result.not_selected for r in d.reasons)


def test_a_plan_stopped_by_its_time_limit_says_how_far_from_optimal_it_can_be() -> None:
    values = np.zeros(3)
    stopped = Schedule({0: 1}, 0.25, MilpResult("time_limit", values, 0.25, 0.26, 0.04, 5.0))
    english = Numbers("en_IE", "EUR")
    words = proof_in_words(stopped, 5.0, english)
    assert "within the 5 s time limit" in words
    assert "worth 25.0% of the weighted gap" in words and "more than 26.0%," in words
    assert "at most 4.00% below the optimum" in words
    proven = Schedule({0: 1}, 0.25, MilpResult("optimal", values, 0.25, 0.25, 0.0, 1.0))
    assert proof_in_words(proven, None, english).startswith("Proven optimal")
    nothing = Schedule({}, float("nan"), MilpResult("time_limit", None, 0.0, 1.0, 1.0, 5.0))
    assert "No plan was found within the 5 s time limit" in proof_in_words(nothing, 5.0, english)


def test_the_plan_reports_its_proof_and_bound(bakery_plan: Plan) -> None:
    assert bakery_plan.proof.startswith("Proven optimal")
    assert bakery_plan.value_bound == pytest.approx(bakery_plan.value)
    assert bakery_plan.to_dict()["proof"] == bakery_plan.proof
