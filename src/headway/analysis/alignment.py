"""Alignment value: the share of the weighted strategic gap an initiative closes.

`A_i = sum over KPIs k of weight_k * clip(on_time_ik * improvement_ik / gap_k, -1, 1)`
(PRODUCT.md), where `improvement_ik` is the initiative's expected change of KPI k in the KPI's
improving direction and `gap_k` the KPI's gap (see `headway.analysis.gap`). A harm (a change
against the KPI's direction) counts against the value, symmetric to a gain and within the same
cap: at most one whole weighted gap per KPI. `on_time_ik` is 1 when the effect shows by the KPI's
due date (started in the first period) and `LATE_EFFECT_SHARE` when it shows later: a late
effect counts as that share of its size. A KPI with no
gap contributes 0. `A_i` is dimensionless, between -1 and 1 (1 = the initiative alone closes
every weighted gap on time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from headway.analysis.gap import kpi_gaps
from headway.numbers import Numbers
from headway.strategy.calendar import period_of_month
from headway.strategy.model import Initiative, Kpi, KpiEffect, Strategy
from headway.strategy.pilot import pilot_periods
from headway.strategy.types import ThreePoint

FloatArray = NDArray[np.float64]
Point = Literal["low", "likely", "high", "mean"]

LATE_EFFECT_SHARE = 0.5
"""Share of its value an effect keeps when it first shows after its KPI's due date: the target
is missed, but the gap still closes later (a stated assumption, docs/method.md section 4)."""


def kpi_improvement(effect: KpiEffect, kpi: Kpi, point: Point = "likely") -> float:
    """The effect's change of the KPI in its improving direction, in the KPI's unit.

    `point` picks the estimate: "low", "likely", "high" (the numeric points of `change`) or
    "mean" (the PERT mean). Positive is better; a change against the KPI's direction is negative.
    """
    change = effect.change
    value = change.pert_mean if point == "mean" else float(getattr(change, point))
    return kpi.direction.sign * value


def estimate(value: ThreePoint, point: Point) -> float:
    """One point of a three-point estimate: low, likely, high, or the PERT mean."""
    return value.pert_mean if point == "mean" else float(getattr(value, point))


def whole_periods(periods: float) -> int:
    """A duration in whole periods: rounded half up, at least 1."""
    return max(1, int(np.floor(periods + 0.5)))


def due_periods(strategy: Strategy) -> dict[str, int]:
    """KPI id -> the last 0-based period whose effects count as on time: an effect showing from
    period p is on time when p <= this (may be negative, or beyond the horizon)."""
    return {k.id: period_of_month(strategy.horizon, k.due) for k in strategy.kpis}


def shows_from(
    initiative: Initiative, effect: KpiEffect, start: int, point: Point, months_per_period: int
) -> int:
    """0-based period from which a KPI effect shows when the initiative starts in `start` (after
    its pilot, if it has one: `strategy.pilot.pilot_periods`)."""
    duration = whole_periods(estimate(initiative.duration_periods, point))
    lead = pilot_periods(initiative.pilot, months_per_period)
    return start + lead + duration + effect.lag_periods


@dataclass(frozen=True)
class KpiContribution:
    """What one initiative does to one KPI: improvement (KPI unit), closed share and value.

    `on_time` is 1, or `LATE_EFFECT_SHARE` when the effect shows after the KPI's due date;
    `closed_share = clip(on_time * improvement / gap, -1, 1)` (negative: a harm);
    `contribution = weight * closed_share` (dimensionless, the KPI's part of the alignment
    value; negative for a harm).
    """

    kpi: str
    weight: float
    gap: float
    improvement: float
    closed_share: float
    contribution: float
    on_time: float = 1.0

    @property
    def harm(self) -> bool:
        """True when the effect worsens a KPI with a gap (it lowers the alignment value)."""
        return self.contribution < 0


@dataclass(frozen=True)
class Alignment:
    """Alignment value of one initiative (-1 to 1, dimensionless) with its per-KPI breakdown."""

    initiative: str
    value: float
    point: Point
    kpis: tuple[KpiContribution, ...]


def closed_share(improvement: float, gap: float) -> float:
    """clip(improvement / gap, -1, 1); 0 when there is no gap (negative: a harm)."""
    if gap <= 0:
        return 0.0
    return min(1.0, max(-1.0, improvement / gap))


def _alignment(strategy: Strategy, initiative: Initiative, point: Point) -> Alignment:
    gaps = {gap.kpi: gap for gap in kpi_gaps(strategy)}
    kpis = {k.id: k for k in strategy.kpis}
    due = due_periods(strategy)
    months = strategy.horizon.period.months
    parts = []
    for effect in initiative.kpi_effects:
        gap = gaps[effect.kpi]
        improvement = kpi_improvement(effect, kpis[effect.kpi], point)
        late = shows_from(initiative, effect, 0, point, months) > due[effect.kpi]
        on_time = LATE_EFFECT_SHARE if late else 1.0
        share = closed_share(on_time * improvement, gap.gap)
        parts.append(
            KpiContribution(
                effect.kpi, gap.weight, gap.gap, improvement, share, gap.weight * share, on_time
            )
        )
    value = min(1.0, max(-1.0, sum(part.contribution for part in parts)))
    return Alignment(initiative.id, value, point, tuple(parts))


def alignment_value(strategy: Strategy, initiative_id: str, point: Point = "likely") -> Alignment:
    """Alignment value of one initiative (-1 to 1) with the contribution of each KPI it moves."""
    initiative = next((i for i in strategy.initiatives if i.id == initiative_id), None)
    if initiative is None:
        raise KeyError(f"unknown initiative '{initiative_id}'")
    return _alignment(strategy, initiative, point)


def alignment_values(strategy: Strategy, point: Point = "likely") -> list[Alignment]:
    """Alignment of every initiative, in the document's order."""
    return [_alignment(strategy, item, point) for item in strategy.initiatives]


def harm_phrases(alignment: Alignment, kpis: Sequence[Kpi], numbers: Numbers) -> list[str]:
    """ "worsens driver-turnover by 2 % of drivers (-1.3% of the weighted gap)" for each harm,
    in KPI order, its figures by the number model `numbers`."""
    units = {k.id: k.unit for k in kpis}
    return [
        f"worsens {part.kpi} by {numbers.number(abs(part.improvement), 2)} "
        f"{units[part.kpi]} ({numbers.gap(part.contribution)} of the weighted gap)"
        for part in alignment.kpis
        if part.harm
    ]


def alignment_inputs(
    strategy: Strategy, point: Point = "likely", *, due_dates: bool = True
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Arrays for the optimizer: (KPI weights [K], gaps [K], improvement matrix [N x K]).

    Rows follow `strategy.initiatives`, columns `strategy.kpis`. Weights are dimensionless (sum
    1), gaps and improvements in each KPI's unit (improvements signed: + is better, - a harm).
    With `due_dates`, an effect showing after its KPI's due date (started in the first period) is
    scaled by `LATE_EFFECT_SHARE`, as in `alignment_value`; without, the raw improvement (the
    planner applies the due date per start period). The alignment of a set S of initiatives is
    `sum_k weights[k] * clip(sum_{i in S} improvement[i, k] / gaps[k], -1, 1)` for gaps > 0.
    """
    gaps = kpi_gaps(strategy)
    column = {gap.kpi: k for k, gap in enumerate(gaps)}
    kpis = {k.id: k for k in strategy.kpis}
    due = due_periods(strategy)
    months = strategy.horizon.period.months
    improvement = np.zeros((len(strategy.initiatives), len(gaps)))
    for i, initiative in enumerate(strategy.initiatives):
        for effect in initiative.kpi_effects:
            late = due_dates and shows_from(initiative, effect, 0, point, months) > due[effect.kpi]
            factor = LATE_EFFECT_SHARE if late else 1.0
            improvement[i, column[effect.kpi]] = factor * kpi_improvement(
                effect, kpis[effect.kpi], point
            )
    weights = np.array([gap.weight for gap in gaps])
    return weights, np.array([gap.gap for gap in gaps]), improvement


def portfolio_alignment(
    weights: FloatArray, gaps: FloatArray, improvement: FloatArray, chosen: NDArray[np.bool_]
) -> float:
    """Alignment of a set of initiatives (-1 to 1): effects on one KPI add up (harms subtract),
    then the KPI's share is capped at +1 (its whole gap) and -1."""
    total = improvement[chosen].sum(axis=0)
    shares = np.divide(total, gaps, out=np.zeros_like(total), where=gaps > 0)
    return float(np.sum(weights * np.clip(shares, -1.0, 1.0)))
