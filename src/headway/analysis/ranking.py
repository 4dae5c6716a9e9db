"""Rank a strategy's initiatives on the document's criteria, transparently.

The criteria (one table, `CRITERIA`): alignment value (0-1), expected NPV (currency), risk
(1 low - 3 high, a cost), ease (0-1), scalability (1-3) and readiness fit (0-1). The primary rank
is a weighted sum of min-max normalised values, so each criterion's contribution adds up to the
score; TOPSIS (Hwang & Yoon 1981) with vector normalisation is shown beside it as a cross-check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from headway.analysis.mcda import TopsisResult, WeightedSumResult, topsis, weight_sensitivity
from headway.analysis.mcda import weighted_sum as weighted_sum_model
from headway.analysis.weights import criteria_weights
from headway.strategy.model import Initiative, Strategy


@dataclass(frozen=True)
class CriterionInfo:
    """What a criterion measures, its unit and whether more is better (+1) or worse (-1)."""

    direction: int
    unit: str
    meaning: str


CRITERIA: Mapping[str, CriterionInfo] = {
    "alignment": CriterionInfo(+1, "share 0-1", "share of the weighted strategic gap closed"),
    "npv": CriterionInfo(+1, "currency", "expected NPV over the horizon (Monte Carlo mean)"),
    "risk": CriterionInfo(-1, "level 1-3", "declared delivery risk (1 low, 3 high)"),
    "ease": CriterionInfo(+1, "share 0-1", "half integration ease, half effort vs capacity"),
    "scalability": CriterionInfo(+1, "level 1-3", "how well it grows with volume"),
    "readiness_fit": CriterionInfo(+1, "share 0-1", "team readiness on what it depends on"),
}


def ease(strategy: Strategy, initiative: Initiative) -> float:
    """Ease (0-1): mean of integration ease `(3 - level) / 2` and `1 - effort / capacity`.

    Effort is the PERT mean in person-days; capacity the change days per period (the effort
    term is 0 when it needs a period's whole capacity or more, or when there is none).
    """
    integration = (3 - initiative.integration.score) / 2.0
    capacity = strategy.constraints.change_capacity_days_per_period
    effort = initiative.effort_days.pert_mean
    load = max(0.0, 1.0 - effort / capacity) if capacity > 0 else 0.0
    return 0.5 * integration + 0.5 * load


def criterion_value(
    strategy: Strategy,
    initiative: Initiative,
    criterion: str,
    measures: Mapping[str, Mapping[str, float]],
) -> float:
    """One initiative's raw value on one criterion, in the unit `CRITERIA` states.

    `measures` supplies the computed criteria (alignment, npv, readiness_fit) by initiative id.
    """
    if criterion in measures:
        return measures[criterion][initiative.id]
    if criterion == "risk":
        return float(initiative.risk.score)
    if criterion == "ease":
        return ease(strategy, initiative)
    if criterion == "scalability":
        return float(initiative.scalability.score)
    raise KeyError(f"no value for criterion '{criterion}'")


@dataclass(frozen=True)
class CriterionSensitivity:
    """Range of a criterion's weight (0-1) keeping the current leader on top, and who takes
    over just outside it (None: nobody, the range reaches 0 or 1)."""

    criterion: str
    weight: float
    low: float
    high: float
    overtaken_below_by: str | None
    overtaken_above_by: str | None


@dataclass(frozen=True)
class Ranking:
    """Criteria values (raw, per initiative in document order), weighted-sum and TOPSIS results."""

    initiatives: tuple[str, ...]
    criteria: tuple[str, ...]
    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    weighted_sum: WeightedSumResult
    topsis: TopsisResult
    sensitivity: tuple[CriterionSensitivity, ...]


def rank(strategy: Strategy, measures: Mapping[str, Mapping[str, float]]) -> Ranking:
    """Rank every initiative on the document's criteria and weights (direct or AHP)."""
    weights = criteria_weights(strategy)
    names = tuple(weights)
    ids = tuple(item.id for item in strategy.initiatives)
    values = tuple(
        tuple(criterion_value(strategy, item, c, measures) for c in names)
        for item in strategy.initiatives
    )
    directions = [CRITERIA[c].direction for c in names]
    w = [weights[c] for c in names]
    summed = weighted_sum_model(values, w, directions, "minmax")
    closeness = topsis(values, w, directions, "vector")
    ranges = weight_sensitivity(summed.normalised, w) if len(ids) > 1 else []
    sensitivity = tuple(
        CriterionSensitivity(
            criterion=names[r.criterion],
            weight=r.weight,
            low=r.low,
            high=r.high,
            overtaken_below_by=None if r.taken_over_below is None else ids[r.taken_over_below],
            overtaken_above_by=None if r.taken_over_above is None else ids[r.taken_over_above],
        )
        for r in ranges
    )
    return Ranking(ids, names, tuple(w), values, summed, closeness, sensitivity)
