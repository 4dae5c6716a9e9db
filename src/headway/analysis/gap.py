"""Gap analysis: how far each KPI is from its target, and how much that gap matters.

Strategic weight of KPI k: `sum over goals g using k of goal_weight_g * kpi_weight_gk`, with the
KPI weights normalised within each goal; the result is normalised so all KPIs sum to 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from headway.analysis.weights import goal_weights
from headway.strategy.model import Strategy
from headway.strategy.types import Direction, Source


@dataclass(frozen=True)
class KpiGap:
    """The gap of one KPI, in the KPI's own unit.

    `gap` is `max(0, sign * (target - current))` with sign +1 for increase, -1 for decrease, so it
    is >= 0 and 0 once the target is met. `share_achieved` is the part of the baseline-to-target
    distance already covered (0-1). `weight` is the KPI's strategic weight (dimensionless, all
    KPIs sum to 1); `goals` lists the goals the KPI shows; `source` says whether the current
    value is measured (a measurement was given) or as the baseline is marked in the document.
    """

    kpi: str
    name: str
    unit: str
    direction: Direction
    baseline: float
    current: float
    target: float
    gap: float
    share_achieved: float
    weight: float
    goals: tuple[str, ...]
    source: Source = Source.assumed


def kpi_weights(strategy: Strategy) -> dict[str, float]:
    """KPI id -> strategic weight (dimensionless, sums to 1; 0 for a KPI in no goal)."""
    goals = goal_weights(strategy)
    raw = {kpi.id: 0.0 for kpi in strategy.kpis}
    for goal in strategy.goals:
        total = sum(link.weight for link in goal.kpis)
        for link in goal.kpis:
            raw[link.kpi] += goals[goal.id] * link.weight / total
    overall = sum(raw.values())
    return {kpi: value / overall for kpi, value in raw.items()} if overall > 0 else raw


def _share_achieved(baseline: float, current: float, target: float, sign: float) -> float:
    distance = sign * (target - baseline)
    if distance <= 0:
        return 1.0
    return min(1.0, max(0.0, sign * (current - baseline) / distance))


def kpi_gaps(strategy: Strategy, current: Mapping[str, float] | None = None) -> list[KpiGap]:
    """Every KPI's gap in its improving direction (>= 0, KPI unit) and strategic weight.

    `current` optionally maps KPI id -> latest measured value; the baseline is used otherwise.
    Returned in the document's KPI order.
    """
    weights = kpi_weights(strategy)
    used_by: dict[str, list[str]] = {kpi.id: [] for kpi in strategy.kpis}
    for goal in strategy.goals:
        for link in goal.kpis:
            used_by[link.kpi].append(goal.id)
    gaps = []
    for kpi in strategy.kpis:
        sign = kpi.direction.sign
        now_from_baseline = current is None or kpi.id not in current
        now = kpi.baseline if current is None else current.get(kpi.id, kpi.baseline)
        gaps.append(
            KpiGap(
                kpi=kpi.id,
                name=kpi.name,
                unit=kpi.unit,
                direction=kpi.direction,
                baseline=kpi.baseline,
                current=now,
                target=kpi.target,
                gap=max(0.0, sign * (kpi.target - now)),
                share_achieved=_share_achieved(kpi.baseline, now, kpi.target, sign),
                weight=weights[kpi.id],
                goals=tuple(used_by[kpi.id]),
                source=kpi.baseline_source if now_from_baseline else Source.measured,
            )
        )
    return gaps
