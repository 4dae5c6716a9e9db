"""Scenarios: save the plan page's what-if under a name, and compare saved ones side by side
with the strategy as it is (value, money, the chosen initiatives and what differs)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from headway.report.numbers import DASH, Numbers
from headway.web import audit, jobs, models
from headway.web.access import page_member
from headway.web.analysis import MONEY_FIELDS, read_what_if
from headway.web.views_analysis import document_of

ORIGINAL = "As the strategy is"


@require_POST
def scenario_save(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Keep the what-if in the query under the name in the form (replacing one so named)."""
    member = page_member(request)
    document = document_of(member)
    ids = {i["id"] for i in document.get("initiatives", [])}
    what_if, problems = read_what_if(request.GET, ids)
    name = " ".join(str(request.POST.get("name", "")).split())[:100]
    back = reverse("plan", args=[workspace_id]) + "?" + request.GET.urlencode()
    if problems or not name or name == ORIGINAL:
        reason = "; ".join(problems) or f"give the scenario a name other than '{ORIGINAL}'"
        messages.error(request, f"Scenario not saved: {reason}.")
        return redirect(back)
    with transaction.atomic():
        before = models.Scenario.objects.filter(workspace=member.workspace, name=name).first()
        models.Scenario.objects.update_or_create(
            workspace=member.workspace,
            name=name,
            defaults={"what_if": what_if, "saved_by": member.actor.name},
        )
        old = before.what_if if before else None
        audit.record(member.workspace, member.actor, "save scenario", name, old, what_if)
    messages.success(request, f"Scenario '{name}' saved.")
    return redirect(reverse("scenarios", args=[workspace_id]) + f"?compare={name}")


def scenarios(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The saved scenarios; the ones ticked (`compare`) side by side with the strategy."""
    member = page_member(request)
    saved = list(models.Scenario.objects.filter(workspace=member.workspace))
    ticked = set(request.GET.getlist("compare"))
    chosen = [s for s in saved if s.name in ticked]
    job = None
    if chosen:
        compared = [{"name": ORIGINAL, "what_if": {}}]
        compared += [{"name": s.name, "what_if": s.what_if} for s in chosen]
        job = jobs.submit(member.workspace, "compare", document_of(member), {"scenarios": compared})
    rows = _rows(job.result, document_of(member)) if job and job.result else []
    described = [(s.name, _described(s.what_if), urlencode(s.what_if, doseq=True)) for s in saved]
    context = {
        "member": member,
        "saved": described,
        "ticked": ticked,
        "job": job,
        "rows": rows,
    }
    return render(request, "web/scenarios.html", context)


def _described(what_if: dict[str, Any]) -> str:
    """A what-if in words: each changed limit with its label, the initiatives forced."""
    labels = {**MONEY_FIELDS, "force_in": "forced in", "force_out": "forced out"}
    parts = [
        f"{labels.get(key, key)}: "
        + (", ".join(value) if isinstance(value, list) else f"{value:,.0f}")
        for key, value in what_if.items()
    ]
    return "; ".join(parts) or "no change"


def _rows(result: dict[str, Any], document: dict[str, Any]) -> list[dict[str, str]]:
    """The comparison as display rows: value 0-100, money in the currency, names."""
    business = document["business"]
    f = Numbers(business.get("locale") or "en_IE", result["currency"])
    names = result["names"]

    def listed(ids: list[str], empty: str) -> str:
        return ", ".join(names.get(i, i) for i in ids) or empty

    return [
        {
            "name": r["name"],
            "value": f.score(r["value"]),
            "upfront": f.money(r["upfront_total"]),
            "chosen": listed(r["chosen"], "none"),
            "starts": listed(r["starts"], DASH),
            "stops": listed(r["stops"], DASH),
        }
        for r in result["results"]
    ]
