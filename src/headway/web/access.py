"""The one helper that resolves who is asking, in which workspace, with which role.

Pages pass through `PermissionMiddleware`, which reads the page's rule from the permission table
before the view runs; API operations call `api_member` with their operation id. A workspace the
user is not a member of answers 404 (its existence is not revealed), a role too low 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from headway.web import models
from headway.web.audit import Actor
from headway.web.permissions import API, PAGES, Access, Role


@dataclass(frozen=True)
class Member:
    """The person (or their token) acting in a workspace, with the role that applies."""

    workspace: models.Workspace
    user: User
    role: Role
    token: models.ApiToken | None = None

    @property
    def actor(self) -> Actor:
        """Who to name in the audit log."""
        via = f"token {self.token.name} ({self.token.prefix}…)" if self.token else "web"
        return Actor(self.user, via)

    def can(self, access: Access) -> bool:
        """Whether this member passes `access` (to show or hide a link or a button)."""
        return access.allows(self.role)


def resolve_member(
    user: User,
    workspace_id: int,
    access: Access,
    token: models.ApiToken | None = None,
) -> Member:
    """The member `user` is in workspace `workspace_id`; raises `Http404` for a non-member (or a
    token of another workspace) and `PermissionDenied` when the role is below `access`."""
    if token is not None and token.workspace_id != workspace_id:
        raise Http404("no such workspace")
    membership = (
        models.Membership.objects.select_related("workspace")
        .filter(workspace_id=workspace_id, user=user)
        .first()
    )
    if membership is None:
        raise Http404("no such workspace")
    role = Role(membership.role)
    if token is not None:
        role = role.at_most(Role(token.role))
    if not access.allows(role):
        raise PermissionDenied(f"this needs the {access.value} role; you are {role.value}")
    return Member(membership.workspace, user, role, token)


_MEMBER = "headway_member"


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of a page the permission table keeps from anonymous visitors."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    return user


def page_member(request: HttpRequest) -> Member:
    """The member the middleware resolved for a workspace page."""
    member: Member = getattr(request, _MEMBER)
    return member


class PermissionMiddleware:
    """Applies the permission table to every page before its view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or (match.namespace == "api" and match.view_name not in PAGES):
            return None  # API operations check their own rule (`api_member`)
        access = PAGES.get(match.view_name)
        if access is None:
            raise ImproperlyConfigured(f"page {match.view_name!r} has no permission-table entry")
        if access is Access.PUBLIC:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if access.role is not None:
            user = signed_in_user(request)
            setattr(request, _MEMBER, resolve_member(user, kwargs["workspace_id"], access))
        return None


def api_member(request: HttpRequest, workspace_id: int, operation: str) -> Member:
    """The member an API call acts as (a token's user and role, or the signed-in user)."""
    auth = getattr(request, "auth", None)
    token = auth if isinstance(auth, models.ApiToken) else None
    user = token.user if token else signed_in_user(request)
    return resolve_member(user, workspace_id, API[operation], token)
