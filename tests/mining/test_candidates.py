"""Automation-potential scoring: the documented formula, worked by hand on two activities."""

from __future__ import annotations

import math

import pytest

import headway
from headway.mining import ActivityStats, Assumptions, score_activities
from headway.mining.candidates import WEIGHTS


def stats(name: str, **values: object) -> ActivityStats:
    base: dict[str, object] = {
        "activity": name,
        "events": 0,
        "cases": 0,
        "executions": 0,
        "repeats": 0,
        "rework_cases": 0,
        "rework_rate": 0.0,
        "service_median_s": None,
        "service_p90_s": None,
        "service_mean_s": None,
        "service_cv": None,
        "waiting_median_s": None,
        "waiting_p90_s": None,
        "waiting_after_hours": 0.0,
        "resources": 0,
        "top_resource": None,
        "top_resource_share": None,
        "predecessors": 0,
        "successors": 0,
    }
    base.update(values)
    return ActivityStats(**base)  # type: ignore[arg-type]


BUSY = stats(
    "Enter invoice",
    executions=999,
    rework_rate=0.2,
    service_median_s=180.0,
    service_cv=1.0,
    waiting_after_hours=30.0,
    top_resource_share=0.5,
    predecessors=1,
    successors=1,
)
RARE = stats("Approve", executions=99, waiting_after_hours=10.0, predecessors=2, successors=2)


def test_weights_sum_to_one() -> None:
    assert math.isclose(sum(WEIGHTS.values()), 1.0)


def test_scores_follow_the_documented_formula() -> None:
    busy, rare = score_activities([BUSY, RARE], span_days=365.25)
    assert busy.activity == "Enter invoice"
    # volume 1; standardisation (1/(1+1) + 2/2) / 2 = 0.75; rework 0.2; waiting 30/40;
    # concentration 0.5.
    expected = 100 * (0.30 * 1 + 0.25 * 0.75 + 0.15 * 0.2 + 0.15 * 0.75 + 0.15 * 0.5)
    assert busy.score == pytest.approx(expected, abs=0.01)
    assert busy.minutes_measured and busy.minutes_each == 3.0
    assert busy.hours_per_year == pytest.approx(999 * 3 / 60, abs=0.1)
    assert busy.hours_at_stake == pytest.approx(busy.hours_per_year * expected / 100, abs=0.1)
    # volume log(100)/log(1000) = 2/3; standardisation (flow only) 2/4; waiting 10/40.
    rare_expected = 100 * (0.30 * 2 / 3 + 0.25 * 0.5 + 0.15 * 0.25)
    assert rare.score == pytest.approx(rare_expected, abs=0.01)
    assert not rare.minutes_measured and rare.minutes_each == 5.0


def test_short_logs_are_scaled_to_a_year_with_a_floor() -> None:
    (one_day,) = score_activities([BUSY], span_days=1.0, assumptions=Assumptions(min_span_days=7))
    assert one_day.executions_per_year == pytest.approx(999 * 365.25 / 7, abs=0.1)


def test_no_activities_no_candidates() -> None:
    assert score_activities([], span_days=10) == ()


def test_public_names_are_exported() -> None:
    for name in ("mine", "ProcessProfile", "read_log", "read_xes", "read_csv", "MiningError"):
        assert name in headway.__all__
        assert getattr(headway, name) is getattr(headway.mining, name)
