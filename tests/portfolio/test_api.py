"""The portfolio's public names are exported from `headway` (the library surface is pinned)."""

from __future__ import annotations

import headway

PORTFOLIO_NAMES = {
    "Frontier",
    "Plan",
    "PlanSettings",
    "Robustness",
    "Selection",
    "WhatIf",
    "compare_scenarios",
    "frontier",
    "optimize_selection",
    "plan",
    "robustness",
}


def test_portfolio_names_are_exported() -> None:
    assert set(headway.__all__) >= PORTFOLIO_NAMES
    for name in PORTFOLIO_NAMES:
        assert getattr(headway, name) is not None
