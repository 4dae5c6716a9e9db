"""The workspace store a command works on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from headway.cli.app import current_settings

if TYPE_CHECKING:
    from headway.workspace import FolderStore


def document_store(path: str) -> FolderStore:
    """The store of the strategy document `path`, or of `path/headway.yaml` for a folder, with
    the size limit in effect."""
    from headway.workspace import FolderStore
    from headway.workspace.folder import STRATEGY_FILE

    document = Path(path) / STRATEGY_FILE if Path(path).is_dir() else Path(path)
    return FolderStore.for_document(document, current_settings().strategy_max_bytes)


def folder_store(directory: str | Path) -> FolderStore:
    """The store of the workspace folder `directory` (its headway.yaml), with the size limit in
    effect."""
    from headway.workspace import FolderStore

    return FolderStore(directory, max_bytes=current_settings().strategy_max_bytes)
