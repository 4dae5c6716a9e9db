"""A whole workspace as a zip of its folder, out and in.

Export writes the workspace through the folder store the command line uses (`headway.yaml`, its
versions, measurements, status records, replacements, approved plan), so the zip unpacks into a
folder every `headway` command opens. Import reads such a folder back through the same store, so
the same parsers and limits apply, and copies it into a new workspace in one transaction.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.contrib.auth.models import User
from django.db import transaction

from headway.strategy.errors import Problem
from headway.web import models
from headway.web.audit import Actor, record
from headway.web.permissions import Role
from headway.web.store import DatabaseStore
from headway.workspace.errors import WorkspaceError
from headway.workspace.folder import STRATEGY_FILE, FolderStore
from headway.workspace.store import WorkspaceStore

MAX_FILES = 10_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def copy_workspace(source: WorkspaceStore, target: WorkspaceStore) -> None:
    """Copy every version (then the current document when it is newer), the measurements with
    their replacement log, the status records and the approved plan from `source` to `target`."""
    versions = source.versions()
    for version in versions:
        target.save_document(source.version_document(version.number), version.note)
    current = source.document()
    if not versions or source.version_document(versions[-1].number) != current:
        target.save_document(current, "imported")
    target.save_measurements(source.measurements(), source.replacements())
    target.save_status_records(source.status_records())
    approved = source.approved_plan()
    if approved is not None:
        target.save_approved_plan(approved)


def export_zip(workspace: models.Workspace) -> bytes:
    """The workspace's folder as zip bytes (paths relative to the folder)."""
    with tempfile.TemporaryDirectory(prefix="headway-export-") as folder:
        copy_workspace(DatabaseStore(workspace), FolderStore(folder))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file() and not path.name.startswith(".headway.lock"):
                    archive.write(path, path.relative_to(folder).as_posix())
        return buffer.getvalue()


def import_zip(
    content: bytes, name: str, owner: User, filename: str = "upload.zip"
) -> models.Workspace:
    """A new workspace named `name`, owned by `owner`, from a zip of a workspace folder.

    Raises `WorkspaceError` for an archive that is not a safe zip of one workspace folder, and
    the folder store's `StrategyError`/`TrackingError` for invalid content; nothing is created.
    """
    with tempfile.TemporaryDirectory(prefix="headway-import-") as folder:
        root = _unpack(content, Path(folder), filename)
        actor = Actor(owner)
        with transaction.atomic():
            workspace = models.Workspace.objects.create(name=name.strip()[:200])
            models.Membership.objects.create(workspace=workspace, user=owner, role=Role.OWNER)
            copy_workspace(FolderStore(root), DatabaseStore(workspace, actor.name))
            record(workspace, actor, "workspace.import", workspace.name, None, {"file": filename})
    return workspace


def _refuse(message: str, filename: str) -> WorkspaceError:
    return WorkspaceError([Problem(message, (), filename)])


def _unpack(content: bytes, folder: Path, filename: str) -> Path:
    """Unpack regular files only, each inside `folder`; return the folder holding headway.yaml
    (the archive's root, or its single top-level folder)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise _refuse("not a zip archive", filename) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES:
            raise _refuse(f"more than {MAX_FILES} files", filename)
        if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            raise _refuse(f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB", filename)
        for member in members:
            parts = PurePosixPath(member.filename).parts
            if member.filename.startswith("/") or ".." in parts or not parts:
                raise _refuse(f"unsafe path in the archive: {member.filename}", filename)
            target = folder.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(member))
    if (folder / STRATEGY_FILE).is_file():
        return folder
    tops = [p for p in folder.iterdir() if p.is_dir()]
    if len(tops) == 1 and (tops[0] / STRATEGY_FILE).is_file():
        return tops[0]
    raise _refuse(f"no {STRATEGY_FILE} at the top of the archive or of its one folder", filename)
