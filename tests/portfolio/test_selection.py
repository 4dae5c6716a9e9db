"""The pure selection solver: brute force on small instances, and OR-Library's mknap1 optima."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from headway.portfolio.greedy import greedy_selection
from headway.portfolio.orlib import read_orlib_mknap
from headway.portfolio.selection import objective_step, optimize_selection


def random_instance(seed: int) -> dict[str, object]:
    """A small instance with several resources, dependencies, groups, mandatory and excluded."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 15))
    m = int(rng.integers(1, 4))
    usage = rng.integers(0, 20, (m, n)).astype(float)
    values = rng.integers(1, 50, n).astype(float)
    if seed % 3 == 0:
        values = values + rng.random(n).round(3)
    capacities = usage.sum(axis=1) * rng.uniform(0.2, 0.7, m)
    requires = [(j, int(rng.integers(0, j))) for j in range(1, n) if rng.random() < 0.2]
    order = rng.permutation(n)
    groups = [tuple(int(i) for i in order[:3])] if n >= 6 else []
    mandatory = [int(order[-1])] if seed % 4 == 0 else []
    excluded = [int(order[-2])] if seed % 5 == 0 else []
    return {
        "values": values,
        "usage": usage,
        "capacities": capacities,
        "requires": requires,
        "groups": groups,
        "mandatory": mandatory,
        "excluded": excluded,
    }


def brute_force(instance: dict[str, object]) -> float | None:
    """The best value over every subset, or None when no subset is feasible."""
    values = np.asarray(instance["values"])
    usage = np.asarray(instance["usage"])
    capacities = np.asarray(instance["capacities"])
    n = len(values)
    subsets = np.array(list(itertools.product([0, 1], repeat=n)), dtype=float)
    ok = np.all(subsets @ usage.T <= capacities + 1e-9, axis=1)
    for successor, predecessor in instance["requires"]:  # type: ignore[attr-defined]
        ok &= subsets[:, successor] <= subsets[:, predecessor]
    for group in instance["groups"]:  # type: ignore[attr-defined]
        ok &= subsets[:, list(group)].sum(axis=1) <= 1
    for item in instance["mandatory"]:  # type: ignore[attr-defined]
        ok &= subsets[:, item] == 1
    for item in instance["excluded"]:  # type: ignore[attr-defined]
        ok &= subsets[:, item] == 0
    if not ok.any():
        return None
    return float((subsets[ok] @ values).max())


@pytest.mark.parametrize("seed", range(60))
def test_solver_matches_brute_force(seed: int) -> None:
    instance = random_instance(seed)
    result = optimize_selection(**instance)  # type: ignore[arg-type]
    best = brute_force(instance)
    if best is None:
        assert result.status == "infeasible"
        assert result.chosen == ()
        return
    assert result.proven_optimal
    assert result.objective == pytest.approx(best, abs=1e-6)


@pytest.mark.parametrize("seed", range(20))
def test_greedy_is_feasible_and_never_better(seed: int) -> None:
    instance = random_instance(seed)
    chosen = greedy_selection(**instance)  # type: ignore[arg-type]
    values = np.asarray(instance["values"])
    x = np.zeros(len(values))
    x[list(chosen)] = 1
    assert np.all(np.asarray(instance["usage"]) @ x <= np.asarray(instance["capacities"]) + 1e-9)
    for successor, predecessor in instance["requires"]:  # type: ignore[attr-defined]
        assert x[successor] <= x[predecessor]
    best = brute_force(instance)
    if best is not None and not instance["mandatory"]:
        assert values @ x <= best + 1e-9


def test_objective_step_detects_decimal_grids() -> None:
    assert objective_step([3, 4, 10]) == 1.0
    assert objective_step([600.1, 310.5]) == pytest.approx(0.1)
    assert objective_step([1 / 3]) is None


def test_capacity_rows_must_match() -> None:
    with pytest.raises(ValueError, match="capacities"):
        optimize_selection([1, 2], [[1, 1]], [1, 2])


@pytest.mark.shared_data
def test_mknap1_published_optima(shared_data: Path) -> None:
    """Petersen (1967) R&D project selection problems, OR-Library `mknap1` (Beasley 1990):
    every instance is solved to its published optimum, proven."""
    instances = read_orlib_mknap(shared_data / "oracles" / "mknap" / "mknap1.txt")
    assert len(instances) == 7
    for instance in instances:
        result = optimize_selection(instance.profits, instance.weights, instance.capacities)
        assert result.proven_optimal, instance.name
        assert result.objective == pytest.approx(instance.header_value, abs=1e-6), instance.name
        chosen = list(result.chosen)
        assert np.all(instance.weights[:, chosen].sum(axis=1) <= instance.capacities)
