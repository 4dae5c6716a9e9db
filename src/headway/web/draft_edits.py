"""Edits from the web's forms applied to the draft, always through the workspace layer.

A form is rendered from the working document (the draft, or the latest version when there is no
draft) with that document's draft revision (0: there was no draft). Saving applies a pure edit
(`headway.workspace.edits`-style: document in, validated `Edited` out) to the draft as it is now
and saves it with `drafts.save_draft`, which refuses a save based on an older revision. Nothing is
stored when the edit or the engine's validation refuses it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from headway.web import drafts, models
from headway.web.access import Member
from headway.web.store import DatabaseStore
from headway.workspace.edits import Edited
from headway.workspace.store import Document

Edit = Callable[[Document, str], Edited]


def working_document(workspace: models.Workspace) -> tuple[Document, int]:
    """The draft's document and revision, or the latest version's document and revision 0."""
    draft = drafts.current_draft(workspace)
    if draft is not None:
        document: Document = draft.document
        return document, draft.revision
    return DatabaseStore(workspace).document(), 0


def save_edit(member: Member, edit: Edit, revision: int) -> Edited:
    """Apply `edit` to the working document last seen at `revision` and save it as the draft.

    Raises `DraftConflictError` when the draft changed (or was started) since, and the edit's
    own errors (`StrategyError`, `WorkspaceError`) with nothing saved.
    """
    with transaction.atomic():
        draft = drafts.current_draft(member.workspace)
        current = draft.revision if draft is not None else 0
        if current != revision:
            raise drafts.DraftConflictError(current)
        document, _ = working_document(member.workspace)
        edited = edit(document, "draft")
        draft = drafts.start_draft(member.workspace, member.actor)
        drafts.save_draft(member.workspace, member.actor, edited.document, draft.revision)
    return edited
