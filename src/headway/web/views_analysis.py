"""The analysis pages: dashboard, evaluation, plan (with what-ifs) and one initiative's reasons.

Each page asks for one background job (web/jobs.py) and shows the report's own sections for
it (web/analysis.py): the stored answer at once, or a progress bar until it is there. A page
view never runs the engine itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from headway.web import jobs
from headway.web.access import Member, page_member
from headway.web.analysis import continued_view, limits_view, robustness_view, tracking_rows
from headway.web.jobs import JobView
from headway.web.permissions import Access
from headway.web.store import DatabaseStore, published
from headway.web.what_if import form_fields, read_what_if, what_if_pairs
from headway.workspace.store import Document
from headway.workspace.tracking import tracking

DASHBOARD = ("summary", "scorecard", "gaps")
EVALUATION = ("gaps", "initiatives", "assumptions")
PLAN = ("roadmap", "budget", "frontier", "growth", "bank")
ROBUSTNESS_SCENARIOS = 200
"""Monte Carlo scenarios the plan page's robustness check re-solves the plan in."""
ANSWER_SECONDS = 600
"""How long a process keeps a finished answer's rendered HTML (`_shown_answer`)."""


def current(member: Member) -> tuple[str, Document]:
    """The current version's SHA-256 and document, shared: only read it (404 when nothing is
    published yet)."""
    found = published(member.workspace)
    if found is None:
        raise Http404("This workspace has no published strategy yet: publish a draft first.")
    return found


def document_of(member: Member) -> Document:
    """The current version's document, shared: only read it (404 when nothing is published)."""
    return current(member)[1]


def today() -> dt.date:
    """The day the pages take as today: the `today` setting, else the server's date."""
    day: dt.date | None = settings.HEADWAY_TODAY
    return day or dt.date.today()


def answer(member: Member, what_if: dict[str, Any], *, tracked: bool = False) -> JobView:
    """The report job for the workspace's current version under `what_if`; `tracked` adds the
    workspace's tracking data (the scorecard), which may change every minute: while a newer
    answer is on its way, the latest one is shown (`JobView.superseded`)."""
    options: dict[str, Any] = {
        "what_if": what_if,
        "made_on": today().isoformat(),
        "seed": 0,
        "tracking": None,
    }
    if tracked:
        rows = tracking_rows(tracking(DatabaseStore(member.workspace)))
        options["tracking"] = rows if rows["measurements"] or rows["records"] else None
    sha256, document = current(member)
    return jobs.submit(
        member.workspace, "report", document, options, volatile="tracking", sha256=sha256
    )


def _page(
    request: HttpRequest,
    member: Member,
    title: str,
    job: JobView,
    shown: dict[str, Any] | None,
    **extra: Any,
) -> HttpResponse:
    context = {"member": member, "title": title, "job": job, **extra}
    if shown is not None:
        context["attention"] = shown["attention"]
        context["shown_answer"] = mark_safe(shown["html"])  # rendered and escaped by a template
    return render(request, "web/analysis.html", context)


def _shown_answer(
    member: Member,
    title: str,
    job: JobView,
    sections: tuple[str, ...],
    initiatives: list[tuple[str, str]],
) -> dict[str, Any] | None:
    """What a page shows of the finished answer (None before): its report `sections` and the
    links to each of `initiatives`' reasons as HTML, what needs attention (the dashboard's),
    whether the plan was `stopped` by its time limit and whether it left which limits bind to
    a request (`limits_on_request`). Kept once per process and job: a job's
    result never changes, a 200-initiative table takes a tenth of a second to render, and the
    result itself (hundreds of kilobytes of JSON) is then not read again."""
    if not job.done:
        return None
    key = f"headway:answer:{member.workspace.pk}:{job.id}:{job.key}:{title}"
    found: dict[str, Any] | None = cache.get(key)
    if found is None:
        result = job.result
        if result is None:
            return None
        by_id = {s["id"]: s for s in result["sections"]}
        context = {
            "member": member,
            "sections": [by_id[name] for name in sections if name in by_id],
            "initiatives": initiatives,
        }
        found = {
            "html": render_to_string("web/analysis_answer.html", context),
            "attention": result["attention"] if sections == DASHBOARD else [],
            "stopped": result["plan"]["status"] == "time_limit",
            "limits_on_request": result["plan"].get("limits_on_request", False),
        }
        cache.set(key, found, ANSWER_SECONDS)
    return found


def dashboard(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace at a glance: summary, tracking scorecard and the gap by goal."""
    member = page_member(request)
    job = answer(member, {}, tracked=True)
    shown = _shown_answer(member, "Dashboard", job, DASHBOARD, [])
    return _page(request, member, "Dashboard", job, shown)


def evaluation(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Goals and gaps, the ranked initiatives with each criterion's part, the assumptions."""
    member = page_member(request)
    document = document_of(member)
    initiatives = [(i["id"], i["name"]) for i in document.get("initiatives", [])]
    job = answer(member, {})
    shown = _shown_answer(member, "Evaluation", job, EVALUATION, initiatives)
    return _page(request, member, "Evaluation", job, shown, initiatives=initiatives)


def plan(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The plan under the what-if in the query (budget, capacity, readiness, goal weights,
    forced in or out), the links to each initiative's reasons, and what the plan offers to
    work out on request."""
    member = page_member(request)
    sha256, document = current(member)
    initiatives = [(i["id"], i["name"]) for i in document.get("initiatives", [])]
    what_if, problems = read_what_if(request.GET, document)
    asked = {} if problems else what_if
    job = answer(member, asked)
    shown = _shown_answer(member, "Plan", job, PLAN, initiatives)
    return _page(
        request,
        member,
        "Plan",
        job,
        shown,
        initiatives=initiatives,
        what_if=what_if,
        problems=problems,
        fields=form_fields(what_if, document),
        force_in=_options(initiatives, what_if.get("force_in", ())),
        force_out=_options(initiatives, what_if.get("force_out", ())),
        can_save=member.can(Access.EDITOR),
        query=request.GET.urlencode(),
        pairs=what_if_pairs(asked),
        **_on_request(request, member, (sha256, document), asked, shown),
    )


def _on_request(
    request: HttpRequest,
    member: Member,
    version: tuple[str, Document],
    asked: dict[str, Any],
    shown: dict[str, Any] | None,
) -> dict[str, Any]:
    """What the plan page offers to work out in the background, each started by its query
    flag and then shown whenever that plan is: robustness (`robustness=1`); for a plan stopped
    by its time limit, the proof continued (`continue=1`); for a plan that left its limits to
    a request, which limits bind (`limits=1`)."""
    document = version[1]
    options = {"what_if": asked, "scenarios": ROBUSTNESS_SCENARIOS, "seed": 0}
    robust = _offered(
        member, version, "robustness", options, start=request.GET.get("robustness") == "1"
    )
    stopped = shown is not None and shown["stopped"]
    continued = limits = None
    if stopped:  # by its time limit: the proof may go on in the background
        start = request.GET.get("continue") == "1"
        continued = _offered(member, version, "continue_plan", {"what_if": asked}, start=start)
    on_request = shown is not None and shown["limits_on_request"]
    if on_request:
        start = request.GET.get("limits") == "1"
        limits = _offered(member, version, "explain_limits", {"what_if": asked}, start=start)
    return {
        "robust": robust,
        "robust_view": robustness_view(robust.result, document) if robust and robust.result else {},
        "robust_scenarios": ROBUSTNESS_SCENARIOS,
        "stopped": stopped,
        "continued": continued,
        "continued_view": (
            continued_view(continued.result, document) if continued and continued.result else {}
        ),
        "limits_on_request": on_request,
        "limits": limits,
        "limits_view": limits_view(limits.result, document) if limits and limits.result else {},
    }


def _offered(
    member: Member,
    version: tuple[str, Document],
    kind_name: str,
    options: dict[str, Any],
    *,
    start: bool,
) -> JobView | None:
    """The job `kind_name` of the `version` (SHA-256, document) a page offers rather than
    starts, as it re-solves the plan many times: started when `start`, else only the one asked
    for before (None when none was)."""
    sha256, document = version
    if start:
        return jobs.submit(member.workspace, kind_name, document, options, sha256=sha256)
    return jobs.stored(member.workspace, kind_name, document, options, sha256=sha256)


def _options(initiatives: list[tuple[str, str]], chosen: Sequence[str]) -> str:
    """The `<option>`s of a force in or out list, those `chosen` selected (built here: a
    template loop over 200 initiatives costs a page view tens of milliseconds)."""
    picked = set(chosen)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((id_, " selected" if id_ in picked else "", name) for id_, name in initiatives),
    )


def initiative(request: HttpRequest, workspace_id: int, initiative_id: str) -> HttpResponse:
    """Why one initiative is in or out of the plan, in plain words with the numbers."""
    member = page_member(request)
    sha256, document = current(member)
    names = {i["id"]: i["name"] for i in document.get("initiatives", [])}
    if initiative_id not in names:
        raise Http404("No such initiative in the current version.")
    what_if, problems = read_what_if(request.GET, document)
    options = {"what_if": {} if problems else what_if, "initiative": initiative_id}
    job = jobs.submit(member.workspace, "explain", document, options, sha256=sha256)
    context = {"member": member, "job": job, "name": names[initiative_id], "names": names}
    return render(request, "web/initiative.html", context)
