"""Change-management items: plan items that raise readiness dimensions for later periods
(issue point 6). Before, readiness was a fixed input: no plan item could raise it, and the
logistics plan was held back by its weak change-history score whatever it chose."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from headway.portfolio.inputs import Limits, ReadinessItem
from headway.portfolio.model import solve_schedule
from headway.portfolio.planner import plan, prepare
from headway.portfolio.results import PlanSettings
from headway.strategy.errors import StrategyError
from headway.strategy.load import load_strategy, validate_data
from headway.strategy.templates import template_path
from tests.portfolio.checker import value, violations
from tests.portfolio.test_harms_due import tiny

INF = float("inf")
LOGISTICS = load_strategy(template_path("logistics"))


def test_a_change_item_that_raises_capacity_lets_more_fit_later() -> None:
    # Items 0 and 1 take 6 person-days each against 5 a period: neither fits. Item 2 (the
    # change item) takes 1 day and adds 3 days a period once live: then one of them fits per
    # period, the larger first.
    inputs = tiny([[0.3, 0.0], [0.0, 0.2], [0.0, 0.0]], due=None, per_period=INF)
    effort = np.zeros((3, 4))
    effort[:, 0] = [6.0, 6.0, 1.0]
    change = ReadinessItem(
        2, (("change-history", 0.2),), 0.05, 3.0, np.zeros((3, 2)), np.zeros((3, 4))
    )
    inputs = replace(
        inputs,
        effort=effort,
        limits=Limits(INF, INF, INF, 5.0, 10),
        readiness_items=(change,),
        closure_room=np.zeros((3, 2)),
    )
    schedule = solve_schedule(inputs)
    assert schedule.result.proven_optimal
    assert schedule.starts == {2: 0, 0: 1, 1: 2}
    assert violations(inputs, schedule.starts) == []
    assert schedule.objective == pytest.approx(value(inputs, schedule.starts))
    assert schedule.objective == pytest.approx(0.5 * (0.3 * 2 + 0.2 * 1) / 4)
    without = solve_schedule(replace(inputs, readiness_items=()))
    assert without.starts == {} or set(without.starts) == {2}


def test_a_change_item_lifts_the_benefits_readiness_held_back() -> None:
    # Item 0's benefits count at half (readiness below the minimum); item 1 raises readiness
    # so that from its go-live the other half counts too.
    inputs = tiny([[0.2, 0.0], [0.0, 0.0]], due=None, per_period=INF)
    gain = np.array([[0.2, 0.0], [0.0, 0.0]])
    change = ReadinessItem(1, (("culture", 0.2),), 0.04, 0.0, gain, np.zeros((2, 4)))
    inputs = replace(inputs, readiness_items=(change,), closure_room=gain.copy())
    schedule = solve_schedule(inputs)
    assert schedule.starts == {0: 0, 1: 0}
    # Both live from period 1: 0.4 of kpi-0 for 3 of 4 periods at weight 0.5.
    assert schedule.objective == pytest.approx(0.5 * 0.4 * 3 / 4)
    assert schedule.objective == pytest.approx(value(inputs, schedule.starts))


def test_two_change_items_together_give_back_at_most_what_readiness_held_back() -> None:
    inputs = tiny([[0.2, 0.0], [0.0, 0.0], [0.0, 0.0]], due=None, per_period=INF)
    gain = np.array([[0.15, 0.0], [0.0, 0.0], [0.0, 0.0]])
    items = tuple(
        ReadinessItem(c, (("culture", 0.2),), 0.04, 0.0, gain, np.zeros((3, 4))) for c in (1, 2)
    )
    room = np.array([[0.2, 0.0], [0.0, 0.0], [0.0, 0.0]])
    inputs = replace(inputs, readiness_items=items, closure_room=room)
    schedule = solve_schedule(inputs, forced_in=frozenset({0, 1, 2}))
    started = dict.fromkeys(range(3), 0)
    assert value(inputs, started) == pytest.approx(0.5 * (0.2 + 0.2) * 3 / 4)
    assert schedule.objective == pytest.approx(value(inputs, schedule.starts))


def test_the_logistics_plan_chooses_a_change_champion_and_says_why() -> None:
    settings = PlanSettings(explain=False)
    chosen = plan(LOGISTICS, settings)
    assert chosen.proven_optimal
    picked = {d.initiative: d for d in chosen.selected}
    assert "change-champion" in picked
    reasons = " ".join(picked["change-champion"].reasons)
    assert "raises readiness (change-history by 0.20, culture by 0.05; overall +0.042)" in reasons
    assert "telematics" in reasons and "what it lets the rest of the plan deliver" in reasons
    inputs, _, _ = prepare(LOGISTICS, settings)
    index = {item: i for i, item in enumerate(inputs.ids)}
    starts = {index[d.initiative]: d.start for d in chosen.selected}
    assert violations(inputs, starts) == []
    # The independent checker agrees with the plan's strategic value, change items included.
    assert chosen.alignment == pytest.approx(value(inputs, starts), abs=1e-7)
    # Without change-management items the same strategy is worth less.
    plain = replace(inputs, readiness_items=(), closure_room=None)
    assert solve_schedule(plain).objective < chosen.value - 0.003


def test_an_unknown_readiness_dimension_is_a_located_error() -> None:
    data = LOGISTICS.model_dump(mode="json")
    data["initiatives"][-1]["readiness_gains"] = {"change-hystory": 0.1}
    with pytest.raises(StrategyError) as raised:
        validate_data(data)
    where = ("initiatives", len(data["initiatives"]) - 1, "readiness_gains", "change-hystory")
    assert any(
        p.path == where and "did you mean 'change-history'" in p.message
        for p in raised.value.problems
    )


def test_the_evaluation_says_a_change_item_is_judged_by_the_plan() -> None:
    from headway.analysis.evaluate import evaluate

    found = evaluate(LOGISTICS, scenarios=200)
    champion = next(i for i in found.initiatives if i.initiative == "change-champion")
    assert champion.verdict.startswith(
        "Change management: raises readiness (change-history by 0.20, culture by 0.05) once "
        "live; its value is what that lets other initiatives deliver, so the plan decides "
        "whether it pays"
    )
