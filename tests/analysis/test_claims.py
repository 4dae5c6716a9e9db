"""Claimed hours against the hours the initiative's processes take."""

from __future__ import annotations

import pytest

from headway import load_strategy
from headway.analysis.claims import hours_claims, hours_per_year_factor, hours_warnings
from headway.analysis.finance import financials
from tests.conftest import TEMPLATES

BAKERY = load_strategy(TEMPLATES / "bakery.yaml")


def test_hours_units_are_recognised() -> None:
    assert hours_per_year_factor("hours/week") == 52
    assert hours_per_year_factor("hours per month") == 12
    assert hours_per_year_factor("h/year") == 1
    assert hours_per_year_factor("% of drivers") is None


def test_a_claim_above_the_process_hours_is_warned() -> None:
    """Shift planner: 3 h/week of admin (156 h a year) claimed, but staff scheduling takes
    13 x 150 min x 4 / 60 = 130 h a year in all."""
    claim = next(c for c in hours_claims(BAKERY) if c.initiative == "shift-planner")
    assert claim.claimed == pytest.approx(156)
    assert claim.process_hours == pytest.approx(130)
    assert claim.exceeds
    assert any(
        w.startswith("shift-planner claims 156 hours a year") for w in hours_warnings(BAKERY)
    )
    invoicing = next(c for c in hours_claims(BAKERY) if c.initiative == "e-invoicing")
    assert not invoicing.exceeds  # 156 of 204 hours


def test_a_declared_overlap_counts_the_money_once() -> None:
    """Give admin hours a money value: e-invoicing's admin-hours effect declares it overlaps the
    invoicing processes, so its NPV does not change; without the declaration it would grow."""
    kpis = [
        k.model_copy(update={"cost_per_unit_per_year": 1000.0}) if k.id == "admin-hours-week" else k
        for k in BAKERY.kpis
    ]
    priced = BAKERY.model_copy(update={"kpis": kpis})
    base = financials(BAKERY, "e-invoicing").npv
    assert financials(priced, "e-invoicing").npv == pytest.approx(base)
    items = [
        i.model_copy(
            update={"kpi_effects": [e.model_copy(update={"overlaps": []}) for e in i.kpi_effects]}
        )
        for i in priced.initiatives
    ]
    twice = priced.model_copy(update={"initiatives": items})
    assert financials(twice, "e-invoicing").npv > base + 1000
