"""The readiness pulse: results only in aggregate when at least five people answered a
dimension, the overall readiness and the morale aspect only when no answered dimension is
hidden, and only shareable answers go into the strategy document."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway import load_strategy
from headway.monitoring.pulse import MIN_GROUP, pulse_point, pulse_trend, shareable
from headway.strategy.model import ReadinessRespondent
from headway.strategy.survey import default_survey

SURVEY = default_survey()
ALL = SURVEY.question_ids
CULTURE = [q.id for q in SURVEY.questions if q.dimension == "culture"]


def _people(count: int, questions: list[str], answer: int = 3) -> list[ReadinessRespondent]:
    return [
        ReadinessRespondent(name=f"p{n}", answers=dict.fromkeys(questions, answer))
        for n in range(count)
    ]


def test_fewer_than_five_answers_show_nothing_but_the_count(bakery_path: Path) -> None:
    point = pulse_point(load_strategy(bakery_path), "round 1", _people(MIN_GROUP - 1, ALL))
    assert point.respondents == 4
    assert all(d.hidden and d.score is None and d.respondents == 4 for d in point.dimensions)
    assert (point.readiness, point.morale) == (None, None)


def test_five_answers_show_scores_readiness_and_morale(bakery_path: Path) -> None:
    # Every answer 3 scores 0.5, reverse-worded or not ((3-1)/4 = (5-3)/4); with no
    # initiative in scope nothing is displaced, so morale = 100 x readiness.
    point = pulse_point(load_strategy(bakery_path), "round 2", _people(MIN_GROUP, ALL))
    assert [d.score for d in point.dimensions] == [0.5] * len(SURVEY.dimensions)
    assert point.readiness == pytest.approx(0.5)
    assert point.morale == pytest.approx(50.0)


def test_one_small_dimension_hides_the_overall_figures(bakery_path: Path) -> None:
    people = _people(5, CULTURE, 5) + _people(2, ALL, 1)
    point = pulse_point(load_strategy(bakery_path), "mixed", people)
    culture = next(d for d in point.dimensions if d.dimension == "culture")
    assert culture.respondents == 7 and culture.score is not None
    others = [d for d in point.dimensions if d.dimension != "culture"]
    assert all(d.hidden for d in others)
    assert point.readiness is None and point.morale is None


def test_the_trend_follows_the_rounds_in_order(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    rounds = [("1", _people(3, ALL, 5)), ("2", _people(6, ALL, 2)), ("3", _people(6, ALL, 4))]
    trend = pulse_trend(strategy, rounds)
    assert [p.label for p in trend] == ["1", "2", "3"]
    assert trend[0].readiness is None
    assert trend[1].readiness is not None and trend[2].readiness is not None
    assert trend[2].morale is not None and trend[1].morale is not None
    assert trend[2].morale > trend[1].morale  # more agreement on mostly positive statements


def test_only_answers_of_dimensions_five_people_answered_are_shareable() -> None:
    people = _people(5, CULTURE) + _people(1, ALL)
    kept = shareable(people)
    assert len(kept) == 6
    assert all(set(p.answers) == set(CULTURE) for p in kept)
    assert shareable(_people(4, ALL)) == []
