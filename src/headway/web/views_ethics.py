"""Pages for the ethics review and the plan's approval: the findings per initiative with their
severity, a form to record who resolves a finding and why (into the draft), and approving the
plan, refused while an initiative in it has an open high finding (saying which). Every approval
is kept, numbered, and written to the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from headway.analysis.ethics import Finding, ethics_review
from headway.errors import HeadwayError
from headway.strategy.load import validate_data
from headway.web import drafts, models
from headway.web.access import Member, page_member
from headway.web.audit import record
from headway.web.draft_edits import save_edit, working_document
from headway.web.field_errors import attach_problems
from headway.web.forms_people import ResolveForm
from headway.web.permissions import Access
from headway.web.store import DatabaseStore
from headway.web.what_if import planner_settings
from headway.workspace.edits import resolve_finding
from headway.workspace.planning import approve_plan


def _findings(member: Member) -> tuple[list[Finding], dict[str, str], str]:
    """The findings of the draft when there is one (what editors work on), else of the latest
    version, and which of the two they come from."""
    draft = drafts.current_draft(member.workspace)
    if draft is not None:
        document, source = draft.document, f"the draft (revision {draft.revision})"
    else:
        document, source = DatabaseStore(member.workspace).document(), "the latest version"
    strategy = validate_data(document, file=member.workspace.name)
    names = {i.id: i.name for i in strategy.initiatives}
    return ethics_review(strategy), names, source


def _ethics_page(
    request: HttpRequest, status: int = 200, form: ResolveForm | None = None
) -> HttpResponse:
    member = page_member(request)
    findings, names, source = _findings(member)
    by_initiative: dict[str, list[tuple[Finding, ResolveForm]]] = {}
    matched = False
    for n, finding in enumerate(findings):
        if form is not None and form.data.get("finding") == finding.id:
            form.auto_id, matched, shown = f"f{n}-%s", True, form
        else:
            initial = {"finding": finding.id, "by": member.actor.name, "date": dt.date.today()}
            shown = ResolveForm(auto_id=f"f{n}-%s", initial=initial)
        by_initiative.setdefault(finding.initiative, []).append((finding, shown))
    problems = [str(e) for errors in form.errors.values() for e in errors] if form else []
    context = {
        "member": member,
        "by_initiative": by_initiative,
        "sections": [(i, names.get(i, i), rows) for i, rows in by_initiative.items()],
        "source": source,
        "problems": [] if matched else problems,
        "form": form,
        "can_resolve": member.can(Access.EDITOR),
    }
    return render(request, "web/ethics.html", context, status=status)


def ethics(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Every ethics finding per initiative, open ones first, with their resolutions."""
    return _ethics_page(request)


@require_POST
def ethics_resolve(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Record who resolves a finding, why and when, as a draft edit."""
    member = page_member(request)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return _ethics_page(request, 400, form)
    data = form.cleaned_data
    try:
        save_edit(
            member,
            lambda document, where: resolve_finding(
                document, data["finding"], data["by"], data["why"], data["date"], where
            ),
            working_document(member.workspace)[1],
        )
    except HeadwayError as exc:
        attach_problems(form, exc, ResolveForm.PATHS)
        return _ethics_page(request, 400, form)
    return redirect("ethics", workspace_id=workspace_id)


def _approval_page(request: HttpRequest, status: int = 200, **extra: Any) -> HttpResponse:
    member = page_member(request)
    context = {
        "member": member,
        "approvals": list(member.workspace.approvals.order_by("-number")),
        "draft": drafts.current_draft(member.workspace),
        "can_approve": member.can(Access.OWNER),
        **extra,
    }
    return render(request, "web/approval.html", context, status=status)


def approval(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The approved plans, newest first, and (for the owner) approving the current plan."""
    return _approval_page(request)


@require_POST
def plan_approve(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Plan the latest version and approve it, or say what blocks the approval."""
    member = page_member(request)
    store = DatabaseStore(member.workspace, member.actor.name)
    try:
        result = approve_plan(
            store, by=member.actor.name, on=dt.date.today(), settings=planner_settings()
        )
    except HeadwayError as exc:
        return _approval_page(request, 409, blockers=[str(p) for p in exc.problems])
    if result.approval is None:
        return _approval_page(request, 409, blockers=[b.message for b in result.blockers])
    data = result.approval.to_data()
    with transaction.atomic():
        previous = member.workspace.approvals.order_by("-number").first()
        row = models.PlanApproval.objects.create(
            workspace=member.workspace,
            number=(previous.number + 1) if previous else 1,
            record=data,
            approved_by=member.actor.name,
        )
        record(
            member.workspace,
            member.actor,
            "plan.approve",
            f"approval {row.number} of version {data['version']}",
            previous.record if previous else None,
            data,
        )
    return redirect("approval", workspace_id=workspace_id)
