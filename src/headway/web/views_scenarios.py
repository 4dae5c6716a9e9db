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
from headway.strategy.model import DEFAULT_LOCALE
from headway.web import audit, jobs, models
from headway.web.access import page_member
from headway.web.views_analysis import document_of
from headway.web.what_if import MONEY_FIELDS, READINESS, read_what_if, what_if_pairs

ORIGINAL = "As the strategy is"


@require_POST
def scenario_save(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Keep the what-if in the query under the name in the form (replacing one so named)."""
    member = page_member(request)
    document = document_of(member)
    what_if, problems = read_what_if(request.GET, document)
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
    document = document_of(member)
    goals = {g["id"]: g.get("title", g["id"]) for g in document.get("goals", [])}
    described = {s.name: _described(s.what_if, goals) for s in saved}
    rows = _rows(job.result, document, described) if job and job.result else []
    listed = [(s.name, described[s.name], urlencode(what_if_pairs(s.what_if))) for s in saved]
    context = {
        "member": member,
        "saved": listed,
        "ticked": ticked,
        "job": job,
        "rows": rows,
    }
    return render(request, "web/scenarios.html", context)


def _described(what_if: dict[str, Any], goals: dict[str, str]) -> str:
    """A what-if in words: each changed limit with its label, the readiness, the goals' new
    weights, the initiatives forced."""
    labels = {**MONEY_FIELDS, READINESS: "Readiness", "force_in": "forced in"}
    labels["force_out"] = "forced out"
    parts = []
    for key, value in what_if.items():
        if key == "goal_weights":
            parts += [f"weight of {goals.get(g, g)}: {w:,.0f}%" for g, w in value.items()]
        elif isinstance(value, list):
            parts.append(f"{labels.get(key, key)}: " + ", ".join(value))
        else:
            parts.append(f"{labels.get(key, key)}: {value:,.0f}")
    return "; ".join(parts) or "no change"


def _rows(
    result: dict[str, Any], document: dict[str, Any], described: dict[str, str]
) -> list[dict[str, str]]:
    """The comparison as display rows: what changed, value 0-100, money in the currency,
    names."""
    business = document["business"]
    f = Numbers(business.get("locale") or DEFAULT_LOCALE, result["currency"])
    names = result["names"]

    def listed(ids: list[str], empty: str) -> str:
        return ", ".join(names.get(i, i) for i in ids) or empty

    return [
        {
            "name": r["name"],
            "changes": described.get(r["name"], "no change"),
            "value": f.gap(r["value"]),
            "upfront": f.money(r["upfront_total"]),
            "chosen": listed(r["chosen"], "none"),
            "starts": listed(r["starts"], DASH),
            "stops": listed(r["stops"], DASH),
        }
        for r in result["results"]
    ]
