"""A plan that learns: what monitoring realised updates the initiatives' three-point estimates.

Method (docs/monitoring.md, "Learning from what was realised"):

- **KPI effects** — a normal-normal Bayesian update (credibility weighting, Bühlmann 1967). The
  prior is the effect's three-point estimate: mean `m0` its PERT mean `(low + 4 likely + high) /
  6`, standard deviation `s0 = (high - low) / 6` (the PERT convention). The realization test
  measures the effect's full size `x` (level plus ramp) with standard error `se`. The credibility
  `Z = s0^2 / (s0^2 + se^2)` (1 when both are 0); the updated mean is `m0 + Z (x - m0)` and the
  updated spread is the prior's times `sqrt(1 - Z)`: every point moves to `m1 + (p - m0) sqrt(1 -
  Z)`, so the updated PERT mean is exactly `m1` and the order low <= likely <= high is kept.
- **Costs** — an actual upfront cost of an initiative that is live (or retired) is the whole
  upfront cost: it replaces the estimate (`Z` = 1, low = likely = high = the actual). A recorded
  running cost per month of a live initiative replaces its estimate the same way.

`learned_strategy` applies the updates to a copy of the strategy, so a re-plan
(`headway plan --learn`) uses them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from headway.monitoring.initiatives import InitiativeState
from headway.monitoring.realization import Realization
from headway.monitoring.records import Status
from headway.strategy.model import Initiative, Strategy
from headway.strategy.types import ThreePoint

Points = tuple[float, float, float]


@dataclass(frozen=True)
class EstimateUpdate:
    """One estimate revised from what was realised.

    `estimate` is `kpi:<id>` (the effect's change, KPI unit, signed as in the document),
    `upfront_cost` or `recurring_cost_per_month` (currency); `prior` and `posterior` are
    (low, likely, high); `realised` the measured value, `std_error` its standard error (None
    for a recorded cost); `weight` the credibility Z (0-1) given to what was realised.
    """

    initiative: str
    estimate: str
    unit: str
    prior: Points
    realised: float
    std_error: float | None
    weight: float
    posterior: Points


def credibility(prior: Points, realised: float, std_error: float) -> tuple[float, Points]:
    """(Z, updated points) of the normal-normal update of a three-point estimate."""
    low, likely, high = prior
    mean = (low + 4 * likely + high) / 6
    prior_var = ((high - low) / 6) ** 2
    total = prior_var + std_error**2
    weight = 1.0 if total == 0 else prior_var / total
    updated = mean + weight * (realised - mean)
    shrink = math.sqrt(1.0 - weight)
    points = tuple(updated + (p - mean) * shrink for p in prior)
    return weight, (points[0], points[1], points[2])


def learn(
    strategy: Strategy,
    realizations: Iterable[Realization],
    states: Mapping[str, InitiativeState],
) -> list[EstimateUpdate]:
    """Every estimate what was realised revises: measured KPI effects and recorded costs."""
    items = {i.id: i for i in strategy.initiatives}
    units = {k.id: k for k in strategy.kpis}
    found: list[EstimateUpdate] = []
    for r in realizations:
        item = items.get(r.initiative)
        if item is None or r.improvement is None or r.std_error is None:
            continue
        effect = next(e for e in item.kpi_effects if e.kpi == r.kpi)
        sign = units[r.kpi].direction.sign
        prior = _points(effect.change)
        weight, posterior = credibility(prior, sign * r.improvement, r.std_error)
        found.append(
            EstimateUpdate(
                item.id, f"kpi:{r.kpi}", r.unit, prior, sign * r.improvement, r.std_error,
                weight, posterior,
            )
        )  # fmt: skip
    for item_id, state in states.items():
        if item_id in items:
            found += _cost_updates(items[item_id], state, strategy.business.currency)
    return found


def _cost_updates(item: Initiative, state: InitiativeState, currency: str) -> list[EstimateUpdate]:
    done = state.status in (Status.live, Status.retired)
    pairs = [
        ("upfront_cost", item.upfront_cost, state.actual_upfront, currency, done),
        (
            "recurring_cost_per_month",
            item.recurring_cost_per_month,
            state.actual_recurring_per_month,
            f"{currency}/month",
            state.status is Status.live,
        ),
    ]
    return [
        EstimateUpdate(item.id, name, unit, _points(prior), actual, None, 1.0, (actual,) * 3)
        for name, prior, actual, unit, counts in pairs
        if counts and actual is not None
    ]


def _points(value: ThreePoint) -> Points:
    return (float(value.low), float(value.likely), float(value.high))


def learned_strategy(strategy: Strategy, updates: Sequence[EstimateUpdate]) -> Strategy:
    """A copy of the strategy with every update applied (the input is not changed)."""
    by_item: dict[str, list[EstimateUpdate]] = {}
    for update in updates:
        by_item.setdefault(update.initiative, []).append(update)
    initiatives = [
        _apply(item, by_item[item.id]) if item.id in by_item else item
        for item in strategy.initiatives
    ]
    return strategy.model_copy(update={"initiatives": initiatives})


def _three(points: Points) -> ThreePoint:
    return ThreePoint(low=points[0], likely=points[1], high=points[2])


def _apply(item: Initiative, updates: Sequence[EstimateUpdate]) -> Initiative:
    fields: dict[str, object] = {}
    effects = list(item.kpi_effects)
    for update in updates:
        if update.estimate.startswith("kpi:"):
            kpi = update.estimate.removeprefix("kpi:")
            effects = [
                e.model_copy(update={"change": _three(update.posterior)}) if e.kpi == kpi else e
                for e in effects
            ]
        else:
            fields[update.estimate] = _three(update.posterior)
    return item.model_copy(update={**fields, "kpi_effects": effects})
