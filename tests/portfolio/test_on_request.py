"""What a plan leaves to be asked for gives the same answers as a plan that computes it all."""

from __future__ import annotations

import math

import numpy as np
import pytest

from headway.numbers import Numbers
from headway.portfolio.decisions import ON_REQUEST
from headway.portfolio.milp import MilpResult
from headway.portfolio.model import Schedule
from headway.portfolio.on_request import continue_plan, explain_limits
from headway.portfolio.plan_words import proof_in_words
from headway.portfolio.planner import explain, plan, prepare
from headway.portfolio.results import Plan, PlanSettings
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy
from tests.portfolio.checker import violations
from tests.portfolio.conftest import BAKERY


def _starts(result: Plan) -> dict[str, int | None]:
    return {d.initiative: d.start for d in result.selected}


def test_a_big_plan_leaves_its_re_solving_explanations_to_requests(
    bakery: Strategy, bakery_plan: Plan
) -> None:
    """With the bakery counted as big (more than 10 initiatives), the plan is the same, its
    limits and forced-in values are left out and say so, and asking for them gives exactly
    what the full plan carries."""
    big = plan(bakery, PlanSettings(explain_solves_up_to=10))
    assert _starts(big) == _starts(bakery_plan)
    assert big.value == bakery_plan.value
    assert big.sensitivities == ()
    assert "worked out on request" in big.verdict
    asked = explain_limits(bakery, big)
    assert [s.family for s in asked] == [s.family for s in bakery_plan.sensitivities]
    for now, full in zip(asked, bakery_plan.sensitivities, strict=True):
        assert now.value_if_lifted == pytest.approx(full.value_if_lifted, abs=1e-9)
        assert now.value_if_cut == pytest.approx(full.value_if_cut, abs=1e-9)
        assert now.dropped_if_cut == full.dropped_if_cut
        assert now.binding == full.binding
    forced = [d for d in bakery_plan.not_selected if d.value_if_forced is not None]
    assert forced
    left_out = {d.initiative: d for d in big.not_selected}
    for full_decision in forced:
        deferred = left_out[full_decision.initiative]
        assert deferred.value_if_forced is None
        assert ON_REQUEST in deferred.reasons
        on_request = explain(bakery, big, full_decision.initiative)
        assert on_request.value_if_forced == pytest.approx(full_decision.value_if_forced)
        assert on_request.reasons == full_decision.reasons


def test_continuing_a_stopped_plan_proves_the_optimum() -> None:
    strategy = load_strategy(BAKERY / "ecommerce.yaml")
    proven = plan(strategy, PlanSettings(explain=False))
    stopped = plan(strategy, PlanSettings(explain=False, time_limit=1e-4))
    assert not stopped.proven_optimal
    continued = continue_plan(strategy, stopped)
    assert continued.proven_optimal
    assert continued.settings.time_limit is None
    assert continued.value == pytest.approx(proven.value, abs=1e-9)
    inputs, _, _ = prepare(strategy, continued.settings)
    index = {item: i for i, item in enumerate(inputs.ids)}
    schedule = {index[d.initiative]: d.start or 0 for d in continued.selected}
    assert violations(inputs, schedule) == []


def test_continuing_starts_from_the_plan_it_is_given() -> None:
    """A continuation too short to find anything itself still has the plan it started from."""
    strategy = load_strategy(BAKERY / "ecommerce.yaml")
    proven = plan(strategy, PlanSettings(explain=False))
    assert plan(strategy, PlanSettings(explain=False, time_limit=1e-4)).value == 0.0
    continued = continue_plan(strategy, proven, time_limit=1e-4)
    assert continued.value == pytest.approx(proven.value, abs=1e-9)
    assert _starts(continued) == _starts(proven)


def test_a_plan_stopped_before_any_bound_says_so() -> None:
    values = np.zeros(3)
    result = MilpResult("time_limit", values, 0.25, math.inf, math.inf, 0.01)
    words = proof_in_words(Schedule({0: 1}, 0.25, result), 0.01, Numbers("en_IE", "EUR"))
    assert "worth 25.0% of the weighted gap" in words
    assert "too short to prove how far below the optimum" in words
    assert "inf" not in words


def test_why_not_without_the_smallest_changes_is_one_solve_with_the_same_answer(
    bakery: Strategy, bakery_plan: Plan
) -> None:
    big = plan(bakery, PlanSettings(explain_solves_up_to=10))
    raised = []
    for full in (d for d in bakery_plan.not_selected if d.value_if_forced is not None):
        quick = explain(bakery, big, full.initiative, smallest_changes=False)
        assert quick.value_if_forced == pytest.approx(full.value_if_forced)
        assert quick.reasons == full.reasons
        assert [c.kind for c in quick.changes if c.kind != "readiness"] == []
        complete = explain(bakery, big, full.initiative)
        raised += [c.kind for c in complete.changes if c.kind not in ("readiness", "value")]
    assert raised  # the complete explanation has the limit raises the quick one leaves out
