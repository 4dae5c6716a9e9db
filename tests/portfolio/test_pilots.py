"""Pilots in the plan: pilot -> go/no-go gate -> roll-out, its cost and effort counted."""

from __future__ import annotations

import pytest

from headway.portfolio.planner import plan, schedule_of
from headway.portfolio.results import Plan
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy
from headway.strategy.pilot import Pilot, PilotCriterion
from tests.conftest import TEMPLATES
from tests.portfolio.checker import violations

PILOT = Pilot(
    cost=150.0,
    effort_days=2.0,
    duration_months=4,
    scope=0.25,
    criteria=[PilotCriterion(kpi="average-order-value", min_improvement=0.5)],
)


def with_pilot(strategy: Strategy, item_id: str, pilot: Pilot | None, **more: object) -> Strategy:
    """`strategy` with `pilot` (and other fields) on initiative `item_id`."""
    items = [
        i.model_copy(update={"pilot": pilot, **more}) if i.id == item_id else i
        for i in strategy.initiatives
    ]
    return strategy.model_copy(update={"initiatives": items})


@pytest.fixture(scope="module")
def shop() -> Strategy:
    """The web shop whose recommendations plug-in must be planned (mandatory), with no pilot."""
    base = load_strategy(TEMPLATES / "ecommerce.yaml")
    return with_pilot(base, "recommendations-app", None, mandatory=True)


@pytest.fixture(scope="module")
def piloted(shop: Strategy) -> Strategy:
    """The same shop with a four-month pilot (two quarters) before the roll-out."""
    return with_pilot(shop, "recommendations-app", PILOT, mandatory=True)


@pytest.fixture(scope="module")
def piloted_plan(piloted: Strategy) -> Plan:
    return plan(piloted)


def test_the_roll_out_starts_at_the_gate_after_the_pilot(piloted_plan: Plan) -> None:
    decision = next(d for d in piloted_plan.decisions if d.initiative == "recommendations-app")
    assert decision.selected and decision.start is not None
    [gate] = piloted_plan.gates
    assert gate.initiative == "recommendations-app"
    assert gate.pilot_start == decision.start
    assert gate.period == decision.start + 2  # four months: two quarters
    assert decision.live == gate.period + 1  # the roll-out's own quarter
    assert gate.label == piloted_plan.period_labels[gate.period]
    assert gate.criteria == ("Average order value: at least 0,5 EUR higher",)
    assert piloted_plan.proven_optimal


def test_pilot_cost_and_effort_count_in_the_periods_they_fall_in(
    piloted: Strategy, piloted_plan: Plan
) -> None:
    inputs, starts = schedule_of(piloted, piloted_plan)
    item = inputs.ids.index("recommendations-app")
    assert inputs.upfront[item, :4].tolist() == [150.0, 0.0, 400.0, 0.0]
    assert inputs.effort[item, :4].tolist() == [1.0, 1.0, 3.0, 0.0]
    assert inputs.duration[item] == 3
    gate = piloted_plan.gates[0]
    totals = piloted_plan.periods
    assert "recommendations-app" in totals[gate.pilot_start].starting
    assert "recommendations-app" in totals[gate.pilot_start + 1].in_flight
    assert totals[gate.pilot_start].upfront >= 150.0
    assert totals[gate.period].upfront >= 400.0
    assert violations(inputs, starts) == []


def test_the_checker_refuses_a_roll_out_before_the_gate(
    piloted: Strategy, piloted_plan: Plan
) -> None:
    inputs, starts = schedule_of(piloted, piloted_plan)
    item = inputs.ids.index("recommendations-app")
    early = {item: starts[item] + 1}
    assert violations(inputs, starts, rollouts=early) == [
        f"roll-out of {item} in {starts[item] + 1} starts before its gate in {starts[item] + 2}"
    ]
    assert violations(inputs, starts, rollouts={item: starts[item] + 2}) == []


def test_the_checker_refuses_a_pilot_whose_cost_is_missing(
    piloted: Strategy, piloted_plan: Plan
) -> None:
    inputs, starts = schedule_of(piloted, piloted_plan)
    item = inputs.ids.index("recommendations-app")
    inputs.upfront[item, 0] = 0.0  # a model that forgot the pilot's cost
    try:
        assert f"pilot of {item} costs 0.0 in its first period" in violations(inputs, starts)
    finally:
        inputs.upfront[item, 0] = 150.0


def test_a_pilot_that_cannot_end_in_time_keeps_the_initiative_out(shop: Strategy) -> None:
    long = PILOT.model_copy(update={"duration_months": 24})  # the whole eight quarters
    strategy = with_pilot(shop, "recommendations-app", long, mandatory=False)
    result = plan(strategy)
    decision = next(d for d in result.decisions if d.initiative == "recommendations-app")
    assert not decision.selected
    assert result.gates == ()


def test_a_pilot_costs_money_and_counts_no_benefit_of_its_own(
    shop: Strategy, piloted_plan: Plan
) -> None:
    """The plan counts no benefit from the pilot itself: the same initiative with a pilot
    goes live no earlier and costs its pilot more, so the plan's NPV is lower."""
    before = plan(shop)
    assert piloted_plan.npv < before.npv
    assert piloted_plan.alignment <= before.alignment + 1e-9


def test_the_text_gantt_shows_the_pilot_and_its_gate() -> None:
    from typer.testing import CliRunner

    from headway.cli import app

    runner = CliRunner()
    shop = str(TEMPLATES / "ecommerce.yaml")
    result = runner.invoke(app, ["plan", shop, "--no-explain"], env={"COLUMNS": "140"})
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "recommendations-app" in line)
    assert row.split()[1:4] == ["~~~", "###", "==="]
    assert "~~~ pilot, with its go/no-go gate at its end; ### being introduced" in result.output
    assert (
        "Gate recommendations-app: pilot from 2027-Q1, go/no-go gate at the start of 2027-Q2 "
        "(2027-04); go when Average order value: at least 0,25 EUR higher."
    ) in " ".join(result.output.split())
    data = runner.invoke(app, ["plan", shop, "--json", "--no-explain"]).output
    assert '"gates"' in data and '"month": "2027-04"' in data
