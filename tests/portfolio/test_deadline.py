"""One deadline for every solve of a call: what it cuts is skipped and said in words, never cut
short silently; `--time-limit 0` (no limit) still proves."""

from __future__ import annotations

import json
import time

import pytest

from headway.portfolio.deadline import deadline_for, part_of, passed, within
from headway.portfolio.decisions import ON_REQUEST
from headway.portfolio.frontier import frontier, spread_order
from headway.portfolio.planner import plan, plan_inputs, prepare
from headway.portfolio.results import Plan, PlanSettings
from headway.portfolio.robustness import robustness
from headway.portfolio.scenarios import compare_scenarios, standard_what_ifs
from headway.settings import DEFAULTS
from headway.strategy.model import Strategy

LIMITED = PlanSettings(time_limit=10.0, time_budget=15.0)


def _past() -> float:
    return time.monotonic() - 1.0


def test_the_settings_table_gives_every_plan_a_time_limit_and_a_budget() -> None:
    assert PlanSettings().time_limit == DEFAULTS.plan_time_limit > 0
    assert PlanSettings().time_budget == DEFAULTS.plan_time_budget >= DEFAULTS.plan_time_limit


def test_the_deadline_is_the_budget_from_now_and_never_shorter_than_one_solve() -> None:
    now = time.monotonic()
    assert deadline_for(LIMITED) == pytest.approx(now + 15.0, abs=1.0)
    short_budget = PlanSettings(time_limit=20.0, time_budget=5.0)
    assert deadline_for(short_budget) == pytest.approx(now + 20.0, abs=1.0)
    assert deadline_for(PlanSettings(time_limit=None, time_budget=15.0)) is None  # proving
    assert deadline_for(PlanSettings(time_limit=10.0, time_budget=None)) is None


def test_a_solve_gets_at_most_the_time_left() -> None:
    assert within(10.0, None) == 10.0
    assert within(None, None) is None
    assert within(10.0, _past()) == 0.0
    assert 2.0 < (within(None, time.monotonic() + 3.0) or 0.0) <= 3.0
    assert passed(_past()) and not passed(None) and not passed(time.monotonic() + 60)


def test_a_first_part_leaves_the_rest_of_the_budget_to_the_parts_after_it() -> None:
    now = time.monotonic()
    wide = PlanSettings(time_limit=4.0, time_budget=30.0)
    assert part_of(now + 30.0, wide, 2 / 3) == pytest.approx(now + 20.0, abs=1.0)
    assert part_of(now + 15.0, LIMITED, 2 / 3) == pytest.approx(now + 10.0, abs=1.0)  # one solve
    assert part_of(now + 3.0, LIMITED, 2 / 3) == now + 3.0  # never past the deadline
    assert part_of(None, LIMITED, 2 / 3) is None


def test_explanations_that_did_not_fit_are_left_to_requests_with_the_reason(
    bakery: Strategy, bakery_plan: Plan
) -> None:
    """The chosen plan (given as the start) is kept, but the deadline has passed before the
    explanations: none is computed from a cut solve; each says it is worked out on request."""
    inputs, readiness, note = prepare(bakery, LIMITED)
    index = {item: i for i, item in enumerate(inputs.ids)}
    starts = {index[d.initiative]: d.start or 0 for d in bakery_plan.selected}
    late = plan_inputs(bakery, inputs, LIMITED, readiness, note, start=starts, deadline=_past())
    assert {d.initiative for d in late.selected} == {d.initiative for d in bakery_plan.selected}
    assert late.status == "time_limit" and not late.proven_optimal
    assert late.sensitivities == ()
    assert "did not fit in the 15 s time budget" in late.verdict
    assert "(setting plan_time_budget)" in late.verdict
    assert late.proof.startswith("Best plan found within the time allowed")
    left_out = [d for d in late.not_selected if d.value_if_forced is None]
    assert left_out and all(ON_REQUEST in d.reasons for d in left_out[:3])
    json.dumps(late.to_dict(), allow_nan=False)


def test_a_plan_out_of_time_before_any_plan_says_so_and_is_valid_json(bakery: Strategy) -> None:
    late = plan(bakery, LIMITED, deadline=_past())
    assert late.status == "time_limit" and late.decisions == ()
    assert late.verdict == "No plan yet: the time ran out before the solver found one."
    assert late.proof.startswith("No plan was found within the time allowed")
    json.dumps(late.to_dict(), allow_nan=False)


def test_without_a_time_limit_the_budget_does_not_apply(bakery: Strategy) -> None:
    proven = plan(bakery, PlanSettings(time_limit=None, time_budget=1e-9, explain=False))
    assert proven.proven_optimal


def test_frontier_levels_are_solved_spread_out() -> None:
    levels = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    order = spread_order(levels, (6.0,))
    assert order[:3] == [0.0, 6.0, 8.0]
    assert order[3] == 3.0  # the middle of the widest gap (0-6)
    assert sorted(order) == levels


def test_a_frontier_out_of_time_says_what_it_left_out(bakery: Strategy) -> None:
    full = frontier(bakery, PlanSettings(explain=False))
    assert full.note == "" and all(p.proven_optimal for p in full.points)
    late = frontier(bakery, LIMITED, deadline=_past())
    assert late.points == ()
    assert late.note.startswith("No budget level was solved within the 15 s time budget")


def test_robustness_out_of_time_counts_only_the_scenarios_solved(
    bakery: Strategy, bakery_plan: Plan
) -> None:
    late = robustness(bakery, bakery_plan, scenarios=4, workers=0, deadline=_past())
    assert late.scenarios == 0
    assert late.note.startswith("0 of the 4 scenarios asked for were solved within")
    assert all(item.share_of_scenarios == 0.0 for item in late.items)
    done = robustness(bakery, bakery_plan, scenarios=4, workers=0)
    assert done.scenarios == 4 and done.note == ""


def test_what_ifs_out_of_time_are_named(bakery: Strategy) -> None:
    late = compare_scenarios(bakery, standard_what_ifs(bakery), LIMITED, deadline=_past())
    assert [r.name for r in late.results] == ["base"]
    assert late.note.startswith("Not planned within the 15 s time budget")
