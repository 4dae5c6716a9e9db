"""Reports of any published version: the HTML, PDF and XLSX files `headway report` writes (the
bank page is a section of each), and the bank page alone (HTML, PDF), made by a background job
and then downloaded."""

from __future__ import annotations

import base64

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from headway.web import jobs
from headway.web.access import page_member
from headway.web.job_kinds import BANK_FORMATS, REPORT_FORMATS
from headway.web.store import DatabaseStore
from headway.web.views_analysis import today


def reports(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Every published version with its report downloads."""
    member = page_member(request)
    versions = member.workspace.versions.order_by("-number").only("number", "note", "saved_at")
    context = {
        "member": member,
        "versions": versions,
        "formats": list(REPORT_FORMATS),
        "bank_formats": BANK_FORMATS,
    }
    return render(request, "web/reports.html", context)


def report_file(
    request: HttpRequest, workspace_id: int, number: int, report_format: str
) -> HttpResponse:
    """Version `number`'s report as `format`: the file once made, a progress page until then."""
    return _download(request, number, report_format, "report")


def bank_file(
    request: HttpRequest, workspace_id: int, number: int, report_format: str
) -> HttpResponse:
    """Version `number`'s page for the bank alone (cash flow, funding, payback) as `format`."""
    if report_format not in BANK_FORMATS:
        raise Http404("The bank page comes as HTML or PDF (the workbook's bank sheet: XLSX).")
    return _download(request, number, report_format, "bank")


def _download(request: HttpRequest, number: int, format: str, part: str) -> HttpResponse:
    member = page_member(request)
    if format not in REPORT_FORMATS or not member.workspace.versions.filter(number=number):
        raise Http404("No such version or report format.")
    document = DatabaseStore(member.workspace).version_document(number)
    options = {"format": format, "made_on": today().isoformat()}
    if part == "bank":
        options["part"] = part
    job = jobs.submit(member.workspace, "report_file", document, options)
    if not job.done or job.result is None:
        context = {"member": member, "job": job, "number": number, "format": format, "part": part}
        return render(request, "web/report_wait.html", context)
    response = HttpResponse(base64.b64decode(job.result["content"]), REPORT_FORMATS[format])
    name = f"{member.workspace.name}-v{number}-{part}.{format}".replace(" ", "-")
    safe = "".join(c for c in name if c.isalnum() or c in "-_.") or f"{part}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response
