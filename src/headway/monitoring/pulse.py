"""The readiness survey repeated over time (a pulse): each round's results in aggregate only,
and the trend of readiness and employee morale across rounds.

Privacy rule (docs/participation.md): a dimension's score is shown only when at least
`MIN_GROUP` people answered it; the overall readiness and the morale aspect are shown only when
every dimension that was answered is shown (otherwise a hidden score could be worked back from
them). Scores are those of `headway.analysis.readiness` (0-1) on the round's answers; morale is
the Alignment Index's employee-morale aspect (0-100) for the initiatives in `scope`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from headway.analysis.readiness import readiness_score
from headway.monitoring.alignment_index import employee_morale
from headway.strategy.model import Readiness, ReadinessRespondent, Strategy
from headway.strategy.survey import default_survey

MIN_GROUP = 5
"""Fewest people who must answer a dimension before its score is shown."""


@dataclass(frozen=True)
class PulseDimension:
    """One dimension in one round: how many answered it, and its score (0-1) when shown."""

    dimension: str
    name: str
    respondents: int
    score: float | None

    @property
    def hidden(self) -> bool:
        """Answered, but by fewer than `MIN_GROUP` people."""
        return 0 < self.respondents < MIN_GROUP


@dataclass(frozen=True)
class PulsePoint:
    """One round's results in aggregate; `readiness` (0-1) and `morale` (0-100) are None when
    a dimension is hidden or nobody answered."""

    label: str
    respondents: int
    dimensions: tuple[PulseDimension, ...]
    readiness: float | None
    morale: float | None

    @property
    def shown(self) -> bool:
        """Whether the overall figures can be shown."""
        return self.readiness is not None


def with_answers(strategy: Strategy, respondents: Sequence[ReadinessRespondent]) -> Strategy:
    """`strategy` with its readiness answers replaced by `respondents`."""
    return strategy.model_copy(update={"readiness": Readiness(respondents=list(respondents))})


def pulse_point(
    strategy: Strategy,
    label: str,
    respondents: Sequence[ReadinessRespondent],
    scope: Sequence[str] = (),
) -> PulsePoint:
    """The aggregate results of one round (module docstring)."""
    answered = with_answers(strategy, respondents)
    result = readiness_score(answered)
    dimensions = tuple(
        PulseDimension(
            d.dimension,
            d.name,
            d.respondents,
            d.score if d.respondents >= MIN_GROUP else None,
        )
        for d in result.dimensions
    )
    shown = result.overall is not None and not any(d.hidden for d in dimensions)
    morale = employee_morale(answered, scope, {}).score if shown else None
    return PulsePoint(
        label, len(respondents), dimensions, result.overall if shown else None, morale
    )


def pulse_trend(
    strategy: Strategy,
    rounds: Sequence[tuple[str, Sequence[ReadinessRespondent]]],
    scope: Sequence[str] = (),
) -> tuple[PulsePoint, ...]:
    """Each round's results, in the order given (oldest first)."""
    return tuple(pulse_point(strategy, label, people, scope) for label, people in rounds)


def shareable(respondents: Sequence[ReadinessRespondent]) -> list[ReadinessRespondent]:
    """The answers that may go into the strategy document: only those to questions of
    dimensions at least `MIN_GROUP` people answered; people left without answers are dropped."""
    dimension_of = {q.id: q.dimension for q in default_survey().questions}
    counts: dict[str, int] = {}
    for person in respondents:
        for dimension in {dimension_of.get(q) for q in person.answers}:
            if dimension is not None:
                counts[dimension] = counts.get(dimension, 0) + 1
    kept = []
    for person in respondents:
        answers = {
            q: a
            for q, a in person.answers.items()
            if counts.get(dimension_of.get(q, ""), 0) >= MIN_GROUP
        }
        if answers:
            kept.append(person.model_copy(update={"answers": answers}))
    return kept
