"""Monte Carlo: reproducible, consistent with the deterministic financials."""

from __future__ import annotations

import numpy as np
import pytest

from headway import load_strategy
from headway.analysis.alignment import alignment_inputs, alignment_values
from headway.analysis.finance import npv_by_start
from headway.analysis.uncertainty import kpi_gap_arrays, simulate, summarise
from headway.strategy.model import Strategy
from headway.strategy.types import ThreePoint
from tests.conftest import TEMPLATES

BAKERY = load_strategy(TEMPLATES / "bakery.yaml")


def _collapse(estimate: ThreePoint) -> ThreePoint:
    return ThreePoint(low=estimate.likely, likely=estimate.likely, high=estimate.likely)


def _certain(strategy: Strategy) -> Strategy:
    """Every three-point estimate replaced by its likely value."""
    items = []
    for item in strategy.initiatives:
        process_effects = [
            e.model_copy(
                update={
                    "time_saved": _collapse(e.time_saved),
                    "errors_avoided": _collapse(e.errors_avoided),
                }
            )
            for e in item.process_effects
        ]
        kpi_effects = [
            e.model_copy(update={"change": _collapse(e.change)}) for e in item.kpi_effects
        ]
        fields = ("upfront_cost", "recurring_cost_per_month", "effort_days", "duration_periods")
        update = {name: _collapse(getattr(item, name)) for name in fields}
        items.append(
            item.model_copy(
                update={**update, "process_effects": process_effects, "kpi_effects": kpi_effects}
            )
        )
    return strategy.model_copy(update={"initiatives": items})


def test_same_seed_same_numbers_other_seed_other_numbers() -> None:
    first = simulate(BAKERY, 500, seed=3)
    again = simulate(BAKERY, 500, seed=3)
    other = simulate(BAKERY, 500, seed=4)
    assert np.array_equal(first.npv, again.npv)
    assert not np.array_equal(first.npv, other.npv)
    assert first.npv.shape == (500, len(BAKERY.initiatives))


def test_without_uncertainty_the_draws_are_the_likely_financials() -> None:
    certain = _certain(BAKERY)
    scenarios = simulate(certain, 20, seed=1)
    table = npv_by_start(certain)
    for start in (0, 2, 5):
        assert np.allclose(scenarios.npv_at(start), table[:, start])
    assert np.allclose(scenarios.npv_by_start(3), table)
    weights, gaps, improvement = alignment_inputs(certain)
    assert np.allclose(scenarios.improvement_matrix(0), improvement)
    expected = [a.value for a in alignment_values(certain)]
    assert np.allclose(scenarios.alignment(weights, gaps), expected)


def test_summary_brackets_the_likely_case() -> None:
    scenarios = simulate(BAKERY, 4000, seed=11)
    table = npv_by_start(BAKERY, "mean")[:, 0]
    for i, spread in enumerate(summarise(scenarios)):
        assert spread.npv.p10 <= spread.npv.p50 <= spread.npv.p90
        assert spread.tco.p10 <= spread.tco.p90
        assert 0.0 <= spread.probability_npv_positive <= 1.0
        assert spread.npv.p10 - 1 <= table[i] <= spread.npv.p90 + 1
    weights, gaps = kpi_gap_arrays(BAKERY)
    aligned = scenarios.alignment(weights, gaps)
    assert aligned.min() >= 0 and aligned.max() <= 1


def test_draws_keep_their_ranges() -> None:
    scenarios = simulate(BAKERY, 2000, seed=5)
    for i, item in enumerate(BAKERY.initiatives):
        column = scenarios.upfront[:, i]
        assert item.upfront_cost.low <= column.min() and column.max() <= item.upfront_cost.high
        assert column.mean() == pytest.approx(item.upfront_cost.pert_mean, rel=0.03)


def test_initiatives_without_effects_and_a_single_scenario() -> None:
    bare = [
        i.model_copy(update={"process_effects": [], "kpi_effects": []}) for i in BAKERY.initiatives
    ]
    scenarios = simulate(BAKERY.model_copy(update={"initiatives": bare}), 1, seed=0)
    assert scenarios.n == 1
    assert np.all(scenarios.benefit == 0) and np.all(scenarios.npv < 0)
    assert scenarios.kpi_improvement.shape == (1, 0)
    weights, gaps = kpi_gap_arrays(BAKERY)
    assert np.all(scenarios.alignment(weights, gaps) == 0)


def test_draws_do_not_depend_on_the_order_of_the_documents_lists() -> None:
    strategy = load_strategy(TEMPLATES / "logistics.yaml")
    reordered = strategy.model_copy(
        update={
            "initiatives": [
                item.model_copy(
                    update={
                        "process_effects": item.process_effects[::-1],
                        "kpi_effects": item.kpi_effects[::-1],
                    }
                )
                for item in strategy.initiatives[::-1]
            ]
        }
    )
    assert [i.id for i in reordered.initiatives] != [i.id for i in strategy.initiatives]
    first, second = simulate(strategy, 500, seed=3), simulate(reordered, 500, seed=3)
    at = {item: n for n, item in enumerate(second.design.initiative_ids)}
    moved = [at[item] for item in first.design.initiative_ids]
    for name in ("upfront", "recurring_per_month", "effort_days", "duration_periods"):
        assert np.array_equal(getattr(first, name), getattr(second, name)[:, moved]), name
    for name in ("npv", "tco", "benefit", "hours_saved_per_period"):  # sums in another order
        assert np.allclose(getattr(first, name), getattr(second, name)[:, moved], rtol=1e-12)
