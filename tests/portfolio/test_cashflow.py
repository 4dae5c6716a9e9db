"""The plan's cash flow for the bank: sums of each chosen initiative's own cash flows."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from headway.analysis.finance import cash_flows, financials
from headway.portfolio.cashflow import plan_cash_flow
from headway.portfolio.results import Plan
from headway.strategy.model import Strategy


def test_years_add_up_each_chosen_initiatives_flows(bakery: Strategy, bakery_plan: Plan) -> None:
    cash = plan_cash_flow(bakery, bakery_plan)
    own = [financials(bakery, d.initiative, d.start or 0) for d in bakery_plan.selected]
    assert sum(y.upfront for y in cash.years) == pytest.approx(sum(f.upfront for f in own))
    assert sum(y.upfront for y in cash.years) == pytest.approx(bakery_plan.upfront_total)
    assert sum(y.running for y in cash.years) == pytest.approx(sum(f.recurring for f in own))
    assert sum(y.benefits for y in cash.years) == pytest.approx(sum(f.benefit for f in own))
    assert cash.npv == pytest.approx(sum(f.npv for f in own))  # NPV is additive
    # Two years of quarters: four periods to a plan year, the cumulative carried over.
    assert [y.periods for y in cash.years] == [(0, 1, 2, 3), (4, 5, 6, 7)]
    assert cash.years[1].cumulative == pytest.approx(cash.years[0].net + cash.years[1].net)


def test_funding_needed_is_the_lowest_cumulative_at_any_period_end(
    bakery: Strategy, bakery_plan: Plan
) -> None:
    """Not the year-end figure: cash can dip within a year and recover by December."""
    cash = plan_cash_flow(bakery, bakery_plan)
    net = sum(
        np.asarray(cash_flows(bakery, d.initiative, d.start or 0).net) for d in bakery_plan.selected
    )
    cumulative = np.cumsum(net)
    assert cash.funding_needed == pytest.approx(-cumulative.min())
    assert cash.funding_period == int(cumulative.argmin())
    assert cash.funding_needed > max(0.0, -min(y.cumulative for y in cash.years))


def test_one_initiative_pays_back_as_it_does_alone(bakery: Strategy, bakery_plan: Plan) -> None:
    first = bakery_plan.selected[0]
    alone = dataclasses.replace(bakery_plan, decisions=(first,))
    cash = plan_cash_flow(bakery, alone)
    assert (
        cash.payback_months == financials(bakery, first.initiative, first.start or 0).payback_months
    )
    labels = {a.label for a in cash.assumptions}
    assert f"{first.name}: upfront" in labels and f"{first.name}: running" in labels
    assert {a.source for a in cash.assumptions} <= {"measured", "estimated", "assumed"}
