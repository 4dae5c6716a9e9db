"""Personal access tokens for the REST API: one workspace, one role, hashed at rest, revocable.

A token is shown once when made (`hw_` and 40 random characters); only its SHA-256 is kept, with
its first characters so a person can tell their tokens apart. Its role never exceeds the role
its user holds in the workspace at the time of each request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from headway.web import models
from headway.web.audit import Actor, record
from headway.web.permissions import Role

PREFIX = "hw_"
# Writing last-used time on every call would make each read a write; once a minute is enough.
_LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(token: str) -> str:
    """The SHA-256 (hex) a token is stored as."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    workspace: models.Workspace, user: User, name: str, role: Role, actor: Actor
) -> str:
    """Make a token and return it in clear (the only time it can be seen)."""
    token = PREFIX + secrets.token_urlsafe(30)
    row = models.ApiToken.objects.create(
        workspace=workspace,
        user=user,
        name=name.strip()[:100] or "token",
        role=role,
        prefix=token[:10],
        digest=digest(token),
    )
    record(workspace, actor, "token.create", f"token {row.name} ({row.prefix}…)", None, role.value)
    return token


def revoke_token(row: models.ApiToken, actor: Actor) -> None:
    """Revoke a token: it stops working at once."""
    if row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
        record(row.workspace, actor, "token.revoke", f"token {row.name} ({row.prefix}…)")


def authenticate(token: str) -> models.ApiToken | None:
    """The live token for `token` (its last-used time updated), or None."""
    row = (
        models.ApiToken.objects.select_related("user", "workspace")
        .filter(digest=digest(token), revoked_at=None, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > _LAST_USED_RESOLUTION:
        models.ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
