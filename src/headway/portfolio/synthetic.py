"""Seeded random portfolios with every constraint kind, for property tests and benchmarks.

The generator is deliberately plain: uniform costs and efforts, durations of 1-3 periods, each
initiative moving one or two of K KPIs, a dependency on an earlier initiative for about 10 %,
alternative pairs for about 10 %, a few mandatory and excluded items, and limits set to a
`tightness` share of what everything together would need.
"""

from __future__ import annotations

from dataclasses import replace
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


def chain_of_shops(base: PlanningInputs, size: int, *, seed: int = 0) -> PlanningInputs:
    """`size` initiatives made the way a consultant plans a chain: `base` (one shop's inputs,
    e.g. the bakery template) repeated shop by shop, each copy's costs, efforts, running costs
    and KPI effects varied by ±30 %, each shop with its own KPIs (the chain's weights shared
    evenly), dependencies and alternatives kept within a shop, and one set of limits for the
    whole chain: the shop's limits scaled by the number of shops (the budgets couple the shops).
    The last shop may be partial. Money in the base's currency.
    """
    rng = np.random.default_rng(seed)
    per_shop = base.size
    shops = -(-size // per_shop)
    shop = np.arange(size) // per_shop
    item = np.arange(size) % per_shop
    vary = rng.uniform(0.7, 1.3, (4, size))
    kpis = len(base.kpi_ids)
    closure = np.zeros((size, shops * kpis))
    lag = np.zeros((size, shops * kpis), dtype=np.int64)
    columns = shop[:, None] * kpis + np.arange(kpis)[None, :]
    np.put_along_axis(closure, columns, base.closure[item] * vary[3][:, None], axis=1)
    np.put_along_axis(lag, columns, base.lag[item], axis=1)
    scale = size / per_shop
    return replace(
        base,
        ids=tuple(f"{base.ids[i]}@shop-{s + 1}" for s, i in zip(shop, item, strict=True)),
        names=tuple(f"{base.names[i]} (shop {s + 1})" for s, i in zip(shop, item, strict=True)),
        duration=base.duration[item],
        upfront=base.upfront[item] * vary[0][:, None],
        effort=base.effort[item] * vary[1][:, None],
        recurring=base.recurring[item] * vary[2],
        resource_use=base.resource_use[item],
        kpi_ids=tuple(f"{k}@shop-{s + 1}" for s in range(shops) for k in base.kpi_ids),
        kpi_weights=np.tile(base.kpi_weights, shops) / shops,
        due=None if base.due is None else np.tile(base.due, shops),
        closure=closure,
        lag=lag,
        npv=base.npv[item] * vary[3][:, None],
        limits=_scaled(base.limits, scale),
        requires=_per_shop(base.requires, per_shop, shops, size),
        groups=_per_shop(base.groups, per_shop, shops, size),
        mandatory=frozenset(_per_shop_items(base.mandatory, per_shop, shops, size)),
        excluded={
            i: base.excluded[i % per_shop]
            for i in _per_shop_items(frozenset(base.excluded), per_shop, shops, size)
        },
        benefit_factor=None if base.benefit_factor is None else base.benefit_factor[item],
        readiness_gates={
            i: base.readiness_gates[i % per_shop]
            for i in _per_shop_items(frozenset(base.readiness_gates), per_shop, shops, size)
        },
    )


def _scaled(limits: Limits, scale: float) -> Limits:
    return Limits(
        budget_total=limits.budget_total * scale,
        budget_per_period=limits.budget_per_period * scale,
        recurring_per_month=limits.recurring_per_month * scale,
        change_capacity_days=limits.change_capacity_days * scale,
        max_in_flight=max(1, round(limits.max_in_flight * scale)),
        resources=tuple(amount * scale for amount in limits.resources),
    )


def _per_shop(
    links: tuple[tuple[int, ...], ...], per_shop: int, shops: int, size: int
) -> tuple[Any, ...]:
    """Each shop's copy of index tuples (dependencies, groups), dropping those past `size`."""
    copies = (tuple(s * per_shop + i for i in link) for s in range(shops) for link in links)
    return tuple(link for link in copies if max(link) < size)


def _per_shop_items(items: frozenset[int], per_shop: int, shops: int, size: int) -> list[int]:
    return [
        s * per_shop + i for s in range(shops) for i in sorted(items) if s * per_shop + i < size
    ]
