"""Pages for event logs: upload one (XES, XES.gz, CSV, Parquet), watch it being profiled in the
background, see its process map and automation candidates, and merge chosen activities into
the strategy's processes (the draft) on confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from headway.errors import HeadwayError
from headway.strategy.load import validate_data
from headway.web import event_logs, jobs, models
from headway.web.access import Member, page_member
from headway.web.audit import record
from headway.web.draft_edits import save_edit, working_document
from headway.web.errors import problems_of
from headway.web.permissions import Access
from headway.workspace.edits import merge_processes


class UploadForm(forms.Form):
    log = forms.FileField(label="Event log (.xes, .xes.gz, .csv or .parquet)")


class MergeForm(forms.Form):
    activities = forms.MultipleChoiceField(
        label="Activities to add as processes", widget=forms.CheckboxSelectMultiple
    )
    role = forms.ChoiceField(label="Role that does this work")

    def __init__(self, *args: Any, activities: list[str], roles: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["activities"].choices = [(a, a) for a in activities]  # type: ignore[attr-defined]
        self.fields["role"].choices = roles  # type: ignore[attr-defined]


def logs(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The uploaded logs, newest first, and (for editors) the upload form."""
    return _list(request, UploadForm())


def _list(request: HttpRequest, form: UploadForm, status: int = 200, **extra: Any) -> HttpResponse:
    member = page_member(request)
    context = {
        "member": member,
        "uploads": member.workspace.event_logs.all(),
        "form": form,
        "can_upload": member.can(Access.EDITOR),
        **extra,
    }
    return render(request, "web/logs.html", context, status=status)


@require_POST
def log_upload(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Keep the uploaded log and start profiling it."""
    member = page_member(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _list(request, form, 400)
    try:
        row = event_logs.store_upload(member.workspace, form.cleaned_data["log"], member.actor)
    except HeadwayError as exc:
        return _list(request, form, 400, problems=problems_of(exc))
    event_logs.start_profile(row, working_document(member.workspace)[0])
    return redirect("log", workspace_id=workspace_id, log_id=row.pk)


def _upload(member: Member, log_id: int) -> models.EventLogUpload:
    row = member.workspace.event_logs.filter(pk=log_id).first()
    if row is None:
        raise Http404("no such event log")
    return row


def _log_page(
    request: HttpRequest,
    log_id: int,
    form: MergeForm | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    member = page_member(request)
    row = _upload(member, log_id)
    job = jobs.find(member.workspace, row.job_id) if row.job_id else None
    if job is None:
        job = event_logs.start_profile(row, working_document(member.workspace)[0])
    result = job.result if job.done else None
    if result is not None and form is None:
        form = _merge_form(member, result, None)
    context = {
        "member": member,
        "upload": row,
        "job": job,
        "profile": result["profile"] if result else None,
        "map": mark_safe(result["map"]) if result else "",
        "form": form,
        "can_merge": member.can(Access.EDITOR),
        **extra,
    }
    return render(request, "web/log.html", context, status=status)


def _merge_form(member: Member, result: dict[str, Any], data: Any) -> MergeForm:
    document, _ = working_document(member.workspace)
    strategy = validate_data(document, file="draft")
    roles = [(r.id, r.name) for r in strategy.roles]
    activities = [c["activity"] for c in result["profile"]["candidates"]]
    return MergeForm(data, activities=activities, roles=roles)


def log(request: HttpRequest, workspace_id: int, log_id: int) -> HttpResponse:
    """The log's profiling job (progress), then its process map and candidates."""
    return _log_page(request, log_id)


@require_POST
def log_merge(request: HttpRequest, workspace_id: int, log_id: int) -> HttpResponse:
    """Merge the chosen activities into the draft's processes (re-reading the kept log)."""
    member = page_member(request)
    row = _upload(member, log_id)
    job = jobs.find(member.workspace, row.job_id or 0)
    if job is None or not job.done or job.result is None:
        return _log_page(request, log_id, status=409, problems=["the log is not profiled yet"])
    form = _merge_form(member, job.result, request.POST)
    if not form.is_valid():
        return _log_page(request, log_id, form, 400)
    chosen, role = form.cleaned_data["activities"], form.cleaned_data["role"]
    try:
        profile = event_logs.profile_log(row.path)
        edited = save_edit(
            member,
            lambda document, where: merge_processes(document, profile, chosen, role, where),
            working_document(member.workspace)[1],
        )
    except HeadwayError as exc:
        return _log_page(request, log_id, form, 400, problems=problems_of(exc))
    merged = {"added": list(edited.added), "updated": list(edited.updated), "role": role}
    row.merged, row.merged_by, row.merged_at = merged, member.actor.name, timezone.now()
    row.save(update_fields=["merged", "merged_by", "merged_at"])
    record(member.workspace, member.actor, "log.merge", f"event log {row.pk}", None, merged)
    return redirect("log", workspace_id=workspace_id, log_id=row.pk)


@require_POST
def log_delete(request: HttpRequest, workspace_id: int, log_id: int) -> HttpResponse:
    """Delete an uploaded log, its profile and (when no other upload is the same) its file."""
    member = page_member(request)
    event_logs.delete_upload(_upload(member, log_id), member.actor)
    return redirect("logs", workspace_id=workspace_id)
