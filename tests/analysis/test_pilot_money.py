"""A pilot in the money: paid at the start, the roll-out at the gate, go-live later — in the
likely financials and in every Monte Carlo scenario (docs/method.md §12)."""

from __future__ import annotations

import numpy as np
import pytest

from headway.analysis.alignment import alignment_inputs
from headway.analysis.finance import cash_flows, npv_by_start
from headway.analysis.uncertainty import simulate
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy
from tests.conftest import TEMPLATES

ITEM = "recommendations-app"


@pytest.fixture(scope="module")
def shops() -> tuple[Strategy, Strategy]:
    """The web shop with its pilot (EUR 100, two months: one quarter) and without."""
    piloted = load_strategy(TEMPLATES / "ecommerce.yaml")
    items = [i.model_copy(update={"pilot": None}) for i in piloted.initiatives]
    return piloted, piloted.model_copy(update={"initiatives": items})


def test_likely_npv_is_the_later_start_less_the_pilot(shops: tuple[Strategy, Strategy]) -> None:
    piloted, plain = shops
    row = [i.id for i in plain.initiatives].index(ITEM)
    with_pilot, without = npv_by_start(piloted)[row], npv_by_start(plain)[row]
    assert with_pilot[:-1] == pytest.approx(without[1:] - 100.0 * (1.1**-0.25) ** np.arange(7))
    flows = cash_flows(piloted, ITEM, 0)
    assert flows.upfront[:3] == (100.0, 400.0, 0.0)
    assert flows.go_live == 2.0


def test_every_scenario_pays_the_pilot_and_waits_for_the_gate(
    shops: tuple[Strategy, Strategy],
) -> None:
    piloted, plain = shops
    row = [i.id for i in plain.initiatives].index(ITEM)
    with_pilot, without = simulate(piloted, 500, seed=3), simulate(plain, 500, seed=3)
    assert with_pilot.npv_at(0)[:, row] == pytest.approx(without.npv_at(1)[:, row] - 100.0)
    assert with_pilot.tco[:, row] == pytest.approx(
        without.tco[:, row] + 100.0 - without.recurring_per_month[:, row] * 3, rel=1e-9
    )
    others = [i for i in range(len(plain.initiatives)) if i != row]
    assert np.array_equal(with_pilot.npv[:, others], without.npv[:, others])


def test_the_due_date_is_judged_after_the_pilot(shops: tuple[Strategy, Strategy]) -> None:
    piloted, plain = shops
    row = [i.id for i in plain.initiatives].index(ITEM)
    late = piloted.model_copy(
        update={"kpis": [k.model_copy(update={"due": "2027-06"}) for k in piloted.kpis]}
    )
    on_time = plain.model_copy(update={"kpis": late.kpis})
    # Live from period 1 without the pilot (due period 1: on time), from 2 with it (late).
    assert alignment_inputs(on_time, "likely")[2][row].sum() == pytest.approx(
        2 * alignment_inputs(late, "likely")[2][row].sum()
    )
