"""The workspace store a command works on."""

from __future__ import annotations

from pathlib import Path

from headway.workspace import FolderStore
from headway.workspace.folder import STRATEGY_FILE


def document_store(path: str) -> FolderStore:
    """The store of the strategy document `path`, or of `path/headway.yaml` for a folder."""
    if Path(path).is_dir():
        return FolderStore.for_document(Path(path) / STRATEGY_FILE)
    return FolderStore.for_document(path)
