"""Alignment value: properties and the array form the optimizer uses."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway import load_strategy
from headway.analysis.alignment import (
    LATE_EFFECT_SHARE,
    alignment_inputs,
    alignment_value,
    alignment_values,
    harm_phrases,
    portfolio_alignment,
)
from headway.numbers import Numbers
from headway.strategy.model import KpiEffect, Strategy
from headway.strategy.types import ThreePoint
from tests.conftest import TEMPLATES

BAKERY = load_strategy(TEMPLATES / "bakery.yaml")
KPI_IDS = [k.id for k in BAKERY.kpis]


@st.composite
def effects(draw: st.DrawFn) -> list[KpiEffect]:
    chosen = draw(st.lists(st.sampled_from(KPI_IDS), unique=True, max_size=len(KPI_IDS)))
    found = []
    for kpi in chosen:
        points = sorted(draw(st.lists(st.floats(-100, 100), min_size=3, max_size=3)))
        change = ThreePoint(low=points[0], likely=points[1], high=points[2])
        found.append(KpiEffect(kpi=kpi, change=change, lag_periods=draw(st.integers(0, 3))))
    return found


def _with_effects(found: list[KpiEffect]) -> Strategy:
    first = BAKERY.initiatives[0].model_copy(update={"kpi_effects": found})
    return BAKERY.model_copy(update={"initiatives": [first, *BAKERY.initiatives[1:]]})


@settings(max_examples=60, deadline=None)
@given(effects(), st.sampled_from(["low", "likely", "high", "mean"]))
def test_alignment_is_between_minus_1_and_1(found: list[KpiEffect], point: str) -> None:
    strategy = _with_effects(found)
    found_value = alignment_value(strategy, "cloud-pos", point)  # type: ignore[arg-type]
    value = found_value.value
    assert -1.0 <= value <= 1.0
    if not found:
        assert value == 0.0
    total = sum(part.contribution for part in found_value.kpis)
    assert value == pytest.approx(min(1.0, max(-1.0, total)))  # harms subtract


@settings(max_examples=30, deadline=None)
@given(effects())
def test_matrix_form_agrees_with_the_breakdown(found: list[KpiEffect]) -> None:
    strategy = _with_effects(found)
    weights, gaps, improvement = alignment_inputs(strategy)
    for i, item in enumerate(alignment_values(strategy)):
        chosen = np.zeros(len(strategy.initiatives), dtype=bool)
        chosen[i] = True
        assert portfolio_alignment(weights, gaps, improvement, chosen) == pytest.approx(item.value)


def test_no_kpi_effects_means_zero(bakery_path: Path) -> None:
    route = alignment_value(load_strategy(bakery_path), "route-planner")
    assert route.value == 0.0 and route.kpis == ()


def test_effects_on_one_kpi_saturate_in_a_portfolio(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    weights, gaps, improvement = alignment_inputs(strategy)
    ids = [i.id for i in strategy.initiatives]
    everything = np.ones(len(ids), dtype=bool)
    total = portfolio_alignment(weights, gaps, improvement, everything)
    plain_sum = sum(a.value for a in alignment_values(strategy))
    assert total < plain_sum  # the cap matters: a plain sum overstates
    queue = ids.index("cloud-pos"), ids.index("self-order-kiosk")  # -1.5 and -2 of a 4-min gap
    both = np.zeros(len(ids), dtype=bool)
    both[list(queue)] = True
    assert portfolio_alignment(weights, gaps, improvement, both) == pytest.approx(
        alignment_value(strategy, "cloud-pos").value
        + alignment_value(strategy, "self-order-kiosk").value
    )


def test_unknown_initiative_is_a_key_error(bakery_path: Path) -> None:
    with pytest.raises(KeyError, match="nope"):
        alignment_value(load_strategy(bakery_path), "nope")


def test_a_harm_on_a_weighted_kpi_lowers_the_alignment() -> None:
    """Telematics raises driver turnover (+2 points of a 20-point gap, weight 0.125): that
    costs 0.125 x 2 / 20 = 0.0125, symmetric to a gain of the same size."""
    logistics = load_strategy(TEMPLATES / "logistics.yaml")
    telematics = alignment_value(logistics, "telematics")
    turnover = next(p for p in telematics.kpis if p.kpi == "driver-turnover")
    assert turnover.harm and turnover.closed_share == pytest.approx(-0.1)
    assert turnover.contribution == pytest.approx(-0.0125)
    gains = sum(p.contribution for p in telematics.kpis if not p.harm)
    assert telematics.value == pytest.approx(gains - 0.0125)
    # The logistics business writes numbers as de_DE does: a decimal comma, a space before %.
    assert harm_phrases(telematics, logistics.kpis, Numbers.of(logistics.business)) == [
        "worsens driver-turnover by 2 % of drivers (-1,3\xa0% of the weighted gap)"
    ]


def test_a_harm_is_capped_at_one_whole_gap_and_subtracts_in_a_portfolio() -> None:
    found = [KpiEffect(kpi="queue-minutes", change=ThreePoint(low=9, likely=10, high=12))]
    strategy = _with_effects(found)  # +10 minutes against a 4-minute gap
    worst = alignment_value(strategy, "cloud-pos")
    assert worst.kpis[0].closed_share == -1.0
    assert worst.value == pytest.approx(-0.06)  # the queue KPI's whole weight, no more
    weights, gaps, improvement = alignment_inputs(strategy)
    ids = [i.id for i in strategy.initiatives]
    pair = np.zeros(len(ids), dtype=bool)
    pair[[ids.index("cloud-pos"), ids.index("self-order-kiosk")]] = True
    kiosk = alignment_value(strategy, "self-order-kiosk")
    # kiosk -2 minutes, cloud-pos now +10: together +8 of 4 -> capped at -1 whole gap
    assert portfolio_alignment(weights, gaps, improvement, pair) == pytest.approx(
        kiosk.value - next(p.contribution for p in kiosk.kpis if p.kpi == "queue-minutes") - 0.06
    )


def test_an_effect_after_the_due_date_counts_at_the_late_share() -> None:
    """stockouts is due 2027-12 (period 3); with a lag of 3 after one quarter the effect shows
    from period 4, after the due date, and counts at half its size."""
    on_time = KpiEffect(kpi="stockouts", change=ThreePoint(low=-1, likely=-1, high=-1))
    late = on_time.model_copy(update={"lag_periods": 3})
    first = alignment_value(_with_effects([on_time]), "cloud-pos").kpis[0]
    second = alignment_value(_with_effects([late]), "cloud-pos").kpis[0]
    assert first.on_time == 1.0 and second.on_time == LATE_EFFECT_SHARE == 0.5
    assert first.contribution == pytest.approx(0.075 * 1 / 2.5)
    assert second.contribution == pytest.approx(0.5 * first.contribution)
    weights, gaps, improvement = alignment_inputs(_with_effects([late]))
    chosen = np.zeros(len(BAKERY.initiatives), dtype=bool)
    chosen[0] = True
    assert portfolio_alignment(weights, gaps, improvement, chosen) == pytest.approx(
        second.contribution
    )
    raw = alignment_inputs(_with_effects([late]), due_dates=False)[2]
    assert raw[0, KPI_IDS.index("stockouts")] == pytest.approx(1.0)
