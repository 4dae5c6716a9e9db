"""Shared fixtures of the web tests: a workspace with one member of each role, a member of
another workspace, API tokens for each of them and a revoked one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection

from headway.web import jobs, members, models, surveys, tokens
from headway.web.audit import Actor
from headway.web.job_runner import wait_until_idle
from headway.web.permissions import Role
from headway.web.store import DatabaseStore
from tests.conftest import ROOT
from tests.report.conftest import missing_tool

PASSWORD = "correct horse battery staple"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
SHOTS = Path(os.environ.get("HEADWAY_TEST_OUTPUT", ROOT / "test-output"))
ROLES = [role.value for role in Role]


@dataclass
class World:
    """Workspace `workspace` (bakery) with a user per role; `outsider` owns `other`."""

    workspace: models.Workspace
    other: models.Workspace
    users: dict[str, User]
    tokens: dict[str, str] = field(default_factory=dict)
    revoked_token: str = ""
    invitation_id: int = 0
    invitation_token: str = ""
    token_id: int = 0
    idea_id: int = 0
    survey_token: str = ""
    log_id: int = 0
    job_id: int = 0

    def membership_id(self, name: str) -> int:
        """The membership id of the user called `name` in `workspace`."""
        return models.Membership.objects.get(workspace=self.workspace, user=self.users[name]).pk


def sign_up(page: Any, base: str, name: str, password: str = PASSWORD) -> None:
    """Sign `name` up through the browser's sign-up form and wait for the workspace list."""
    page.goto(f"{base}/signup/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Email").fill(f"{name}@example.com")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password confirmation").fill(password)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(f"{base}/w/")


def make_user(name: str) -> User:
    """A user whose password is `PASSWORD`."""
    return User.objects.create_user(name, f"{name}@example.com", PASSWORD)


@pytest.fixture(scope="session", autouse=True)
def _jobs_done_before_the_databases_go(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[None]:
    """The test databases are dropped after the last test, and PostgreSQL refuses to drop one
    in use: wait for a job thread of the web process still computing, then end the sessions
    this process left open (a task run from a browser test's body leaves one idle)."""
    yield
    assert wait_until_idle(300), "a background job was still running after 300 s"
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        connection.close()


@pytest.fixture(autouse=True)
def _no_page_parts_kept_from_another_test() -> None:
    """Each test's database starts anew and reuses row ids, so a page part a process kept for
    another test's job (web/views_analysis.py, by workspace and job id) would be shown."""
    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    """See `World`: users `owner`, `editor`, `contributor`, `viewer` and `outsider`."""
    users = {name: make_user(name) for name in [*ROLES, "outsider"]}
    workspace = members.new_workspace("Bakery", users["owner"], "bakery")
    other = members.new_workspace("Other", users["outsider"], "bakery")
    for role in ROLES[1:]:
        models.Membership.objects.create(workspace=workspace, user=users[role], role=role)
    result = World(workspace, other, users)
    owner = Actor(users["owner"])
    for role in ROLES:
        result.tokens[role] = tokens.create_token(
            workspace, users[role], f"{role} token", Role(role), Actor(users[role])
        )
    result.tokens["outsider"] = tokens.create_token(
        other, users["outsider"], "outsider token", Role.OWNER, Actor(users["outsider"])
    )
    result.revoked_token = tokens.create_token(workspace, users["owner"], "old", Role.OWNER, owner)
    revoked = models.ApiToken.objects.get(digest=tokens.digest(result.revoked_token))
    tokens.revoke_token(revoked, owner)
    result.token_id = revoked.pk
    result.invitation_token = members.invite(workspace, Role.VIEWER, "", owner)
    result.invitation_id = models.Invitation.objects.filter(workspace=workspace).get().pk
    result.idea_id = models.Idea.objects.create(
        workspace=workspace,
        author=users["contributor"],
        author_name="contributor",
        kind="pain",
        title="Phone orders get lost",
        process="phone-orders",
        times_per_month=20,
        hours_each=0.5,
        errors_per_month=4,
    ).pk
    survey_round = surveys.open_round(workspace, owner)
    result.survey_token = surveys.make_link(survey_round, "Sam", "counter", owner)
    result.log_id = models.EventLogUpload.objects.create(
        workspace=workspace, name="orders.csv", sha256="0" * 64, size=0, path="", uploaded_by="x"
    ).pk
    document = DatabaseStore(workspace).document()
    result.job_id = jobs.submit(workspace, "evaluation", document, {"scenarios": 100}).id
    return result


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser); use with
    `live_server` and `@pytest.mark.django_db(transaction=True)`. Checks: tests/web/a11y.py."""
    if not CHROMIUM.exists():
        missing_tool("Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
