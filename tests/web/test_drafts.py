"""Drafts and versions: optimistic concurrency, publishing, immutability, the readable diff."""

from __future__ import annotations

import pytest
from django.test import Client

from headway.strategy.errors import StrategyError
from headway.web import drafts, models
from headway.web.audit import Actor
from headway.web.diff import document_changes
from headway.web.documents import document_text
from tests.web.conftest import World


def _edited(document: dict, name: str) -> dict:
    return {**document, "business": {**document["business"], "name": name}}


def test_second_save_on_a_stale_revision_is_refused(world: World) -> None:
    owner, editor = Actor(world.users["owner"]), Actor(world.users["editor"])
    draft = drafts.start_draft(world.workspace, owner)
    first = drafts.save_draft(world.workspace, owner, _edited(draft.document, "A"), draft.revision)
    with pytest.raises(drafts.DraftConflictError) as refused:
        drafts.save_draft(world.workspace, editor, _edited(draft.document, "B"), draft.revision)
    assert refused.value.current == first.revision
    assert drafts.current_draft(world.workspace).document["business"]["name"] == "A"


def test_an_invalid_document_is_not_saved(world: World) -> None:
    actor = Actor(world.users["owner"])
    draft = drafts.start_draft(world.workspace, actor)
    broken = {**draft.document, "kpis": "not a list"}
    with pytest.raises(StrategyError):
        drafts.save_draft(world.workspace, actor, broken, draft.revision)
    assert drafts.current_draft(world.workspace).revision == draft.revision


def test_publish_makes_the_next_version_and_keeps_the_old_one(world: World) -> None:
    actor = Actor(world.users["editor"])
    draft = drafts.start_draft(world.workspace, actor)
    saved = drafts.save_draft(world.workspace, actor, _edited(draft.document, "New name"), 1)
    drafts.publish_draft(world.workspace, actor, saved.revision, "renamed")
    versions = list(world.workspace.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].document["business"]["name"] != "New name"
    assert versions[1].document["business"]["name"] == "New name"
    assert versions[1].note == "renamed"
    assert drafts.current_draft(world.workspace) is None
    with pytest.raises(ValueError, match="published"):
        versions[0].save()
    entry = world.workspace.audit_entries.filter(action="version.publish").get()
    assert entry.after == {"business.name": "New name"}


def test_the_diff_names_each_changed_value_by_id() -> None:
    before = {"kpis": [{"id": "sales", "target": 10}, {"id": "waste", "target": 5}]}
    after = {"kpis": [{"id": "new", "target": 1}, {"id": "sales", "target": 12}]}
    changes = {c.path: (c.kind, c.before, c.after) for c in document_changes(before, after)}
    assert changes == {
        "kpis[new].id": ("added", None, "new"),
        "kpis[new].target": ("added", None, 1),
        "kpis[sales].target": ("changed", 10, 12),
        "kpis[waste].id": ("removed", "waste", None),
        "kpis[waste].target": ("removed", 5, None),
    }


def test_the_editor_page_refuses_a_stale_save_and_keeps_the_text(world: World) -> None:
    client = Client()
    client.force_login(world.users["editor"])
    url = f"/w/{world.workspace.pk}/draft/"
    client.post(f"/w/{world.workspace.pk}/draft/start/")
    draft = drafts.current_draft(world.workspace)
    drafts.save_draft(world.workspace, Actor(world.users["owner"]), draft.document, 1)
    mine = document_text(_edited(draft.document, "Mine &amp; yours"))
    response = client.post(url, {"text": mine, "revision": 1})
    assert response.status_code == 409
    assert b"saved by someone else" in response.content
    assert b"Mine &amp;amp; yours" in response.content  # the user's text, kept in the editor


def test_the_history_page_shows_what_changed(world: World) -> None:
    actor = Actor(world.users["owner"])
    draft = drafts.start_draft(world.workspace, actor)
    drafts.save_draft(world.workspace, actor, _edited(draft.document, "Renamed bakery"), 1)
    drafts.publish_draft(world.workspace, actor, 2, "")
    client = Client()
    client.force_login(world.users["viewer"])
    page = client.get(f"/w/{world.workspace.pk}/versions/2/diff/")
    assert page.status_code == 200
    assert b"business.name" in page.content
    assert b"Renamed bakery" in page.content
    assert models.StrategyVersion.objects.filter(workspace=world.workspace).count() == 2
