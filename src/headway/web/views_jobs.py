"""A background job's progress as a small page part: the analysis pages include it while their
result is on its way and poll it (htmx, or a plain refresh without JavaScript)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from headway.web import jobs
from headway.web.access import page_member


def job_progress(request: HttpRequest, workspace_id: int, job_id: int) -> HttpResponse:
    """The job's progress bar; once done (or failed), tells htmx to reload the whole page."""
    member = page_member(request)
    job = jobs.find(member.workspace, job_id)
    if job is None:
        raise Http404("No such computation in this workspace.")
    response = render(request, "web/job_progress.html", {"member": member, "job": job})
    if job.status in ("done", "failed") and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response
