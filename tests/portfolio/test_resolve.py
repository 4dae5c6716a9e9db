"""One model held by HiGHS answers each explanation's question as a freshly built model does."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pytest

from headway.portfolio.explain import forced_schedule, sensitivities
from headway.portfolio.inputs import Limits, PlanningInputs
from headway.portfolio.limits import cut_value, families, limit_value, most_use, with_limit
from headway.portfolio.model import Schedule, solve_schedule
from headway.portfolio.planner import prepare
from headway.portfolio.resolve import Resolver, Resolvers
from headway.portfolio.results import PlanSettings
from headway.portfolio.synthetic import random_inputs
from headway.strategy.model import Strategy
from tests.portfolio.checker import violations

INF = float("inf")


def _same(held: Schedule, fresh: Schedule) -> None:
    assert held.result.status == fresh.result.status
    assert held.starts == fresh.starts
    if fresh.result.values is not None:
        assert held.objective == pytest.approx(fresh.objective, abs=1e-12)


def _questions(inputs: PlanningInputs) -> list[tuple[str, float]]:
    """Every limit family lifted and cut by 10 %."""
    found = []
    for family in families(inputs):
        found.append((family, INF))
        found.append((family, cut_value(inputs.limits, inputs, family, 0.1)))
    return found


@pytest.mark.parametrize("seed", [0, 1])
def test_changed_limits_solve_as_a_fresh_model(seed: int) -> None:
    inputs = random_inputs(16, 6, seed=seed, resources=2)
    resolver = Resolver(inputs, None)
    for family, value in _questions(inputs):
        limits = with_limit(inputs.limits, inputs, family, value)
        _same(resolver.solve(limits), solve_schedule(inputs, limits))
        held = resolver.solve(limits)
        assert violations(inputs, held.starts, limits) == []
    # Bounds are put back: the plan's own question after all the others.
    _same(resolver.solve(), solve_schedule(inputs))


def test_forced_items_solve_as_a_fresh_model(bakery: Strategy) -> None:
    inputs, _, _ = prepare(bakery, PlanSettings())
    chosen = solve_schedule(inputs)
    resolvers = Resolvers(inputs, None)
    for item in range(inputs.size):
        if item in chosen.starts:
            continue
        held = resolvers.solve(forced_in=item)
        _same(held, solve_schedule(inputs, forced_in=frozenset({item})))
        if held.result.values is not None:
            assert item in held.starts
            assert violations(inputs, held.starts) == []
    # From a known plan HiGHS searches without its first-plan heuristics: the same optimum.
    lifted = with_limit(inputs.limits, inputs, "in_flight", INF)
    assert limit_value(lifted, inputs, "in_flight") > inputs.limits.max_in_flight
    started = resolvers.solve(lifted, start=chosen.starts)
    assert started.result.proven_optimal
    assert started.objective == pytest.approx(solve_schedule(inputs, lifted).objective, abs=1e-9)


def test_an_item_that_can_never_start_has_no_forced_plan() -> None:
    base = random_inputs(16, 6, seed=0, resources=2)
    inputs = dataclasses.replace(base, excluded={3: "excluded in the strategy document"})
    assert Resolvers(inputs, None).solve(forced_in=3).result.status == "infeasible"


class _Counting(Resolvers):
    """Resolvers that record each solve's limits and the initiative it forces in."""

    def __init__(self, inputs: PlanningInputs) -> None:
        super().__init__(inputs, None)
        self.forced: list[int | None] = []
        self.limits: list[Limits | None] = []

    def solve(
        self,
        limits: Limits | None = None,
        forced_in: int | None = None,
        start: Mapping[int, int] | None = None,
    ) -> Schedule:
        self.forced.append(forced_in)
        self.limits.append(limits)
        return super().solve(limits, forced_in, start)


@pytest.mark.parametrize("seed", range(4))
def test_a_forced_plan_ruled_out_without_a_solve_is_infeasible(seed: int) -> None:
    """An initiative that, or whose required initiative, fits the limits in no period even alone
    gets "no plan can include it" without a solve; a fresh model forced to contain it is
    infeasible. Every other answer is the fresh model's."""
    inputs = random_inputs(16, 6, seed=seed, resources=2)
    chosen = solve_schedule(inputs)
    resolvers = _Counting(inputs)
    ruled_out = 0
    for item in sorted(set(range(inputs.size)) - set(chosen.starts)):
        resolvers.forced.clear()
        found = forced_schedule(inputs, item, chosen.objective, chosen.starts, None, resolvers)
        fresh = solve_schedule(inputs, forced_in=frozenset({item}))
        assert (found is None) == (fresh.result.values is None)
        if found is None and not resolvers.forced:
            ruled_out += 1
        elif found is not None:
            assert found[0] == pytest.approx(fresh.objective, abs=1e-9)
    assert ruled_out > 0


def test_a_limit_no_plan_can_exceed_is_not_binding_without_a_solve() -> None:
    """A limit at least what every initiative together uses at its heaviest is settled
    without lifting it: not binding, worth the plan's value, as a fresh lifted solve says."""
    base = random_inputs(16, 6, seed=1, resources=2)
    room = most_use(base, "resource:resource-0")
    inputs = dataclasses.replace(
        base, limits=with_limit(base.limits, base, "resource:resource-0", room)
    )
    chosen = solve_schedule(inputs)
    resolvers = _Counting(inputs)
    found = {
        s.family: s
        for s in sensitivities(
            inputs, chosen.objective, chosen.starts, "EUR", None, None, resolvers
        )
    }
    assert not found["resource:resource-0"].binding
    assert found["resource:resource-0"].value_if_lifted == chosen.objective
    lifted = with_limit(inputs.limits, inputs, "resource:resource-0", INF)
    assert lifted not in resolvers.limits
    assert solve_schedule(inputs, lifted).objective == pytest.approx(chosen.objective, abs=1e-9)
