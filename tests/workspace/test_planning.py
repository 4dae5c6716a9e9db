"""Tracking and plan use cases (approve, realign, report), against every store."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from headway.monitoring.realignment import Action
from headway.monitoring.records import Status, StatusRecord
from headway.monitoring.tables import Table
from headway.portfolio.results import PlanSettings
from headway.workspace import (
    FolderStore,
    WorkspaceError,
    WorkspaceStore,
    add_measurement,
    approve_plan,
    import_measurements,
    realign_workspace,
    record_status,
    resolve_finding,
    save_version,
    tracked_initiatives,
    workspace_report,
    workspace_status,
)
from headway.workspace.store import Document
from tests.workspace.conftest import bakery_document, make_store

DAY = dt.date(2027, 1, 5)
FAST = PlanSettings(explain=False)
STAFF_RULE = "shift-planner/automated-decisions-staff"


def with_initiative(document: Document, item_id: str, **changes: object) -> Document:
    """`document` with the initiative `item_id` changed."""
    items = [{**i, **changes} if i["id"] == item_id else i for i in document["initiatives"]]
    return {**document, "initiatives": items}


def staff_rota_decides(document: Document) -> Document:
    """The shift planner decides staff rotas on its own, and the plan must include it."""
    facts = {
        "personal_data": ["staff availability"],
        "lawful_basis": "employment contract",
        "automated_decisions": "staff",
    }
    return with_initiative(document, "shift-planner", ethics=facts, mandatory=True)


def test_measurements_are_imported_and_replaced_values_logged(store: WorkspaceStore) -> None:
    rows: list[tuple[int, list[object]]] = [
        (2, ["waste-share", "2027-01-04", "9.5", "till", ""]),
        (3, ["waste-share", "2027-02-01", "9.1", "till", ""]),
    ]
    header = ["kpi", "date", "value", "source", "note"]
    result = import_measurements(store, Table("in.csv", header, rows))  # type: ignore[arg-type]
    assert (result.added, result.replaced) == (2, 0)
    changed = add_measurement(store, "waste-share", "2027-01-04", "9.3", source="till")
    assert changed.replaced == 1
    assert [m.value for m in store.measurements()] == [9.3, 9.1]
    [logged] = store.replacements()
    assert (logged.old_value, logged.new_value, logged.origin) == (9.5, 9.3, "entry")


def test_status_records_are_kept_once_and_tracked(store: WorkspaceStore) -> None:
    record = StatusRecord("e-invoicing", Status.in_progress, DAY, "Tom")
    assert record_status(store, record)
    assert not record_status(store, record)
    assert store.status_records() == [record]
    assert tracked_initiatives(store) == {"e-invoicing": "in progress"}
    report = workspace_status(store, as_of=dt.date(2027, 6, 1), today=dt.date(2027, 6, 1))
    assert report.index.mode.value == "measured"


def test_an_open_high_finding_in_the_plan_blocks_approval(kind: str, tmp_path: Path) -> None:
    store = make_store(kind, tmp_path / "ws", staff_rota_decides(bakery_document()))
    refused = approve_plan(store, by="Ana (owner)", on=DAY, settings=FAST)
    assert refused.approval is None
    assert [(b.kind, b.finding.id if b.finding else "") for b in refused.blockers] == [
        ("ethics", STAFF_RULE)
    ]
    assert store.approved_plan() is None

    why = "The app proposes the rota; Ana confirms it."
    resolve_finding(store, STAFF_RULE, by="Ana (owner)", why=why, on=DAY)
    approved = approve_plan(store, by="Ana (owner)", on=DAY, settings=FAST)
    assert approved.approval is not None and not approved.blockers
    record = store.approved_plan()
    assert record is not None
    assert record["approved_by"] == "Ana (owner)"
    assert record["version"] == store.versions()[-1].number
    assert record["document_sha256"] == store.versions()[-1].sha256
    assert "shift-planner" in [i["id"] for i in record["initiatives"]]


def test_a_high_finding_outside_the_plan_does_not_block(store: WorkspaceStore) -> None:
    outcome = approve_plan(store, by="Ana", on=DAY, settings=FAST)
    assert "self-order-kiosk" not in [d.initiative for d in outcome.plan.selected]
    assert outcome.approval is not None


def test_an_infeasible_plan_cannot_be_approved(kind: str, tmp_path: Path) -> None:
    document = bakery_document()
    document = with_initiative(document, "online-shop", mandatory=True)
    document["constraints"] = {**document["constraints"], "budget_total": 100}
    store = make_store(kind, tmp_path / "ws", document)
    outcome = approve_plan(store, by="Ana", on=DAY, settings=FAST)
    assert outcome.approval is None
    assert [b.kind for b in outcome.blockers] == ["infeasible"]
    assert store.approved_plan() is None


def test_an_empty_approver_is_refused(store: WorkspaceStore) -> None:
    with pytest.raises(WorkspaceError, match="approver's name is empty"):
        approve_plan(store, by="  ", on=DAY, settings=FAST)


def test_realign_against_the_approved_plan_and_what_is_live(store: WorkspaceStore) -> None:
    approved = approve_plan(store, by="Ana", on=DAY, settings=FAST)
    chosen = [d.initiative for d in approved.plan.selected]
    assert "online-shop" in chosen and "cloud-pos" in chosen
    record_status(store, StatusRecord("cloud-pos", Status.live, DAY))
    # The owner drops the online shop and the point of sale from the catalogue.
    document = with_initiative(store.document(), "online-shop", excluded=True)
    save_version(store, with_initiative(document, "cloud-pos", excluded=True), "no shop")
    result = realign_workspace(store)
    moves = {m.initiative: m for m in result.moves}
    assert moves["online-shop"].action is Action.stop
    assert moves["online-shop"].old_start is not None  # the approved plan's start
    assert (moves["cloud-pos"].action, moves["cloud-pos"].status) == (Action.stop, "live")
    assert {c.item for c in result.changes if c.field == "excluded"} == {
        "online-shop",
        "cloud-pos",
    }


def test_the_report_adds_the_status_when_something_is_tracked(store: WorkspaceStore) -> None:
    options = {"scenarios": 200, "frontier_points": 2, "settings": FAST, "made_on": DAY}
    assert workspace_report(store, **options).status is None
    add_measurement(store, "waste-share", "2027-01-04", "9.5")
    assert workspace_report(store, **options).status is not None


def test_realign_without_the_approved_version_uses_the_approved_starts(tmp_path: Path) -> None:
    store = make_store("folder", tmp_path / "ws")
    approved = approve_plan(store, by="Ana", on=DAY, settings=FAST)
    assert isinstance(store, FolderStore)
    shutil.rmtree(store.root / "versions")  # copied to another machine without its history
    save_version(store, with_initiative(store.document(), "online-shop", excluded=True), "x")
    moves = {m.initiative: m for m in realign_workspace(store).moves}
    shop = next(d for d in approved.plan.selected if d.initiative == "online-shop")
    assert (moves["online-shop"].action, moves["online-shop"].old_start) == (
        Action.stop,
        shop.start_label,
    )
