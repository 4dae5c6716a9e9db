"""The bakery's worked example, number by number (docs/monitoring.md shows the same figures).

A year of weekly measurements (2027): e-invoicing delivers, the online shop does not. Then the
owner publishes version 2 of the strategy and `headway diff` re-plans.
"""

from __future__ import annotations

from datetime import date

import pytest

from headway.monitoring.alignment_index import AlignmentVerdict, Mode
from headway.monitoring.projection import Track
from headway.monitoring.realignment import Action, realign
from headway.monitoring.realization import Verdict
from headway.monitoring.records import measurements_text, statuses_text
from headway.strategy.load import load_strategy
from headway.workspace import Workspace, workspace_status
from headway.workspace.example import EXAMPLE_DIR
from tests.monitoring import make_worked_example

TODAY = date(2027, 1, 4)
"""A fixed day before the example's last measurement: the status is as of that measurement."""


def test_shipped_files_are_the_generator_output() -> None:
    shipped = (EXAMPLE_DIR / "measurements.csv").read_text("utf-8")
    assert shipped == measurements_text(make_worked_example.measurements())
    shipped = (EXAMPLE_DIR / "initiatives.csv").read_text("utf-8")
    assert shipped == statuses_text(make_worked_example.status_records())
    shipped = (EXAMPLE_DIR / "headway-v2.yaml").read_text("utf-8")
    assert shipped == make_worked_example.strategy_v2(), (
        "regenerate: .venv/bin/python -m tests.monitoring.make_worked_example"
    )


def test_realization_verdicts(example: Workspace) -> None:
    report = workspace_status(example, today=TODAY)
    found = {(r.initiative, r.kpi): r for r in report.realizations}
    expected = {
        ("cloud-pos", "queue-minutes"): (Verdict.delivering, 1.421, 0.837, 2.006),
        ("e-invoicing", "admin-hours-week"): (Verdict.delivering, 3.129, 2.327, 3.931),
        ("e-invoicing", "wholesale-debtor-days"): (Verdict.delivering, 12.276, 9.559, 14.992),
        ("online-shop", "online-order-share"): (Verdict.not_delivering, 0.363, -0.442, 1.169),
        ("online-shop", "queue-minutes"): (Verdict.not_yet_clear, -0.352, -1.428, 0.725),
        ("online-shop", "repeat-customers"): (Verdict.not_delivering, -2.415, -5.429, 0.599),
    }
    assert set(found) == set(expected)
    for key, (verdict, improvement, lower, upper) in expected.items():
        r = found[key]
        assert r.verdict is verdict, key
        assert (r.improvement, r.lower, r.upper) == pytest.approx(
            (improvement, lower, upper), abs=0.001
        ), key


def test_alignment_index(example: Workspace) -> None:
    report = workspace_status(example, today=TODAY)
    index = report.index
    assert report.as_of.isoformat() == "2027-12-27"  # the latest measurement
    assert index.mode is Mode.measured
    scores = {a.aspect: (a.score, a.verdict) for a in index.aspects}
    assert scores == {
        # 9,078 of 14,698 EUR: online-shop fails its benefit case, route-planner serves no goal.
        "resource use": (61.8, AlignmentVerdict.at_risk),
        # 581 of 2,634 h saved (22.1%): the online shop's phone-order savings count at its
        # realization ratio, mean(0.363 / 7.83, 0) = 0.023 (judged against its 6-month ramp),
        # and the till's at 1.421 / 1.583.
        "productivity": (44.1, AlignmentVerdict.at_risk),
        # waste-share (last counted in August), stockouts, staff-turnover, customer-rating lack
        # recent data: 35% of the weight.
        "decision-making": (65.0, AlignmentVerdict.at_risk),
        "growth potential": (100.0, AlignmentVerdict.aligned),
        "employee morale": (56.8, AlignmentVerdict.at_risk),
    }
    assert index.score == 65.5
    assert index.verdict is AlignmentVerdict.at_risk
    aspects = {a.aspect: a for a in index.aspects}
    assert aspects["resource use"].figures == pytest.approx(
        {"spend": 14698.0, "aligned_spend": 9078.0}
    )
    assert "online-shop (not delivering), route-planner (closes 0.0%" in (
        aspects["resource use"].evidence
    )


def test_off_track_kpis(example: Workspace) -> None:
    projections = {p.kpi: p for p in workspace_status(example, today=TODAY).projections}
    debtor = projections["wholesale-debtor-days"]
    assert debtor.verdict is Track.off_track
    assert debtor.projected == pytest.approx(24.46, abs=0.01)
    assert debtor.chance == pytest.approx(0.028, abs=0.001)
    assert projections["stockouts"].verdict is Track.no_data


def test_realignment_diff() -> None:
    old = load_strategy(EXAMPLE_DIR.parent / "bakery.yaml")
    new = load_strategy(EXAMPLE_DIR / "headway-v2.yaml")
    result = realign(old, new)
    moves = {m.initiative: (m.action, m.old_start, m.new_start) for m in result.moves}
    assert moves == {
        "wholesale-portal": (Action.start, None, "2027-Q3"),
        "margin-dashboard": (Action.start, None, "2028-Q1"),
        "bookkeeping-sync": (Action.start, None, "2027-Q4"),
        "loyalty-email": (Action.stop, "2027-Q3", None),
        "shift-planner": (Action.stop, "2027-Q4", None),
        "inventory-reorder": (Action.resequence, "2028-Q1", "2028-Q2"),
        "demand-forecast": (Action.continue_, "2027-Q3", "2027-Q3"),
        "e-invoicing": (Action.continue_, "2027-Q1", "2027-Q1"),
        "online-shop": (Action.continue_, "2027-Q2", "2027-Q2"),
        "cloud-pos": (Action.continue_, "2027-Q1", "2027-Q1"),
    }
    values = {m.initiative: (round(m.value, 4), round(m.tco)) for m in result.moves}
    assert values["wholesale-portal"] == (0.125, 3250)  # 0.25 x 4/8 cafés of the new gap
    assert values["margin-dashboard"] == (0.105, 2770)  # 0.21 x 1.5/3 margin points
    assert values["loyalty-email"] == (0.0235, 2550)
    assert values["shift-planner"] == (0.0, 1220)  # its KPI (admin hours) lost all its weight
    assert values["demand-forecast"] == (0.14, 3220)
    assert result.old_plan_value == pytest.approx(0.4112, abs=1e-4)
    assert result.new_plan_value == pytest.approx(0.6177, abs=1e-4)
    assert result.value_at_stake == pytest.approx(0.2065, abs=1e-4)
    assert (result.money_started, result.money_stopped) == (7260.0, 3770.0)
    assert [(o.initiative, o.required_by) for o in result.orphans] == [
        ("cloud-pos", ("demand-forecast", "margin-dashboard", "online-shop")),
        ("shift-planner", ()),
    ]
    assert result.uncovered == ()
    changed = {(c.section, c.item, c.field): (c.old, c.new) for c in result.changes}
    assert changed[("goal", "grow-online", "weight")] == ("0.3", "0.1")
    assert changed[("goal", "faster-service", "(removed)")] == ("faster-service", None)
    assert changed[("kpi", "waste-share", "target")] == ("5", "4")
    assert changed[("kpi weight", "queue-minutes", "weight")] == ("6.0%", "0.0%")
    assert changed[("constraint", "budget_total", "budget_total")] == ("16000", "20000")
    assert ("initiative", "wholesale-portal", "(added)") in changed


def test_a_goal_left_uncovered_is_named() -> None:
    """Version 2 with both ordering platforms excluded: nothing can move the online goal."""
    old = load_strategy(EXAMPLE_DIR.parent / "bakery.yaml")
    new = load_strategy(EXAMPLE_DIR / "headway-v2.yaml")
    items = [
        i.model_copy(update={"excluded": True}) if i.id in ("online-shop", "marketplace-app") else i
        for i in new.initiatives
    ]
    result = realign(old, new.model_copy(update={"initiatives": items}))
    assert [(u.goal, u.weight) for u in result.uncovered] == [("grow-online", 0.1)]
    assert {m.initiative: m.action for m in result.moves}["online-shop"] is Action.stop


def test_early_in_the_year(example: Workspace) -> None:
    """As of 2027-04-15 the online shop's effect is not due yet; the cloud till is testable."""
    report = workspace_status(example, as_of=date(2027, 4, 15), today=TODAY)
    found = {(r.initiative, r.kpi): r for r in report.realizations}
    assert found[("cloud-pos", "queue-minutes")].verdict is Verdict.delivering
    shop = found[("online-shop", "online-order-share")]
    assert shop.verdict is Verdict.not_yet_clear
    assert "0 measurements since its effect should show (2027-07-05)" in shop.evidence
