"""Financials: the hand-checked bakery example (docs/method.md) and properties."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway import load_strategy
from headway.analysis.alignment import alignment_value
from headway.analysis.finance import (
    cash_flow_array,
    cash_flows,
    financials,
    live_fractions,
    live_sum,
    npv_by_start,
    timing,
)
from headway.strategy.model import Strategy
from tests.conftest import TEMPLATES

BAKERY = load_strategy(TEMPLATES / "bakery.yaml")
IDS = [i.id for i in BAKERY.initiatives]


def test_worked_example_e_invoicing(bakery_path: Path) -> None:
    """docs/method.md "Worked example": online invoicing at the bakery, likely estimates,
    started in the first quarter of 2027. Every figure below is computed by hand there."""
    strategy = load_strategy(bakery_path)
    # Invoicing: 360 invoices x 6 min = 36 h/quarter, 70 % saved = 25.2 h x EUR 21 = 529.20;
    # errors 360 x 4 % x 70 % avoided x EUR 25 = 252.00; chasing 90 x 10 min = 15 h, 80 % saved
    # = 12 h x EUR 21 = 252.00. Benefit 1,033.20 a quarter, 37.2 hours a quarter.
    flows = cash_flows(strategy, "e-invoicing", start_period=0)
    assert flows.go_live == 1.0
    assert flows.benefit == pytest.approx((0.0,) + (1033.2,) * 7)
    assert flows.hours_saved == pytest.approx((0.0,) + (37.2,) * 7)
    assert flows.recurring == pytest.approx((0.0,) + (105.0,) * 7)  # EUR 35 x 3 months
    assert flows.upfront == pytest.approx((800.0,) + (0.0,) * 7)
    result = financials(strategy, "e-invoicing")
    assert result.tco == pytest.approx(800 + 7 * 105)  # 1,535
    assert result.benefit == pytest.approx(7 * 1033.2)  # 7,232.40
    rate = 1.08**0.25 - 1  # 1.9427 % a quarter
    npv = -800 + sum(928.2 / (1 + rate) ** (p + 1) for p in range(1, 8))
    assert result.npv == pytest.approx(npv)
    assert result.npv == pytest.approx(5105.84, abs=0.01)
    assert result.payback_months == pytest.approx((1 + 800 / 928.2) * 3)  # 5.59 months
    assert result.roi == pytest.approx((7232.4 - 1535) / 1535)  # 3.71
    assert result.hours_saved_per_year == pytest.approx(37.2 * 4)
    alignment = alignment_value(strategy, "e-invoicing")
    # debtor days: 12 of an 18-day gap x weight 0.2 x 0.4; admin hours: 3 of 16 x 0.15 x 0.6
    assert alignment.value == pytest.approx(0.08 * 12 / 18 + 0.09 * 3 / 16)  # 0.0702


def _undiscounted(strategy: Strategy) -> Strategy:
    horizon = strategy.horizon.model_copy(update={"discount_rate_per_year": 0.0})
    return strategy.model_copy(update={"horizon": horizon})


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(IDS), st.integers(0, 7), st.sampled_from(["low", "likely", "high", "mean"]))
def test_npv_at_zero_discount_is_undiscounted_net_benefit(
    initiative: str, start: int, point: str
) -> None:
    strategy = _undiscounted(BAKERY)
    result = financials(strategy, initiative, start, point)  # type: ignore[arg-type]
    assert result.npv == pytest.approx(result.benefit - result.tco, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0.0, 20.0),
    st.lists(st.floats(0.0, 5.0), min_size=1, max_size=24),
)
def test_closed_form_equals_the_period_sum(on_time: float, per_period: list[float]) -> None:
    weights = np.array(per_period)
    explicit = float(live_fractions(on_time, weights.size) @ weights)
    assert float(live_sum(on_time, weights)) == pytest.approx(explicit, abs=1e-9)


def test_array_form_agrees_with_each_start() -> None:
    table = npv_by_start(BAKERY)
    for i, initiative in enumerate(IDS):
        for start in (0, 3, 7):
            assert table[i, start] == pytest.approx(financials(BAKERY, initiative, start).npv)
    nets = cash_flow_array(BAKERY, "online-shop", [0, 2])
    assert nets.shape == (2, BAKERY.horizon.periods)
    assert nets[1, 0] == 0.0 and nets[1, 2] < 0  # nothing before the start, the upfront at it


def test_a_later_start_earns_less() -> None:
    for initiative in IDS:
        benefits = [financials(BAKERY, initiative, s).benefit for s in range(8)]
        if benefits[0] > 0:
            pairs = itertools.pairwise(benefits)
            assert all(later < earlier or later == earlier == 0 for earlier, later in pairs)
    online = npv_by_start(BAKERY)[IDS.index("online-shop")]
    assert np.all(np.diff(online) < 0)


def test_start_beyond_the_horizon_earns_nothing() -> None:
    result = financials(BAKERY, "online-shop", start_period=8)
    assert result.tco == 0 and result.benefit == 0 and result.npv == 0
    assert result.roi is None and result.payback_months is None


def test_kpi_money_counts_revenue_at_the_margin() -> None:
    # online-order-share: +8 points (lag 1) x EUR 3,900 x 60 % margin / 4 quarters = 4,680/q
    flows = cash_flows(BAKERY, "online-shop")
    hours_value = 2400 * 4 / 60 * 0.55 * 17 + 2400 * 0.06 * 0.6 * 9  # phone orders
    assert flows.benefit[1] == pytest.approx(hours_value)
    assert flows.benefit[2] == pytest.approx(hours_value + 8 * 3900 * 0.6 / 4)
    assert timing(BAKERY).months_per_period == 3
