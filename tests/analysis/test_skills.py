"""Talent gaps: skills needed by initiatives that no role has, and the suggested remedies."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.analysis.skills import default_skills_rules, talent_gaps, with_talent_initiatives
from headway.cli import app
from headway.portfolio.planner import plan
from headway.portfolio.results import PlanSettings
from headway.strategy.load import load_strategy, validate_data
from headway.strategy.model import Readiness, ReadinessRespondent, Strategy
from headway.strategy.survey import default_survey


@pytest.fixture
def bakery(bakery_path: Path) -> Strategy:
    return load_strategy(bakery_path)


def replace_initiative(strategy: Strategy, item_id: str, **changes: object) -> Strategy:
    items = [i.model_copy(update=changes) if i.id == item_id else i for i in strategy.initiatives]
    return strategy.model_copy(update={"initiatives": items})


def test_bakery_lacks_email_marketing_only(bakery: Strategy) -> None:
    gaps = talent_gaps(bakery)
    assert [g.skill for g in gaps] == ["email-marketing"]
    gap = gaps[0]
    assert gap.needed_by == ("loyalty-email", "cake-configurator")
    assert gap.kind == "training"
    # Neither initiative changes a process, so the learner is the role with the most skills,
    # then the best paid: the owner.
    assert gap.role == "owner"
    assert not gap.already_planned


def test_suggestion_is_costed_from_the_rules_in_local_money(bakery: Strategy) -> None:
    gap = talent_gaps(bakery)[0]
    remedy = default_skills_rules().remedy("email-marketing")
    rate = bakery.business.labor_cost_per_hour
    suggestion = gap.suggestion
    assert suggestion.id == "train-email-marketing"
    assert suggestion.upfront_cost.likely == pytest.approx(remedy.fee_hours.likely * rate)
    # One owner (fte 1) is trained: effort = days per person x 1.
    assert suggestion.effort_days.likely == pytest.approx(remedy.days_per_person.likely)
    assert suggestion.duration_periods.likely == remedy.duration_periods
    assert suggestion.recurring_cost_per_month.high == 0


def test_training_goes_to_the_role_whose_work_changes(bakery: Strategy) -> None:
    strategy = replace_initiative(bakery, "online-shop", skills_needed=["online-shop-admin"])
    gap = next(g for g in talent_gaps(strategy) if g.skill == "online-shop-admin")
    # The online shop changes phone orders, taken by the counter staff (5 FTE): two are trained.
    assert gap.role == "counter"
    default = default_skills_rules().default
    assert gap.suggestion.effort_days.likely == pytest.approx(default.days_per_person.likely * 2)


def test_specialist_skills_suggest_hiring(bakery: Strategy) -> None:
    strategy = replace_initiative(bakery, "demand-forecast", skills_needed=["data-analysis"])
    gap = next(g for g in talent_gaps(strategy) if g.skill == "data-analysis")
    assert gap.kind == "hiring"
    assert gap.role is None
    assert gap.suggestion.id == "hire-data-analysis"
    assert gap.suggestion.category == "hiring"


def test_held_skills_and_excluded_initiatives_are_no_gap(bakery: Strategy) -> None:
    strategy = replace_initiative(bakery, "loyalty-email", excluded=True)
    strategy = replace_initiative(strategy, "cake-configurator", skills_needed=["pos"])
    assert talent_gaps(strategy) == []


def test_remedies_become_schedulable_prerequisites(bakery: Strategy) -> None:
    planned = with_talent_initiatives(bakery)
    by_id = {i.id: i for i in planned.initiatives}
    assert "train-email-marketing" in by_id
    assert "train-email-marketing" in by_id["loyalty-email"].requires
    assert "train-email-marketing" in by_id["cake-configurator"].requires
    # The result is still a valid document (ids unique, references known, no cycle).
    validate_data(planned.model_dump(mode="json"))
    # Applying it twice adds nothing more: the document already holds the suggestion.
    again = with_talent_initiatives(planned)
    assert len(again.initiatives) == len(planned.initiatives)
    assert talent_gaps(planned)[0].already_planned


def test_skills_rules_file_is_well_formed() -> None:
    rules = default_skills_rules()
    for remedy in [rules.default, *rules.skills.values()]:
        assert remedy.fee_hours.low >= 0
        assert remedy.days_per_person.low > 0


def test_the_optimizer_schedules_training_before_the_initiative_that_needs_it(
    bakery: Strategy,
) -> None:
    ready = {q.id: (1 if q.reverse else 5) for q in default_survey().questions}
    team = Readiness(respondents=[ReadinessRespondent(name="Ana", answers=ready)])
    strategy = with_talent_initiatives(bakery.model_copy(update={"readiness": team}))
    # Strategic value only: with the default weight on money the loyalty e-mails (and so
    # their training) do not pay for their place.
    roadmap = plan(strategy, PlanSettings(npv_weight=0.0, explain=False))
    chosen = {d.initiative: d for d in roadmap.selected}
    assert "loyalty-email" in chosen
    training = chosen["train-email-marketing"]
    assert training.live is not None
    assert training.live <= (chosen["loyalty-email"].start or 0)


def test_add_remedies_writes_the_suggestions_into_the_document(
    bakery_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "headway.yaml"
    target.write_text(bakery_path.read_text(encoding="utf-8"), encoding="utf-8")
    for _ in range(2):  # the second run finds the remedy already there and adds nothing
        result = CliRunner().invoke(app, ["readiness", str(target), "--add-remedies"])
        assert result.exit_code == 0, result.output
    strategy = load_strategy(target)
    ids = [i.id for i in strategy.initiatives]
    assert ids.count("train-email-marketing") == 1
    loyalty = next(i for i in strategy.initiatives if i.id == "loyalty-email")
    assert loyalty.requires == ["online-shop", "train-email-marketing"]
    assert "# Every number below is an editable ASSUMPTION" in target.read_text(encoding="utf-8")
