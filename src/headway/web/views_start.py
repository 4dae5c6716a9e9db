"""The guided start: choose an industry template, answer a short interview, land on a valid
strategy with its first evaluation and the template figures that most move the plan.

Views parse the form, call the workspace layer (`headway.workspace.guided`) and render; the
engine's problems appear next to the field they concern.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from headway.errors import HeadwayError, Path
from headway.strategy.templates import UnknownTemplateError, list_templates
from headway.web import drafts, members, start_model
from headway.web.access import page_member, signed_in_user
from headway.web.draft_edits import save_edit, working_document
from headway.web.errors import problems_of
from headway.web.field_errors import attach_problems
from headway.web.store import DatabaseStore
from headway.workspace.changes import change_document
from headway.workspace.guided import (
    Interview,
    apply_interview,
    confirm_figure,
    open_assumptions,
    template_document,
)
from headway.workspace.store import Document

_FIELDS: dict[Path, str] = {
    ("business", "name"): "business_name",
    ("business", "employees"): "employees",
    ("business", "currency"): "currency",
    ("business", "locale"): "locale",
    ("constraints", "budget_total"): "yearly_budget",
    ("constraints", "budget_per_period"): "yearly_budget",
    ("constraints", "change_capacity_days_per_period"): "change_hours_per_month",
    ("top_goals",): "top_goals",
}
_MONEY = Decimal("1000000000")


class InterviewForm(forms.Form):
    template = forms.CharField(widget=forms.HiddenInput, max_length=60)
    business_name = forms.CharField(max_length=200, label="Business name")
    employees = forms.IntegerField(min_value=0, max_value=100_000, label="People employed")
    currency = forms.RegexField(
        regex=r"^[A-Za-z]{3}$", label="Currency", help_text="Three letters, e.g. EUR or GBP."
    )
    locale = forms.RegexField(
        regex=r"^[a-z]{2}(_[A-Z]{2})?$",
        label="Locale",
        help_text="Language and country for numbers in reports, e.g. en_GB or de_DE.",
    )
    yearly_budget = forms.DecimalField(
        min_value=0, max_value=_MONEY, label="Yearly automation budget",
        help_text="One-off spend a year on automation, in your currency.",
    )  # fmt: skip
    change_hours_per_month = forms.DecimalField(
        min_value=0, max_value=100_000, label="Staff hours a month for change",
        help_text="Hours your team can give to introducing new ways of working.",
    )  # fmt: skip
    top_goals = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, label="The three goals that matter most"
    )

    def __init__(self, document: Document, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goals = self.fields["top_goals"]
        assert isinstance(goals, forms.MultipleChoiceField)
        goals.choices = [(g["id"], g["title"]) for g in document["goals"]]
        for n, kpi in enumerate(document["kpis"]):
            self.fields[f"kpi_{n}"] = forms.DecimalField(
                required=False,
                max_value=Decimal("1e12"),
                min_value=Decimal("-1e12"),
                label=f"{kpi['name']} ({kpi['unit']})",
                help_text=f"Today's value if you measure it; empty keeps the template's "
                f"{kpi['baseline']} as an assumption.",
            )
        self.kpi_ids = [k["id"] for k in document["kpis"]]

    def interview(self) -> Interview:
        data = self.cleaned_data
        measured = {
            kpi: float(data[f"kpi_{n}"])
            for n, kpi in enumerate(self.kpi_ids)
            if data.get(f"kpi_{n}") is not None
        }
        return Interview(
            business_name=data["business_name"],
            employees=data["employees"],
            currency=data["currency"],
            locale=data["locale"],
            yearly_budget=float(data["yearly_budget"]),
            change_hours_per_month=float(data["change_hours_per_month"]),
            top_goals=data["top_goals"],
            measured=measured,
        )


def _interview_page(request: HttpRequest, form: InterviewForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "template": form["template"].value()}
    return render(request, "web/start_interview.html", context, status=status)


def start(request: HttpRequest) -> HttpResponse:
    """Step 1, the templates; step 2 (`?template=NAME`), the interview; POST creates the
    workspace from the template with the answers, or shows the problems by their fields."""
    name = request.POST.get("template") or request.GET.get("template")
    if not name:
        return render(request, "web/start.html", {"templates": list_templates()})
    try:
        document = template_document(str(name))
    except UnknownTemplateError as exc:
        context = {"templates": list_templates(), "problems": [str(exc)]}
        return render(request, "web/start.html", context, status=400)
    if request.method != "POST":
        business = document["business"]
        initial = {"template": name, "currency": business["currency"], "locale": business["locale"]}
        return _interview_page(request, InterviewForm(document, initial=initial))
    form = InterviewForm(document, request.POST)
    if not form.is_valid():
        return _interview_page(request, form, 400)
    user = signed_in_user(request)
    try:
        apply_interview(document, str(name), form.interview(), user.get_username())
        with transaction.atomic():
            workspace = members.new_workspace(form.cleaned_data["business_name"], user, str(name))
            change_document(
                DatabaseStore(workspace, user.get_username()),
                lambda doc, where: apply_interview(
                    doc, str(name), form.interview(), user.get_username(), where
                ),
                "answers of the guided start",
            )
    except HeadwayError as exc:
        attach_problems(form, exc, _FIELDS)
        return _interview_page(request, form, 400)
    return redirect("start_result", workspace_id=workspace.pk)


def start_result(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The first evaluation of the current version and the assumptions that move it most."""
    member = page_member(request)
    context = {"member": member, **start_model.start_view(member.workspace)}
    return render(request, "web/start_result.html", context)


def start_assumptions(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The assumptions that move the plan most (their job's progress until it is done): the
    section alone for htmx, a whole page otherwise."""
    member = page_member(request)
    context = {"member": member, **start_model.start_view(member.workspace)}
    partial = request.headers.get("HX-Request") == "true"
    template = "web/start_assumptions.html" if partial else "web/start_assumptions_page.html"
    return render(request, template, context)


@require_POST
def assumption_confirm(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Record in the draft that a template figure was checked and stays as it is."""
    member = page_member(request)
    key = request.POST.get("key", "")[:300]
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    document, _ = working_document(member.workspace)
    known = [a.key for a in open_assumptions(document)]
    try:
        save_edit(
            member,
            lambda doc, where: confirm_figure(
                doc, key, known, member.user.get_username(), dt.date.today(), where
            ),
            revision,
        )
    except HeadwayError as exc:
        context = {"member": member, "problems": problems_of(exc)}
        context.update(start_model.start_view(member.workspace))
        status = 409 if isinstance(exc, drafts.DraftConflictError) else 400
        return render(request, "web/start_result.html", context, status=status)
    return redirect("start_result", workspace_id=workspace_id)
