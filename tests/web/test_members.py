"""Invitations (signed, expiring, single use, revocable) and roles (never without an owner)."""

from __future__ import annotations

import pytest
from django.core import mail, signing
from django.test import Client, override_settings

from headway.web import members, models
from headway.web.audit import Actor
from headway.web.permissions import Role
from headway.workspace.errors import WorkspaceError
from tests.web.conftest import World, make_user


def test_an_invitation_link_adds_a_member_once(world: World) -> None:
    newcomer = make_user("newcomer")
    client = Client()
    client.force_login(newcomer)
    link = f"/invite/{world.invitation_token}/"
    assert b"as <strong>viewer</strong>" in client.get(link).content
    response = client.post(link)
    assert response.status_code == 302
    membership = models.Membership.objects.get(workspace=world.workspace, user=newcomer)
    assert membership.role == Role.VIEWER
    again = Client()
    again.force_login(make_user("latecomer"))
    refused = again.post(link)
    assert refused.status_code == 400
    assert b"already used" in refused.content


def test_an_expired_or_forged_invitation_is_refused(world: World) -> None:
    with override_settings(INVITATION_MAX_AGE_SECONDS=-1), pytest.raises(WorkspaceError) as old:
        members.open_invitation(world.invitation_token)
    assert "expired" in str(old.value)
    forged = signing.TimestampSigner(salt="another").sign(str(world.invitation_id))
    with pytest.raises(WorkspaceError, match="not valid"):
        members.open_invitation(forged)


def test_a_withdrawn_invitation_is_refused(world: World) -> None:
    invitation = models.Invitation.objects.get(pk=world.invitation_id)
    members.revoke_invitation(invitation, Actor(world.users["owner"]))
    with pytest.raises(WorkspaceError, match="withdrawn"):
        members.open_invitation(world.invitation_token)


def test_the_last_owner_cannot_leave_or_step_down(world: World) -> None:
    owner = models.Membership.objects.get(workspace=world.workspace, role=Role.OWNER)
    actor = Actor(world.users["owner"])
    with pytest.raises(WorkspaceError, match="at least one owner"):
        members.change_role(owner, Role.VIEWER, actor)
    with pytest.raises(WorkspaceError, match="at least one owner"):
        members.remove_member(owner, actor)
    editor = models.Membership.objects.get(workspace=world.workspace, user=world.users["editor"])
    members.change_role(editor, Role.OWNER, actor)
    members.change_role(owner, Role.VIEWER, actor)
    assert models.Membership.objects.get(pk=owner.pk).role == Role.VIEWER


def test_removing_a_member_revokes_their_tokens(world: World) -> None:
    editor = models.Membership.objects.get(workspace=world.workspace, user=world.users["editor"])
    members.remove_member(editor, Actor(world.users["owner"]))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}")
    assert client.get(f"/api/workspaces/{world.workspace.pk}").status_code == 401
    entry = world.workspace.audit_entries.filter(action="member.remove").get()
    assert (entry.actor_name, entry.before, entry.after) == ("owner", "editor", None)


def test_another_workspace_is_not_found_not_forbidden(world: World) -> None:
    client = Client()
    client.force_login(world.users["owner"])
    assert client.get(f"/w/{world.other.pk}/").status_code == 404
    assert client.get(f"/w/{world.other.pk}/versions/1/").status_code == 404


def test_an_invitation_for_an_address_is_e_mailed_and_its_link_joins(world: World) -> None:
    owner = Client()
    owner.force_login(world.users["owner"])
    url = f"/w/{world.workspace.pk}/invitations/"
    response = owner.post(url, {"role": "editor", "email": "sam@example.com"})
    assert response.status_code == 201
    assert b"The link was e-mailed to sam@example.com." in response.content
    (sent,) = mail.outbox
    assert sent.to == ["sam@example.com"] and "Bakery" in sent.subject
    assert "as editor" in sent.body
    link = next(line for line in sent.body.splitlines() if "/invite/" in line)
    newcomer = Client()
    newcomer.force_login(make_user("sam"))
    assert newcomer.post(link.removeprefix("http://testserver")).status_code == 302
    joined = models.Membership.objects.get(workspace=world.workspace, user__username="sam")
    assert joined.role == Role.EDITOR
    assert owner.post(url, {"role": "viewer"}).status_code == 201  # no address: nothing sent
    assert len(mail.outbox) == 1


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_PORT=9)
def test_an_invitation_that_cannot_be_e_mailed_still_shows_its_link(world: World) -> None:
    owner = Client()
    owner.force_login(world.users["owner"])
    response = owner.post(
        f"/w/{world.workspace.pk}/invitations/", {"role": "viewer", "email": "kim@example.com"}
    )
    assert response.status_code == 201
    page = response.content.decode()
    assert "could not be e-mailed to kim@example.com" in page and "/invite/" in page
