"""Automation-potential scoring: the documented formula, worked by hand on two activities."""

from __future__ import annotations

import math
from pathlib import Path

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


SUBMITTED = stats(
    "A_SUBMITTED", executions=5000, top_resource_share=1.0, predecessors=0, successors=1
)
INSTANT = stats("Auto-check", executions=4000, service_median_s=0.2, service_cv=0.1)


def test_system_events_rank_below_measured_work() -> None:
    # A_SUBMITTED scores higher (more volume, one resource, one successor) but has no duration
    # in a log that times its work: it is a system event, ranked after the measured work.
    ranked = score_activities([SUBMITTED, INSTANT, BUSY, RARE], span_days=365.25)
    by_name = {c.activity: c for c in ranked}
    assert by_name["A_SUBMITTED"].score > by_name["Enter invoice"].score
    assert [c.activity for c in ranked] == [
        "Enter invoice",
        *sorted(("A_SUBMITTED", "Auto-check", "Approve"), key=lambda a: -by_name[a].score),
    ]
    assert by_name["Enter invoice"].kind == "work"
    assert {by_name[a].kind for a in ("A_SUBMITTED", "Auto-check", "Approve")} == {"system event"}


def test_without_any_service_times_nothing_is_called_work() -> None:
    ranked = score_activities([SUBMITTED, RARE], span_days=365.25)
    assert [c.kind for c in ranked] == ["not measured", "not measured"]
    assert [c.activity for c in ranked] == ["A_SUBMITTED", "Approve"]  # by score
    assert all(not c.minutes_measured and c.minutes_each == 5.0 for c in ranked)


def test_on_bpic2012_measured_work_ranks_above_system_events(shared_data: Path) -> None:
    """BPIC 2012 (van Dongen 2012, doi:10.4121/uuid:3926db30-f712-4394-aebc-75976070e91f):
    the W_ work items have start/complete pairs; A_ and O_ events are state changes recorded
    by the loan system. A_SUBMITTED has the highest score but no duration."""
    profile = headway.mine(shared_data / "eventlogs" / "bpic2012.xes.gz")
    ranked = profile.candidates
    kinds = [c.kind for c in ranked]
    assert kinds == sorted(kinds, key=("work", "not measured", "system event").index)
    work = [c for c in ranked if c.kind == "work"]
    assert {c.activity for c in work} >= {"W_Completeren aanvraag", "W_Valideren aanvraag"}
    assert all(c.minutes_measured and c.activity.startswith("W_") for c in work)
    submitted = next(c for c in ranked if c.activity == "A_SUBMITTED")
    assert submitted.kind == "system event" and not submitted.minutes_measured
    assert submitted.score > work[0].score  # ranked lower despite its higher score
