"""What a schedule uses and achieves, period by period (for totals, explanations and reports)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from headway.portfolio.change_items import bonus
from headway.portfolio.inputs import FloatArray, IntArray, Limits, PlanningInputs, on_time_share
from headway.portfolio.model import npv_scale


@dataclass(frozen=True)
class PeriodUsage:
    """Use of each limit per period [T] (resources [R, T]) and KPI gap closed [K, T] (0-1).

    Money in the currency (`upfront` per period, `recurring_per_month` per month of running costs
    of initiatives live in that period), `effort` in person-days, `in_flight` in initiatives;
    `capacity_gain` the person-days of change capacity chosen change-management items add.
    """

    upfront: FloatArray
    effort: FloatArray
    in_flight: FloatArray
    resources: FloatArray
    recurring_per_month: FloatArray
    closure: FloatArray
    capacity_gain: FloatArray


def _by_period(per_offset: FloatArray, offsets: IntArray) -> FloatArray:
    """Sum over items of per_offset[item, offset] where offset [items, T] is >= 0."""
    rows = np.arange(per_offset.shape[0])[:, None]
    picked = per_offset[rows, np.clip(offsets, 0, None)]
    total: FloatArray = np.where(offsets >= 0, picked, 0.0).sum(axis=0)
    return total


def _from(first: IntArray, amount: FloatArray, periods: int) -> FloatArray:
    """[T] sum of `amount` counted from period `first` on (first may lie past the horizon)."""
    steps = np.zeros(periods + 1)
    np.add.at(steps, np.minimum(first, periods), amount)
    counted: FloatArray = np.cumsum(steps[:periods])
    return counted


def _closure_steps(inputs: PlanningInputs, items: IntArray, live: IntArray) -> FloatArray:
    """[K, T+1] closure added in each period (the last column: after the horizon) by `items`
    going live in `live`, each effect `lag` periods after go-live, at most a whole gap per
    initiative (negative for a harm) and halved when it shows after its KPI's due period."""
    position = np.full(inputs.size, -1, dtype=np.int64)
    position[items] = np.arange(len(items))
    pair_item, pair_kpi = inputs.movers
    chosen = position[pair_item] >= 0
    item, kpi = pair_item[chosen], pair_kpi[chosen]
    shows = live[position[item]] + inputs.lag[item, kpi]
    counted = np.minimum(inputs.closure[item, kpi], 1.0) * on_time_share(inputs, shows, kpi)
    raw = np.zeros((len(inputs.kpi_ids), inputs.periods + 1))
    np.add.at(raw, (kpi, np.minimum(shows, inputs.periods)), counted)
    return raw


def period_usage(inputs: PlanningInputs, starts: Mapping[int, int]) -> PeriodUsage:
    """Per-period use of budgets, capacity, slots and resources by a schedule, and KPI closure."""
    periods = inputs.periods
    items = np.fromiter(starts.keys(), dtype=np.int64, count=len(starts))
    start = np.fromiter(starts.values(), dtype=np.int64, count=len(starts))
    offsets = np.arange(periods)[None, :] - start[:, None]
    duration = inputs.duration[items].astype(np.int64)
    busy = (offsets >= 0) & (offsets < duration[:, None])
    live = start + duration
    raw = _closure_steps(inputs, items, live)
    lifted = bonus(inputs, starts)
    return PeriodUsage(
        upfront=_by_period(inputs.upfront[items], offsets),
        effort=_by_period(inputs.effort[items], offsets),
        in_flight=busy.sum(axis=0).astype(float),
        resources=inputs.resource_use[items].T @ busy.astype(float),
        recurring_per_month=_from(live, inputs.recurring[items], periods),
        closure=np.minimum(np.cumsum(raw[:, :periods], axis=1) + lifted.closure, 1.0),
        capacity_gain=lifted.capacity,
    )


def alignment_achieved(inputs: PlanningInputs, starts: Mapping[int, int]) -> float:
    """Time-averaged weighted share of the strategic gap closed over the horizon (0-1)."""
    closure = period_usage(inputs, starts).closure
    return float(inputs.kpi_weights @ closure.mean(axis=1)) if inputs.periods else 0.0


def npv_achieved(inputs: PlanningInputs, starts: Mapping[int, int]) -> float:
    """Sum of the chosen initiatives' risk-adjusted NPV at their start periods (currency), with
    what chosen change-management items add."""
    items = np.fromiter(starts.keys(), dtype=np.int64, count=len(starts))
    start = np.fromiter(starts.values(), dtype=np.int64, count=len(starts))
    extra = bonus(inputs, starts).npv if inputs.readiness_items else 0.0
    return float(inputs.npv[items, start].sum()) + extra


def blended_value(inputs: PlanningInputs, starts: Mapping[int, int]) -> float:
    """The model's objective for a schedule: alignment blended with scaled NPV."""
    weight = inputs.npv_weight
    scaled_npv = npv_achieved(inputs, starts) / npv_scale(inputs)
    return (1.0 - weight) * alignment_achieved(inputs, starts) + weight * scaled_npv


def fits_limits(inputs: PlanningInputs, starts: Mapping[int, int], limits: Limits) -> bool:
    """True when the schedule keeps within every budget and capacity of `limits` (strictly, to
    rounding: a shortcut that says no only costs a solve)."""
    usage = period_usage(inputs, starts)
    chosen = np.fromiter(starts.keys(), dtype=np.int64, count=len(starts))
    pairs = [
        (usage.upfront, limits.budget_per_period),
        (usage.effort - usage.capacity_gain, limits.change_capacity_days),
        (usage.in_flight, float(limits.max_in_flight)),
        (np.array([usage.upfront.sum()]), limits.budget_total),
        (np.array([inputs.recurring[chosen].sum()]), limits.recurring_per_month),
        *zip(usage.resources, limits.resources, strict=True),
    ]
    return all(bool(np.all(used <= cap + 1e-9 * max(1.0, abs(cap)))) for used, cap in pairs)


def fits_alone(inputs: PlanningInputs, items: IntArray, limits: Limits) -> NDArray[np.bool_]:
    """[len(items), T] True where the initiative started in that period, alone in a plan,
    keeps within every limit of `limits` by more than solver tolerance (a relative 1e-6).

    Every limit only tightens as initiatives join a plan, so False proves that no plan within
    the limits starts it then; change capacity, the one limit that change-management items
    raise, is taken with every such item's gain added.
    """
    periods = inputs.periods
    window = np.arange(periods)[None, :] < (periods - np.arange(periods))[:, None]  # [t, offset]
    duration = inputs.duration[items].astype(np.int64)
    flight = (np.arange(periods)[None, :] < duration[:, None]).astype(float)

    def peak(per_offset: FloatArray) -> FloatArray:
        """[items, t] the most used in one period when started in t (within the horizon)."""
        found: FloatArray = np.where(window[None], per_offset[:, None, :], 0.0).max(axis=2)
        return found

    def within(used: FloatArray, cap: float) -> NDArray[np.bool_]:
        return used <= cap + 1e-6 * max(1.0, abs(cap))

    upfront = inputs.upfront[items]
    ok = within(peak(upfront), limits.budget_per_period)
    ok &= within(np.where(window[None], upfront[:, None, :], 0.0).sum(axis=2), limits.budget_total)
    ok &= within(peak(flight), float(limits.max_in_flight))
    ok &= within(inputs.recurring[items], limits.recurring_per_month)[:, None]
    gains = sum(max(0.0, ri.capacity_gain) for ri in inputs.readiness_items)
    ok &= within(peak(inputs.effort[items]), limits.change_capacity_days + gains)
    for r, cap in enumerate(limits.resources):
        ok &= within(peak(flight * inputs.resource_use[items, r : r + 1]), cap)
    ok &= np.arange(periods)[None, :] <= (periods - duration)[:, None]  # live within the horizon
    return ok
