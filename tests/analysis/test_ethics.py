"""Ethics review: rules as data, findings with severity, resolutions, and the approval gate."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from headway.analysis.ethics import (
    Severity,
    approval_blockers,
    default_ethics_rules,
    ethics_review,
    unmatched_resolutions,
)
from headway.cli import app
from headway.portfolio.planner import plan
from headway.portfolio.results import PlanSettings
from headway.strategy.load import dump_strategy, load_strategy
from headway.strategy.model import EthicsFacts, EthicsResolution, Strategy
from headway.strategy.templates import template_names, template_path
from headway.strategy.types import AutomatedDecisions, Level
from headway.workspace.approval import Approval, approve
from tests.conftest import ROOT

KIOSK = "self-order-kiosk/hours-displaced-no-plan"


@pytest.fixture
def bakery(bakery_path: Path) -> Strategy:
    return load_strategy(bakery_path)


def with_ethics(strategy: Strategy, item_id: str, **facts: object) -> Strategy:
    items = [
        i.model_copy(update={"ethics": EthicsFacts.model_validate(facts)}) if i.id == item_id else i
        for i in strategy.initiatives
    ]
    return strategy.model_copy(update={"initiatives": items})


def rules_fired(strategy: Strategy, item_id: str) -> dict[str, Severity]:
    return {f.rule: f.severity for f in ethics_review(strategy) if f.initiative == item_id}


def test_rules_file_is_well_formed_and_covers_the_review() -> None:
    rules = default_ethics_rules()
    assert len(set(rules.ids)) == len(rules.ids)
    assert {r.severity for r in rules.rules} == set(Severity)
    for needed in (
        "personal-data-no-basis",
        "automated-decisions-staff",
        "hours-displaced-no-plan",
        "lock-in-without-export",
    ):
        assert needed in rules.ids


def test_personal_data_needs_a_lawful_basis(bakery: Strategy) -> None:
    strategy = with_ethics(bakery, "route-planner", personal_data=["café addresses"])
    assert rules_fired(strategy, "route-planner") == {"personal-data-no-basis": Severity.high}
    noted = with_ethics(
        strategy, "route-planner", personal_data=["café addresses"], lawful_basis="contract"
    )
    assert rules_fired(noted, "route-planner") == {}


def test_special_category_data_is_high(bakery: Strategy) -> None:
    strategy = with_ethics(
        bakery,
        "online-shop",
        personal_data=["contact details", "Allergy notes"],
        lawful_basis="consent",
    )
    findings = [f for f in ethics_review(strategy) if f.initiative == "online-shop"]
    assert [(f.rule, f.severity) for f in findings] == [("special-category-data", Severity.high)]
    assert "Allergy notes" in findings[0].message


def test_automated_decisions_about_staff_outrank_those_about_customers(bakery: Strategy) -> None:
    staff = with_ethics(bakery, "shift-planner", automated_decisions=AutomatedDecisions.staff)
    assert rules_fired(staff, "shift-planner") == {"automated-decisions-staff": Severity.high}
    both = with_ethics(bakery, "shift-planner", automated_decisions=AutomatedDecisions.both)
    assert rules_fired(both, "shift-planner") == {
        "automated-decisions-staff": Severity.high,
        "automated-decisions-customers": Severity.medium,
    }


def test_displaced_hours_need_a_redeployment_plan(bakery: Strategy) -> None:
    fte = bakery.business.hours_per_fte_year
    no_plan = with_ethics(bakery, "route-planner", hours_displaced_per_year=fte)
    assert rules_fired(no_plan, "route-planner") == {
        "hours-displaced-no-plan": Severity.high,
        "hours-displaced-large": Severity.medium,
    }
    planned = with_ethics(
        bakery,
        "route-planner",
        hours_displaced_per_year=100,
        redeployment_plan="Driver adds a lunch round.",
    )
    assert rules_fired(planned, "route-planner") == {}


def test_lock_in_and_data_export(bakery: Strategy) -> None:
    assert rules_fired(bakery, "marketplace-app") == {"lock-in-without-export": Severity.medium}
    strategy = with_ethics(bakery, "route-planner", data_export=False)
    assert rules_fired(strategy, "route-planner") == {"no-data-export": Severity.low}
    strategy = with_ethics(bakery, "route-planner", vendor_lock_in=Level.high)
    assert rules_fired(strategy, "route-planner") == {"high-lock-in": Severity.low}


def test_findings_are_sorted_most_severe_first_within_an_initiative(bakery: Strategy) -> None:
    strategy = with_ethics(
        bakery,
        "route-planner",
        data_export=False,
        automated_decisions=AutomatedDecisions.customers,
        personal_data=["addresses"],
    )
    severities = [
        f.severity.rank for f in ethics_review(strategy) if f.initiative == "route-planner"
    ]
    assert severities == sorted(severities, reverse=True)


def test_a_recorded_resolution_lifts_the_block(bakery: Strategy) -> None:
    (blocker,) = approval_blockers(bakery, ["cloud-pos", "self-order-kiosk"])
    assert blocker.id == KIOSK
    assert blocker.blocks_approval
    assert approval_blockers(bakery, ["cloud-pos", "marketplace-app"]) == []

    resolution = EthicsResolution(
        rule="hours-displaced-no-plan",
        by="Ana (owner)",
        why="Counter staff move to cake decorating.",
        date=dt.date(2027, 1, 10),
    )
    resolved = with_ethics(
        bakery, "self-order-kiosk", hours_displaced_per_year=430, resolutions=[resolution]
    )
    assert approval_blockers(resolved, ["cloud-pos", "self-order-kiosk"]) == []
    finding = next(f for f in ethics_review(resolved) if f.id == KIOSK)
    assert finding.resolved
    assert finding.resolution == resolution


def test_a_resolution_for_a_finding_that_no_longer_arises_is_reported(bakery: Strategy) -> None:
    stale = EthicsResolution(
        rule="automated-decisions-staff", by="Ana", why="n/a", date=dt.date(2027, 1, 1)
    )
    strategy = with_ethics(bakery, "route-planner", resolutions=[stale])
    assert unmatched_resolutions(strategy) == [("route-planner", stale)]


def test_ethics_command_lists_findings_and_exits_1_on_unresolved_high(bakery_path: Path) -> None:
    result = CliRunner().invoke(app, ["ethics", str(bakery_path), "--json"])
    assert result.exit_code == 1
    findings = {f["id"]: f for f in json.loads(result.output)}
    assert findings[KIOSK]["severity"] == "high"
    assert findings[KIOSK]["blocks_approval"] is True


def test_ethics_command_records_a_resolution_keeping_comments(
    bakery_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "headway.yaml"
    target.write_text(bakery_path.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["ethics", str(target), "--resolve", KIOSK, "--by", "Ana (owner)"]
    why = [
        "--why",
        "Counter staff move to cake decorating; nobody is let go.",
        "--date",
        "2027-01-10",
    ]

    missing_why = CliRunner().invoke(app, args)
    assert missing_why.exit_code == 2
    assert "--why" in missing_why.output

    unknown = CliRunner().invoke(
        app, ["ethics", str(target), "--resolve", "kiosk/nope", "--by", "A", "--why", "x"]
    )
    assert unknown.exit_code == 2
    assert "no finding 'kiosk/nope'" in unknown.output

    result = CliRunner().invoke(app, [*args, *why])
    assert result.exit_code == 0, result.output
    saved = target.read_text(encoding="utf-8")
    assert "# Every number below is an editable ASSUMPTION" in saved
    item = next(i for i in load_strategy(target).initiatives if i.id == "self-order-kiosk")
    (record,) = item.ethics.resolutions
    assert (record.rule, record.by, record.date) == (
        "hours-displaced-no-plan",
        "Ana (owner)",
        dt.date(2027, 1, 10),
    )

    # Resolving again replaces the record rather than adding a second one.
    again = CliRunner().invoke(app, [*args, "--why", "Updated reason.", "--date", "2027-02-01"])
    assert again.exit_code == 0, again.output
    item = next(i for i in load_strategy(target).initiatives if i.id == "self-order-kiosk")
    assert [r.why for r in item.ethics.resolutions] == ["Updated reason."]


STAFF_RULE = "shift-planner/automated-decisions-staff"


def staff_rota_decides(strategy: Strategy) -> Strategy:
    """The bakery with its shift planner made mandatory (the owner wants it whatever the plan)
    and assigning shifts itself: an automated decision about staff, a high finding."""
    decided = with_ethics(
        strategy,
        "shift-planner",
        personal_data=["staff availability"],
        lawful_basis="employment contract",
        automated_decisions=AutomatedDecisions.staff,
    )
    items = [
        i.model_copy(update={"mandatory": True}) if i.id == "shift-planner" else i
        for i in decided.initiatives
    ]
    return decided.model_copy(update={"initiatives": items})


def test_an_unresolved_high_finding_blocks_approval_of_the_plan(bakery: Strategy) -> None:
    strategy = staff_rota_decides(bakery)
    roadmap = plan(strategy, PlanSettings(explain=False))
    assert "shift-planner" in [d.initiative for d in roadmap.selected]

    refused = approve(strategy, roadmap, by="Ana", on=dt.date(2027, 1, 5))
    assert isinstance(refused, list)
    assert [(b.kind, b.finding.id if b.finding else None) for b in refused] == [
        ("ethics", STAFF_RULE)
    ]
    assert STAFF_RULE in refused[0].message

    resolution = EthicsResolution(
        rule="automated-decisions-staff",
        by="Ana (owner)",
        why="The app only proposes a rota; Ana confirms it and staff can swap shifts.",
        date=dt.date(2027, 1, 4),
    )
    items = [
        i.model_copy(update={"ethics": i.ethics.model_copy(update={"resolutions": [resolution]})})
        if i.id == "shift-planner"
        else i
        for i in strategy.initiatives
    ]
    resolved = strategy.model_copy(update={"initiatives": items})
    approval = approve(resolved, roadmap, by="Ana", on=dt.date(2027, 1, 5), version=3)
    assert isinstance(approval, Approval)
    data = approval.to_data()
    assert data["version"] == 3
    assert data["approved_by"] == "Ana"
    assert [i["id"] for i in data["initiatives"]] == [d.initiative for d in roadmap.selected]
    recorded = next(f for f in data["ethics"] if f["finding"] == STAFF_RULE)
    assert recorded["resolved_by"] == "Ana (owner)"


def test_findings_of_initiatives_left_out_do_not_block(bakery: Strategy) -> None:
    roadmap = plan(bakery, PlanSettings(explain=False))
    assert "self-order-kiosk" not in [d.initiative for d in roadmap.selected]
    approval = approve(bakery, roadmap, by="Ana", on=dt.date(2027, 1, 5))
    assert isinstance(approval, Approval)
    assert all(not f.blocks_approval for f in approval.findings)


def small_workspace(strategy: Strategy, folder: Path) -> Path:
    """A four-initiative version of the strategy in `folder`/headway.yaml (quick to plan)."""
    keep = {"cloud-pos", "e-invoicing", "shift-planner", "route-planner"}
    small = strategy.model_copy(
        update={"initiatives": [i for i in strategy.initiatives if i.id in keep]}
    )
    path = folder / "headway.yaml"
    path.write_text(dump_strategy(small), encoding="utf-8")
    return path


def test_plan_approve_refuses_then_records_once_resolved(bakery: Strategy, tmp_path: Path) -> None:
    path = small_workspace(staff_rota_decides(bakery), tmp_path)
    record = tmp_path / "approved-plan.yaml"
    approve_args = ["plan", str(path), "--approve", "--by", "Ana (owner)"]

    refused = CliRunner().invoke(app, approve_args)
    assert refused.exit_code == 1
    assert "cannot be approved" in refused.output
    assert STAFF_RULE in refused.output
    assert not record.exists()

    why = "The app only proposes the rota; Ana confirms it and anyone can ask for a change."
    resolve = ["ethics", str(path), "--resolve", STAFF_RULE, "--by", "Ana (owner)", "--why", why]
    assert CliRunner().invoke(app, resolve).exit_code == 0

    approved = CliRunner().invoke(app, [*approve_args, "--json"])
    assert approved.exit_code == 0, approved.output
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert data["approved_by"] == "Ana (owner)"
    assert "shift-planner" in [i["id"] for i in data["initiatives"]]
    finding = next(f for f in data["ethics"] if f["finding"] == STAFF_RULE)
    assert finding["why"] == why


def test_docs_list_every_rule_with_its_severity() -> None:
    docs = (ROOT / "docs" / "people.md").read_text(encoding="utf-8")
    for rule in default_ethics_rules().rules:
        assert f"| `{rule.id}` | {rule.severity.value} |" in docs, rule.id
    for usage in ("headway ethics headway.yaml", "--resolve", "--why", "--by", "--approve"):
        assert usage in docs, usage


@pytest.mark.parametrize("name", template_names())
def test_every_template_records_a_resolved_ethics_finding(name: str) -> None:
    """Each template shows the review at work: a finding with who resolved it, why and when."""
    strategy = load_strategy(template_path(name))
    resolved = [f for f in ethics_review(strategy) if f.resolution is not None]
    assert resolved
    for finding in resolved:
        assert finding.resolution is not None
        assert finding.resolution.by.strip()
        assert len(finding.resolution.why) >= 40, finding.id
    assert unmatched_resolutions(strategy) == []
