"""Use cases that change a workspace's strategy document.

Each reads the current document, applies a pure edit (`headway.workspace.edits`) and saves the
result as a new version, all inside the store's lock: two people answering the survey or
resolving findings at the same moment both keep their change. Nothing is saved when the edit
or the validation of its result fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from headway.strategy.errors import StrategyError
from headway.strategy.load import parse_strategy, validate_data
from headway.strategy.model import Strategy
from headway.strategy.templates import template_path
from headway.workspace import edits
from headway.workspace.edits import Edited, document_from_text
from headway.workspace.errors import WorkspaceError, refuse
from headway.workspace.kept import Kept
from headway.workspace.store import Document, Version, WorkspaceStore, document_sha256

if TYPE_CHECKING:  # mining loads DuckDB and Arrow: only a merge of mined processes needs it
    from headway.mining.profile import ProcessProfile


@dataclass(frozen=True)
class Saved:
    """A saved change: the new `version`, its validated `strategy`, the ids added or updated."""

    version: Version
    strategy: Strategy
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()


_validated: Kept[str, Strategy] = Kept(8)


def current_strategy(store: WorkspaceStore) -> Strategy:
    """The workspace's current strategy, validated; raises `StrategyError` when not valid.

    Validating a 200-initiative document takes a tenth of a second, and every measurement pushed
    asks for it: a valid document is validated once per process (a `Strategy` never changes),
    found again by its SHA-256."""
    return validated_strategy(store.document(), store.name)


def validated_strategy(document: Document, file: str) -> Strategy:
    """`document` validated (`file` names it in problems) once per process, found again by its
    SHA-256: a `Strategy` never changes, and a background job of a 200-initiative strategy
    would otherwise pay a tenth of a second for it every time tracking data changes."""
    return _validated.get(document_sha256(document), lambda: validate_data(document, file=file))


def create_workspace(store: WorkspaceStore, template: str, *, replace: bool = False) -> Saved:
    """Start the workspace from the industry template `template` (e.g. `bakery`), its comments
    kept where the store keeps text. Refuses (`WorkspaceError`) when the workspace already has a
    document, unless `replace`; raises `UnknownTemplateError` for an unknown template."""
    source = template_path(template)
    text = source.read_text(encoding="utf-8")
    strategy = parse_strategy(text, file=str(source), format="yaml")
    document = document_from_text(text, str(source), "yaml")
    with store.lock():
        if not replace and _has_document(store):
            raise refuse("a strategy document already exists; replace it explicitly", store.name)
        version = store.save_document(document, f"created from the {template} template", text)
    return Saved(version, strategy)


def save_version(store: WorkspaceStore, document: Document, note: str) -> Saved:
    """Validate `document` and save it as the workspace's new current version."""
    strategy = validate_data(document, file=store.name)
    with store.lock():
        version = store.save_document(document, note)
    return Saved(version, strategy)


def change_document(
    store: WorkspaceStore, edit: Callable[[Document, str], Edited], note: str
) -> Saved:
    """Apply `edit` (document, where -> `Edited`) to the current document and save the result
    as a new version, all under the store's lock."""
    with store.lock():
        edited = edit(store.document(), store.name)
        version = store.save_document(edited.document, note, comments=dict(edited.comments))
    return Saved(version, edited.strategy, edited.added, edited.updated)


def record_answers(
    store: WorkspaceStore, respondent: str, answers: Mapping[str, int], role: str = "staff"
) -> Saved:
    """Save one respondent's readiness answers (question id -> 1..5); see `edits.record_answers`."""
    return change_document(
        store,
        lambda document, where: edits.record_answers(document, respondent, answers, role, where),
        f"readiness answers of {respondent.strip()}",
    )


def resolve_finding(
    store: WorkspaceStore, finding_id: str, *, by: str, why: str, on: dt.date
) -> Saved:
    """Save who resolved the ethics finding `finding_id`, why and when."""
    return change_document(
        store,
        lambda document, where: edits.resolve_finding(document, finding_id, by, why, on, where),
        f"ethics finding {finding_id} resolved by {by.strip()}",
    )


def add_remedies(store: WorkspaceStore) -> Saved:
    """Save the talent gaps' suggested training or hiring initiatives into the document."""
    return change_document(store, edits.add_remedies, "talent-gap remedies added")


def merge_mined_processes(
    store: WorkspaceStore, profile: ProcessProfile, activities: Sequence[str], role: str
) -> Saved:
    """Save the mined `activities` of `profile` as processes done by `role`; see
    `edits.merge_processes`."""
    return change_document(
        store,
        lambda document, where: edits.merge_processes(document, profile, activities, role, where),
        f"processes mined from {profile.source}",
    )


def _has_document(store: WorkspaceStore) -> bool:
    try:
        store.document()
    except WorkspaceError:
        return False
    except StrategyError:  # an invalid document is still the user's document
        return True
    return True
