"""The same use-case tests run against every store: a workspace folder and one in memory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from headway.strategy.templates import template_path
from headway.workspace import FolderStore, MemoryStore, WorkspaceStore
from headway.workspace.folder import STRATEGY_FILE
from headway.workspace.store import Document

STORES = ("folder", "memory")


def bakery_document() -> Document:
    """The bakery template as plain data, read the way a folder store reads it."""
    return FolderStore.for_document(template_path("bakery")).document()


def make_store(kind: str, root: Path, document: Document | None = None) -> WorkspaceStore:
    """A store of `kind` holding the bakery template (or `document`); a folder in `root`."""
    if kind == "memory":
        return MemoryStore(document if document is not None else bakery_document())
    root.mkdir(parents=True, exist_ok=True)
    store = FolderStore(root)
    if document is None:
        shutil.copyfile(template_path("bakery"), root / STRATEGY_FILE)
    else:
        store.save_document(document, "test document")
    return store


@pytest.fixture(params=STORES)
def kind(request: pytest.FixtureRequest) -> str:
    """Which store a use-case test runs against."""
    return str(request.param)


@pytest.fixture
def store(kind: str, tmp_path: Path) -> WorkspaceStore:
    """A bakery workspace in the store under test."""
    return make_store(kind, tmp_path / "ws")
