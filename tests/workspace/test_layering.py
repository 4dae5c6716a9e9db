"""The workspace layer sits under the shells: it imports no shell, and the shells edit nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

SRC = ROOT / "src" / "headway"
SHELLS = ("typer", "rich", "django", "headway.cli", "headway.web")
# What editing a document or writing a workspace file needs; the CLI leaves it to the layer.
PERSISTENCE = ("ruamel", "yaml", "write_atomic", "save_strategy", "edit_document")


def imported(path: Path) -> set[str]:
    """Every module and name `path` imports (`a.b` and `a.b.name` for `from a.b import name`)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
            names |= {alias.name for alias in node.names}
    return names


@pytest.mark.parametrize("path", sorted((SRC / "workspace").glob("*.py")), ids=lambda p: p.name)
def test_the_workspace_layer_imports_no_shell(path: Path) -> None:
    shells = [n for n in imported(path) if n.split(".")[0] in SHELLS or n.startswith(SHELLS)]
    assert shells == []


@pytest.mark.parametrize("path", sorted((SRC / "cli").glob("*.py")), ids=lambda p: p.name)
def test_the_command_line_leaves_editing_and_persistence_to_the_layer(path: Path) -> None:
    found = [n for n in imported(path) if n in PERSISTENCE or n.split(".")[0] in PERSISTENCE]
    assert found == []


def test_the_engine_does_not_import_the_workspace_layer() -> None:
    for package in ("strategy", "analysis", "portfolio", "mining", "monitoring", "report"):
        for path in (SRC / package).rglob("*.py"):
            assert not any(n.startswith("headway.workspace") for n in imported(path)), path
