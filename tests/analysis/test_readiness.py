"""Readiness: the survey data, the scoring method, and the `headway readiness` command."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from headway.analysis.readiness import (
    NOT_ASSESSED,
    READINESS_BAND,
    answer_score,
    delivery_confidence,
    effective_risk,
    initiative_dimensions,
    planned_change_capacity,
    readiness_adjusted,
    readiness_factor,
    readiness_fit,
    readiness_score,
    risk_score,
)
from headway.cli import app
from headway.portfolio.planner import plan
from headway.portfolio.results import PlanSettings
from headway.strategy.errors import StrategyError
from headway.strategy.load import dump_strategy, load_strategy, parse_strategy
from headway.strategy.model import ReadinessRespondent, Strategy
from headway.strategy.survey import default_survey
from headway.strategy.templates import template_names, template_path
from headway.strategy.types import Level
from tests.conftest import ROOT

DIMENSIONS = {"culture", "digital-skills", "leadership", "change-history", "data-quality"}


def answers_at(level: int, **overrides: int) -> dict[str, int]:
    """Answers that score (level - 1) / 4 on every dimension (reverse items answered 6 - level)."""
    answers = {q.id: (6 - level if q.reverse else level) for q in default_survey().questions}
    answers.update(overrides)
    return answers


def with_respondents(strategy: Strategy, *people: ReadinessRespondent) -> Strategy:
    readiness = strategy.readiness.model_copy(update={"respondents": list(people)})
    return strategy.model_copy(update={"readiness": readiness})


@pytest.fixture
def bakery(bakery_path: Path) -> Strategy:
    return load_strategy(bakery_path)


def test_survey_covers_five_dimensions_with_stable_unique_ids() -> None:
    survey = default_survey()
    assert {d.id for d in survey.dimensions} == DIMENSIONS
    assert len(set(survey.question_ids)) == len(survey.question_ids)
    for dimension in survey.dimensions:
        asked = [q for q in survey.questions if q.dimension == dimension.id]
        assert len(asked) >= 2, dimension.id
    assert any(q.reverse for q in survey.questions)
    assert survey.scale.labels[1] == "strongly disagree"
    assert survey.scale.labels[5] == "strongly agree"


def test_answer_scale_is_linear_and_reverse_items_flip() -> None:
    assert [answer_score(a) for a in range(1, 6)] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert [answer_score(a, reverse=True) for a in range(1, 6)] == [1.0, 0.75, 0.5, 0.25, 0.0]
    with pytest.raises(ValueError, match=r"1\.\.5"):
        answer_score(6)


def test_respondents_combine_by_mean_per_dimension_and_weighted_overall(bakery: Strategy) -> None:
    """Worked by hand: owner answers 5 everywhere (reverse items 1), staff answers 2 (reverse
    items 4) except culture-job-fear = 5 (reverse: scores 0). Staff culture = (0.25 + 0.25 + 0)/3.
    """
    owner = ReadinessRespondent(name="Owner", role="owner", answers=answers_at(5))
    staff = ReadinessRespondent(name="Sam", answers=answers_at(2, **{"culture-job-fear": 5}))
    result = readiness_score(with_respondents(bakery, owner, staff))

    staff_culture = (0.25 + 0.25 + 0.0) / 3
    assert result.score("culture") == pytest.approx((1.0 + staff_culture) / 2)
    assert result.score("leadership") == pytest.approx((1.0 + 0.25) / 2)
    weights = {d.id: d.weight for d in default_survey().dimensions}
    expected = sum(weights[d] * (result.score(d) or 0) for d in weights) / sum(weights.values())
    assert result.overall == pytest.approx(expected)
    assert all(d.respondents == 2 for d in result.dimensions)
    # Owner 1.0 against staff 0.25: they see the business differently.
    assert all(d.disagreement for d in result.dimensions)
    assert any("disagree" in note for note in result.notes)


def test_unanswered_survey_plans_with_a_neutral_readiness(bakery: Strategy) -> None:
    result = readiness_score(with_respondents(bakery))
    assert result.overall is None
    assert not result.assessed
    assert result.for_planning == NOT_ASSESSED
    assert "not assessed" in result.notes[0]


def test_partial_answers_score_only_the_dimensions_answered(bakery: Strategy) -> None:
    person = ReadinessRespondent(name="Kim", answers={"leader-time": 5, "leader-explains": 3})
    result = readiness_score(with_respondents(bakery, person))
    assert result.score("leadership") == pytest.approx(0.75)
    assert result.score("culture") is None
    assert result.overall == pytest.approx(0.75)


def test_readiness_scales_change_capacity(bakery: Strategy) -> None:
    low = readiness_score(
        with_respondents(bakery, ReadinessRespondent(name="A", answers=answers_at(1)))
    )
    high = readiness_score(
        with_respondents(bakery, ReadinessRespondent(name="A", answers=answers_at(5)))
    )
    floor = default_survey().scoring.change_capacity_floor
    stated = bakery.constraints.change_capacity_days_per_period
    assert planned_change_capacity(bakery, low) == pytest.approx(stated * floor)
    assert planned_change_capacity(bakery, high) == pytest.approx(stated)


def test_weak_dimension_raises_the_risk_of_initiatives_that_depend_on_it(bakery: Strategy) -> None:
    weak_data = answers_at(4, **{"data-recorded": 1, "data-trusted": 1, "data-double-entry": 5})
    strategy = with_respondents(bakery, ReadinessRespondent(name="A", answers=weak_data))
    result = readiness_score(strategy)
    assert result.weak_dimensions == ["data-quality"]
    by_id = {i.id: i for i in bakery.initiatives}
    forecast, shifts = by_id["demand-forecast"], by_id["shift-planner"]
    assert "data-quality" in initiative_dimensions(forecast)
    assert "data-quality" not in initiative_dimensions(shifts)
    assert forecast.risk is Level.medium
    assert effective_risk(forecast, result) is Level.high
    assert effective_risk(shifts, result) is shifts.risk
    assert readiness_fit(forecast, result) < readiness_fit(shifts, result)

    # The continuous score: medium (2) plus one level for a data-quality score of 0 (weak
    # below 0.5), and nothing extra for an item that does not depend on it.
    assert risk_score(forecast, result) == pytest.approx(3.0)
    assert risk_score(shifts, result) == pytest.approx(shifts.risk.score)

    adjusted = readiness_adjusted(strategy, result)  # capacity only: the planner scores risk
    assert {i.id: i.risk for i in adjusted.initiatives}["demand-forecast"] is Level.medium
    assert delivery_confidence(risk_score(forecast, result)) == pytest.approx(0.5)
    assert strategy.initiatives[3].risk is Level.medium  # the input is unchanged


def test_every_initiative_depends_on_leadership(bakery: Strategy) -> None:
    assert all("leadership" in initiative_dimensions(i) for i in bakery.initiatives)


def test_unknown_question_id_is_a_validation_error_naming_the_place(bakery: Strategy) -> None:
    data = yaml.safe_load(dump_strategy(bakery))
    data["readiness"] = {"respondents": [{"name": "A", "answers": {"leader-tme": 4}}]}
    with pytest.raises(StrategyError) as caught:
        parse_strategy(yaml.safe_dump(data), format="yaml")
    message = str(caught.value)
    assert "unknown readiness question 'leader-tme'" in message
    assert "did you mean 'leader-time'" in message
    assert caught.value.problems[0].path == ("readiness", "respondents", 0, "answers", "leader-tme")


def test_readiness_command_asks_and_saves_answers_keeping_comments(
    bakery_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "headway.yaml"
    original = bakery_path.read_text(encoding="utf-8")
    target.write_text(original, encoding="utf-8")
    questions = default_survey().questions
    typed = ["9"] + ["4"] * len(questions)  # one answer out of range is asked again

    result = CliRunner().invoke(
        app,
        ["readiness", str(target), "--name", "Ana", "--role", "owner"],
        input="\n".join(typed) + "\n",
    )

    assert result.exit_code == 0, result.output
    assert "whole number from 1 to 5" in result.output
    saved = target.read_text(encoding="utf-8")
    assert "# Every number below is an editable ASSUMPTION" in saved
    assert "volume_per_period: 2400     # orders per quarter" in saved
    strategy = load_strategy(target)
    ana = next(r for r in strategy.readiness.respondents if r.name == "Ana")
    assert ana.role == "owner"
    assert ana.answers == {q.id: 4 for q in questions}
    assert "overall" in result.output

    # The same person again replaces their answers instead of adding a second respondent.
    again = CliRunner().invoke(
        app, ["readiness", str(target), "--name", "Ana"], input="2\n" * len(questions)
    )
    assert again.exit_code == 0, again.output
    people = load_strategy(target).readiness.respondents
    assert [p.name for p in people].count("Ana") == 1


def test_readiness_show_prints_scores_and_talent_gaps_as_json(bakery_path: Path) -> None:
    result = CliRunner().invoke(app, ["readiness", str(bakery_path), "--show", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "change_capacity_factor" in data["readiness"]
    assert data["talent_gaps"][0]["suggestion"]["id"] == "train-email-marketing"


def test_readiness_changes_the_plan(bakery: Strategy) -> None:
    """Same strategy, only the survey answers differ: a team that is not ready gets less change
    capacity and riskier-looking initiatives, so the optimizer chooses a different roadmap."""
    settings = PlanSettings(explain=False)
    low = plan(
        with_respondents(bakery, ReadinessRespondent(name="A", answers=answers_at(1))), settings
    )
    high = plan(
        with_respondents(bakery, ReadinessRespondent(name="A", answers=answers_at(5))), settings
    )

    assert low.readiness == pytest.approx(0.0)
    assert high.readiness == pytest.approx(1.0)
    assert low.change_capacity_days < high.change_capacity_days
    low_roadmap = {d.initiative: d.start for d in low.selected}
    high_roadmap = {d.initiative: d.start for d in high.selected}
    assert set(low_roadmap) != set(high_roadmap)
    # Every dimension is weak in the low case: medium-risk items become high risk, and the
    # high-risk gate (min_readiness_for_high_risk) keeps them out, saying why.
    assert "demand-forecast" in high_roadmap
    assert "demand-forecast" not in low_roadmap
    left_out = next(d for d in low.decisions if d.initiative == "demand-forecast")
    assert any("readiness" in reason for reason in left_out.reasons)


def test_docs_state_the_survey_and_scoring_the_code_uses() -> None:
    """docs/people.md stays honest: dimensions, weights and thresholds as in the survey file."""
    docs = (ROOT / "docs" / "people.md").read_text(encoding="utf-8")
    survey = default_survey()
    for dimension in survey.dimensions:
        assert f"| `{dimension.id}` |" in docs, dimension.id
        assert f"| {dimension.weight:.2f} |" in docs, dimension.id
    scoring = survey.scoring
    assert f"`change_capacity_floor` = {scoring.change_capacity_floor}" in docs
    assert f"`weak_below` ({scoring.weak_below})" in docs
    assert f"`disagreement_above` ({scoring.disagreement_above})" in docs
    assert f"`NOT_ASSESSED` = {NOT_ASSESSED}" in docs
    for usage in ("headway readiness headway.yaml", "--show", "--add-remedies", "--name", "--role"):
        assert usage in docs, usage


LEADERS = {"owner", "partner", "managing director"}


@pytest.mark.parametrize("name", template_names())
def test_every_template_carries_realistic_readiness_answers(name: str) -> None:
    """The owner (or partner, director) and one or two staff answered every question, and the
    team is neither hopeless nor perfect: some readiness work is left to do."""
    strategy = load_strategy(template_path(name))
    people = strategy.readiness.respondents
    assert 2 <= len(people) <= 3
    assert people[0].role in LEADERS
    assert all(p.role not in LEADERS for p in people[1:])
    questions = set(default_survey().question_ids)
    for person in people:
        assert set(person.answers) == questions, person.name
        assert len(set(person.answers.values())) >= 2, f"{person.name} answers all alike"
    result = readiness_score(strategy)
    assert result.overall is not None
    assert 0.4 <= result.overall <= 0.8
    assert min(d.score or 0.0 for d in result.dimensions) < max(
        d.score or 0.0 for d in result.dimensions
    )


def test_risk_and_readiness_act_without_cliffs() -> None:
    """Risk score, delivery confidence and the high-risk readiness factor are continuous: a
    0.01 change of a dimension or of readiness moves them by a bounded amount."""
    assert delivery_confidence(1.0) == 0.9 and delivery_confidence(3.0) == 0.5
    assert delivery_confidence(2.5) == pytest.approx(0.625)
    # A fully high-risk item: all at the threshold, half at half the band below, none beyond.
    assert readiness_factor(3.0, 0.6, 0.6) == 1.0
    assert readiness_factor(3.0, 0.6 - READINESS_BAND / 2, 0.6) == pytest.approx(0.5)
    assert readiness_factor(3.0, 0.3, 0.6) == 0.0
    assert readiness_factor(2.0, 0.0, 0.6) == 1.0  # medium risk is never held back
    steps = [readiness_factor(2.6, r / 100, 0.6) for r in range(30, 71)]
    assert all(b >= a for a, b in pairwise(steps))
    assert max(b - a for a, b in pairwise(steps)) <= 0.6 * 0.01 / 0.2 + 1e-12
