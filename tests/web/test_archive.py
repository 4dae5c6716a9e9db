"""A workspace exported as a zip of its folder and imported into a new workspace is equal."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from headway.web import archive, drafts
from headway.web.audit import Actor
from headway.web.store import DatabaseStore
from headway.workspace.errors import WorkspaceError
from headway.workspace.folder import FolderStore
from tests.web.conftest import World


def _snapshot(store: DatabaseStore) -> tuple[object, ...]:
    versions = [(v.number, v.note, v.sha256) for v in store.versions()]
    return (
        versions,
        store.document(),
        store.measurements(),
        store.replacements(),
        store.status_records(),
        store.approved_plan(),
    )


def test_export_then_import_gives_an_equal_workspace(world: World, tmp_path: object) -> None:
    actor = Actor(world.users["owner"])
    draft = drafts.start_draft(world.workspace, actor)
    renamed = {**draft.document, "business": {**draft.document["business"], "name": "Two"}}
    drafts.save_draft(world.workspace, actor, renamed, draft.revision)
    drafts.publish_draft(world.workspace, actor, draft.revision + 1, "second")
    kpi = renamed["kpis"][0]["id"]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens['owner']}")
    for value in (1.0, 2.0):  # the second push replaces the first: a logged replacement
        client.post(
            f"/api/workspaces/{world.workspace.pk}/measurements",
            {"measurements": [{"kpi": kpi, "date": "2027-01-01", "value": value}]},
            content_type="application/json",
        )
    content = archive.export_zip(world.workspace)
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert "headway.yaml" in names
    assert "measurements.csv" in names
    copy = archive.import_zip(content, "Copy", world.users["viewer"])
    assert _snapshot(DatabaseStore(copy)) == _snapshot(DatabaseStore(world.workspace))
    assert copy.members.get().role == "owner"


def test_an_exported_folder_opens_with_the_folder_store(world: World, tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    zipfile.ZipFile(io.BytesIO(archive.export_zip(world.workspace))).extractall(folder)
    store = FolderStore(folder)
    assert store.document() == DatabaseStore(world.workspace).document()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", "not a zip archive"),
        (None, "unsafe path"),
        (b"", "not a zip archive"),
    ],
)
def test_unsafe_or_broken_archives_are_refused(
    world: World, content: bytes | None, message: str
) -> None:
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as made:
            made.writestr("../headway.yaml", "business: {}")
        content = buffer.getvalue()
    with pytest.raises(WorkspaceError, match=message):
        archive.import_zip(content, "Bad", world.users["owner"])
    assert not world.users["owner"].membership_set.filter(workspace__name="Bad").exists()
