"""Off-track projection: the trend to the due date against the target, both directions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from headway.monitoring.initiatives import initiative_states
from headway.monitoring.projection import (
    Projection,
    Track,
    due_date,
    progress,
    project,
    value_range,
)
from headway.monitoring.records import Measurement, Status, StatusRecord
from headway.strategy.model import Strategy


def _monthly(kpi: str, values: list[float]) -> list[Measurement]:
    return [
        Measurement(kpi, date(2027, 1, 1) + timedelta(days=31 * i), "test", v)
        for i, v in enumerate(values)
    ]


def _by_kpi(
    bakery: Strategy, data: list[Measurement], records: Sequence[StatusRecord] = ()
) -> dict[str, Projection]:
    states = initiative_states(bakery, records)
    return {p.kpi: p for p in project(bakery, data, states, date(2027, 12, 31))}


def test_lower_is_better_on_and_off_track(bakery: Strategy) -> None:
    # admin-hours-week: 28 -> 12 by 2028-06. Falling 1 h/week a month gets there; flat does not.
    falling = [28.0 - i + (0.2 if i % 2 else -0.2) for i in range(12)]
    flat = [28.0 + (0.2 if i % 2 else -0.2) for i in range(12)]
    on = _by_kpi(bakery, _monthly("admin-hours-week", falling))["admin-hours-week"]
    off = _by_kpi(bakery, _monthly("admin-hours-week", flat))["admin-hours-week"]
    assert on.verdict is Track.on_track
    assert on.chance is not None and on.chance > 0.95
    assert on.trend_per_month == pytest.approx(-0.98, abs=0.05)
    assert off.verdict is Track.off_track
    assert off.chance is not None and off.chance < 0.05
    assert off.low is not None and off.high is not None and off.low < 28 < off.high
    assert "misses the target 12" in off.evidence


def test_progress_is_direction_aware(bakery: Strategy) -> None:
    kpis = {k.id: k for k in bakery.kpis}
    assert progress(kpis["admin-hours-week"], 20) == pytest.approx(0.5)  # 28 -> 12
    assert progress(kpis["online-order-share"], 9) == pytest.approx(0.5)  # 3 -> 15
    assert progress(kpis["admin-hours-week"], 30) < 0
    assert due_date(kpis["admin-hours-week"]) == date(2028, 6, 30)


def test_planned_initiatives_count_and_are_named(bakery: Strategy) -> None:
    flat = [9.0 + (0.1 if i % 2 else -0.1) for i in range(12)]
    records = [StatusRecord("demand-forecast", Status.in_progress, date(2027, 10, 1))]
    waste = _by_kpi(bakery, _monthly("waste-share", flat), records)["waste-share"]
    assert waste.planned_change == pytest.approx(-2.0)
    assert waste.projected == pytest.approx(7.0, abs=0.2)
    assert "expected from demand-forecast" in waste.evidence


def test_too_few_points(bakery: Strategy) -> None:
    found = _by_kpi(bakery, _monthly("waste-share", [9.0, 8.8]))
    assert found["waste-share"].verdict is Track.no_data
    assert found["waste-share"].latest == 8.8
    assert found["stockouts"].latest is None


def test_due_date_passed(bakery: Strategy) -> None:
    # stockouts: target 0.5 by 2027-12; judged on the latest value once the month is over.
    data = _monthly("stockouts", [3.0, 2.0, 1.0, 0.4])
    states = initiative_states(bakery, [])
    [found] = [p for p in project(bakery, data, states, date(2028, 2, 1)) if p.kpi == "stockouts"]
    assert found.verdict is Track.on_track
    assert "has passed; the latest value 0.4" in found.evidence


def test_a_count_is_never_projected_below_zero(bakery: Strategy) -> None:
    # stockouts (per month, 3 -> 0.5 by 2027-12) falling 0.5 a month from 6: the straight line
    # would reach about -1 by the due date; a count cannot go below 0.
    data = [
        Measurement("stockouts", date(2027, 1, 1) + timedelta(days=20 * i), "test", v)
        for i, v in enumerate([6.0, 5.4, 5.1, 4.4, 4.1, 3.5, 3.0, 2.6])
    ]
    states = initiative_states(bakery, [])
    found = {p.kpi: p for p in project(bakery, data, states, date(2027, 6, 1))}["stockouts"]
    assert found.trend_per_month is not None and found.trend_per_month < -0.7
    assert found.projected == 0.0 and found.low == 0.0
    assert found.high is not None and found.high >= 0.0
    assert "projects 0 per month" in found.evidence


@pytest.mark.parametrize(
    ("unit", "baseline", "target", "expected"),
    [
        ("% of orders", 3, 15, (0.0, 100.0)),
        ("%", 9, 6, (0.0, 100.0)),
        ("score (-100 to 100)", 32, 50, (-100.0, 100.0)),
        ("stars (1-5)", 3.9, 4.5, (1.0, 5.0)),
        ("per month", 3, 0.5, (0.0, None)),
        ("EUR", -2000, 5000, (None, None)),
        ("%", -5, 10, (None, None)),
    ],
)
def test_value_range_follows_the_unit(
    bakery: Strategy, unit: str, baseline: float, target: float, expected: tuple[float | None, ...]
) -> None:
    kpi = bakery.kpis[0].model_copy(update={"unit": unit, "baseline": baseline, "target": target})
    assert value_range(kpi) == expected
