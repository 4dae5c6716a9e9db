"""An impossible mandatory set is explained by the limit or the field that makes it impossible,
and an infeasible plan never reaches JSON with Infinity or NaN."""

from __future__ import annotations

import json
from typing import Any

from headway.portfolio.planner import plan
from headway.portfolio.results import Plan, PlanSettings
from headway.strategy.model import Strategy


def _planned(bakery: Strategy, mandatory: str, **changes: Any) -> Plan:
    items = [i.model_copy(update={"mandatory": i.id == mandatory}) for i in bakery.initiatives]
    constraints = bakery.constraints.model_copy(update=changes.pop("constraints", {}))
    strategy = bakery.model_copy(
        update={"initiatives": items, "constraints": constraints, **changes}
    )
    return plan(strategy, PlanSettings(explain=False))


def test_a_total_budget_too_small_is_named(bakery: Strategy) -> None:
    # self-order-kiosk needs cloud-pos first: 12,500 upfront against a total budget of 10,000.
    result = _planned(
        bakery,
        "self-order-kiosk",
        constraints={
            "budget_total": 10_000,
            "budget_per_period": 1e6,
            "min_readiness_for_high_risk": 0.0,
        },
    )
    assert result.status == "infeasible"
    (cause,) = result.infeasible_causes
    assert cause.startswith("the total upfront budget (€10,000) is too small")
    assert "self-order-kiosk" in cause and cause in result.verdict


def test_readiness_is_named_not_a_budget(bakery: Strategy) -> None:
    result = _planned(bakery, "self-order-kiosk", constraints={"min_readiness_for_high_risk": 1.0})
    assert result.status == "infeasible"
    (cause,) = result.infeasible_causes
    assert "self-order-kiosk is mandatory but high-risk, and readiness" in cause
    assert "min_readiness_for_high_risk" in cause
    assert "budget" not in result.verdict


def test_a_duration_past_the_horizon_is_named(bakery: Strategy) -> None:
    horizon = bakery.horizon.model_copy(update={"periods": 2})
    result = _planned(
        bakery,
        "inventory-reorder",
        horizon=horizon,
        constraints={"budget_total": 1e9, "budget_per_period": 1e9},
    )
    assert result.status == "infeasible"
    (cause,) = result.infeasible_causes
    assert "cloud-pos then demand-forecast then inventory-reorder take 4 periods" in cause
    assert "horizon has 2" in cause


def test_an_infeasible_plan_is_valid_json(bakery: Strategy) -> None:
    result = _planned(bakery, "self-order-kiosk", constraints={"budget_total": 10})
    text = json.dumps(result.to_dict(), allow_nan=False)
    assert json.loads(text)["status"] == "infeasible"


def test_a_feasible_plan_has_no_causes(bakery: Strategy) -> None:
    assert _planned(bakery, "route-planner").infeasible_causes == ()
