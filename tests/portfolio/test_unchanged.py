"""Plans and explanations are the same as before the model was reformulated for speed.

`data/plans_before_speed_work.json` was recorded with the earlier time-indexed model (one binary
per start period, closure rows summing every start): for every strategy template the plan and
its explanations, for generated chains of shops the schedule, for random portfolios the optimum.
Random portfolios have several optimal schedules, so only their value is pinned there (and the
schedule is checked by the independent checker).

Harms, due dates, change-management items and pilots entered the plan after the record: the
fixture below plans the templates without them (harms dropped, no due dates, the
change-management initiatives and the pilots removed), so that the record keeps checking the
formulation; tests/portfolio/test_harms_due.py, test_change_items.py and test_pilots.py check
what they change.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from headway.portfolio import planner
from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.model import solve_schedule
from headway.portfolio.planner import explain, plan, prepare
from headway.portfolio.results import PlanSettings
from headway.portfolio.synthetic import chain_of_shops, random_inputs
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy
from tests.portfolio.checker import value, violations
from tests.portfolio.conftest import BAKERY

BEFORE: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "plans_before_speed_work.json").read_text()
)
TEMPLATES = sorted(path.stem for path in BAKERY.glob("*.yaml"))
LATER_REASONS = ("in the plan although its risk-adjusted NPV", "worsens ", "its effect on ")


@pytest.fixture(autouse=True)
def _as_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plan as the record was made: gains only, no due dates."""
    original = planner.planning_inputs

    def without_harms_and_due_dates(*args: Any, **kwargs: Any) -> PlanningInputs:
        inputs = original(*args, **kwargs)
        return dataclasses.replace(inputs, closure=np.maximum(inputs.closure, 0.0), due=None)

    monkeypatch.setattr(planner, "planning_inputs", without_harms_and_due_dates)


def _without_change_items(strategy: Strategy) -> Strategy:
    """The strategy without its change-management initiatives and its pilots."""
    kept = [
        item.model_copy(update={"pilot": None})
        for item in strategy.initiatives
        if not item.readiness_gains
    ]
    return strategy.model_copy(update={"initiatives": kept})


def _recorded(reasons: tuple[str, ...]) -> list[str]:
    """The reasons the record has: a loss-maker's "in the plan although ...", harms and late
    effects came later."""
    return [r for r in reasons if not r.startswith(LATER_REASONS)]


@pytest.mark.parametrize("template", TEMPLATES)
def test_template_plans_and_explanations_are_unchanged(template: str) -> None:
    strategy = _without_change_items(load_strategy(BAKERY / f"{template}.yaml"))
    before = BEFORE[template]
    # Recorded on strategic value only (the default before the plan also weighed money).
    now = plan(strategy, PlanSettings(npv_weight=0.0))
    assert {d.initiative: d.start for d in now.selected} == before["starts"]
    assert now.value == pytest.approx(before["value"], abs=1e-9)
    assert now.verdict == f"{now.objective} {before['verdict']}"
    for old, new in zip(before["sensitivities"], now.sensitivities, strict=True):
        assert new.family == old["family"]
        assert new.value_if_lifted == pytest.approx(old["value_if_lifted"], abs=1e-9)
        assert new.value_if_cut == pytest.approx(old["value_if_cut"], abs=1e-9)
        assert list(new.dropped_if_cut) == old["dropped_if_cut"]
        assert new.binding == old["binding"]
    for old, decision in zip(before["decisions"], now.decisions, strict=True):
        assert _recorded(decision.reasons) == old["reasons"]
        _same_number(decision.value_if_forced, old["value_if_forced"])
        shallow = any("not explained in detail" in reason for reason in decision.reasons)
        full = (
            decision if decision.selected or shallow else explain(strategy, now, old["initiative"])
        )
        assert full.initiative == old["initiative"]
        assert full.start == old["start"]
        assert _recorded(full.reasons) == old["reasons"]
        _same_number(full.value_if_forced, old["value_if_forced"])
        assert [c.kind for c in full.changes] == [c["kind"] for c in old["changes"]]
        for change, was in zip(full.changes, old["changes"], strict=True):
            # A least raise is exact to HiGHS's feasibility tolerance (1e-6 of a row), which
            # can move its last shown digit (15.825 shown as 15.82 or 15.83).
            assert change.amount == pytest.approx(was["amount"], rel=1e-5, abs=1e-5)
            assert _without_amount(change.text) == _without_amount(was["text"])


def _without_amount(text: str) -> str:
    return re.sub(r" by [0-9,.]+ ", " by <amount> ", text)


def _same_number(now: float | None, before: float | None) -> None:
    if before is None:
        assert now is None
    else:
        assert now == pytest.approx(before, abs=1e-9)


@pytest.mark.parametrize("size", [14, 28, 42])
@pytest.mark.parametrize("seed", [0, 1])
def test_chain_of_shops_schedules_are_unchanged(size: int, seed: int) -> None:
    base, _, _ = prepare(load_strategy(BAKERY / "bakery.yaml"), PlanSettings(npv_weight=0.0))
    inputs = chain_of_shops(base, size, seed=seed)
    before = BEFORE[f"chain-{size}-{seed}"]
    schedule = solve_schedule(inputs)
    assert {inputs.ids[i]: t for i, t in schedule.starts.items()} == before["starts"]
    assert schedule.objective == pytest.approx(before["value"], abs=1e-9)
    assert violations(inputs, schedule.starts) == []


@pytest.mark.parametrize("seed", range(6))
def test_random_portfolio_optima_are_unchanged(seed: int) -> None:
    inputs = random_inputs(30, 8, seed=seed, resources=2)
    schedule = solve_schedule(inputs)
    assert schedule.result.proven_optimal
    assert violations(inputs, schedule.starts) == []
    assert value(inputs, schedule.starts) == pytest.approx(BEFORE[f"random-30-{seed}"]["value"])
