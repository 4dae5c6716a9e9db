"""The API operations answered by a background job: the current version's evaluation and plan,
and what a plan leaves to a request (which limits bind, one initiative's full explanation), each
200 once computed and 202 with the job until then; and the job itself."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Schema
from ninja.errors import HttpError
from ninja.responses import Status as Reply

from headway.analysis.defaults import DEFAULT_SCENARIOS
from headway.web import jobs
from headway.web.access import api_member
from headway.web.api import ERRORS, api
from headway.web.jobs import JobView
from headway.web.store import DatabaseStore


class JobOut(Schema):
    """A background computation: `status` queued, running, done or failed; `progress` 0-1 and
    `stage` in words; `message` why it failed; `url` where to follow it; `result` once done."""

    id: int
    kind: str
    status: str
    progress: float
    stage: str
    message: str
    url: str
    result: dict[str, Any] | None = None


def _job_out(workspace_id: int, job: JobView) -> dict[str, Any]:
    url = f"/api/workspaces/{workspace_id}/jobs/{job.id}"
    fields = ("id", "kind", "status", "progress", "stage", "message", "result")
    return {"url": url, **{name: getattr(job, name) for name in fields}}


def _computed(
    request: HttpRequest,
    response: HttpResponse,
    workspace_id: int,
    operation: str,
    kind: str,
    options: dict[str, Any],
) -> Reply[Any]:
    """The current version's `kind` result (200) once computed; until then 202 with the job
    (`Location` and `Retry-After` say where and when to look again); 503 when it failed."""
    member = api_member(request, workspace_id, operation)
    document = DatabaseStore(member.workspace).document()
    if "initiative" in options:
        known = {i.get("id") for i in document.get("initiatives", [])}
        if options["initiative"] not in known:
            raise Http404(f"no initiative {options['initiative']!r} in the current version")
    job = jobs.submit(member.workspace, kind, document, options)
    if job.done:
        return Reply(200, job.result)
    if job.status == "failed":
        raise HttpError(503, job.message)
    found = _job_out(workspace_id, replace(job, load_result=lambda: None))
    response["Location"] = found["url"]
    response["Retry-After"] = "1"
    return Reply(202, found)


COMPUTED = {200: dict[str, Any], 202: JobOut, **ERRORS}


@api.get("/workspaces/{workspace_id}/evaluation", response=COMPUTED, operation_id="get_evaluation")
def get_evaluation(
    request: HttpRequest,
    response: HttpResponse,
    workspace_id: int,
    seed: int = Query(0, ge=0, le=2**32 - 1),  # type: ignore[type-arg]
) -> Reply[Any]:
    """The evaluation of the current version (as `headway evaluate --json`): 200 once
    computed, 202 with the background job while it is."""
    options = {"seed": seed, "scenarios": DEFAULT_SCENARIOS}
    return _computed(request, response, workspace_id, "get_evaluation", "evaluation", options)


@api.get("/workspaces/{workspace_id}/plan", response=COMPUTED, operation_id="get_plan")
def get_plan(request: HttpRequest, response: HttpResponse, workspace_id: int) -> Reply[Any]:
    """The optimal plan of the current version (as `headway plan --json`): 200 once computed,
    202 with the background job while it is."""
    return _computed(request, response, workspace_id, "get_plan", "plan", {})


@api.get(
    "/workspaces/{workspace_id}/plan/limits", response=COMPUTED, operation_id="get_plan_limits"
)
def get_plan_limits(request: HttpRequest, response: HttpResponse, workspace_id: int) -> Reply[Any]:
    """Which limits bind the current version's plan (as `headway explain --limits --json`: the
    plan's `value` and each limit family's sensitivity); what a big plan leaves to a request.
    200 once computed, 202 with the background job while it is."""
    options: dict[str, Any] = {"what_if": {}}
    return _computed(request, response, workspace_id, "get_plan_limits", "explain_limits", options)


@api.get(
    "/workspaces/{workspace_id}/plan/initiatives/{initiative_id}",
    response=COMPUTED,
    operation_id="get_initiative_explanation",
)
def get_initiative_explanation(
    request: HttpRequest, response: HttpResponse, workspace_id: int, initiative_id: str
) -> Reply[Any]:
    """Why an initiative of the current version is in or out of the plan, in full (as
    `headway explain FILE ID --json`'s decision: for one left out, the best plan with it and
    the smallest changes that would bring it in). 200 once computed, 202 with the background
    job while it is; 404 for an initiative the version does not have."""
    options: dict[str, Any] = {"initiative": initiative_id, "what_if": {}}
    operation = "get_initiative_explanation"
    return _computed(request, response, workspace_id, operation, "explain", options)


@api.get(
    "/workspaces/{workspace_id}/jobs/{job_id}",
    response={200: JobOut, **ERRORS},
    operation_id="get_job",
)
def get_job(request: HttpRequest, workspace_id: int, job_id: int) -> dict[str, Any]:
    """A background computation of the workspace: its progress, and its result once done."""
    member = api_member(request, workspace_id, "get_job")
    job = jobs.find(member.workspace, job_id)
    if job is None:
        raise Http404(f"no job {job_id} in this workspace")
    return _job_out(workspace_id, job)
