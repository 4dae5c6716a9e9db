"""Shared fixtures: the repository's paths and the shared reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "src" / "headway" / "strategy" / "templates"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """`../shared/data` beside the project; tests using it skip, saying why, when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared reference data not found at {SHARED_DATA} (CI always has it)")
    return SHARED_DATA


@pytest.fixture
def bakery_path() -> Path:
    """The bakery template's strategy document."""
    return TEMPLATES / "bakery.yaml"
