"""Needs assessment and uncovered gaps on the bakery template."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway import load_strategy
from headway.analysis.needs import needs_assessment, uncovered_gaps


def test_process_hours_and_costs_per_year(bakery_path: Path) -> None:
    needs = {n.process: n for n in needs_assessment(load_strategy(bakery_path))}
    checkout = needs["counter-checkout"]
    assert checkout.hours_per_year == pytest.approx(27000 * 4 * 0.8 / 60)  # 1,440 h
    assert checkout.labour_cost_per_year == pytest.approx(1440 * 17)
    assert checkout.error_cost_per_year == pytest.approx(27000 * 4 * 0.01 * 3)
    assert checkout.automation_potential == pytest.approx((0.9 + 0.7 + 0.9) / 3)
    assert checkout.addressed_by == ("cloud-pos", "self-order-kiosk")
    assert needs["production-planning"].goals == ("cut-waste", "protect-margin")
    costs = [n.labour_cost_per_year + n.error_cost_per_year for n in needs.values()]
    assert costs == sorted(costs, reverse=True)


def test_uncovered_gaps_list_what_the_candidates_leave_open(bakery_path: Path) -> None:
    found = {c.kpi: c for c in uncovered_gaps(load_strategy(bakery_path))}
    assert "online-order-share" not in found  # 8 + 5 + 1.5 + 1 points cover the 12-point gap
    waste = found["waste-share"]  # -2 and -0.5 of a 4-point gap
    assert waste.all_share == pytest.approx(2.5 / 4)
    assert waste.best_single_share == pytest.approx(0.5)
    assert waste.remaining_weight == pytest.approx(0.175 * (1 - 2.5 / 4))
    assert not waste.unmoved
    weights = [c.remaining_weight for c in found.values()]
    assert weights == sorted(weights, reverse=True)


def test_a_kpi_no_one_moves_is_flagged(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    items = [
        i.model_copy(update={"kpi_effects": [e for e in i.kpi_effects if e.kpi != "stockouts"]})
        for i in strategy.initiatives
    ]
    found = {c.kpi: c for c in uncovered_gaps(strategy.model_copy(update={"initiatives": items}))}
    assert found["stockouts"].unmoved and found["stockouts"].all_share == 0
