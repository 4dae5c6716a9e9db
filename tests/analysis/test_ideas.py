"""The first estimate of a staff idea's strategic value, worked by hand on the bakery template
(docs/ideas.md): phone-orders is done by counter staff (17 EUR/h), an error costs 9 EUR, its
traits are 0.8/0.2/0.8 (potential 0.6) and its pain hurts grow-online (0.30) and faster-service
(0.10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway import load_strategy
from headway.analysis.ideas import ASSUMED_POTENTIAL, IdeaReport, idea_estimate


def test_a_pain_on_a_process_is_weighted_by_the_goals_it_hurts(bakery_path: Path) -> None:
    found = idea_estimate(load_strategy(bakery_path), IdeaReport("phone-orders", 20, 0.5, 4))
    assert found.hours_per_year == pytest.approx(20 * 12 * 0.5)  # 120 h
    assert found.money_per_year == pytest.approx(120 * 17 + 4 * 12 * 9)  # 2,472 EUR
    assert found.automation_potential == pytest.approx(0.6)
    assert found.goals == ("grow-online", "faster-service")
    assert found.goal_share == pytest.approx(0.4)
    assert found.value_per_year == pytest.approx(2472 * 0.6 * 0.4)  # 593.28 EUR
    assert not found.potential_assumed


def test_a_process_whose_pain_hurts_no_goal_is_worth_nothing_strategically(
    bakery_path: Path,
) -> None:
    found = idea_estimate(load_strategy(bakery_path), IdeaReport("stock-count", 4, 1, 1))
    assert found.money_per_year == pytest.approx(48 * 24 + 12 * 40)  # baker 24 EUR/h
    assert found.goal_share == 0
    assert found.value_per_year == 0
    assert "link one" in found.note


def test_an_idea_without_a_process_uses_the_business_rate_and_an_assumed_potential(
    bakery_path: Path,
) -> None:
    strategy = load_strategy(bakery_path)
    found = idea_estimate(strategy, IdeaReport("", 10, 2, 5))
    assert found.money_per_year == pytest.approx(240 * strategy.business.labor_cost_per_hour)
    assert found.automation_potential == ASSUMED_POTENTIAL
    assert found.potential_assumed
    assert found.value_per_year == 0


def test_more_hours_lost_never_lowers_the_value(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    values = [
        idea_estimate(strategy, IdeaReport("production-planning", 8, hours, 2)).value_per_year
        for hours in (0, 0.5, 1, 3)
    ]
    assert values == sorted(values)
    assert values[0] > 0  # the errors alone cost money on a goal-linked process
