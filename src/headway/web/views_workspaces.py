"""Pages for workspaces: the list, creation and import, members and invitations, API tokens,
the audit log and the whole-workspace export. Each parses input, calls the workspace layer (or
the web's members/tokens modules), renders. Rules come from the permission table."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from headway.errors import HeadwayError
from headway.strategy.templates import list_templates
from headway.web import archive, members, models, tokens
from headway.web.access import page_member, signed_in_user
from headway.web.audit import audit_csv
from headway.web.errors import problems_of
from headway.web.overview import WorkspaceRow, overview
from headway.web.permissions import PAGES, Role
from headway.web.uploads import read_upload

_ROLE_CHOICES = [(role.value, role.value) for role in Role]


class NewWorkspaceForm(forms.Form):
    prefix = "new"
    name = forms.CharField(max_length=200, label="Workspace name")
    template = forms.ChoiceField(choices=[])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["template"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(t.name, f"{t.name}: {t.summary}") for t in list_templates()]


class ImportWorkspaceForm(forms.Form):
    prefix = "import"
    name = forms.CharField(max_length=200, label="Name of the new workspace")
    archive = forms.FileField(label="Workspace folder (.zip)")


class InvitationForm(forms.Form):
    role = forms.ChoiceField(choices=_ROLE_CHOICES, initial=Role.VIEWER.value)
    email = forms.EmailField(
        required=False, help_text="Optional: the link is also e-mailed to this address."
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=_ROLE_CHOICES)


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100)
    role = forms.ChoiceField(choices=_ROLE_CHOICES, initial=Role.VIEWER.value)


def home(request: HttpRequest) -> HttpResponse:
    """The workspace list for a signed-in user, the login page for anyone else."""
    return redirect("workspace_list" if request.user.is_authenticated else "login")


def workspace_list(request: HttpRequest) -> HttpResponse:
    """Every workspace the user belongs to with its dashboard's signals (a consultant's
    overview, from stored answers only), and forms to create or import one."""
    memberships = models.Membership.objects.filter(user=signed_in_user(request)).select_related(
        "workspace"
    )
    rows = overview(list(memberships))
    return _list_page(request, rows, NewWorkspaceForm(), ImportWorkspaceForm())


def _list_page(
    request: HttpRequest,
    rows: list[WorkspaceRow],
    create: NewWorkspaceForm,
    upload: ImportWorkspaceForm,
    problems: object = None,
    status: int = 200,
) -> HttpResponse:
    context = {"rows": rows, "create": create, "upload": upload}
    context["problems"] = problems
    return render(request, "web/workspace_list.html", context, status=status)


@require_POST
def workspace_create(request: HttpRequest) -> HttpResponse:
    """Create a workspace from an industry template."""
    form = NewWorkspaceForm(request.POST)
    if not form.is_valid():
        return _list_page(request, [], form, ImportWorkspaceForm(), status=400)
    workspace = members.new_workspace(
        form.cleaned_data["name"], signed_in_user(request), form.cleaned_data["template"]
    )
    return redirect("workspace", workspace_id=workspace.pk)


@require_POST
def workspace_import(request: HttpRequest) -> HttpResponse:
    """Create a workspace from the zip of a workspace folder."""
    form = ImportWorkspaceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _list_page(request, [], NewWorkspaceForm(), form, status=400)
    upload = form.cleaned_data["archive"]
    try:
        content = read_upload(upload)
        user = signed_in_user(request)
        workspace = archive.import_zip(content, form.cleaned_data["name"], user, upload.name)
    except HeadwayError as exc:
        return _list_page(request, [], NewWorkspaceForm(), form, problems_of(exc), 400)
    return redirect("workspace", workspace_id=workspace.pk)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Show an invitation, and join its workspace on confirmation."""
    try:
        invitation = members.open_invitation(token)
        if request.method == "POST":
            workspace = members.accept_invitation(token, signed_in_user(request))
            return redirect("workspace", workspace_id=workspace.pk)
    except HeadwayError as exc:
        return render(request, "web/invitation.html", {"problems": problems_of(exc)}, status=400)
    return render(request, "web/invitation.html", {"invitation": invitation})


def workspace(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """A workspace's overview: its current version, its draft and what one can do."""
    member = page_member(request)
    latest = member.workspace.versions.order_by("-number").first()
    draft = models.Draft.objects.filter(workspace=member.workspace).first()
    context = {"member": member, "latest": latest, "draft": draft, "rules": PAGES}
    return render(request, "web/workspace.html", context)


def _members_page(request: HttpRequest, status: int = 200, **extra: object) -> HttpResponse:
    member = page_member(request)
    context = {
        "member": member,
        "rules": PAGES,
        "memberships": member.workspace.members.select_related("user").order_by("user__username"),
        "invitations": member.workspace.invitations.filter(accepted_at=None, revoked_at=None),
        "invitation_form": InvitationForm(),
        "roles": _ROLE_CHOICES,
        **extra,
    }
    return render(request, "web/members.html", context, status=status)


def member_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The members, their roles and (for owners) pending invitations."""
    return _members_page(request)


@require_POST
def member_role(request: HttpRequest, workspace_id: int, member_id: int) -> HttpResponse:
    """Change a member's role."""
    member = page_member(request)
    membership = get_object_or_404(member.workspace.members, pk=member_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _members_page(request, 400, problems=["choose one of the roles"])
    try:
        members.change_role(membership, Role(form.cleaned_data["role"]), member.actor)
    except HeadwayError as exc:
        return _members_page(request, 409, problems=problems_of(exc))
    return redirect("members", workspace_id=workspace_id)


@require_POST
def member_remove(request: HttpRequest, workspace_id: int, member_id: int) -> HttpResponse:
    """Remove a member from the workspace."""
    member = page_member(request)
    membership = get_object_or_404(member.workspace.members, pk=member_id)
    try:
        members.remove_member(membership, member.actor)
    except HeadwayError as exc:
        return _members_page(request, 409, problems=problems_of(exc))
    return redirect("members", workspace_id=workspace_id)


@require_POST
def invitation_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Make an invitation link (shown once on the members page)."""
    member = page_member(request)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _members_page(request, 400, invitation_form=form)
    role, email = Role(form.cleaned_data["role"]), form.cleaned_data["email"]
    token = members.invite(member.workspace, role, email, member.actor)
    link = request.build_absolute_uri(reverse("invitation_accept", args=[token]))
    sent = members.send_invitation(member.workspace, role, email, link) if email else ""
    return _members_page(request, 201, new_link=link, new_role=role.value, sent=sent)


@require_POST
def invitation_revoke(request: HttpRequest, workspace_id: int, invitation_id: int) -> HttpResponse:
    """Withdraw an unused invitation."""
    member = page_member(request)
    invitation = get_object_or_404(member.workspace.invitations, pk=invitation_id)
    try:
        members.revoke_invitation(invitation, member.actor)
    except HeadwayError as exc:
        return _members_page(request, 409, problems=problems_of(exc))
    return redirect("members", workspace_id=workspace_id)


def _tokens_page(request: HttpRequest, status: int = 200, **extra: object) -> HttpResponse:
    member = page_member(request)
    context = {
        "member": member,
        "tokens": member.workspace.tokens.select_related("user"),
        "form": TokenForm(),
        **extra,
    }
    return render(request, "web/tokens.html", context, status=status)


def token_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace's API tokens; POST makes one (shown in clear once)."""
    if request.method != "POST":
        return _tokens_page(request)
    member = page_member(request)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _tokens_page(request, 400, form=form)
    name, role = form.cleaned_data["name"], Role(form.cleaned_data["role"])
    token = tokens.create_token(member.workspace, member.user, name, role, member.actor)
    return _tokens_page(request, 201, new_token=token)


@require_POST
def token_revoke(request: HttpRequest, workspace_id: int, token_id: int) -> HttpResponse:
    """Revoke a token at once."""
    member = page_member(request)
    row = get_object_or_404(member.workspace.tokens, pk=token_id)
    tokens.revoke_token(row, member.actor)
    messages.success(request, f"Token {row.name} revoked.")
    return redirect("tokens", workspace_id=workspace_id)


def audit(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The audit log, newest first (the latest 500 entries; the CSV has all)."""
    member = page_member(request)
    entries = member.workspace.audit_entries.all()[:500]
    return render(request, "web/audit.html", {"member": member, "entries": entries})


def audit_export(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The whole audit log as CSV."""
    member = page_member(request)
    response = HttpResponse(audit_csv(member.workspace), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{workspace_id}.csv"'
    return response


def workspace_export(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The whole workspace folder as a zip."""
    member = page_member(request)
    response = HttpResponse(archive.export_zip(member.workspace), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="workspace-{workspace_id}.zip"'
    return response
