"""The roadmap model: never breaks a rule (independent checker) and is optimal (brute force)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from headway.portfolio.greedy import greedy_schedule
from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.model import solve_schedule
from headway.portfolio.synthetic import random_inputs
from headway.portfolio.usage import alignment_achieved, period_usage
from tests.portfolio.checker import value, violations


def small_instance(seed: int, n: int, periods: int) -> PlanningInputs:
    """A random instance with every constraint kind, small enough to enumerate when n <= 4."""
    rng = np.random.default_rng(seed)
    base = random_inputs(
        n, periods, seed=seed, kpis=3, resources=2, tightness=rng.uniform(0.2, 0.6)
    )
    requires = tuple((j, int(rng.integers(0, j))) for j in range(1, n) if rng.random() < 0.3)
    order = [int(i) for i in rng.permutation(n)]
    groups = (tuple(order[:2]),) if n >= 3 else ()
    mandatory = frozenset({order[-1]}) if seed % 4 == 0 else frozenset()
    excluded = {order[-2]: "test"} if seed % 5 == 0 and n >= 2 else {}
    return replace(base, requires=requires, groups=groups, mandatory=mandatory, excluded=excluded)


def brute_force(inputs: PlanningInputs) -> float | None:
    """Best checker value over every assignment of start periods (or none) to every item."""
    options = [
        [None, *range(inputs.periods - int(inputs.duration[i]) + 1)] for i in range(inputs.size)
    ]
    best = None
    for combo in itertools.product(*options):
        starts = {i: t for i, t in enumerate(combo) if t is not None}
        if not violations(inputs, starts):
            score = value(inputs, starts)
            best = score if best is None or score > best else best
    return best


@pytest.mark.parametrize("seed", range(40))
def test_model_never_violates_a_constraint(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    inputs = small_instance(seed, int(rng.integers(3, 13)), int(rng.integers(3, 7)))
    schedule = solve_schedule(inputs)
    if schedule.result.values is None:
        assert schedule.result.status == "infeasible"
        return
    assert schedule.result.proven_optimal
    assert violations(inputs, schedule.starts) == []
    assert schedule.objective == pytest.approx(value(inputs, schedule.starts), abs=1e-7)
    assert alignment_achieved(inputs, schedule.starts) == pytest.approx(schedule.objective)


@pytest.mark.parametrize("seed", range(25))
def test_model_matches_brute_force(seed: int) -> None:
    inputs = small_instance(seed, 2 + seed % 3, 3)
    schedule = solve_schedule(inputs)
    best = brute_force(inputs)
    if best is None:
        assert schedule.result.status == "infeasible"
    else:
        assert schedule.objective == pytest.approx(best, abs=1e-7)


def test_saturation_caps_each_kpi_at_its_gap() -> None:
    """Two items that each close 80 % of the only KPI's gap are worth 100 %, not 160 %."""
    inputs = random_inputs(2, 2, seed=1, kpis=1, resources=1, tightness=1.0)
    inputs = replace(
        inputs,
        duration=np.array([1, 1]),
        closure=np.array([[0.8], [0.8]]),
        lag=np.zeros((2, 1), dtype=np.int64),
        kpi_weights=np.array([1.0]),
        requires=(),
        groups=(),
        limits=inputs.limits.relaxed(),
    )
    schedule = solve_schedule(inputs)
    assert schedule.objective == pytest.approx(0.5)  # closed fully in period 1 of 2


def test_later_starts_are_worth_less() -> None:
    inputs = replace(
        random_inputs(1, 4, seed=2, kpis=1, tightness=1.0),
        duration=np.array([1]),
        closure=np.array([[1.0]]),
        lag=np.zeros((1, 1), dtype=np.int64),
        kpi_weights=np.array([1.0]),
    )
    inputs = inputs.with_limits(inputs.limits.relaxed())
    assert value(inputs, {0: 0}) > value(inputs, {0: 1}) > value(inputs, {0: 2})
    assert solve_schedule(inputs).starts == {0: 0}


@pytest.mark.parametrize("seed", range(15))
def test_greedy_peer_is_valid_and_never_better(seed: int) -> None:
    inputs = small_instance(seed, 10, 5)
    starts = greedy_schedule(inputs)
    broken = [v for v in violations(inputs, starts) if not v.startswith("mandatory")]
    assert broken == []
    optimum = solve_schedule(inputs)
    if optimum.result.values is not None and not violations(inputs, starts):
        assert value(inputs, starts) <= optimum.objective + 1e-9


def test_forcing_in_an_item_whose_predecessor_is_excluded_is_infeasible() -> None:
    inputs = random_inputs(12, 6, seed=3, tightness=1.0)
    inputs = replace(inputs, requires=((5, 2),), excluded={2: "excluded for the test"})
    assert solve_schedule(inputs, forced_in=frozenset({5})).result.status == "infeasible"
    assert solve_schedule(inputs, forced_in=frozenset({4})).result.proven_optimal


@pytest.mark.parametrize("seed", range(20))
def test_usage_and_value_agree_with_the_checker(seed: int) -> None:
    inputs = random_inputs(40, 4 + seed % 5, seed=seed, resources=2)
    rng = np.random.default_rng(seed)
    starts = {
        i: int(rng.integers(0, inputs.periods - inputs.duration[i] + 1))
        for i in range(inputs.size)
        if inputs.duration[i] <= inputs.periods and rng.random() < 0.5
    }
    assert alignment_achieved(inputs, starts) == pytest.approx(value(inputs, starts))
    usage = period_usage(inputs, starts)
    for p in range(inputs.periods):
        due = [(i, p - t) for i, t in starts.items() if p >= t]
        assert usage.upfront[p] == pytest.approx(sum(inputs.upfront[i, o] for i, o in due))
        assert usage.effort[p] == pytest.approx(sum(inputs.effort[i, o] for i, o in due))
        busy = [i for i, o in due if o < inputs.duration[i]]
        assert usage.in_flight[p] == len(busy)
        assert usage.resources[:, p] == pytest.approx(inputs.resource_use[busy].sum(axis=0))
        live = [i for i, o in due if o >= inputs.duration[i]]
        assert usage.recurring_per_month[p] == pytest.approx(inputs.recurring[live].sum())
