"""Workspaces and who may use them: creation, roles, invitations by signed expiring link.

An invitation link carries the invitation's id signed with the site's secret key and a
timestamp; it works once, until it expires (HEADWAY_INVITATION_DAYS) or the owner revokes it.
An invitation for an e-mail address is also sent there (HEADWAY_EMAIL_BACKEND).
"""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail, signing
from django.db import transaction
from django.utils import timezone

from headway.web import models
from headway.web.audit import Actor, record
from headway.web.permissions import Role
from headway.web.store import DatabaseStore
from headway.workspace.changes import create_workspace
from headway.workspace.errors import refuse

_INVITATION_SALT = "headway.invitation"


def new_workspace(name: str, owner: User, template: str) -> models.Workspace:
    """A workspace named `name` started from the industry template `template`, owned by
    `owner`. Raises `UnknownTemplateError` for an unknown template (nothing is created)."""
    actor = Actor(owner)
    with transaction.atomic():
        workspace = models.Workspace.objects.create(name=name.strip()[:200])
        models.Membership.objects.create(workspace=workspace, user=owner, role=Role.OWNER)
        create_workspace(DatabaseStore(workspace, actor.name), template)
        record(workspace, actor, "workspace.create", workspace.name, None, {"template": template})
    return workspace


def change_role(membership: models.Membership, role: Role, actor: Actor) -> None:
    """Give a member another role; refuses to leave the workspace without an owner."""
    with transaction.atomic():
        _keep_an_owner(membership, leaving=role != Role.OWNER)
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        target = f"member {membership.user.get_username()}"
        record(membership.workspace, actor, "member.role", target, before, role.value)


def remove_member(membership: models.Membership, actor: Actor) -> None:
    """Remove a member (and the API tokens they made for the workspace)."""
    with transaction.atomic():
        _keep_an_owner(membership, leaving=True)
        membership.workspace.tokens.filter(user=membership.user, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        membership.delete()
        target = f"member {membership.user.get_username()}"
        record(membership.workspace, actor, "member.remove", target, membership.role, None)


def _keep_an_owner(membership: models.Membership, leaving: bool) -> None:
    if not leaving or membership.role != Role.OWNER:
        return
    owners = membership.workspace.members.select_for_update().filter(role=Role.OWNER)
    if owners.count() <= 1:
        raise refuse(
            "a workspace needs at least one owner: make someone else owner first",
            membership.workspace.name,
        )


def invite(workspace: models.Workspace, role: Role, email: str, actor: Actor) -> str:
    """Make an invitation and return its signed token (for the link)."""
    invitation = models.Invitation.objects.create(
        workspace=workspace,
        role=role,
        email=email.strip(),
        created_by=actor.user if isinstance(actor.user, User) else None,
    )
    record(workspace, actor, "invitation.create", f"invitation {invitation.pk}", None, role.value)
    return invitation_token(invitation)


def send_invitation(workspace: models.Workspace, role: Role, email: str, link: str) -> str:
    """E-mail the invitation `link` to `email` (the settings' e-mail backend: the console by
    default); what the owner is told: that it was sent, or why it could not be."""
    days = settings.INVITATION_MAX_AGE_SECONDS // 86400
    body = (
        f'You are invited to the Headway workspace "{workspace.name}" as {role.value}.\n\n'
        f"Open this link to join (it works once and expires in {days} days):\n{link}\n"
    )
    try:
        mail.send_mail(f"Invitation to {workspace.name} on Headway", body, None, [email])
    except (OSError, smtplib.SMTPException) as exc:
        return f"The link could not be e-mailed to {email} ({exc}): send it yourself."
    return f"The link was e-mailed to {email}."


def invitation_token(invitation: models.Invitation) -> str:
    """The signed, timestamped token of an invitation's link."""
    return signing.TimestampSigner(salt=_INVITATION_SALT).sign(str(invitation.pk))


def open_invitation(token: str) -> models.Invitation:
    """The invitation a token stands for; raises `WorkspaceError` saying why it cannot be used."""
    signer = signing.TimestampSigner(salt=_INVITATION_SALT)
    try:
        pk = signer.unsign(token, max_age=settings.INVITATION_MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise refuse("this invitation has expired: ask the owner for a new link", "link") from None
    except signing.BadSignature:
        raise refuse("this invitation link is not valid: copy the whole link", "link") from None
    invitation = models.Invitation.objects.select_related("workspace").filter(pk=pk).first()
    if invitation is None or invitation.revoked_at is not None:
        raise refuse("this invitation was withdrawn by the workspace's owner", "link")
    if invitation.accepted_at is not None:
        raise refuse("this invitation was already used: ask the owner for a new link", "link")
    return invitation


def accept_invitation(token: str, user: User) -> models.Workspace:
    """Join the invitation's workspace with its role (a member keeps the higher of the two)."""
    with transaction.atomic():
        found = open_invitation(token)
        invitation = models.Invitation.objects.select_for_update().get(pk=found.pk)
        if invitation.accepted_at is not None:  # accepted a moment ago by someone else
            raise refuse("this invitation was already used: ask the owner for a new link", "link")
        workspace = found.workspace
        role = Role(invitation.role)
        membership, created = models.Membership.objects.get_or_create(
            workspace=workspace, user=user, defaults={"role": role}
        )
        if not created and role.rank > Role(membership.role).rank:
            membership.role = role
            membership.save(update_fields=["role"])
        invitation.accepted_by = user
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_by", "accepted_at"])
        record(workspace, Actor(user), "invitation.accept", f"invitation {invitation.pk}")
    return workspace


def revoke_invitation(invitation: models.Invitation, actor: Actor) -> None:
    """Withdraw an unused invitation."""
    if invitation.accepted_at is not None:
        raise refuse("this invitation was already used", invitation.workspace.name)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(invitation.workspace, actor, "invitation.revoke", f"invitation {invitation.pk}")
