"""Organisational readiness: the survey answers of owner and staff, scored 0-1.

Method (docs/people.md): an answer a on the 1..5 agreement scale scores (a - 1) / 4, or
(5 - a) / 4 for a reverse-worded question. A respondent's dimension score is the mean of their
scored answers in that dimension; the team's dimension score is the mean over the respondents who
answered it (each person counts once); the overall score is the weighted mean of the dimension
scores (weights in `readiness_survey.yaml`, re-normalised over the dimensions answered).
Averaging scaled Likert items per dimension is the usual summated-rating method (Likert 1932).

Readiness shapes the plan smoothly, without cliffs: the change capacity the plan may use is
scaled by `change_capacity_factor` (linear in readiness); an initiative's risk is a continuous
score (`risk_score`: its declared level plus up to one level as the weakest dimension it depends
on falls below `weak_below`), which sets its delivery confidence (`delivery_confidence`,
interpolated); and below `constraints.min_readiness_for_high_risk` the plan counts a high-risk
initiative's benefits at a share falling linearly to 0 over `READINESS_BAND`
(`readiness_factor`). `effective_risk` keeps the stepped level for the ranking's risk criterion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from statistics import fmean

import numpy as np

from headway.strategy.model import Initiative, Strategy
from headway.strategy.survey import Conditions, Survey, default_survey
from headway.strategy.types import AutomatedDecisions, Level

NOT_ASSESSED = 0.5
"""Readiness assumed for planning when nobody has answered: neither ready nor unready."""

READINESS_BAND = 0.2
"""Readiness below `min_readiness_for_high_risk` counts a high-risk initiative's benefits at
`1 - shortfall / READINESS_BAND` (0 once readiness is this far below): a slope, not a cliff."""

RISK_CONFIDENCE = ((1.0, 0.9), (2.0, 0.75), (3.0, 0.5))
"""(risk score, delivery confidence) points; confidence is interpolated linearly between them."""


@dataclass(frozen=True)
class DimensionScore:
    """The team's readiness on one dimension (score 0-1, None when nobody answered it)."""

    dimension: str
    name: str
    score: float | None
    respondents: int
    spread: float
    disagreement: bool
    weak: bool


@dataclass(frozen=True)
class RespondentScore:
    """One person's scores per dimension (0-1) and overall."""

    name: str
    role: str
    scores: dict[str, float]
    overall: float | None


@dataclass(frozen=True)
class ReadinessResult:
    """Readiness per dimension and overall (0-1), and what it does to the plan."""

    dimensions: tuple[DimensionScore, ...]
    overall: float | None
    respondents: tuple[RespondentScore, ...]
    change_capacity_factor: float
    notes: tuple[str, ...]

    @property
    def assessed(self) -> bool:
        """Whether anyone has answered the survey."""
        return self.overall is not None

    @property
    def for_planning(self) -> float:
        """The overall score the planner uses (0-1): `NOT_ASSESSED` when nobody answered."""
        return NOT_ASSESSED if self.overall is None else self.overall

    def score(self, dimension: str) -> float | None:
        """The team's score (0-1) on one dimension, None when unanswered."""
        return next(d.score for d in self.dimensions if d.dimension == dimension)

    @property
    def weak_dimensions(self) -> list[str]:
        """Ids of the dimensions scoring below the survey's `weak_below` threshold."""
        return [d.dimension for d in self.dimensions if d.weak]


def answer_score(answer: int, *, reverse: bool = False) -> float:
    """An answer on the 1..5 scale as readiness 0-1 (reverse-worded questions flipped)."""
    if not 1 <= answer <= 5:
        raise ValueError(f"answers are 1..5, got {answer}")
    return (5 - answer) / 4 if reverse else (answer - 1) / 4


def readiness_score(strategy: Strategy, survey: Survey | None = None) -> ReadinessResult:
    """Score the document's readiness answers: per dimension and overall, each 0-1.

    Answers to question ids the survey does not know are ignored here (validation reports them).
    """
    survey = survey or default_survey()
    questions = {q.id: q for q in survey.questions}
    people: list[RespondentScore] = []
    for respondent in strategy.readiness.respondents:
        by_dimension: dict[str, list[float]] = {}
        for question_id, answer in respondent.answers.items():
            question = questions.get(question_id)
            if question is not None:
                scored = answer_score(answer, reverse=question.reverse)
                by_dimension.setdefault(question.dimension, []).append(scored)
        scores = {d: fmean(values) for d, values in by_dimension.items()}
        people.append(
            RespondentScore(respondent.name, respondent.role, scores, _weighted(scores, survey))
        )

    scoring = survey.scoring
    dimensions: list[DimensionScore] = []
    for dimension in survey.dimensions:
        values = [p.scores[dimension.id] for p in people if dimension.id in p.scores]
        score = fmean(values) if values else None
        spread = max(values) - min(values) if values else 0.0
        dimensions.append(
            DimensionScore(
                dimension=dimension.id,
                name=dimension.name,
                score=score,
                respondents=len(values),
                spread=spread,
                disagreement=spread > scoring.disagreement_above,
                weak=score is not None and score < scoring.weak_below,
            )
        )
    combined = {d.dimension: d.score for d in dimensions if d.score is not None}
    overall = _weighted(combined, survey)
    planning = NOT_ASSESSED if overall is None else overall
    factor = scoring.change_capacity_floor + (1 - scoring.change_capacity_floor) * planning
    return ReadinessResult(
        dimensions=tuple(dimensions),
        overall=overall,
        respondents=tuple(people),
        change_capacity_factor=factor,
        notes=tuple(_notes(dimensions, overall, survey)),
    )


def raised(
    result: ReadinessResult, gains: Mapping[str, float], survey: Survey | None = None
) -> ReadinessResult:
    """Readiness once change-management work has raised some dimensions: each dimension in
    `gains` (id -> points, 0-1) rises by that much, capped at 1 (an unanswered one starts from
    the planning readiness); the overall score and the change-capacity factor follow."""
    survey = survey or default_survey()
    scoring = survey.scoring
    dimensions = []
    for d in result.dimensions:
        gain = gains.get(d.dimension, 0.0)
        if gain <= 0:
            dimensions.append(d)
            continue
        score = min(1.0, (result.for_planning if d.score is None else d.score) + gain)
        dimensions.append(replace(d, score=score, weak=score < scoring.weak_below))
    combined = {d.dimension: d.score for d in dimensions if d.score is not None}
    overall = _weighted(combined, survey)
    planning = NOT_ASSESSED if overall is None else overall
    factor = scoring.change_capacity_floor + (1 - scoring.change_capacity_floor) * planning
    return replace(
        result, dimensions=tuple(dimensions), overall=overall, change_capacity_factor=factor
    )


def _weighted(scores: dict[str, float], survey: Survey) -> float | None:
    weights = {d.id: d.weight for d in survey.dimensions if d.id in scores}
    total = sum(weights.values())
    if total <= 0:
        return None
    return sum(scores[d] * w for d, w in weights.items()) / total


def _notes(dimensions: list[DimensionScore], overall: float | None, survey: Survey) -> list[str]:
    if overall is None:
        return [
            "readiness not assessed: run `headway readiness` for the owner and staff; "
            f"planning assumes {NOT_ASSESSED:.2f}"
        ]
    notes: list[str] = []
    for d in dimensions:
        if d.score is None:
            notes.append(f"{d.name}: no answers yet")
        elif d.weak:
            notes.append(
                f"{d.name} is weak ({d.score:.2f} < {survey.scoring.weak_below:.2f}): "
                "initiatives that depend on it carry one more level of risk"
            )
        if d.disagreement:
            notes.append(
                f"{d.name}: respondents disagree (scores differ by {d.spread:.2f}); "
                "talk it through before starting"
            )
    return notes


def planned_change_capacity(strategy: Strategy, result: ReadinessResult) -> float:
    """Person-days per period of change work the plan may use, after readiness scaling."""
    return strategy.constraints.change_capacity_days_per_period * result.change_capacity_factor


def initiative_dimensions(initiative: Initiative, survey: Survey | None = None) -> list[str]:
    """The readiness dimensions an initiative depends on, by the survey's dependency rules."""
    survey = survey or default_survey()
    found: list[str] = []
    for rule in survey.dependencies:
        if (rule.always or _holds(rule.when, initiative)) and rule.dimension not in found:
            found.append(rule.dimension)
    return [d.id for d in survey.dimensions if d.id in found]


def _holds(when: Conditions, item: Initiative) -> bool:
    checks: list[bool] = []
    if when.changes_staff_work is not None:
        changes = bool(item.process_effects) or item.ethics.hours_displaced_per_year > 0
        checks.append(changes == when.changes_staff_work)
    if when.integration_at_least is not None:
        checks.append(item.integration.score >= when.integration_at_least.score)
    if when.risk_at_least is not None:
        checks.append(item.risk.score >= when.risk_at_least.score)
    if when.needs_skills is not None:
        checks.append(bool(item.skills_needed) == when.needs_skills)
    if when.automated_decisions is not None:
        decides = item.ethics.automated_decisions is not AutomatedDecisions.none
        checks.append(decides == when.automated_decisions)
    if when.category_contains is not None:
        category = item.category.lower()
        checks.append(any(word in category for word in when.category_contains))
    return bool(checks) and all(checks)


def readiness_fit(
    initiative: Initiative, result: ReadinessResult, survey: Survey | None = None
) -> float:
    """How ready the team is for this initiative (0-1): the mean score of the dimensions it
    depends on; an unanswered dimension counts as the overall planning readiness."""
    dimensions = initiative_dimensions(initiative, survey)
    if not dimensions:
        return result.for_planning
    values = [result.score(d) for d in dimensions]
    return fmean(result.for_planning if v is None else v for v in values)


def effective_risk(
    initiative: Initiative, result: ReadinessResult, survey: Survey | None = None
) -> Level:
    """The initiative's risk after readiness: one level higher when it depends on a weak
    dimension (low -> medium -> high), else as declared."""
    weak = set(result.weak_dimensions) & set(initiative_dimensions(initiative, survey))
    if not weak or initiative.risk is Level.high:
        return initiative.risk
    return Level.medium if initiative.risk is Level.low else Level.high


def readiness_adjusted(
    strategy: Strategy, result: ReadinessResult | None = None, readiness: float | None = None
) -> Strategy:
    """The strategy as the planner should see it: change capacity scaled by readiness (the
    survey's, or `readiness` 0-1 when given), linearly. Risk is not changed here: the planner
    uses the continuous `risk_score`. The input is not changed."""
    result = result or readiness_score(strategy)
    factor = result.change_capacity_factor
    if readiness is not None:
        floor = default_survey().scoring.change_capacity_floor
        factor = floor + (1 - floor) * readiness
    stated = strategy.constraints.change_capacity_days_per_period
    constraints = strategy.constraints.model_copy(
        update={"change_capacity_days_per_period": stated * factor}
    )
    return strategy.model_copy(update={"constraints": constraints})


def risk_score(
    initiative: Initiative, result: ReadinessResult, survey: Survey | None = None
) -> float:
    """The initiative's risk on a continuous 1-3 scale (1 low, 2 medium, 3 high): its declared
    level plus up to one level for the weakest readiness dimension it depends on, growing
    linearly from 0 at the survey's `weak_below` to 1 at a score of 0 (capped at 3)."""
    survey = survey or default_survey()
    weak_below = survey.scoring.weak_below
    scores = [result.score(d) for d in initiative_dimensions(initiative, survey)]
    known = [s for s in scores if s is not None]
    extra = 0.0
    if known and weak_below > 0:
        extra = min(1.0, max(0.0, (weak_below - min(known)) / weak_below))
    return min(3.0, initiative.risk.score + extra)


def delivery_confidence(score: float) -> float:
    """Chance (0-1) an initiative delivers as estimated, from its continuous risk score."""
    points, values = zip(*RISK_CONFIDENCE, strict=True)
    return float(np.interp(score, points, values))


def readiness_factor(score: float, readiness: float, required: float) -> float:
    """Share (0-1) of a risky initiative's benefits the plan counts at this readiness: 1 unless
    it is (partly) high risk (score above 2) and readiness is below `required`, then falling
    linearly to 0 at `required - READINESS_BAND` for a fully high-risk one."""
    high = min(1.0, max(0.0, score - 2.0))
    gate = min(1.0, max(0.0, 1.0 - (required - readiness) / READINESS_BAND))
    return 1.0 - high * (1.0 - gate)
