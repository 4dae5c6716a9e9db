"""`evaluate`: the whole evaluation of a strategy as one typed, frozen result.

Gap analysis, needs assessment, uncovered gaps, alignment, financials (likely estimates, start in
the first period), Monte Carlo uncertainty, ranking with contributions and weight sensitivity,
and the growth stress test. `Evaluation.to_dict()` is the JSON form documented in
docs/method.md ("JSON output").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

import numpy as np

from headway.analysis.alignment import Alignment, alignment_values, harm_phrases
from headway.analysis.claims import hours_warnings
from headway.analysis.defaults import DEFAULT_SCENARIOS
from headway.analysis.finance import Financials, financials, kpi_money_per_unit_year
from headway.analysis.gap import KpiGap, kpi_gaps
from headway.analysis.growth import GrowthResult, over_capacity_today, stress_tests
from headway.analysis.needs import GapCoverage, ProcessNeed, needs_assessment, uncovered_gaps
from headway.analysis.ranking import CriterionSensitivity, Ranking, rank
from headway.analysis.readiness import readiness_fit, readiness_score
from headway.analysis.uncertainty import Uncertainty, simulate, summarise
from headway.analysis.verdict import verdict
from headway.analysis.weights import DerivedWeights, criteria_weighting, goal_weighting
from headway.numbers import Numbers
from headway.settings import DEFAULTS
from headway.strategy.model import Strategy
from headway.strategy.types import Source

SCHEMA = "headway.evaluation/1"
MAX_SCENARIOS = DEFAULTS.evaluate_max_scenarios
"""Most Monte Carlo scenarios one evaluation draws by default (setting evaluate_max_scenarios):
memory grows with scenarios x initiatives, and P10/P50/P90 settle long before (their error
shrinks with the square root of the count)."""


@dataclass(frozen=True)
class InitiativeEvaluation:
    """Everything Headway says about one initiative.

    `score` is the weighted-sum score (0-1) and `contributions` each criterion's part of it;
    `criteria` the raw criterion values (units in `headway.analysis.ranking.CRITERIA`).
    `financials` uses the likely estimates, `uncertainty` the Monte Carlo (both start in
    period 0; money in the currency).
    """

    initiative: str
    name: str
    rank: int
    score: float
    topsis_rank: int
    topsis_score: float
    contributions: dict[str, float]
    criteria: dict[str, float]
    alignment: Alignment
    financials: Financials
    uncertainty: Uncertainty
    required_by: tuple[str, ...]
    mandatory: bool
    excluded: bool
    verdict: str


@dataclass(frozen=True)
class Evaluation:
    """The evaluation of a strategy; `initiatives` is in rank order (best first)."""

    business: str
    currency: str
    horizon: str
    seed: int
    scenarios: int
    goal_weights: DerivedWeights
    criteria_weights: DerivedWeights
    gaps: tuple[KpiGap, ...]
    needs: tuple[ProcessNeed, ...]
    uncovered: tuple[GapCoverage, ...]
    initiatives: tuple[InitiativeEvaluation, ...]
    sensitivity: tuple[CriterionSensitivity, ...]
    growth: tuple[GrowthResult, ...]
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (enums as strings, non-finite numbers as null)."""
        data = _plain(asdict(self))
        assert isinstance(data, dict)
        return {"schema": SCHEMA, **data}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def default_readiness_fits(strategy: Strategy) -> dict[str, float]:
    """Initiative id -> readiness fit (0-1) from the readiness survey (see docs/people.md)."""
    result = readiness_score(strategy)
    return {item.id: readiness_fit(item, result) for item in strategy.initiatives}


def _notes(
    strategy: Strategy,
    goals: DerivedWeights,
    criteria: DerivedWeights,
    uncovered: list[GapCoverage],
    ranking: Ranking | None,
) -> list[str]:
    notes = []
    for label, derived in (("goal", goals), ("criteria", criteria)):
        if derived.ahp is not None and not derived.ahp.consistent and derived.inconsistent_judgment:
            a, b = derived.inconsistent_judgment
            notes.append(
                f"The {label} judgments are inconsistent (CR {derived.ahp.cr:.2f} > 0.10): "
                f"revisit how much more '{a}' matters than '{b}' "
                f"(the others imply about {derived.ahp.suggested_ratio:.2g})."
            )
    valued = {
        k.id for k in strategy.kpis if k.revenue_per_unit_per_year or k.cost_per_unit_per_year
    }
    moved = {e.kpi for i in strategy.initiatives for e in i.kpi_effects if not e.overlaps}
    unvalued = sorted(moved - valued)
    if unvalued:
        notes.append(
            "KPIs not priced (money verdicts say 'not priced' where they matter; add "
            "revenue_per_unit_per_year or cost_per_unit_per_year, with value_source, to count "
            "them in NPV): " + ", ".join(unvalued) + "."
        )
    assumed = sorted(
        k.id
        for k in strategy.kpis
        if k.id not in unvalued and k.id in moved and k.value_source is Source.assumed
    )
    if assumed:
        notes.append("KPI money values assumed, not measured: " + ", ".join(assumed) + ".")
    notes.extend(hours_warnings(strategy))
    overloaded = over_capacity_today(strategy)
    if overloaded:
        notes.append("Over capacity already at today's volumes: " + "; ".join(overloaded) + ".")
    if ranking is not None:
        same = [
            c for j, c in enumerate(ranking.criteria) if len({v[j] for v in ranking.values}) == 1
        ]
        if same:
            notes.append(
                "Same value for every initiative, so it does not change the rank: "
                + ", ".join(same)
                + (
                    " (readiness fit needs the survey: `headway readiness`)"
                    if "readiness_fit" in same
                    else ""
                )
                + "."
            )
    unmoved = [c.kpi for c in uncovered if c.unmoved]
    if unmoved:
        notes.append("No initiative moves these KPIs: " + ", ".join(unmoved) + ".")
    return notes


def evaluate(
    strategy: Strategy,
    seed: int = 0,
    scenarios: int = DEFAULT_SCENARIOS,
    readiness_fits: Mapping[str, float] | None = None,
    max_scenarios: int = MAX_SCENARIOS,
) -> Evaluation:
    """Evaluate a strategy: gaps, needs, alignment, money with uncertainty, rank, growth.

    `seed` makes the Monte Carlo reproducible; `readiness_fits` (initiative id -> 0-1) replaces
    the readiness fit computed from the document's survey. Raises `ValueError` when `scenarios`
    is outside 1 to `max_scenarios`.
    """
    if not 1 <= scenarios <= max_scenarios:
        raise ValueError(
            f"scenarios must be between 1 and {max_scenarios:,} (setting evaluate_max_scenarios, "
            f"see docs/settings.md), got {scenarios:,}"
        )
    goals, criteria = goal_weighting(strategy), criteria_weighting(strategy)
    fits = default_readiness_fits(strategy)
    fits.update(readiness_fits or {})
    alignments = {a.initiative: a for a in alignment_values(strategy)}
    money = {f.initiative: f for f in (financials(strategy, i.id) for i in strategy.initiatives)}
    draws = simulate(strategy, scenarios, seed)
    spreads = {u.initiative: u for u in summarise(draws)}
    uncovered = uncovered_gaps(strategy)
    measures = {
        "alignment": {k: a.value for k, a in alignments.items()},
        "npv": {k: u.npv.mean for k, u in spreads.items()},
        "readiness_fit": fits,
    }
    ranking = rank(strategy, measures) if strategy.initiatives else None
    horizon = strategy.horizon
    return Evaluation(
        business=strategy.business.name,
        currency=strategy.business.currency,
        horizon=f"{horizon.periods} {horizon.period.value}s from {horizon.start}",
        seed=seed,
        scenarios=scenarios,
        goal_weights=goals,
        criteria_weights=criteria,
        gaps=tuple(kpi_gaps(strategy)),
        needs=tuple(needs_assessment(strategy)),
        uncovered=tuple(uncovered),
        initiatives=_ranked(strategy, ranking, alignments, money, spreads),
        sensitivity=ranking.sensitivity if ranking else (),
        growth=tuple(stress_tests(strategy)),
        notes=tuple(_notes(strategy, goals, criteria, uncovered, ranking)),
    )


def unpriced_kpis(strategy: Strategy, initiative_id: str, alignment: Alignment) -> list[str]:
    """KPIs the initiative improves whose effect has no money value (not in its NPV)."""
    item = next(i for i in strategy.initiatives if i.id == initiative_id)
    effects = {e.kpi: e for e in item.kpi_effects}
    return [
        part.kpi
        for part in alignment.kpis
        if part.contribution > 0
        and not effects[part.kpi].overlaps
        and kpi_money_per_unit_year(strategy, part.kpi) == 0
    ]


def _ranked(
    strategy: Strategy,
    ranking: Ranking | None,
    alignments: Mapping[str, Alignment],
    money: Mapping[str, Financials],
    spreads: Mapping[str, Uncertainty],
) -> tuple[InitiativeEvaluation, ...]:
    if ranking is None:
        return ()
    shown = Numbers(strategy.business.locale, strategy.business.currency)
    found = []
    for i, item in enumerate(strategy.initiatives):
        spread = spreads[item.id]
        required_by = tuple(o.id for o in strategy.initiatives if item.id in o.requires)
        summed, closeness = ranking.weighted_sum, ranking.topsis
        found.append(
            InitiativeEvaluation(
                initiative=item.id,
                name=item.name,
                rank=summed.ranks[i],
                score=summed.scores[i],
                topsis_rank=closeness.ranks[i],
                topsis_score=closeness.scores[i],
                contributions=dict(zip(ranking.criteria, summed.contributions[i], strict=True)),
                criteria=dict(zip(ranking.criteria, ranking.values[i], strict=True)),
                alignment=alignments[item.id],
                financials=money[item.id],
                uncertainty=spread,
                required_by=required_by,
                mandatory=item.mandatory,
                excluded=item.excluded,
                verdict=verdict(
                    alignments[item.id].value,
                    money[item.id].npv,
                    spread.probability_npv_positive,
                    shown,
                    required_by,
                    harms=harm_phrases(alignments[item.id], strategy.kpis, shown),
                    unpriced=unpriced_kpis(strategy, item.id, alignments[item.id]),
                    readiness_gains=[
                        f"{dimension} by {points:.2f}"
                        for dimension, points in sorted(item.readiness_gains.items())
                    ],
                ),
            )
        )
    order = np.argsort([f.rank for f in found], kind="stable")
    return tuple(found[int(k)] for k in order)
