"""Fixtures for monitoring: a fresh bakery workspace and the worked example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy
from headway.workspace import Workspace
from headway.workspace.example import install_example


@pytest.fixture
def workspace(tmp_path: Path, bakery_path: Path) -> Workspace:
    """An empty bakery workspace (headway.yaml only) in `tmp_path / "ws"`."""
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copyfile(bakery_path, root / "headway.yaml")
    return Workspace.open(root)


@pytest.fixture
def example(tmp_path: Path) -> Workspace:
    """The bakery's worked example: a year of measurements and initiative records."""
    return Workspace.open(install_example(tmp_path / "example"))


def write(path: Path, text: str) -> Path:
    """Write `text` to `path` and return the path."""
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def bakery(bakery_path: Path) -> Strategy:
    """The bakery template, validated."""
    return load_strategy(bakery_path)
