"""What a schedule uses and achieves, period by period (for totals, explanations and reports)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from headway.portfolio.inputs import FloatArray, PlanningInputs
from headway.portfolio.model import in_flight_profile, npv_scale


@dataclass(frozen=True)
class PeriodUsage:
    """Use of each limit per period [T] (resources [R, T]) and KPI gap closed [K, T] (0-1).

    Money in the currency (`upfront` per period, `recurring_per_month` per month of running costs
    of initiatives live in that period), `effort` in person-days, `in_flight` in initiatives.
    """

    upfront: FloatArray
    effort: FloatArray
    in_flight: FloatArray
    resources: FloatArray
    recurring_per_month: FloatArray
    closure: FloatArray


def _shifted(per_offset: FloatArray, start: int) -> FloatArray:
    row = np.zeros(per_offset.shape[0])
    row[start:] = per_offset[: per_offset.shape[0] - start]
    return row


def period_usage(inputs: PlanningInputs, starts: Mapping[int, int]) -> PeriodUsage:
    """Per-period use of budgets, capacity, slots and resources by a schedule, and KPI closure."""
    periods = inputs.periods
    flight = in_flight_profile(inputs)
    upfront, effort, slots = np.zeros(periods), np.zeros(periods), np.zeros(periods)
    resources = np.zeros((len(inputs.resource_ids), periods))
    recurring = np.zeros(periods)
    raw = np.zeros((len(inputs.kpi_ids), periods))
    for item, start in starts.items():
        upfront += _shifted(inputs.upfront[item], start)
        effort += _shifted(inputs.effort[item], start)
        busy = _shifted(flight[item], start)
        slots += busy
        resources += inputs.resource_use[item][:, None] * busy[None, :]
        live = start + int(inputs.duration[item])
        recurring[live:] += inputs.recurring[item]
        for k in range(len(inputs.kpi_ids)):
            raw[k, live + int(inputs.lag[item, k]) :] += inputs.closure[item, k]
    return PeriodUsage(upfront, effort, slots, resources, recurring, np.minimum(raw, 1.0))


def alignment_achieved(inputs: PlanningInputs, starts: Mapping[int, int]) -> float:
    """Time-averaged weighted share of the strategic gap closed over the horizon (0-1)."""
    closure = period_usage(inputs, starts).closure
    return float(inputs.kpi_weights @ closure.mean(axis=1)) if inputs.periods else 0.0


def npv_achieved(inputs: PlanningInputs, starts: Mapping[int, int]) -> float:
    """Sum of the chosen initiatives' risk-adjusted NPV at their start periods (currency)."""
    return float(sum(inputs.npv[item, start] for item, start in starts.items()))


def blended_value(inputs: PlanningInputs, starts: Mapping[int, int]) -> float:
    """The model's objective for a schedule: alignment blended with scaled NPV."""
    weight = inputs.npv_weight
    scaled_npv = npv_achieved(inputs, starts) / npv_scale(inputs)
    return (1.0 - weight) * alignment_achieved(inputs, starts) + weight * scaled_npv
