"""Planning inputs: a strategy turned into the arrays the roadmap model needs.

Everything is indexed by initiative (rows, in document order), planning period (0-based) and
KPI. Costs and efforts use one point of each three-point estimate (`likely` by default, or the
PERT `mean`); the Monte Carlo robustness check re-plans with sampled values instead.

Timing conventions (documented in docs/portfolio.md):
- an initiative started in period t is *in flight* in periods t .. t+d-1 (d = its duration in
  whole periods, the estimate rounded half up, at least 1) and *live* from period t+d;
- its upfront cost is paid in its start period (as in `headway.analysis.finance`), its effort
  (person-days) is spread evenly over the periods in flight;
- its recurring cost (per month) runs from go-live on; a KPI effect shows from t+d+lag, and
  counts at `LATE_EFFECT_SHARE` of its size when that is after the KPI's due period;
- a harm (an effect against the KPI's direction) is a negative closure: it lowers the plan's
  value, is not scaled by readiness (readiness holds back benefits, not harms) and is capped at
  one whole gap per initiative.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from headway.analysis.alignment import (
    LATE_EFFECT_SHARE,
    Point,
    alignment_inputs,
    due_periods,
    estimate,
    whole_periods,
)
from headway.analysis.readiness import READINESS_BAND, readiness_factor
from headway.numbers import Numbers
from headway.portfolio.pilots import PilotArrays, pilot_arrays, staged_rows
from headway.strategy.model import Strategy

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Limits:
    """The means a plan must fit in (the document's `constraints`, possibly varied).

    Money in the document's currency; change capacity in person-days per period; resources in
    their own unit per period, aligned with `PlanningInputs.resource_ids`.
    """

    budget_total: float
    budget_per_period: float
    recurring_per_month: float
    change_capacity_days: float
    max_in_flight: int
    resources: tuple[float, ...] = ()

    def relaxed(self) -> Limits:
        """The same limits with every budget and capacity lifted (for the unconstrained value)."""
        inf = float("inf")
        return Limits(inf, inf, inf, inf, 10**6, tuple(inf for _ in self.resources))


@dataclass(frozen=True)
class ReadinessItem:
    """A change-management item (`portfolio.change_items`): the initiative `item` raises the
    readiness dimensions `gains` (id, points 0-1) once live, the overall readiness by
    `readiness_lift`, the change capacity by `capacity_gain` person-days per period, each
    initiative's KPI closure by `closure_gain` [n, K] per period once both are live, and the
    risk-adjusted NPV of an initiative started in t after it is live by `npv_gain` [n, T]."""

    item: int
    gains: tuple[tuple[str, float], ...]
    readiness_lift: float
    capacity_gain: float
    closure_gain: FloatArray
    npv_gain: FloatArray


GENERATED_NUMBERS = Numbers("en_GB", "EUR")
"""The number model of inputs generated without a business (benchmarks, tests)."""


@dataclass(frozen=True)
class PlanningInputs:
    """Arrays for the roadmap model (n initiatives, T periods, K KPIs, R named resources).

    - `duration` [n]: periods in flight; `upfront` / `effort` [n, T]: upfront cost (currency) and
      effort (person-days) in period `start + offset`, offset 0..T-1; for an initiative with a
      pilot these hold the pilot and the roll-out after it (`pilots`, `portfolio.pilots`);
    - `recurring` [n]: running cost per month once live (currency);
    - `resource_use` [n, R]: use of each named resource per period in flight;
    - `kpi_weights` [K] (sum 1); `closure` [n, K]: share of the KPI's gap the initiative closes
      (may exceed 1 before the portfolio cap; negative, down to -1, for a harm); `lag` [n, K]:
      periods after go-live; `due` [K]: the last period whose effects count in full (an effect
      showing later counts at `LATE_EFFECT_SHARE`; None: no due dates);
    - `npv` [n, T]: risk-adjusted NPV (currency) if started in period t (zeros when unknown);
    - `requires` pairs (successor, predecessor); `groups` of alternatives; `mandatory`;
      `excluded` index -> reason in words; `readiness_gates` index -> (readiness, readiness
      required) for the (partly) high-risk initiatives whose benefits readiness holds back;
    - `benefit_factor` [n] (0-1): the share of each initiative's benefits (KPI closure and
      positive NPV) the plan counts at this readiness (`analysis.readiness.readiness_factor`);
      already applied to `closure` and `npv`;
    - `readiness_items`: the change-management items and what they lift; `closure_room` [n, K]:
      the gains readiness holds back (the most such items can give back together);
    - `deadline`: when every solve of these inputs must end, on `time.monotonic()` (None: no
      deadline; `portfolio.deadline`).
    - `numbers`: the number model the plan's sentences use (the business's locale and
      currency; generated inputs without a business: en_GB and EUR).
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    periods: int
    duration: IntArray
    upfront: FloatArray
    effort: FloatArray
    recurring: FloatArray
    resource_ids: tuple[str, ...]
    resource_use: FloatArray
    kpi_ids: tuple[str, ...]
    kpi_weights: FloatArray
    closure: FloatArray
    lag: IntArray
    npv: FloatArray
    limits: Limits
    numbers: Numbers = GENERATED_NUMBERS
    requires: tuple[tuple[int, int], ...] = ()
    groups: tuple[tuple[int, ...], ...] = ()
    mandatory: frozenset[int] = frozenset()
    excluded: dict[int, str] = field(default_factory=dict)
    npv_weight: float = 0.0
    readiness_gates: dict[int, tuple[float, float]] = field(default_factory=dict)
    benefit_factor: FloatArray | None = None
    due: IntArray | None = None
    readiness_items: tuple[ReadinessItem, ...] = ()
    closure_room: FloatArray | None = None
    deadline: float | None = None
    pilots: PilotArrays | None = None

    @property
    def size(self) -> int:
        """Number of initiatives."""
        return len(self.ids)

    @cached_property
    def movers(self) -> tuple[IntArray, IntArray]:
        """The (initiative, KPI) pairs with a closure (a gain or a harm), as two index arrays
        (computed once: schedules are scored many times against the same inputs)."""
        item, kpi = np.nonzero(self.closure != 0)
        return item.astype(np.int64), kpi.astype(np.int64)

    def with_limits(self, limits: Limits) -> PlanningInputs:
        """A copy with other limits."""
        return replace(self, limits=limits)

    def with_required(self, items: Iterable[int]) -> set[int]:
        """`items` and every initiative they require, directly or through others."""
        found = set(items)
        pending = list(found)
        while pending:
            item = pending.pop()
            for successor, predecessor in self.requires:
                if successor == item and predecessor not in found:
                    found.add(predecessor)
                    pending.append(predecessor)
        return found


def spread(total: float, duration: int, periods: int) -> FloatArray:
    """`total` spread evenly over the first `duration` of `periods` offsets."""
    row = np.zeros(periods)
    row[: min(duration, periods)] = total / duration
    return row


def default_limits(strategy: Strategy) -> Limits:
    """The document's constraints as `Limits`."""
    c = strategy.constraints
    return Limits(
        budget_total=c.budget_total,
        budget_per_period=c.budget_per_period,
        recurring_per_month=c.recurring_budget_per_month,
        change_capacity_days=c.change_capacity_days_per_period,
        max_in_flight=c.max_in_flight,
        resources=tuple(r.per_period for r in c.resources),
    )


def planning_inputs(
    strategy: Strategy,
    *,
    readiness: float,
    point: Point = "likely",
    npv: FloatArray | None = None,
    npv_weight: float = 0.0,
    risk_scores: Sequence[float] | None = None,
) -> PlanningInputs:
    """The strategy's initiatives, KPIs and constraints as planning arrays.

    `readiness` (0-1) holds back high-risk initiatives smoothly: below
    `min_readiness_for_high_risk` their benefits count at `readiness_factor` of their continuous
    `risk_scores` (1-3; default the declared levels), down to 0 (then they are excluded with
    that reason). `npv` [n, T] is the risk-adjusted NPV by start period (currency).
    """
    items = strategy.initiatives
    periods = strategy.horizon.periods
    index = {item.id: i for i, item in enumerate(items)}
    pilots, duration, upfront, effort = _staged(strategy, point)
    scores = risk_scores if risk_scores is not None else [i.risk.score for i in items]
    required = strategy.constraints.min_readiness_for_high_risk
    factor = np.array([readiness_factor(score, readiness, required) for score in scores])
    weights, closure, lag = kpi_arrays(strategy, point, factor)
    resource_ids = tuple(r.id for r in strategy.constraints.resources)
    return PlanningInputs(
        ids=tuple(i.id for i in items),
        names=tuple(i.name for i in items),
        periods=periods,
        duration=duration,
        upfront=upfront,
        effort=effort,
        recurring=np.array([estimate(i.recurring_cost_per_month, point) for i in items]),
        resource_ids=resource_ids,
        resource_use=_resource_use(strategy, resource_ids),
        kpi_ids=tuple(kpi.id for kpi in strategy.kpis),
        kpi_weights=weights,
        closure=closure,
        lag=lag,
        due=np.array([due_periods(strategy)[kpi.id] for kpi in strategy.kpis], dtype=np.int64),
        npv=np.zeros((len(items), periods)) if npv is None else counted_npv(npv, factor),
        limits=default_limits(strategy),
        numbers=Numbers.of(strategy.business),
        requires=tuple((index[i.id], index[p]) for i in items for p in i.requires),
        groups=_groups(strategy, index),
        mandatory=frozenset(index[i.id] for i in items if i.mandatory),
        excluded=_excluded(strategy, factor, readiness),
        npv_weight=npv_weight,
        readiness_gates={i: (readiness, required) for i in range(len(items)) if factor[i] < 1},
        benefit_factor=factor,
        pilots=pilots if pilots.periods.any() else None,
    )


def _resource_use(strategy: Strategy, resource_ids: Sequence[str]) -> FloatArray:
    """Use of each named resource per period in flight [n, R]."""
    items = strategy.initiatives
    use = [[item.resources.get(r, 0.0) for r in resource_ids] for item in items]
    return np.array(use, dtype=float).reshape(len(items), len(resource_ids))


def _staged(
    strategy: Strategy, point: Point
) -> tuple[PilotArrays, IntArray, FloatArray, FloatArray]:
    """Each initiative's pilot, periods in flight (pilot and roll-out) [n], and upfront cost and
    effort by offset from its start [n, T] (`portfolio.pilots.staged_rows`)."""
    items = strategy.initiatives
    rollout = np.array([whole_periods(estimate(i.duration_periods, point)) for i in items])
    pilots = pilot_arrays(strategy, point)
    upfront, effort = staged_rows(
        pilots,
        np.array([estimate(i.upfront_cost, point) for i in items]),
        np.array([estimate(i.effort_days, point) for i in items]),
        rollout,
        strategy.horizon.periods,
    )
    duration = (pilots.periods + rollout).astype(np.int64)
    return pilots, duration, upfront, effort


def closure_matrix(
    improvement: FloatArray, gaps: FloatArray, benefit_factor: FloatArray | None = None
) -> FloatArray:
    """Share of each KPI's gap [K] each initiative closes [n, K], from improvements in the KPIs'
    units: gains scaled by `benefit_factor` [n] when given, harms negative (capped at -1, one
    whole gap) and not scaled."""
    closure: FloatArray = np.divide(
        improvement, gaps, out=np.zeros_like(improvement), where=gaps > 0
    )
    if benefit_factor is not None:
        closure = np.where(closure > 0, closure * benefit_factor[:, None], closure)
    clipped: FloatArray = np.maximum(closure, -1.0)
    return clipped


def on_time_share(inputs: PlanningInputs, shows: IntArray, kpi: IntArray) -> FloatArray:
    """1 where an effect on KPI `kpi` showing from period `shows` (arrays of one shape) is on
    time (by the KPI's due period), `LATE_EFFECT_SHARE` where it is late."""
    if inputs.due is None:
        return np.ones(shows.shape)
    late = shows > inputs.due[kpi]
    share: FloatArray = np.where(late, LATE_EFFECT_SHARE, 1.0)
    return share


def counted_npv(npv: FloatArray, benefit_factor: FloatArray | None) -> FloatArray:
    """NPV [n, T] as the plan counts it: a positive NPV scaled by `benefit_factor` [n]
    (readiness holds back what a risky initiative returns, not what it costs)."""
    if benefit_factor is None:
        return npv
    counted: FloatArray = np.where(npv > 0, npv * benefit_factor[:, None], npv)
    return counted


def kpi_arrays(
    strategy: Strategy, point: Point, benefit_factor: FloatArray | None = None
) -> tuple[FloatArray, FloatArray, IntArray]:
    """KPI weights [K] (sum 1), closed share of each KPI's gap [n, K] (>= 0) and the lag of
    each effect in periods after go-live [n, K], from `alignment_inputs` (due dates are applied
    per start period by the model, not here)."""
    weights, gaps, improvement = alignment_inputs(strategy, point, due_dates=False)
    closure = closure_matrix(improvement, gaps, benefit_factor)
    kpi_column = {kpi.id: k for k, kpi in enumerate(strategy.kpis)}
    lag = np.zeros(improvement.shape, dtype=np.int64)
    for i, item in enumerate(strategy.initiatives):
        for effect in item.kpi_effects:
            lag[i, kpi_column[effect.kpi]] = effect.lag_periods
    return weights, closure, lag


def _groups(strategy: Strategy, index: dict[str, int]) -> tuple[tuple[int, ...], ...]:
    members: dict[str, list[int]] = {}
    for item in strategy.initiatives:
        if item.alternative_group is not None:
            members.setdefault(item.alternative_group, []).append(index[item.id])
    return tuple(tuple(group) for group in members.values() if len(group) > 1)


def _excluded(strategy: Strategy, factor: FloatArray, readiness: float) -> dict[int, str]:
    required = strategy.constraints.min_readiness_for_high_risk
    reasons: dict[int, str] = {}
    for i, item in enumerate(strategy.initiatives):
        if item.excluded:
            reasons[i] = "excluded in the strategy document"
        elif factor[i] <= 0:
            reasons[i] = (
                f"high risk, and readiness {readiness:.2f} is {READINESS_BAND:.2f} or more below "
                f"the {required:.2f} required for high-risk initiatives: none of its benefits "
                "can be counted on"
            )
    return reasons
