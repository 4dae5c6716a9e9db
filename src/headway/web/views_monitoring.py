"""Monitoring: enter a measurement, upload a CSV or XLSX of them, record an initiative's status
and actual costs; the scorecard (Alignment Index over time, benefit realization, KPI trends) from
the report job; realignment of a newly published version against what is already under way.
Measurements can also be pushed through the REST API with a token (docs/api.md)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from headway.errors import HeadwayError
from headway.monitoring.records import Status, StatusRecord
from headway.monitoring.tables import read_table_content
from headway.web import jobs
from headway.web.access import Member, page_member
from headway.web.errors import problems_of
from headway.web.permissions import Access
from headway.web.store import DatabaseStore
from headway.web.uploads import read_upload
from headway.web.views_analysis import answer, document_of
from headway.workspace.tracking import add_measurement, record_status, tracked_initiatives


class MeasurementForm(forms.Form):
    kpi = forms.ChoiceField(label="KPI")
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.CharField(label="Value (in the KPI's unit)", max_length=40)
    source = forms.CharField(label="Source", max_length=100, initial="manual")
    note = forms.CharField(label="Note", max_length=500, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label="Measurements (.csv or .xlsx: kpi, date, value, source, note)")


class StatusForm(forms.Form):
    prefix = "status"
    initiative = forms.ChoiceField(label="Initiative")
    status = forms.ChoiceField(label="Status", choices=[(s.value, s.value) for s in Status])
    date = forms.DateField(label="Since", widget=forms.DateInput(attrs={"type": "date"}))
    actual_upfront = forms.FloatField(label="Spent so far (one-off)", required=False, min_value=0)
    actual_recurring_per_month = forms.FloatField(
        label="Running cost per month", required=False, min_value=0
    )


def _forms(member: Member, data: Any = None, files: Any = None) -> dict[str, forms.Form]:
    document = document_of(member)
    kpis = [(k["id"], k.get("name", k["id"])) for k in document.get("kpis", [])]
    initiatives = [(i["id"], i["name"]) for i in document.get("initiatives", [])]
    measurement, upload, status = MeasurementForm(data), UploadForm(data, files), StatusForm(data)
    measurement.fields["kpi"].choices = kpis  # type: ignore[attr-defined]
    status.fields["initiative"].choices = initiatives  # type: ignore[attr-defined]
    return {"measurement_form": measurement, "upload_form": upload, "status_form": status}


def monitoring(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The forms, and the scorecard of the current tracking data."""
    member = page_member(request)
    store = DatabaseStore(member.workspace)
    job = answer(member, {}, tracked=True)
    sections = []
    if job.done and job.result is not None:
        sections = [s for s in job.result["sections"] if s["id"] == "scorecard"]
    context = {
        "member": member,
        "job": job,
        "sections": sections,
        "measured": len(store.measurements()),
        "can_edit": member.can(Access.EDITOR),
        **_forms(member),
    }
    return render(request, "web/monitoring.html", context)


def _done(request: HttpRequest, workspace_id: int, what: str) -> HttpResponse:
    messages.success(request, what)
    return redirect("monitoring", workspace_id)


def _refused(request: HttpRequest, workspace_id: int, problems: list[str]) -> HttpResponse:
    for text in problems:
        messages.error(request, text)
    return redirect("monitoring", workspace_id)


def _form_problems(form: forms.Form) -> list[str]:
    return [
        f"{form.fields[name].label if name in form.fields else name}: {' '.join(map(str, errors))}"
        for name, errors in form.errors.items()
    ]


@require_POST
def measurement_add(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Record one measurement typed into the form."""
    member = page_member(request)
    form = _forms(member, request.POST)["measurement_form"]
    if not form.is_valid():
        return _refused(request, workspace_id, _form_problems(form))
    data = form.cleaned_data
    store = DatabaseStore(member.workspace)
    try:
        result = add_measurement(
            store, data["kpi"], data["date"], data["value"], data["source"], data["note"]
        )
    except HeadwayError as error:
        return _refused(request, workspace_id, problems_of(error))
    return _done(request, workspace_id, f"Measurement recorded ({_counts(result)}).")


@require_POST
def measurement_upload(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Import every row of an uploaded CSV or XLSX; nothing is saved when one row is wrong."""
    member = page_member(request)
    form = _forms(member, request.POST, request.FILES)["upload_form"]
    if not form.is_valid():
        return _refused(request, workspace_id, _form_problems(form))
    upload = form.cleaned_data["file"]
    from headway.workspace.tracking import import_measurements

    try:
        table = read_table_content(read_upload(upload), upload.name or "upload.csv")
        result = import_measurements(DatabaseStore(member.workspace), table, "upload")
    except HeadwayError as error:
        return _refused(request, workspace_id, problems_of(error))
    return _done(request, workspace_id, f"Measurements imported ({_counts(result)}).")


def _counts(result: Any) -> str:
    return f"{result.added} added, {result.replaced} replaced, {result.unchanged} unchanged"


@require_POST
def status_add(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Record an initiative's status since a date, with what it has actually cost so far."""
    member = page_member(request)
    form = _forms(member, request.POST)["status_form"]
    if not form.is_valid():
        return _refused(request, workspace_id, _form_problems(form))
    data = form.cleaned_data
    record = StatusRecord(
        initiative=data["initiative"],
        status=Status(data["status"]),
        date=data["date"],
        owner=member.actor.name,
        actual_upfront=data["actual_upfront"],
        actual_recurring_per_month=data["actual_recurring_per_month"],
    )
    try:
        recorded = record_status(DatabaseStore(member.workspace), record)
    except HeadwayError as error:
        return _refused(request, workspace_id, problems_of(error))
    return _done(request, workspace_id, "Status recorded." if recorded else "Already recorded.")


def realignment(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """What the latest version changes against the one before it (or `?from=N`): the moves to
    start, stop, continue or re-sequence, given what is already under way."""
    member = page_member(request)
    store = DatabaseStore(member.workspace)
    versions = [v.number for v in store.versions()]
    if len(versions) < 2:
        context: dict[str, Any] = {"member": member, "job": None, "versions": versions}
        return render(request, "web/realignment.html", context)
    asked = request.GET.get("from", "")
    old = int(asked) if asked.isdigit() and int(asked) in versions[:-1] else versions[-2]
    options = {
        "old": store.version_document(old),
        "tracked": tracked_initiatives(store),
    }
    job = jobs.submit(member.workspace, "realign", document_of(member), options)
    moves = _moves(job.result) if job.result else []
    context = {
        "member": member,
        "job": job,
        "old": old,
        "new": versions[-1],
        "moves": moves,
    }
    return render(request, "web/realignment.html", context)


def _moves(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The realignment's moves with initiative names, stops first (they free money)."""
    order = {"stop": 0, "start": 1, "re-sequence": 2, "continue": 3}
    names = result["names"]
    moves = sorted(result["realignment"]["moves"], key=lambda m: order.get(m["action"], 4))
    return [{**m, "name": names.get(m["initiative"], m["initiative"])} for m in moves]
