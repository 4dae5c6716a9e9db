"""Go/no-go at a pilot's gate, on synthetic pilot data: go, no go, not enough data yet."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from headway.cli import app
from headway.monitoring.gates import GateDecision, PilotGate, pilot_gates
from headway.monitoring.initiatives import initiative_states
from headway.monitoring.records import Measurement, Status, StatusRecord, measurements_text
from headway.monitoring.status import Tracking, tracking_status
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy
from tests.conftest import TEMPLATES

WIDE = {"COLUMNS": "200"}
PILOT_START = date(2027, 7, 1)
GATE = date(2027, 9, 1)  # two months later


@pytest.fixture(scope="module")
def shop() -> Strategy:
    """The web shop template: a two-month pilot of its recommendations plug-in, a go when
    average order value (EUR, higher is better) rises by at least 0.25 (docs/method.md §12)."""
    strategy = load_strategy(TEMPLATES / "ecommerce.yaml")
    [pilot] = [i.pilot for i in strategy.initiatives if i.pilot is not None]
    assert pilot.duration_months == 2 and pilot.criteria[0].min_improvement == 0.25
    return strategy


def weekly(effect: float, *, weeks_during: int = 9, seed: int = 3) -> list[Measurement]:
    """Weekly average order value: 26 weeks before the pilot at 48 EUR (noise sd 0.2), then
    `weeks_during` weeks with `effect` EUR added, and weeks after the gate moved far (they
    belong to the roll-out and must not count)."""
    rng = np.random.default_rng(seed)
    start = PILOT_START.toordinal()
    found = []
    for week in range(-26, weeks_during + 8):
        day = date.fromordinal(start + 7 * week)
        shift = 0.0 if week < 0 else effect if day < GATE else -5.0
        if week >= weeks_during and day < GATE:
            continue
        value = 48.0 + shift + float(rng.normal(0.0, 0.2))
        found.append(Measurement("average-order-value", day, "shop", value))
    return found


def gate_of(shop: Strategy, measurements: list[Measurement], started: bool = True) -> PilotGate:
    records = (
        [StatusRecord("recommendations-app", Status.in_progress, PILOT_START)] if started else []
    )
    states = initiative_states(shop, records)
    [gate] = pilot_gates(shop, measurements, states, as_of=date(2028, 1, 1))
    return gate


def test_a_pilot_that_clears_its_minimum_is_a_go(shop: Strategy) -> None:
    gate = gate_of(shop, weekly(1.0))
    assert gate.decision is GateDecision.go
    assert gate.gate_date == GATE
    [check] = gate.checks
    assert check.met is True
    assert check.improvement == pytest.approx(1.0, abs=0.15)
    assert check.points_before == 26 and check.points_during == 9
    assert gate.evidence.startswith("Go: the pilot met every success criterion; roll out.")
    assert "average-order-value at least 0,25 EUR higher is within reach" in gate.evidence


def test_a_pilot_that_shows_nothing_is_a_no_go(shop: Strategy) -> None:
    gate = gate_of(shop, weekly(0.0))
    assert gate.decision is GateDecision.no_go
    assert gate.checks[0].met is False
    assert gate.checks[0].upper is not None and gate.checks[0].upper < 0.25
    assert "missed: with 95% confidence the improvement is below" in gate.evidence


def test_a_pilot_with_two_weeks_of_data_is_not_decided(shop: Strategy) -> None:
    gate = gate_of(shop, weekly(1.0, weeks_during=2))
    assert gate.decision is GateDecision.not_enough_data
    assert gate.checks[0].met is None and gate.checks[0].improvement is None
    assert "26 measurements before the pilot, 2 during it" in gate.evidence


def test_a_pilot_not_started_is_not_decided(shop: Strategy) -> None:
    gate = gate_of(shop, weekly(1.0), started=False)
    assert gate.decision is GateDecision.not_enough_data
    assert "has not started" in gate.evidence


def test_status_shows_the_gates(shop: Strategy) -> None:
    tracking = Tracking(
        weekly(1.0), [StatusRecord("recommendations-app", Status.in_progress, PILOT_START)]
    )
    report = tracking_status(shop, tracking, today=date(2028, 1, 1), planner_scope=lambda s: [])
    [gate] = report.gates
    assert gate.decision is GateDecision.go
    assert report.to_dict()["gates"][0]["decision"] == "go"


def test_the_status_command_shows_each_gate_and_its_decision(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    root.mkdir()
    shutil.copyfile(TEMPLATES / "ecommerce.yaml", root / "headway.yaml")
    data = tmp_path / "aov.csv"
    data.write_text(measurements_text(weekly(1.0)), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["track", "import", str(data), "--dir", str(root)])
    assert result.exit_code == 0, result.output
    args = ["track", "status", "recommendations-app", "in progress", "--date", "2027-07-01"]
    assert runner.invoke(app, [*args, "-d", str(root)]).exit_code == 0
    result = runner.invoke(app, ["status", str(root), "--as-of", "2028-01-01"], env=WIDE)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Go/no-go gates of pilots" in text
    assert "recommendations-app 2027-09-01 go Go: the pilot met every success criterion" in text
