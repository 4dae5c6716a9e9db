"""Readiness shapes the plan without cliffs (docs/portfolio.md, "Readiness").

On every template, the optimal plan value (strategic value only) never falls when readiness
rises, and moving readiness by 0.01 moves the value by at most `MAX_STEP` (the bound
docs/portfolio.md states; what remains is change capacity, whose days fit an initiative's
effort or not)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from headway.portfolio.planner import plan
from headway.portfolio.results import PlanSettings
from headway.strategy.load import load_strategy
from headway.strategy.templates import template_names, template_path

MAX_STEP = 0.05
"""Largest change of the plan value (0-1) for 0.01 of readiness between 0.45 and 0.65."""


@pytest.mark.parametrize("name", template_names())
def test_plan_value_is_monotone_in_readiness_without_cliffs(name: str) -> None:
    strategy = load_strategy(template_path(name))
    values = [
        plan(strategy, PlanSettings(readiness=r / 100, npv_weight=0.0, explain=False)).value
        for r in range(45, 66)
    ]
    steps = [b - a for a, b in pairwise(values)]
    assert min(steps) >= -1e-9, steps  # never worse with more readiness
    assert max(steps) <= MAX_STEP, steps
