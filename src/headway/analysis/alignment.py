"""Alignment value: the share of the weighted strategic gap an initiative closes.

`A_i = sum over KPIs k of weight_k * clip(improvement_ik / gap_k, 0, 1)` (PRODUCT.md), where
`improvement_ik` is the initiative's expected change of KPI k in the KPI's improving direction and
`gap_k` the KPI's gap (see `headway.analysis.gap`). A KPI with no gap contributes 0. `A_i` is
dimensionless, between 0 and 1 (1 = the initiative alone closes every weighted gap).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from headway.analysis.gap import KpiGap, kpi_gaps
from headway.strategy.model import Initiative, Kpi, KpiEffect, Strategy

FloatArray = NDArray[np.float64]
Point = Literal["low", "likely", "high", "mean"]


def kpi_improvement(effect: KpiEffect, kpi: Kpi, point: Point = "likely") -> float:
    """The effect's change of the KPI in its improving direction, in the KPI's unit.

    `point` picks the estimate: "low", "likely", "high" (the numeric points of `change`) or
    "mean" (the PERT mean). Positive is better; a change against the KPI's direction is negative.
    """
    change = effect.change
    value = change.pert_mean if point == "mean" else float(getattr(change, point))
    return kpi.direction.sign * value


@dataclass(frozen=True)
class KpiContribution:
    """What one initiative does to one KPI: improvement (KPI unit), closed share and value.

    `closed_share = clip(improvement / gap, 0, 1)`; `contribution = weight * closed_share`
    (dimensionless, the KPI's part of the alignment value).
    """

    kpi: str
    weight: float
    gap: float
    improvement: float
    closed_share: float
    contribution: float


@dataclass(frozen=True)
class Alignment:
    """Alignment value of one initiative (0-1, dimensionless) with its per-KPI breakdown."""

    initiative: str
    value: float
    point: Point
    kpis: tuple[KpiContribution, ...]


def closed_share(improvement: float, gap: float) -> float:
    """clip(improvement / gap, 0, 1); 0 when there is no gap."""
    if gap <= 0:
        return 0.0
    return min(1.0, max(0.0, improvement / gap))


def _alignment(
    initiative: Initiative, kpis: dict[str, Kpi], gaps: dict[str, KpiGap], point: Point
) -> Alignment:
    parts = []
    for effect in initiative.kpi_effects:
        gap = gaps[effect.kpi]
        improvement = kpi_improvement(effect, kpis[effect.kpi], point)
        share = closed_share(improvement, gap.gap)
        parts.append(
            KpiContribution(effect.kpi, gap.weight, gap.gap, improvement, share, gap.weight * share)
        )
    value = min(1.0, sum(part.contribution for part in parts))
    return Alignment(initiative.id, value, point, tuple(parts))


def alignment_value(strategy: Strategy, initiative_id: str, point: Point = "likely") -> Alignment:
    """Alignment value of one initiative (0-1) with the contribution of each KPI it moves."""
    initiative = next((i for i in strategy.initiatives if i.id == initiative_id), None)
    if initiative is None:
        raise KeyError(f"unknown initiative '{initiative_id}'")
    gaps = {gap.kpi: gap for gap in kpi_gaps(strategy)}
    return _alignment(initiative, {k.id: k for k in strategy.kpis}, gaps, point)


def alignment_values(strategy: Strategy, point: Point = "likely") -> list[Alignment]:
    """Alignment of every initiative, in the document's order."""
    gaps = {gap.kpi: gap for gap in kpi_gaps(strategy)}
    kpis = {k.id: k for k in strategy.kpis}
    return [_alignment(item, kpis, gaps, point) for item in strategy.initiatives]


def alignment_inputs(
    strategy: Strategy, point: Point = "likely"
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Arrays for the optimizer: (KPI weights [K], gaps [K], improvement matrix [N x K]).

    Rows follow `strategy.initiatives`, columns `strategy.kpis`. Weights are dimensionless (sum
    1), gaps and improvements in each KPI's unit (improvements signed: + is better). The
    alignment of a set S of initiatives is
    `sum_k weights[k] * min(1, max(0, sum_{i in S} improvement[i, k]) / gaps[k])` for gaps > 0.
    """
    gaps = kpi_gaps(strategy)
    column = {gap.kpi: k for k, gap in enumerate(gaps)}
    kpis = {k.id: k for k in strategy.kpis}
    improvement = np.zeros((len(strategy.initiatives), len(gaps)))
    for i, initiative in enumerate(strategy.initiatives):
        for effect in initiative.kpi_effects:
            improvement[i, column[effect.kpi]] = kpi_improvement(effect, kpis[effect.kpi], point)
    weights = np.array([gap.weight for gap in gaps])
    return weights, np.array([gap.gap for gap in gaps]), improvement


def portfolio_alignment(
    weights: FloatArray, gaps: FloatArray, improvement: FloatArray, chosen: NDArray[np.bool_]
) -> float:
    """Alignment of a set of initiatives (0-1): effects on one KPI add up, then saturate at 1."""
    total = improvement[chosen].sum(axis=0)
    shares = np.divide(total, gaps, out=np.zeros_like(total), where=gaps > 0)
    return float(np.sum(weights * np.clip(shares, 0.0, 1.0)))
