"""Financials of an initiative over the planning horizon, period by period.

Money is in the business's currency; time in planning periods (0-based) unless a name says
months. Conventions (see docs/method.md):

- The upfront cost is paid at the start of the start period `s`.
- The initiative goes live at time `s + duration` (in periods, may be fractional); recurring
  costs run from go-live. Process effects (hours saved x role cost, errors avoided x cost per
  error) start at go-live, a KPI effect `lag` periods later. An effect switching on at time `t`
  counts for the fraction `clip(p + 1 - t, 0, 1)` of period p.
- Operating flows (benefits, recurring costs) fall at the end of their period. The annual
  discount rate r becomes `(1 + r) ** (months_per_period / 12) - 1` per period.
- With a pilot of `q` whole periods (`strategy.pilot.pilot_periods`), the pilot's cost is paid
  at the start of `s`, the roll-out's upfront cost at its gate `s + q`, and go-live moves to
  `s + q + duration`.
- Only the horizon counts: no terminal value, so a later start earns less.
- Staff effort (person-days) is capacity, not cash: it is constrained by the change capacity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from headway.analysis.alignment import Point, kpi_improvement
from headway.strategy.model import Initiative, KpiEffect, Strategy
from headway.strategy.pilot import pilot_periods
from headway.strategy.types import ThreePoint

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Timing:
    """The horizon in the form the cash-flow formulas need.

    `start_factors[p] = (1 + rate) ** -p` (discounts a payment at the start of period p),
    `end_factors[p] = (1 + rate) ** -(p + 1)` (at its end); `rate_per_period` is a share.
    """

    periods: int
    months_per_period: int
    rate_per_period: float
    start_factors: FloatArray
    end_factors: FloatArray


def timing(strategy: Strategy) -> Timing:
    """Periods, months per period and discount factors of the strategy's horizon."""
    horizon = strategy.horizon
    months = horizon.period.months
    rate = (1.0 + horizon.discount_rate_per_year) ** (months / 12.0) - 1.0
    exponents = np.arange(horizon.periods, dtype=float)
    return Timing(
        periods=horizon.periods,
        months_per_period=months,
        rate_per_period=rate,
        start_factors=(1.0 + rate) ** -exponents,
        end_factors=(1.0 + rate) ** -(exponents + 1.0),
    )


def live_fractions(on_time: ArrayLike, periods: int) -> FloatArray:
    """Share (0-1) of each period an effect switching on at `on_time` (periods) is live.

    Shape: `on_time.shape + (periods,)`.
    """
    t = np.asarray(on_time, dtype=float)[..., np.newaxis]
    fractions: FloatArray = np.clip(np.arange(1, periods + 1) - t, 0.0, 1.0)
    return fractions


def live_sum(on_time: ArrayLike, per_period: FloatArray) -> FloatArray:
    """`sum_p per_period[p] * clip(p + 1 - on_time, 0, 1)` in closed form, for any array shape.

    With `per_period` = end-of-period discount factors this is the present value of 1 currency
    unit per period from `on_time` to the end of the horizon; with ones, the live periods. O(1)
    per element: the period holding `on_time` counts in part, every later one in full.
    """
    t = np.asarray(on_time, dtype=float)
    periods = per_period.shape[0]
    padded = np.concatenate([per_period, [0.0]])
    tail = np.concatenate([np.cumsum(per_period[::-1])[::-1], [0.0, 0.0]])
    k = np.clip(np.floor(t), 0, periods).astype(np.intp)
    part = np.clip(t - k, 0.0, 1.0)
    result: FloatArray = padded[k] * (1.0 - part) + tail[k + 1]
    return result


@dataclass(frozen=True)
class ValueStream:
    """One source of benefit once fully effective: currency and hours per period.

    `delay_periods` counts from go-live (a KPI effect's lag; 0 for process effects).
    """

    source: str
    kind: str
    value_per_period: float
    hours_per_period: float
    delay_periods: int


def _role_costs(strategy: Strategy) -> dict[str, float]:
    default = strategy.business.labor_cost_per_hour
    return {r.id: default if r.cost_per_hour is None else r.cost_per_hour for r in strategy.roles}


def kpi_money_per_unit_year(strategy: Strategy, kpi_id: str) -> float:
    """Currency per year from one unit of KPI improvement: revenue x gross margin + cost saved."""
    kpi = next(k for k in strategy.kpis if k.id == kpi_id)
    revenue = (kpi.revenue_per_unit_per_year or 0.0) * strategy.business.gross_margin
    return revenue + (kpi.cost_per_unit_per_year or 0.0)


def effect_money_per_unit_year(strategy: Strategy, effect: KpiEffect) -> float:
    """Currency per year from one unit of the effect's KPI improvement; 0 when the effect
    declares that it overlaps process savings (counted once, there)."""
    return 0.0 if effect.overlaps else kpi_money_per_unit_year(strategy, effect.kpi)


def value_streams(strategy: Strategy, initiative: Initiative, point: Point) -> list[ValueStream]:
    """The initiative's benefit streams at one estimate point (currency and hours per period)."""
    processes = {p.id: p for p in strategy.processes}
    costs = _role_costs(strategy)
    months = strategy.horizon.period.months
    streams = []
    for effect in initiative.process_effects:
        process = processes[effect.process]
        saved = _point(*_three(effect.time_saved), point)
        avoided = _point(*_three(effect.errors_avoided), point)
        hours = process.volume_per_period * process.minutes_each / 60.0 * saved
        errors = process.volume_per_period * process.error_rate * avoided * process.cost_per_error
        role_cost = costs.get(process.role, strategy.business.labor_cost_per_hour)
        streams.append(ValueStream(process.id, "hours", hours * role_cost, hours, 0))
        streams.append(ValueStream(process.id, "errors", errors, 0.0, 0))
    kpis = {k.id: k for k in strategy.kpis}
    for kpi_effect in initiative.kpi_effects:
        per_unit = effect_money_per_unit_year(strategy, kpi_effect)
        if per_unit == 0:
            continue
        improvement = kpi_improvement(kpi_effect, kpis[kpi_effect.kpi], point)
        value = improvement * per_unit * months / 12.0
        streams.append(ValueStream(kpi_effect.kpi, "kpi", value, 0.0, kpi_effect.lag_periods))
    return streams


def estimate_at(estimate: ThreePoint, point: Point) -> float:
    """One point of a three-point estimate: low, likely, high or the PERT mean."""
    return _point(*_three(estimate), point)


def _point(low: float, likely: float, high: float, point: Point) -> float:
    if point == "mean":
        return (low + 4.0 * likely + high) / 6.0
    return {"low": low, "likely": likely, "high": high}[point]


@dataclass(frozen=True)
class CashFlows:
    """Period-by-period flows of one initiative started in `start_period` (currency per period).

    Costs are positive numbers; `net = benefit - upfront - recurring`. `hours_saved` is staff
    hours per period. Index p is the 0-based period of the horizon.
    """

    initiative: str
    start_period: int
    go_live: float
    upfront: tuple[float, ...]
    recurring: tuple[float, ...]
    benefit: tuple[float, ...]
    hours_saved: tuple[float, ...]
    net: tuple[float, ...]


def cash_flows(
    strategy: Strategy, initiative_id: str, start_period: int = 0, point: Point = "likely"
) -> CashFlows:
    """Period-by-period upfront, recurring, benefit (currency) and hours saved of one start."""
    initiative = _initiative(strategy, initiative_id)
    t = timing(strategy)
    lead = pilot_periods(initiative.pilot, t.months_per_period)
    duration = _point(*_three(initiative.duration_periods), point)
    go_live = start_period + lead + duration
    upfront = np.zeros(t.periods)
    if 0 <= start_period < t.periods and initiative.pilot is not None:
        upfront[start_period] = initiative.pilot.cost
    if 0 <= start_period + lead < t.periods:
        upfront[start_period + lead] += _point(*_three(initiative.upfront_cost), point)
    monthly = _point(*_three(initiative.recurring_cost_per_month), point)
    recurring = monthly * t.months_per_period * live_fractions(go_live, t.periods)
    benefit = np.zeros(t.periods)
    hours = np.zeros(t.periods)
    for stream in value_streams(strategy, initiative, point):
        share = live_fractions(go_live + stream.delay_periods, t.periods)
        benefit += stream.value_per_period * share
        hours += stream.hours_per_period * share
    return CashFlows(
        initiative=initiative.id,
        start_period=start_period,
        go_live=go_live,
        upfront=_floats(upfront),
        recurring=_floats(recurring),
        benefit=_floats(benefit),
        hours_saved=_floats(hours),
        net=_floats(benefit - upfront - recurring),
    )


@dataclass(frozen=True)
class Financials:
    """Summary financials of one initiative over the horizon (money in the currency).

    `tco` = upfront + recurring costs within the horizon; `benefit` = total benefit within the
    horizon (both undiscounted). `npv` discounts at the business's rate. `payback_months`: months
    from the start until cumulative undiscounted net cash turns non-negative (None if not within
    the horizon). `roi` = (benefit - tco) / tco (share; None when tco is 0).
    `hours_saved_per_year` is at full effect; `hours_saved` the total within the horizon.
    """

    initiative: str
    start_period: int
    point: Point
    upfront: float
    recurring: float
    tco: float
    benefit: float
    npv: float
    payback_months: float | None
    roi: float | None
    hours_saved: float
    hours_saved_per_year: float


def financials(
    strategy: Strategy, initiative_id: str, start_period: int = 0, point: Point = "likely"
) -> Financials:
    """TCO, benefit, NPV, payback (months), ROI and hours saved for one start period."""
    flows = cash_flows(strategy, initiative_id, start_period, point)
    t = timing(strategy)
    upfront, recurring = sum(flows.upfront), sum(flows.recurring)
    benefit = sum(flows.benefit)
    operating = np.asarray(flows.benefit) - np.asarray(flows.recurring)
    npv = float(operating @ t.end_factors - np.asarray(flows.upfront) @ t.start_factors)
    tco = upfront + recurring
    initiative = _initiative(strategy, initiative_id)
    per_year = 12.0 / t.months_per_period
    hours_year = sum(s.hours_per_period for s in value_streams(strategy, initiative, point))
    return Financials(
        initiative=initiative_id,
        start_period=start_period,
        point=point,
        upfront=upfront,
        recurring=recurring,
        tco=tco,
        benefit=benefit,
        npv=npv,
        payback_months=payback_months(flows, t.months_per_period),
        roi=(benefit - tco) / tco if tco > 0 else None,
        hours_saved=sum(flows.hours_saved),
        hours_saved_per_year=hours_year * per_year,
    )


def payback_months(flows: CashFlows, months_per_period: int) -> float | None:
    """Months from the start until cumulative undiscounted net cash is >= 0 (None: never)."""
    cumulative = 0.0
    for p in range(flows.start_period, len(flows.net)):
        cumulative -= flows.upfront[p]
        if cumulative >= 0:
            return (p - flows.start_period) * float(months_per_period)
        operating = flows.benefit[p] - flows.recurring[p]
        if operating > 0 and cumulative + operating >= 0:
            part = -cumulative / operating
            return (p - flows.start_period + part) * float(months_per_period)
        cumulative += operating
    return None


def cash_flow_array(
    strategy: Strategy, initiative_id: str, starts: Sequence[int], point: Point = "likely"
) -> FloatArray:
    """Net cash flow (currency per period) for each start period: shape [len(starts), periods]."""
    return np.array([cash_flows(strategy, initiative_id, s, point).net for s in starts])


def npv_by_start(strategy: Strategy, point: Point = "likely") -> FloatArray:
    """NPV (currency) of every initiative for every start period: shape [initiatives, periods].

    Row order follows `strategy.initiatives`; column s is the NPV when started in period s.
    """
    t = timing(strategy)
    starts = np.arange(t.periods, dtype=float)
    rows = []
    for initiative in strategy.initiatives:
        lead = pilot_periods(initiative.pilot, t.months_per_period)
        duration = _point(*_three(initiative.duration_periods), point)
        upfront = _point(*_three(initiative.upfront_cost), point)
        monthly = _point(*_three(initiative.recurring_cost_per_month), point)
        go_live = starts + lead + duration
        # A pilot is paid when it starts; the roll-out's upfront cost at the gate, `lead` later.
        pilot_cost = initiative.pilot.cost if initiative.pilot is not None else 0.0
        npv = -(pilot_cost + upfront * (1.0 + t.rate_per_period) ** -lead) * t.start_factors
        npv = npv - monthly * t.months_per_period * live_sum(go_live, t.end_factors)
        for stream in value_streams(strategy, initiative, point):
            npv = npv + stream.value_per_period * live_sum(
                go_live + stream.delay_periods, t.end_factors
            )
        rows.append(npv)
    return np.array(rows).reshape(len(strategy.initiatives), t.periods)


def _three(estimate: ThreePoint) -> tuple[float, float, float]:
    return estimate.low, estimate.likely, estimate.high


def _initiative(strategy: Strategy, initiative_id: str) -> Initiative:
    for initiative in strategy.initiatives:
        if initiative.id == initiative_id:
            return initiative
    raise KeyError(f"unknown initiative '{initiative_id}'")


def _floats(values: FloatArray) -> tuple[float, ...]:
    return tuple(float(v) for v in values)
