"""Drafts: the web's working copy of a workspace's next strategy version.

Published versions live in the workspace store and never change; a draft is edited (by several
people, one save at a time) and then published through the workspace layer's `save_version`.
Every save names the draft revision it was based on; a save based on an older revision is
refused with `DraftConflictError`, so nobody silently overwrites someone else's change.
"""

from __future__ import annotations

from django.db import transaction

from headway.errors import ErrorKind, HeadwayError, Problem
from headway.strategy.load import validate_data
from headway.web import models
from headway.web.audit import Actor, record
from headway.web.diff import document_changes
from headway.web.store import DatabaseStore
from headway.workspace.changes import Saved, save_version
from headway.workspace.errors import refuse
from headway.workspace.store import Document


class DraftConflictError(HeadwayError):
    """The draft changed since the revision the user edited; `current` is its revision now."""

    kind = ErrorKind.refused

    def __init__(self, current: int) -> None:
        self.current = current
        message = (
            f"the draft was saved by someone else (now revision {current}) since you opened it"
        )
        hint = "reload the draft, merge your change into it and save again"
        super().__init__([Problem(message, ("revision",), "draft", hint=hint)], message)


def current_draft(workspace: models.Workspace) -> models.Draft | None:
    """The workspace's draft, or None."""
    return models.Draft.objects.filter(workspace=workspace).first()


def start_draft(workspace: models.Workspace, actor: Actor) -> models.Draft:
    """The draft, made from the latest published version when there is none yet."""
    store = DatabaseStore(workspace, actor.name)
    with store.lock():
        draft = current_draft(workspace)
        if draft is not None:
            return draft
        versions = store.versions()
        draft = models.Draft.objects.create(
            workspace=workspace,
            document=store.document(),
            based_on=versions[-1].number if versions else None,
            updated_by=actor.name,
        )
        record(workspace, actor, "draft.start", f"draft from version {draft.based_on}")
        return draft


def save_draft(
    workspace: models.Workspace, actor: Actor, document: Document, revision: int | None
) -> models.Draft:
    """Validate `document` and save it as the draft (started when missing); `revision` is the
    draft revision the change was based on (None: replace whatever is there, as an import does).

    Raises `StrategyError` (nothing saved) or `DraftConflictError`.
    """
    validate_data(document, file="draft")
    with transaction.atomic():
        draft = start_draft(workspace, actor)
        locked = models.Draft.objects.select_for_update().get(pk=draft.pk)
        if revision is not None and locked.revision != revision:
            raise DraftConflictError(locked.revision)
        changes = document_changes(locked.document, document)
        locked.document = document
        locked.revision += 1
        locked.updated_by = actor.name
        locked.save()
        record(
            workspace,
            actor,
            "draft.save",
            f"draft revision {locked.revision}",
            {c.path: c.before for c in changes},
            {c.path: c.after for c in changes},
        )
        return locked


def publish_draft(workspace: models.Workspace, actor: Actor, revision: int, note: str) -> Saved:
    """Publish the draft at `revision` as the next version and remove the draft.

    Raises `WorkspaceError` when there is no draft, `DraftConflictError` when it changed since
    `revision`, `StrategyError` when it is not valid.
    """
    store = DatabaseStore(workspace, actor.name)
    with store.lock():
        draft = models.Draft.objects.select_for_update().filter(workspace=workspace).first()
        if draft is None:
            raise refuse("there is no draft to publish", workspace.name)
        if draft.revision != revision:
            raise DraftConflictError(draft.revision)
        before = store.document()
        saved = save_version(store, draft.document, note.strip() or "published from the draft")
        draft.delete()
        changes = document_changes(before, store.version_document(saved.version.number))
        record(
            workspace,
            actor,
            "version.publish",
            f"version {saved.version.number}",
            {c.path: c.before for c in changes},
            {c.path: c.after for c in changes},
        )
    return saved


def discard_draft(workspace: models.Workspace, actor: Actor) -> None:
    """Remove the draft (nothing published changes)."""
    deleted, _ = models.Draft.objects.filter(workspace=workspace).delete()
    if deleted:
        record(workspace, actor, "draft.discard", "draft")
