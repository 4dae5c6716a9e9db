"""A real headless Chromium walks the platform end to end, as an owner and a viewer would:
sign up, create a workspace from the bakery template, invite a viewer, the viewer cannot edit,
the owner publishes a new version, the history shows the difference, the workspace is exported
and imported into a new one, equal. Screenshots of each step go to test-output/web-walk/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from headway.web import models
from headway.web.store import DatabaseStore
from tests.web.conftest import SHOTS as ALL_SHOTS
from tests.web.conftest import sign_up

SHOTS = ALL_SHOTS / "web-walk"


def _snapshot(workspace: models.Workspace) -> tuple[object, ...]:
    store = DatabaseStore(workspace)
    versions = [(v.number, v.note, v.sha256) for v in store.versions()]
    return versions, store.document(), store.measurements(), store.status_records()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_owner_and_viewer_walk_the_platform(live_server: Any, browser: Any, tmp_path: Path) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    requested: list[str] = []
    owner = browser.new_page(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    owner.on("request", lambda request: requested.append(request.url))
    viewer = browser.new_page(viewport={"width": 360, "height": 740})
    viewer.on("request", lambda request: requested.append(request.url))
    workspace_url, link = _create_and_invite(owner, base)
    _viewer_joins_and_cannot_edit(viewer, base, link, workspace_url)
    _owner_publishes_viewer_sees_the_diff(owner, viewer, workspace_url)
    _export_and_import(owner, workspace_url, tmp_path / "workspace.zip")
    owner.goto(f"{base}/api/docs")
    expect(owner.get_by_text("/api/workspaces/{workspace_id}/draft/publish")).to_be_visible()
    owner.screenshot(path=SHOTS / "09-api-docs.png")

    elsewhere = [url for url in requested if not url.startswith((base, "data:"))]
    assert elsewhere == [], "every script, style and page comes from the app itself (no CDN)"
    original = models.Workspace.objects.get(name="Corner bakery")
    imported = models.Workspace.objects.get(name="Imported bakery")
    assert _snapshot(imported) == _snapshot(original)
    assert [v.number for v in DatabaseStore(imported).versions()] == [1, 2]


def _create_and_invite(owner: Any, base: str) -> tuple[str, str]:
    """Sign up, create a workspace from the bakery template and make a viewer's invitation:
    the workspace's address and the invitation link."""
    sign_up(owner, base, "olivia")
    owner.screenshot(path=SHOTS / "01-signed-up.png")
    owner.get_by_label("Workspace name").fill("Corner bakery")
    owner.get_by_label("Template").select_option("bakery")
    owner.get_by_role("button", name="Create").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Corner bakery")
    workspace_url: str = owner.url
    owner.screenshot(path=SHOTS / "02-workspace-from-template.png")
    owner.get_by_role("link", name="Members").click()
    owner.get_by_label("Role", exact=True).select_option("viewer")
    owner.get_by_role("button", name="Make an invitation link").click()
    link: str = owner.get_by_role("textbox", name="Link").input_value()
    owner.screenshot(path=SHOTS / "03-invitation-link.png")
    return workspace_url, link


def _viewer_joins_and_cannot_edit(viewer: Any, base: str, link: str, workspace_url: str) -> None:
    sign_up(viewer, base, "victor")
    viewer.goto(link)
    viewer.get_by_role("button", name="Join the workspace").click()
    viewer.wait_for_url(workspace_url)
    expect(viewer.get_by_role("link", name="Edit the draft")).to_have_count(0)
    viewer.screenshot(path=SHOTS / "04-viewer-at-360px.png", full_page=True)
    refused = viewer.goto(workspace_url + "draft/")
    assert refused is not None and refused.status == 403
    expect(viewer.get_by_role("heading", level=1)).to_have_text("Not allowed")
    viewer.screenshot(path=SHOTS / "05-viewer-cannot-edit.png")


def _owner_publishes_viewer_sees_the_diff(owner: Any, viewer: Any, workspace_url: str) -> None:
    owner.goto(workspace_url + "versions/")
    owner.get_by_role("button", name="Start a new draft").click()
    editor = owner.get_by_label("Strategy document (YAML)")
    editor.fill(editor.input_value().replace("Corner Crust Bakery", "Corner Crust & Co", 1))
    owner.get_by_role("button", name="Save the draft").click()
    owner.get_by_label("What changed").fill("new trading name")
    owner.screenshot(path=SHOTS / "06-draft-saved.png")
    owner.get_by_role("button", name="Publish as the next version").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("What changed in version 2")
    viewer.goto(workspace_url + "versions/")
    viewer.get_by_role("link", name="what changed in 2").click()
    row = viewer.get_by_role("row").filter(has_text="business.name")
    expect(row).to_contain_text("Corner Crust & Co")
    expect(row).to_contain_text("Corner Crust Bakery")
    viewer.screenshot(path=SHOTS / "07-history-shows-the-diff.png", full_page=True)


def _export_and_import(owner: Any, workspace_url: str, archive: Path) -> None:
    owner.goto(workspace_url)
    with owner.expect_download() as download:
        owner.get_by_role("link", name=re.compile("Export the whole workspace")).click()
    download.value.save_as(archive)
    owner.get_by_role("link", name="Workspaces").click()
    owner.get_by_label("Name of the new workspace").fill("Imported bakery")
    owner.get_by_label("Workspace folder (.zip)").set_input_files(archive)
    owner.get_by_role("button", name="Import").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Imported bakery")
    owner.screenshot(path=SHOTS / "08-imported-workspace.png")
