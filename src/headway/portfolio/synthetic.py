"""Seeded random portfolios with every constraint kind, for property tests and benchmarks.

The generator is deliberately plain: uniform costs and efforts, durations of 1-3 periods, each
initiative moving one or two of K KPIs, a dependency on an earlier initiative for about 10 %,
alternative pairs for about 10 %, a few mandatory and excluded items, and limits set to a
`tightness` share of what everything together would need.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from headway.portfolio.inputs import FloatArray, Limits, PlanningInputs, spread

_Floats = NDArray[np.floating[Any]]


def random_inputs(
    n: int,
    periods: int = 8,
    *,
    seed: int = 0,
    kpis: int | None = None,
    resources: int = 1,
    tightness: float = 0.3,
) -> PlanningInputs:
    """A random planning instance with n initiatives and T periods (money in currency units)."""
    rng = np.random.default_rng(seed)
    k = kpis or max(3, n // 10)
    duration = rng.integers(1, 4, n)
    upfront = rng.integers(5, 100, n) * 100.0
    effort = rng.integers(2, 30, n).astype(float)
    closure = _random_closure(rng, n, k)
    lag = rng.integers(0, 3, (n, k))
    weights = rng.dirichlet(np.ones(k))
    requires, groups, mandatory, excluded = _random_links(rng, n)
    use = rng.integers(0, 4, (n, resources)).astype(float)
    recurring = (rng.integers(0, 30, n) * 10).astype(np.float64)
    limits = _limits(upfront, effort, recurring, use, periods, tightness)
    return PlanningInputs(
        ids=tuple(f"item-{i}" for i in range(n)),
        names=tuple(f"Initiative {i}" for i in range(n)),
        periods=periods,
        duration=duration.astype(np.int64),
        upfront=np.array([spread(c, 1, periods) for c in upfront]).reshape(n, periods),
        effort=np.array(
            [spread(e, int(d), periods) for e, d in zip(effort, duration, strict=True)]
        ).reshape(n, periods),
        recurring=recurring,
        resource_ids=tuple(f"resource-{r}" for r in range(resources)),
        resource_use=use,
        kpi_ids=tuple(f"kpi-{j}" for j in range(k)),
        kpi_weights=weights,
        closure=closure,
        lag=lag.astype(np.int64),
        npv=np.zeros((n, periods)),
        limits=limits,
        requires=requires,
        groups=groups,
        mandatory=mandatory,
        excluded=excluded,
    )


def _random_closure(rng: np.random.Generator, n: int, k: int) -> FloatArray:
    """Gap closure [initiatives, KPIs]: each initiative moves one or two of the k KPIs."""
    closure = np.zeros((n, k))
    for i in range(n):
        moved = rng.choice(k, size=min(k, int(rng.integers(1, 3))), replace=False)
        closure[i, moved] = rng.uniform(0.05, 0.8, len(moved))
    return closure


def _random_links(
    rng: np.random.Generator, n: int
) -> tuple[
    tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], frozenset[int], dict[int, str]
]:
    """Dependencies, alternative pairs, mandatory and excluded items (drawn in this order)."""
    requires = tuple((i, int(rng.integers(0, i))) for i in range(1, n) if rng.random() < 0.1)
    order = rng.permutation(n)
    pairs = max(1, n // 20) if n >= 2 else 0
    groups = tuple((int(order[2 * g]), int(order[2 * g + 1])) for g in range(pairs))
    mandatory = frozenset({int(order[-1])}) if n >= 20 else frozenset()
    excluded = {int(order[-2]): "excluded in the generated instance"} if n >= 20 else {}
    return requires, groups, mandatory, excluded


def _limits(
    upfront: _Floats,
    effort: _Floats,
    recurring: _Floats,
    use: _Floats,
    periods: int,
    tightness: float,
) -> Limits:
    """Limits set to a `tightness` share of what all the initiatives together would need."""
    n, resources = use.shape
    per_period_share = tightness * 2.0 / periods
    return Limits(
        budget_total=float(tightness * upfront.sum()),
        budget_per_period=float(per_period_share * upfront.sum()),
        recurring_per_month=float(tightness * recurring.sum()),
        change_capacity_days=float(per_period_share * effort.sum()),
        max_in_flight=max(2, int(tightness * n * 2 / periods)),
        resources=tuple(float(per_period_share * use[:, r].sum()) + 1 for r in range(resources)),
    )
