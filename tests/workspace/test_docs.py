"""The library examples of the workspace layer in the docs run as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from headway.strategy.templates import template_path
from headway.workspace import FolderStore
from tests.conftest import ROOT


def example(page: str, heading: str) -> str:
    """The first Python block after `heading` in docs/`page`."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    found = re.search(r"```python\n(.*?)```", section, flags=re.S)
    assert found, f"no Python example under {heading!r} in {page}"
    return found.group(1)


@pytest.mark.parametrize(
    ("page", "heading"),
    [("api.md", "## The workspace layer"), ("workspace.md", "## Library use")],
)
def test_the_workspace_example_runs(
    page: str, heading: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my-bakery"
    folder.mkdir()
    shutil.copyfile(template_path("bakery"), folder / "headway.yaml")
    monkeypatch.chdir(tmp_path)
    exec(compile(example(page, heading), page, "exec"), {})
    store = FolderStore(folder)
    record = store.approved_plan()
    assert record is not None and record["approved_by"] == "Ana Ruiz (owner)"
    assert record["version"] == store.versions()[-1].number
