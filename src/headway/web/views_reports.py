"""Reports of any published version: the HTML, PDF and XLSX files `headway report` writes (the
bank page is a section of each), made by a background job and then downloaded."""

from __future__ import annotations

import base64

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from headway.web import jobs
from headway.web.access import page_member
from headway.web.job_kinds import REPORT_FORMATS
from headway.web.store import DatabaseStore
from headway.web.views_analysis import today


def reports(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Every published version with its report downloads."""
    member = page_member(request)
    versions = member.workspace.versions.order_by("-number").only("number", "note", "saved_at")
    context = {"member": member, "versions": versions, "formats": list(REPORT_FORMATS)}
    return render(request, "web/reports.html", context)


def report_file(
    request: HttpRequest, workspace_id: int, number: int, report_format: str
) -> HttpResponse:
    """Version `number`'s report as `format`: the file once made, a progress page until then."""
    member = page_member(request)
    format = report_format
    if format not in REPORT_FORMATS or not member.workspace.versions.filter(number=number):
        raise Http404("No such version or report format.")
    document = DatabaseStore(member.workspace).version_document(number)
    options = {"format": format, "made_on": today().isoformat()}
    job = jobs.submit(member.workspace, "report_file", document, options)
    if not job.done or job.result is None:
        context = {"member": member, "job": job, "number": number, "format": format}
        return render(request, "web/report_wait.html", context)
    response = HttpResponse(base64.b64decode(job.result["content"]), REPORT_FORMATS[format])
    name = f"{member.workspace.name}-v{number}-report.{format}".replace(" ", "-")
    safe = "".join(c for c in name if c.isalnum() or c in "-_.") or f"report.{format}"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response
