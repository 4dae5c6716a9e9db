"""The Alignment Index as docs/alignment-index.md defines it (plan-only and edge cases)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from headway.monitoring.alignment_index import (
    AlignmentIndex,
    AlignmentVerdict,
    Mode,
    alignment_index,
    growth_potential,
    verdict_of,
)
from headway.monitoring.initiatives import initiative_states
from headway.strategy.load import load_strategy
from headway.strategy.model import EthicsResolution, Role, Strategy
from headway.workspace import Workspace, workspace_status

# The bakery plan on strategic value alone (before the plan also weighed money).
VALUE_ONLY_PLAN = [
    "cloud-pos",
    "e-invoicing",
    "online-shop",
    "demand-forecast",
    "loyalty-email",
    "bookkeeping-sync",
    "inventory-reorder",
    "review-requests",
]
# The plan `headway plan` makes (80% strategic value + 20% risk-adjusted NPV).
PLAN = [
    "cloud-pos",
    "e-invoicing",
    "online-shop",
    "demand-forecast",
    "loyalty-email",
    "shift-planner",
    "inventory-reorder",
]


def _index(strategy: Strategy, scope: list[str]) -> AlignmentIndex:
    states = initiative_states(strategy, [])
    return alignment_index(
        strategy, scope, mode=Mode.plan_only, states=states, as_of=date(2027, 1, 1)
    )


def _scores(index: AlignmentIndex) -> dict[str, float]:
    return {a.aspect: a.score for a in index.aspects}


def test_bands() -> None:
    assert verdict_of(70) is AlignmentVerdict.aligned
    assert verdict_of(69.9) is AlignmentVerdict.at_risk
    assert verdict_of(40) is AlignmentVerdict.at_risk
    assert verdict_of(39.9) is AlignmentVerdict.misaligned


def test_plan_only_bakery(bakery: Strategy) -> None:
    index = _index(bakery, VALUE_ONLY_PLAN)
    assert index.mode is Mode.plan_only
    assert index.note.startswith("Computed on the plan alone")
    # Hand check: bookkeeping-sync closes 1.6% (< 2%) of the weighted gap; its first-year spend
    # is PERT upfront 733.3 + 12 x 45 = 1,273.3 of 21,470 (so 20,196.7 / 21,470 = 94.1%).
    assert _scores(index) == {
        "resource use": 94.1,
        "productivity": 76.6,  # 1,083.7 of 2,830 h saved = 38.3%, full marks from 50%
        "decision-making": 0.0,  # no baseline in the template is marked measured
        "growth potential": 100.0,
        "employee morale": 56.8,  # the template's readiness survey: 0.568
    }
    assert index.score == pytest.approx((94.1 + 76.6 + 0 + 100 + 56.8) / 5, abs=0.05)
    assert index.verdict is AlignmentVerdict.at_risk
    assert "bookkeeping-sync (closes 1.6% of the weighted gap)" in index.aspects[0].evidence


def test_evidence_reads_by_the_number_model(bakery: Strategy) -> None:
    """Money, hours and shares in the evidence read as in the report: `€20,197`, `1,084 h`,
    `38.3%` (en_IE, EUR), not `20,197 EUR` or `0.38`."""
    aspects = {a.aspect: a for a in _index(bakery, VALUE_ONLY_PLAN).aspects}
    assert aspects["resource use"].evidence.startswith("€20,197 of €21,470 first-year spend")
    assert aspects["productivity"].evidence.startswith(
        "1,084 h of 2,830 h a year in the processes touched are saved (38.3%, planned)"
    )
    assert aspects["employee morale"].evidence.startswith("readiness 56.8 of 100; 0 h of ")


def test_displacement_without_a_plan_hurts_morale(bakery: Strategy) -> None:
    index = _index(bakery, ["cloud-pos", "self-order-kiosk"])
    morale = index.aspects[4]
    # The kiosk displaces 430 h/year with no redeployment plan; 720 h are taken over in all
    # (cloud-pos saves 20% of 1,440 h = 288 h; the kiosk the larger of 430 displaced and 30% x
    # 1,440 = 432 saved).
    assert morale.figures["unplanned_share"] == pytest.approx(430 / 720)
    assert morale.score == pytest.approx(100 * 0.568 * (1 - 430 / 720), abs=0.05)
    assert morale.verdict is AlignmentVerdict.misaligned


def test_morale_follows_each_strategy_asked_about(bakery: Strategy) -> None:
    """The open findings behind morale are kept for the last strategy asked about: asking about
    another strategy (the kiosk's finding resolved), then the first again, gives each its own."""
    resolution = EthicsResolution(
        rule="hours-displaced-no-plan",
        by="Owner",
        why="Staff move to baking.",
        date=date(2027, 1, 1),
    )
    initiatives = [
        i.model_copy(update={"ethics": i.ethics.model_copy(update={"resolutions": [resolution]})})
        if i.id == "self-order-kiosk"
        else i
        for i in bakery.initiatives
    ]
    resolved = bakery.model_copy(update={"initiatives": initiatives})
    scope = ["cloud-pos", "self-order-kiosk"]
    shares = [
        _index(strategy, scope).aspects[4].figures["unplanned_share"]
        for strategy in (bakery, resolved, bakery, bakery.model_copy())
    ]
    assert shares == pytest.approx([430 / 720, 0.0, 430 / 720, 430 / 720])


def test_growth_over_capacity(bakery: Strategy) -> None:
    roles = [
        Role(
            id=r.id,
            name=r.name,
            cost_per_hour=r.cost_per_hour,
            fte=0.1 if r.id == "admin" else r.fte,
        )
        for r in bakery.roles
    ]
    small = bakery.model_copy(update={"roles": roles})
    growth = _index(small, [])
    aspect = growth.aspects[3]
    assert "over capacity: admin" in aspect.evidence
    assert "A second shop" in aspect.evidence  # the hardest scenario is named
    assert aspect.score < 100


def test_nothing_in_scope(bakery: Strategy) -> None:
    scores = _scores(_index(bakery, []))
    assert scores["resource use"] == 0.0
    assert scores["productivity"] == 0.0


def test_workspace_without_data_uses_the_plan(workspace: Workspace) -> None:
    report = workspace_status(workspace, as_of=date(2027, 1, 1), today=date(2027, 1, 1))
    assert report.index.mode is Mode.plan_only
    assert sorted(report.index.scope) == sorted(PLAN)
    assert report.realizations == []
    # Judged on the plan the owner sees (money weighed in): bookkeeping-sync, which closes
    # only 1.6% of the gap, is not in it, so all first-year spend is aligned.
    scores = _scores(report.index)
    assert (scores["resource use"], scores["productivity"]) == (100.0, 76.5)
    assert report.index.score == pytest.approx((100 + 76.5 + 0 + 100 + 56.8) / 5, abs=0.05)


def test_measured_mode_with_records_only(workspace: Workspace, tmp_path: Path) -> None:
    workspace.add_measurement("waste-share", "2026-12-20", 9.0)
    report = workspace_status(
        workspace, as_of=date(2027, 1, 1), planner_scope=lambda s: PLAN, today=date(2027, 1, 1)
    )
    assert report.index.mode is Mode.measured
    decision = report.index.aspects[2]
    assert decision.figures["informed_weight"] == pytest.approx(0.175)  # waste-share's weight


def test_growth_potential_counts_a_role_s_other_work(bakery_path: Path) -> None:
    """With 4 h a week of other admin work, a second shop pushes the administrator over
    capacity: their process hours no longer fit."""
    strategy = load_strategy(bakery_path)
    before = growth_potential(strategy, [], {})
    roles = [
        r.model_copy(update={"other_hours_per_week": 4.0}) if r.id == "admin" else r
        for r in strategy.roles
    ]
    after = growth_potential(strategy.model_copy(update={"roles": roles}), [], {})
    assert "admin" not in before.evidence and "over capacity: admin" in after.evidence
    assert after.score < before.score
