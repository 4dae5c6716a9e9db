"""The chain-of-shops generator: one shop's inputs repeated, varied, and coupled by budgets."""

from __future__ import annotations

import numpy as np
import pytest

from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.model import solve_schedule
from headway.portfolio.planner import prepare
from headway.portfolio.results import PlanSettings
from headway.portfolio.synthetic import chain_of_shops
from headway.strategy.load import load_strategy
from tests.portfolio.checker import violations
from tests.portfolio.conftest import BAKERY


@pytest.fixture(scope="module")
def shop() -> PlanningInputs:
    return prepare(load_strategy(BAKERY / "bakery.yaml"), PlanSettings())[0]


def test_a_chain_repeats_the_shop_with_its_own_kpis_and_scaled_limits(shop: PlanningInputs) -> None:
    chain = chain_of_shops(shop, 2 * shop.size + 3, seed=4)
    assert chain.size == 2 * shop.size + 3
    assert len(chain.kpi_ids) == 3 * len(shop.kpi_ids)
    assert chain.kpi_weights.sum() == pytest.approx(1.0)
    assert chain.limits.budget_total == pytest.approx(
        shop.limits.budget_total * chain.size / shop.size
    )
    second = shop.size  # first initiative of shop 2: its effects land on shop 2's KPIs only
    moved = np.flatnonzero(chain.closure[second])
    assert set(moved) <= set(range(len(shop.kpi_ids), 2 * len(shop.kpi_ids)))
    ratio = chain.closure[second, moved] / shop.closure[0, moved - len(shop.kpi_ids)]
    assert np.all((ratio >= 0.7) & (ratio <= 1.3)) and np.allclose(ratio, ratio[0])
    for successor, predecessor in chain.requires:
        assert successor // shop.size == predecessor // shop.size
        assert (successor % shop.size, predecessor % shop.size) in shop.requires
    assert len(chain.requires) >= 2 * len(shop.requires)
    assert shop.due is not None and chain.due is not None  # each shop keeps its KPIs' due dates
    assert list(chain.due) == 3 * list(shop.due)


def test_a_chain_is_planned(shop: PlanningInputs) -> None:
    chain = chain_of_shops(shop, 2 * shop.size, seed=1)
    schedule = solve_schedule(chain)
    assert schedule.result.proven_optimal
    assert violations(chain, schedule.starts) == []


def test_the_same_seed_gives_the_same_chain(shop: PlanningInputs) -> None:
    first, again = chain_of_shops(shop, 30, seed=7), chain_of_shops(shop, 30, seed=7)
    assert np.array_equal(first.upfront, again.upfront)
    assert not np.array_equal(first.upfront, chain_of_shops(shop, 30, seed=8).upfront)
