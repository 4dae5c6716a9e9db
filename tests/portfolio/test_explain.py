"""Explanations are checked by acting on them: change what they name and re-plan."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from headway.portfolio.explain import least_raise, sensitivities
from headway.portfolio.limits import limit_value, with_limit
from headway.portfolio.model import solve_schedule
from headway.portfolio.planner import explain, plan, prepare
from headway.portfolio.results import Plan, PlanSettings
from headway.strategy.model import Strategy
from tests.portfolio.checker import violations

DOC_FIELD = {
    "budget_total": "budget_total",
    "budget_per_period": "budget_per_period",
    "recurring": "recurring_budget_per_month",
    "change_capacity": "change_capacity_days_per_period",
}


def test_bakery_has_binding_limits(bakery_plan: Plan) -> None:
    binding = [s for s in bakery_plan.sensitivities if s.binding]
    assert binding
    for s in binding:
        assert s.value_if_lifted > bakery_plan.value
        assert s.value_if_cut <= bakery_plan.value + 1e-9
    assert any(s.label in bakery_plan.verdict for s in binding)


def test_shrinking_a_binding_limit_changes_the_plan_as_explained(
    bakery: Strategy, bakery_plan: Plan
) -> None:
    """Cut each binding limit in the document by the stated share and re-plan from scratch:
    the value and the dropped initiatives are those the explanation gave."""
    assert _check_cuts(bakery, bakery_plan)


def test_a_binding_total_budget_is_explained_and_acts_as_said(bakery: Strategy) -> None:
    constraints = bakery.constraints.model_copy(update={"budget_total": 9000.0})
    tight = bakery.model_copy(update={"constraints": constraints})
    tight_plan = plan(tight, PlanSettings(explain=False))
    inputs, _, _ = prepare(tight, PlanSettings())
    starts = {inputs.ids.index(d.initiative): d.start or 0 for d in tight_plan.selected}
    found = sensitivities(inputs, tight_plan.value, starts, "EUR")
    budget = next(s for s in found if s.family == "budget_total")
    assert budget.binding
    assert budget.value_if_cut < tight_plan.value
    assert _check_cuts(tight, replace(tight_plan, sensitivities=tuple(found)))


def _check_cuts(bakery: Strategy, bakery_plan: Plan) -> int:
    checked = 0
    for s in bakery_plan.sensitivities:
        if not s.binding or s.family not in DOC_FIELD:
            continue
        name = DOC_FIELD[s.family]
        cut = getattr(bakery.constraints, name) * (1 - s.cut_share)
        constraints = bakery.constraints.model_copy(update={name: cut})
        smaller = plan(
            bakery.model_copy(update={"constraints": constraints}), PlanSettings(explain=False)
        )
        assert smaller.value == pytest.approx(s.value_if_cut, abs=1e-7)
        before = {d.initiative for d in bakery_plan.selected}
        after = {d.initiative for d in smaller.selected}
        assert tuple(sorted(before - after)) == tuple(sorted(s.dropped_if_cut))
        if s.dropped_if_cut:
            assert smaller.value < bakery_plan.value
            inputs, _, _ = prepare(
                bakery.model_copy(update={"constraints": constraints}), PlanSettings()
            )
            old = {inputs.ids.index(d.initiative): d.start or 0 for d in bakery_plan.selected}
            assert violations(inputs, old), "the old plan should no longer fit"
        checked += 1
    return checked


def test_smallest_raise_brings_an_item_in_and_is_smallest(
    bakery: Strategy, bakery_plan: Plan
) -> None:
    inputs, _, _ = prepare(bakery, PlanSettings())
    checked = 0
    for left_out in bakery_plan.not_selected:
        decision = explain(bakery, bakery_plan, left_out.initiative)
        item = inputs.ids.index(decision.initiative)
        for change in decision.changes:
            if change.kind == "readiness":
                raised_readiness = PlanSettings(readiness=bakery_plan.readiness + change.amount)
                ready = prepare(bakery, raised_readiness)[0]
                assert item not in ready.excluded
                continue
            if change.kind == "value":
                forced = solve_schedule(inputs, forced_in=frozenset({item}))
                assert bakery_plan.value - forced.objective == pytest.approx(change.amount)
                continue
            current = limit_value(inputs.limits, inputs, change.kind)
            raised = with_limit(inputs.limits, inputs, change.kind, current + change.amount)
            with_it = solve_schedule(inputs, raised, forced_in=frozenset({item}))
            assert with_it.objective >= bakery_plan.value - 1e-6
            assert violations(inputs, with_it.starts, raised) == []
            less = with_limit(inputs.limits, inputs, change.kind, current + 0.98 * change.amount)
            short = solve_schedule(inputs, less, forced_in=frozenset({item}))
            assert short.result.values is None or short.objective < bakery_plan.value - 1e-9
            checked += 1
    assert checked


def test_least_raise_is_none_when_nothing_helps(bakery: Strategy) -> None:
    inputs, _, _ = prepare(bakery, PlanSettings())
    kiosk = inputs.ids.index("self-order-kiosk")  # excluded by readiness: no raise helps
    assert least_raise(inputs, kiosk, "budget_total", 0.0, None) is None


def test_zero_value_item_is_explained(bakery: Strategy) -> None:
    # Strategic value only: the route planner's small positive NPV cannot earn it a place.
    value_only = plan(bakery, PlanSettings(npv_weight=0.0, explain=False))
    route = next(d for d in value_only.decisions if d.initiative == "route-planner")
    assert not route.selected
    assert any("no part of a weighted KPI gap" in r for r in route.reasons)


def test_explain_gives_one_initiative_the_changes_plan_leaves_out(
    bakery: Strategy, bakery_plan: Plan
) -> None:
    asked = plan(bakery, PlanSettings(smallest_changes=True))
    for decision in asked.decisions:
        assert explain(bakery, bakery_plan, decision.initiative) == decision
    with pytest.raises(KeyError, match="unknown initiative 'no-such-thing'"):
        explain(bakery, bakery_plan, "no-such-thing")
    other = bakery.model_copy(update={"initiatives": bakery.initiatives[:-1]})
    with pytest.raises(ValueError, match="not made from this strategy"):
        explain(other, bakery_plan, bakery.initiatives[0].id)


def test_least_raise_keeps_the_call_s_deadline(bakery: Strategy, bakery_plan: Plan) -> None:
    """A raise is shown only when proven least within the call's time budget: once the
    deadline has passed none is computed (an unproven raise would overstate the change)."""
    inputs, _, _ = prepare(bakery, PlanSettings())
    found = []
    for left_out in bakery_plan.not_selected:
        item = inputs.ids.index(left_out.initiative)
        for family in ("budget_total", "budget_per_period", "change_capacity"):
            amount = least_raise(inputs, item, family, bakery_plan.value, None)
            if amount is not None:
                found.append((item, family))
    assert found, "some raise brings some initiative in"
    late = replace(inputs, deadline=time.monotonic() - 1.0)
    assert all(
        least_raise(late, item, family, bakery_plan.value, 10.0) is None for item, family in found
    )
