"""The permission table, walked: every page and every API operation, for each role, a member of
another workspace, an anonymous visitor and a revoked token. A URL or operation without an entry
in the table fails here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from headway.web.api import api
from headway.web.permissions import API, PAGES, Access, Role
from tests.conftest import ROOT
from tests.web.conftest import ROLES, World

PRINCIPALS = [*ROLES, "outsider", "anonymous", "revoked"]

# Pages that only take POST (the others are fetched with GET).
POST_ONLY = {
    "logout",
    "workspace_create",
    "workspace_import",
    "member_role",
    "member_remove",
    "invitation_create",
    "invitation_revoke",
    "token_revoke",
    "draft_start",
    "draft_publish",
    "draft_discard",
    "idea_create",
    "idea_vote",
    "idea_comment",
    "idea_convert",
    "ethics_resolve",
    "plan_approve",
    "survey_open",
    "survey_link",
    "survey_close",
    "survey_use",
    "assumption_confirm",
    "weights_check",
    "scenario_save",
    "editor_remove",
    "measurement_add",
    "measurement_upload",
    "status_add",
    "log_delete",
}
# Bodies that pass the request schema, so the permission check is what answers.
API_BODIES: dict[str, dict[str, Any]] = {
    "update_draft": {"revision": 1, "document": {}},
    "publish_draft": {"revision": 1},
    "push_measurements": {"measurements": []},
    "record_status": {"initiative": "nope", "status": "idea", "date": "2027-01-01"},
}


def _routes(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, list[str]]]:
    """Every named URL with the names of its parameters."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, list(pattern.pattern.converters)


ROUTES = dict(_routes(get_resolver().url_patterns))


def _operations() -> Iterator[tuple[str, str, str]]:
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield operation["operationId"], method, path


def test_every_page_has_an_entry() -> None:
    names = {name for name in ROUTES if not _is_api_operation(name)}
    assert names - PAGES.keys() == set(), "pages without a permission-table entry"
    assert PAGES.keys() - names == set(), "permission-table entries for pages that do not exist"


def test_every_api_operation_has_an_entry() -> None:
    operations = {operation for operation, _, _ in _operations()}
    assert operations - API.keys() == set(), "API operations without a permission-table entry"
    assert API.keys() - operations == set(), "entries for API operations that do not exist"


def _is_api_operation(name: str) -> bool:
    return name.startswith("api:") and name not in PAGES


def _expected(access: Access, principal: str) -> str:
    """What `principal` should get: `allowed`, `login`, `forbidden` or `not found`."""
    if access is Access.PUBLIC:
        return "allowed"
    if principal in {"anonymous", "revoked"}:
        return "login"
    if access is Access.SIGNED_IN:
        return "allowed"
    if principal == "outsider":
        return "not found"
    return "allowed" if access.allows(Role(principal)) else "forbidden"


def _outcome(status: int, location: str) -> str:
    assert status < 500, f"server error {status}"
    if status in (401,) or (status == 302 and "?next=" in location):
        return "login"
    return {403: "forbidden", 404: "not found"}.get(status, "allowed")


def _page_kwargs(name: str, world: World) -> dict[str, Any]:
    values: dict[str, Any] = {
        "workspace_id": world.workspace.pk,
        "member_id": world.membership_id("viewer"),
        "invitation_id": world.invitation_id,
        "token_id": world.token_id,
        "job_id": world.job_id,
        "initiative_id": "online-shop",
        "report_format": "html",
        "number": 1,
        "format": "yaml",
        "token": world.invitation_token,
        "uidb64": "MQ",
        "idea_id": world.idea_id,
        "survey_token": world.survey_token,
        "log_id": world.log_id,
        "level": "goals",
        "section": "goals",
        "item_id": "grow-online",
    }
    return {key: values[key] for key in ROUTES[name]}


def _client(principal: str, world: World) -> Client:
    client = Client()
    if principal in world.users:
        client.force_login(world.users[principal])
    if principal == "revoked":
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {world.revoked_token}"
    return client


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_permissions(name: str, world: World) -> None:
    url = reverse(name, kwargs=_page_kwargs(name, world))
    wrong = []
    for principal in PRINCIPALS:
        with transaction.atomic():
            client = _client(principal, world)
            send = client.post if name in POST_ONLY else client.get
            response = send(url)
            got = _outcome(response.status_code, response.get("Location", ""))
            transaction.set_rollback(True)
        expected = _expected(PAGES[name], principal)
        if got != expected:
            wrong.append(f"{principal}: expected {expected}, got {got} ({response.status_code})")
    assert wrong == [], f"{name} {url}"


def _api_client(principal: str, world: World) -> Client:
    client = Client()
    token = world.revoked_token if principal == "revoked" else world.tokens.get(principal)
    if token:
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


@pytest.mark.parametrize(("operation", "method", "path"), sorted(_operations()))
def test_api_permissions(operation: str, method: str, path: str, world: World) -> None:
    url = path.replace("{workspace_id}", str(world.workspace.pk)).replace("{number}", "1")
    url = url.replace("{job_id}", str(world.job_id)).replace("{initiative_id}", "online-shop")
    wrong = []
    for principal in PRINCIPALS:
        with transaction.atomic():
            client = _api_client(principal, world)
            body = API_BODIES.get(operation)
            response = client.generic(
                method.upper(),
                url,
                data=b"" if body is None else json.dumps(body),
                content_type="application/json",
            )
            got = _outcome(response.status_code, "")
            transaction.set_rollback(True)
        expected = _expected(API[operation], principal)
        if got != expected:
            wrong.append(f"{principal}: expected {expected}, got {got} ({response.status_code})")
    assert wrong == [], f"{method.upper()} {url}"


def test_the_api_table_in_the_docs_matches_the_permission_table() -> None:
    text = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    documented = dict(
        re.findall(r"^\| `(\w+)` \| `[A-Z]+ /api/[^`]*` \| ([a-z -]+) \|$", text, re.M)
    )
    expected = {
        op: access.role.value if access.role else access.value for op, access in API.items()
    }
    assert documented == expected
