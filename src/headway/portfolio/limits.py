"""The limit families of the roadmap model: names, units, use per period, and varied copies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from headway.numbers import Numbers
from headway.portfolio.inputs import Limits, PlanningInputs
from headway.portfolio.results import LimitUse
from headway.portfolio.usage import PeriodUsage

INF = float("inf")
PER_PERIOD = ("budget_per_period", "change_capacity", "in_flight")


def families(inputs: PlanningInputs) -> list[str]:
    """Every limit family of the model, in display order."""
    fixed = ["budget_total", "budget_per_period", "recurring", "change_capacity", "in_flight"]
    return fixed + [f"resource:{r}" for r in inputs.resource_ids]


def describe(family: str, currency: str) -> tuple[str, str]:
    """A readable name and the unit of a limit family."""
    names = {
        "budget_total": ("total upfront budget", currency),
        "budget_per_period": ("upfront budget per period", currency),
        "recurring": ("running-cost budget per month", f"{currency}/month"),
        "change_capacity": ("change capacity per period", "person-days"),
        "in_flight": ("initiatives in flight at once", "initiatives"),
    }
    if family.startswith("resource:"):
        return f"{family.split(':', 1)[1]} per period", "units"
    return names[family]


def amount_text(numbers: Numbers, family: str, amount: float) -> str:
    """An amount of a limit family by the number model: `€2,500`, `€90 a month`,
    `4.5 person-days`, `2 initiatives`."""
    if family in ("budget_total", "budget_per_period"):
        return numbers.money(amount)
    if family == "recurring":
        return f"{numbers.money(amount)} a month"
    return f"{numbers.number(amount, 1)} {describe(family, numbers.currency)[1]}"


def limit_value(limits: Limits, inputs: PlanningInputs, family: str) -> float:
    """The current value of one limit family."""
    if family.startswith("resource:"):
        return limits.resources[inputs.resource_ids.index(family.split(":", 1)[1])]
    return {
        "budget_total": limits.budget_total,
        "budget_per_period": limits.budget_per_period,
        "recurring": limits.recurring_per_month,
        "change_capacity": limits.change_capacity_days,
        "in_flight": float(limits.max_in_flight),
    }[family]


def with_limit(limits: Limits, inputs: PlanningInputs, family: str, value: float) -> Limits:
    """A copy of `limits` with one family set to `value` (in_flight is floored to an integer)."""
    if family.startswith("resource:"):
        position = inputs.resource_ids.index(family.split(":", 1)[1])
        resources = list(limits.resources)
        resources[position] = value
        return replace(limits, resources=tuple(resources))
    if family == "budget_total":
        return replace(limits, budget_total=value)
    if family == "budget_per_period":
        return replace(limits, budget_per_period=value)
    if family == "recurring":
        return replace(limits, recurring_per_month=value)
    if family == "change_capacity":
        return replace(limits, change_capacity_days=value)
    return replace(limits, max_in_flight=int(min(value, 10**6)))


def cut_value(limits: Limits, inputs: PlanningInputs, family: str, share: float) -> float:
    """The limit reduced by `share` (one fewer slot for in_flight)."""
    current = limit_value(limits, inputs, family)
    if family == "in_flight":
        return max(0.0, current - 1.0)
    return current * (1.0 - share)


def limit_uses(
    inputs: PlanningInputs,
    usage: PeriodUsage,
    running_cost: float,
    labels: Sequence[str],
    currency: str,
) -> list[LimitUse]:
    """Use against every limit: per period for per-period families, once for the others.

    `running_cost` is the plan's recurring cost per month once everything chosen is live.
    """
    limits = inputs.limits
    per_period = {
        "budget_per_period": usage.upfront,
        "change_capacity": usage.effort,
        "in_flight": usage.in_flight,
    }
    for r, resource in enumerate(inputs.resource_ids):
        per_period[f"resource:{resource}"] = usage.resources[r]
    uses = []
    for family in families(inputs):
        name, unit = describe(family, currency)
        cap = limit_value(limits, inputs, family)
        if family in per_period:
            for p, used in enumerate(per_period[family]):
                label = f"{name} in {labels[p]}"
                raised = cap + float(usage.capacity_gain[p]) if family == "change_capacity" else cap
                uses.append(LimitUse(family, label, p, float(used), raised, unit))
        elif family == "budget_total":
            uses.append(LimitUse(family, name, None, float(usage.upfront.sum()), cap, unit))
        else:
            uses.append(LimitUse(family, name, None, running_cost, cap, unit))
    return uses


def most_use(inputs: PlanningInputs, family: str) -> float:
    """The most of one limit family any plan can use (per period for per-period families):
    every initiative that can start, each counted at its heaviest. A limit at least this large
    never binds: lifting it changes no plan."""
    can = np.array(
        [
            i not in inputs.excluded and inputs.duration[i] <= inputs.periods
            for i in range(inputs.size)
        ],
        dtype=bool,
    )
    flight = (inputs.duration >= 1).astype(float)
    if family.startswith("resource:"):
        use = inputs.resource_use[:, inputs.resource_ids.index(family.split(":", 1)[1])] * flight
    elif family == "budget_total":
        use = inputs.upfront.sum(axis=1)
    elif family in ("budget_per_period", "change_capacity"):
        per_offset = inputs.upfront if family == "budget_per_period" else inputs.effort
        use = per_offset.max(axis=1, initial=0.0)
    else:
        use = inputs.recurring if family == "recurring" else flight
    return float(np.clip(use[can], 0.0, None).sum())
