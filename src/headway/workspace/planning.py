"""Use cases on a workspace's plan: approve it, realign against it, report on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from headway.monitoring.realignment import Planner, Realignment, default_planner, realign
from headway.portfolio.planner import plan as optimal_plan
from headway.portfolio.results import Plan, PlanSettings
from headway.report.build import Report, build_report
from headway.strategy.calendar import period_label
from headway.strategy.load import validate_data
from headway.strategy.model import Strategy
from headway.workspace.approval import Approval, Blocker, approve
from headway.workspace.changes import current_strategy
from headway.workspace.errors import refuse
from headway.workspace.store import Document, WorkspaceStore, document_sha256
from headway.workspace.tracking import tracked_initiatives, tracking


@dataclass(frozen=True)
class ApprovalResult:
    """The plan that was put up for approval, and its `approval` (None when refused) or the
    `blockers` that refused it."""

    plan: Plan
    approval: Approval | None
    blockers: tuple[Blocker, ...] = ()


def approve_plan(
    store: WorkspaceStore,
    *,
    by: str,
    on: dt.date,
    settings: PlanSettings | None = None,
    planner: Callable[[Strategy, PlanSettings | None], Plan] = optimal_plan,
) -> ApprovalResult:
    """Plan the current document and approve the plan by `by` on `on`, or return the blockers:
    an infeasible plan, or an open high ethics finding of an initiative in it.

    The approval records the document version it was planned from (saving the current document
    as a version first when it is not the latest one) and replaces any earlier approval. Refuses
    (`WorkspaceError`) when `by` is empty or the document changed while planning.
    """
    approver = by.strip()
    if not approver:
        raise refuse("the approver's name is empty", store.name, ("approved_by",))
    document = store.document()
    strategy = validate_data(document, file=store.name)
    chosen = planner(strategy, settings)
    sha = document_sha256(document)
    outcome = approve(strategy, chosen, by=approver, on=on, document_sha256=sha)
    if not isinstance(outcome, Approval):
        return ApprovalResult(chosen, None, tuple(outcome))
    with store.lock():
        if document_sha256(store.document()) != sha:
            raise refuse("the document changed while it was planned; plan it again", store.name)
        approval = Approval(
            approver, on, sha, _version_number(store, document, sha), chosen, outcome.findings
        )
        store.save_approved_plan(approval.to_data())
    return ApprovalResult(chosen, approval)


def realign_workspace(
    store: WorkspaceStore, new: Strategy | None = None, planner: Planner = default_planner
) -> Realignment:
    """What to start, stop, continue or re-sequence when moving to `new` (default: the current
    document), against the last approved plan (its document version and its start periods) and
    the initiatives the workspace tracks as planned, in progress or live. Without an approved
    plan the current document's optimal plan is the baseline; when the approved version is no
    longer kept (a folder copied without `versions/`: no version of that number and content),
    the current document stands in for it, with the approved plan's start periods."""
    current = current_strategy(store)
    old, baseline = current, None
    record = store.approved_plan()
    if record is not None:
        kept = {v.number: v.sha256 for v in store.versions()}
        number = record.get("version")
        # The same content, not only the same number: a folder may have restarted its history.
        if number is not None and kept.get(int(number)) == record.get("document_sha256"):
            old = validate_data(store.version_document(int(number)), file=store.name)
        baseline = _approved_starts(old, record)
    tracked = tracked_initiatives(store, current)
    return realign(old, new or current, planner, tracked=tracked, baseline=baseline)


def workspace_report(store: WorkspaceStore, **options: Any) -> Report:
    """The report of the current document (`headway.report.build_report`, with `options`),
    with the monitoring status when the workspace tracked measurements or status records."""
    tracked = tracking(store)
    has_data = bool(tracked.measurements or tracked.records)
    return build_report(current_strategy(store), tracking=tracked if has_data else None, **options)


def _version_number(store: WorkspaceStore, document: Document, sha: str) -> int:
    versions = store.versions()
    if versions and versions[-1].sha256 == sha:
        return versions[-1].number
    return store.save_document(document, "the version a plan was approved from").number


def _approved_starts(old: Strategy, record: dict[str, Any]) -> dict[str, int]:
    """The approved plan's initiatives -> start period (index in `old`'s horizon)."""
    periods = {period_label(old.horizon, p): p for p in range(old.horizon.periods)}
    return {
        str(item["id"]): periods.get(str(item.get("start")), 0)
        for item in record.get("initiatives") or []
    }
