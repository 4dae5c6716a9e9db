"""Robustness: the plan re-solved across seeded Monte Carlo scenarios in worker processes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from headway.portfolio.results import Plan
from headway.portfolio.robustness import FRAGILE_BELOW, robustness
from headway.strategy.model import Strategy


@pytest.mark.slow
def test_bakery_robustness(bakery: Strategy, bakery_plan: Plan) -> None:
    proving = replace(bakery_plan.settings, time_limit=None)  # no time budget: load-independent
    first = robustness(bakery, bakery_plan, scenarios=6, seed=7, workers=2, settings=proving)
    again = robustness(bakery, bakery_plan, scenarios=6, seed=7, workers=0, settings=proving)
    assert first.items == again.items  # seeded: the same scenarios, the same optima
    assert first.scenarios == 6 and first.note == ""
    assert len(first.items) == len(bakery.initiatives)
    assert all(0.0 <= x.share_of_scenarios <= 1.0 for x in first.items)
    planned = {d.initiative for d in bakery_plan.selected}
    assert {x.initiative for x in first.items if x.in_plan} == planned
    for x in first.items:
        if x.initiative in first.fragile_items:
            assert x.share_of_scenarios < FRAGILE_BELOW
    assert first.to_dict()["fragile"] == first.fragile
