"""Pages for the strategy's versions: history, one version, the difference between two, export,
the draft (edit, publish, discard) and importing a document into the draft."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from headway.errors import HeadwayError
from headway.web import drafts
from headway.web.access import page_member
from headway.web.diff import document_changes
from headway.web.documents import (
    EXPORT_FORMATS,
    document_text,
    export_document,
    parse_document_text,
    read_document,
)
from headway.web.errors import problems_of
from headway.web.permissions import PAGES
from headway.web.uploads import read_upload


class DraftForm(forms.Form):
    text = forms.CharField(
        label="Strategy document (YAML)",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PublishForm(forms.Form):
    prefix = "publish"
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(max_length=500, required=False, label="What changed (for the history)")


class ImportForm(forms.Form):
    document = forms.FileField(label="Strategy document (.yaml, .json or .xlsx)")


def versions(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Every published version, newest first, each with a link to its difference."""
    member = page_member(request)
    rows = member.workspace.versions.order_by("-number").only(
        "number", "note", "saved_by", "saved_at", "sha256"
    )
    draft = drafts.current_draft(member.workspace)
    context = {"member": member, "versions": rows, "draft": draft, "rules": PAGES}
    return render(request, "web/versions.html", context)


def version(request: HttpRequest, workspace_id: int, number: int) -> HttpResponse:
    """One version's document as YAML, with its exports."""
    member = page_member(request)
    row = member.workspace.versions.filter(number=number).first()
    if row is None:
        raise Http404("no such version")
    context = {
        "member": member,
        "version": row,
        "text": document_text(row.document),
        "formats": list(EXPORT_FORMATS),
    }
    return render(request, "web/version.html", context)


def version_diff(request: HttpRequest, workspace_id: int, number: int) -> HttpResponse:
    """What changed from version `against` (default: the one before) to version `number`."""
    member = page_member(request)
    try:
        against = int(request.GET.get("against", number - 1))
    except ValueError:
        against = number - 1
    rows = {v.number: v for v in member.workspace.versions.filter(number__in=[number, against])}
    if number not in rows:
        raise Http404("no such version")
    before = rows[against].document if against in rows else {}
    changes = document_changes(before, rows[number].document)
    context = {
        "member": member,
        "number": number,
        "against": against if against in rows else None,
        "changes": changes,
    }
    return render(request, "web/version_diff.html", context)


def version_export(
    request: HttpRequest, workspace_id: int, number: int, format: str
) -> HttpResponse:
    """One version as `headway.yaml`, `.json` or `.xlsx`."""
    member = page_member(request)
    row = member.workspace.versions.filter(number=number).first()
    if row is None or format not in EXPORT_FORMATS:
        raise Http404("no such version or format")
    download = export_document(row.document, format, f"headway-v{number}")
    response = HttpResponse(download.content, content_type=download.media_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    return response


def _draft_page(
    request: HttpRequest, form: DraftForm | None = None, status: int = 200, **extra: object
) -> HttpResponse:
    member = page_member(request)
    draft = drafts.current_draft(member.workspace)
    if draft is not None and form is None:
        form = DraftForm(
            initial={"text": document_text(draft.document), "revision": draft.revision}
        )
    publish = PublishForm(initial={"revision": draft.revision}) if draft else None
    context = {"member": member, "draft": draft, "form": form, "publish": publish, **extra}
    return render(request, "web/draft.html", context, status=status)


def draft(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The draft editor (the document as YAML); POST saves it if nobody saved in between."""
    if request.method != "POST":
        return _draft_page(request)
    member = page_member(request)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _draft_page(request, form, 400)
    try:
        document = parse_document_text(form.cleaned_data["text"], "draft", "yaml")
        drafts.save_draft(member.workspace, member.actor, document, form.cleaned_data["revision"])
    except drafts.DraftConflictError as exc:
        return _draft_page(request, form, 409, problems=[str(exc)], conflict=exc.current)
    except HeadwayError as exc:
        return _draft_page(request, form, 400, problems=problems_of(exc))
    return redirect("draft", workspace_id=workspace_id)


@require_POST
def draft_start(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Start a draft from the latest version."""
    member = page_member(request)
    drafts.start_draft(member.workspace, member.actor)
    return redirect("draft", workspace_id=workspace_id)


@require_POST
def draft_publish(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Publish the draft as the next version."""
    member = page_member(request)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _draft_page(request, status=400, problems=["the form lost its revision: reload"])
    try:
        saved = drafts.publish_draft(
            member.workspace, member.actor, form.cleaned_data["revision"], form.cleaned_data["note"]
        )
    except drafts.DraftConflictError as exc:
        return _draft_page(request, status=409, problems=[str(exc)])
    except HeadwayError as exc:
        return _draft_page(request, status=400, problems=problems_of(exc))
    return redirect("version_diff", workspace_id=workspace_id, number=saved.version.number)


@require_POST
def draft_discard(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Throw the draft away."""
    member = page_member(request)
    drafts.discard_draft(member.workspace, member.actor)
    return redirect("versions", workspace_id=workspace_id)


def document_import(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Upload a `.yaml`, `.json` or `.xlsx` strategy document as the draft."""
    member = page_member(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            document = read_document(read_upload(upload), upload.name)
            drafts.save_draft(member.workspace, member.actor, document, None)
        except HeadwayError as exc:
            context = {"member": member, "form": form, "problems": problems_of(exc)}
            return render(request, "web/import.html", context, status=400)
        return redirect("draft", workspace_id=workspace_id)
    status = 400 if form.errors else 200
    return render(request, "web/import.html", {"member": member, "form": form}, status=status)
