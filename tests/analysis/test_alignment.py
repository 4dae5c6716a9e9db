"""Alignment value: properties and the array form the optimizer uses."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway import load_strategy
from headway.analysis.alignment import (
    alignment_inputs,
    alignment_value,
    alignment_values,
    portfolio_alignment,
)
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
def test_alignment_is_between_0_and_1(found: list[KpiEffect], point: str) -> None:
    strategy = _with_effects(found)
    value = alignment_value(strategy, "cloud-pos", point).value  # type: ignore[arg-type]
    assert 0.0 <= value <= 1.0
    if not found:
        assert value == 0.0


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
