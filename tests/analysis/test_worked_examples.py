"""docs/method.md section 11: the bakery and logistics worked examples, number by number."""

from __future__ import annotations

import pytest

from headway.analysis.alignment import alignment_value
from headway.analysis.claims import hours_claims
from headway.analysis.evaluate import Evaluation, evaluate
from headway.analysis.readiness import (
    delivery_confidence,
    readiness_factor,
    readiness_score,
    risk_score,
)
from headway.portfolio.planner import plan
from headway.portfolio.results import Plan, PlanSettings
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy
from headway.strategy.templates import template_path

BAKERY = load_strategy(template_path("bakery"))
LOGISTICS = load_strategy(template_path("logistics"))


@pytest.fixture(scope="module")
def logistics_evaluation() -> Evaluation:
    return evaluate(LOGISTICS, seed=0, scenarios=10_000)


def _plan(strategy: Strategy, npv_weight: float = 0.2) -> Plan:
    return plan(strategy, PlanSettings(npv_weight=npv_weight, explain=False))


def test_bakery_claims_and_invoicing() -> None:
    assert alignment_value(BAKERY, "e-invoicing").value == pytest.approx(0.0702, abs=1e-4)
    claims = {c.initiative: c for c in hours_claims(BAKERY) if c.source != "hours displaced"}
    assert claims["shift-planner"].process_hours == pytest.approx(130)
    assert claims["bookkeeping-sync"].process_hours == pytest.approx(120)
    assert claims["e-invoicing"].process_hours == pytest.approx(204)
    assert all(claims[i].claimed == pytest.approx(156) for i in claims)


def test_bakery_plan() -> None:
    blended, value_only = _plan(BAKERY), _plan(BAKERY, 0.0)
    assert len(blended.selected) == 7
    assert round(100 * blended.value, 1) == 34.9
    assert round(100 * blended.alignment, 2) == 30.06
    assert round(100 * value_only.alignment, 2) == 30.26
    assert (round(blended.npv), round(value_only.npv)) == (40159, 37492)
    assert blended.upfront_total == 14800
    assert "review-requests" not in {d.initiative for d in blended.selected}
    assert "review-requests" in {d.initiative for d in value_only.selected}


def test_logistics_telematics(logistics_evaluation: Evaluation) -> None:
    telematics = next(i for i in logistics_evaluation.initiatives if i.initiative == "telematics")
    parts = {p.kpi: round(p.contribution, 4) for p in telematics.alignment.kpis}
    assert parts == {
        "incident-rate": 0.045,
        "km-per-stop": 0.0083,
        "co2-per-stop": 0.0063,
        "driver-turnover": -0.0125,
    }
    assert round(telematics.alignment.value, 4) == 0.0471
    assert telematics.verdict == (
        "Worth considering: closes 4,7\xa0% of the weighted strategic gap (likely NPV "
        "11.757\xa0€, 99\xa0% chance NPV > 0). It worsens driver-turnover by 2 % of drivers "
        "(-1,3\xa0% of the weighted gap)."  # German numbers (de_DE) in English words
    )


def test_logistics_readiness_and_plan() -> None:
    result = readiness_score(LOGISTICS)
    assert round(result.for_planning, 3) == 0.524
    item = next(i for i in LOGISTICS.initiatives if i.id == "telematics")
    score = risk_score(item, result)
    assert score == pytest.approx(2 + (0.5 - 1 / 3) / 0.5)
    assert delivery_confidence(score) == pytest.approx(0.6667, abs=1e-4)
    assert round(readiness_factor(score, result.for_planning, 0.6), 2) == 0.87
    chosen = _plan(LOGISTICS)
    assert len(chosen.selected) == 7
    assert "change-champion" in {d.initiative for d in chosen.selected}
    assert round(100 * chosen.value, 2) == 13.70
    assert round(100 * chosen.alignment, 2) == 10.75
    assert round(chosen.npv) == 132703
    assert chosen.upfront_total == 12900
    assert round(chosen.change_capacity_days, 2) == 10.67
