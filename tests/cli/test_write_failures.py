"""A write the machine refuses (full disk, read-only folder) ends every writing command with
exit 3 and a message, never a traceback, and leaves every file of the workspace as it was; a
symlinked document is updated through its link."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli import app

runner = CliRunner()
LOG = "id,step,at\n1,Receive,2024-01-01 09:00\n1,Pack,2024-01-01 10:00\n"
FINDING = "self-order-kiosk/hours-displaced-no-plan"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "bakery"
    assert runner.invoke(app, ["track", "example", str(root)]).exit_code == 0
    (tmp_path / "orders.csv").write_text(LOG, encoding="utf-8")
    return root


def commands(root: Path) -> dict[str, list[str]]:
    document, log = str(root / "headway.yaml"), str(root.parent / "orders.csv")
    return {
        "track add": ["track", "add", "admin-hours-week", "2027-12-31", "20", "--dir", str(root)],
        "track status": [
            "track",
            "status",
            "cloud-pos",
            "live",
            "--date",
            "2027-12-31",
            "--dir",
            str(root),
        ],
        "ethics --resolve": [
            "ethics",
            document,
            "--resolve",
            FINDING,
            "--by",
            "Ana",
            "--why",
            "staff move to baking",
        ],
        "mine --into": [
            "mine",
            log,
            "--case",
            "id",
            "--activity",
            "step",
            "--timestamp",
            "at",
            "--into",
            document,
            "--role",
            "counter",
        ],
        "convert": ["convert", document, str(root / "strategy.json")],
        "init --force": ["init", str(root), "--template", "bakery", "--force"],
    }


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below `root` but the (empty) lock file, with its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".headway.lock"
    }


@pytest.mark.parametrize("name", sorted(commands(Path("."))))
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_refused_write_exits_3_and_changes_nothing(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int
) -> None:
    before = snapshot(workspace)

    def refuse(handle: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)
    result = runner.invoke(app, commands(workspace)[name])
    assert result.exit_code == 3, result.output
    assert f"cannot write the file: {os.strerror(code)}" in result.output
    assert "Traceback" not in result.output
    assert snapshot(workspace) == before


def test_the_same_commands_write_when_the_disk_allows(workspace: Path) -> None:
    for name, args in commands(workspace).items():
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1), (name, result.output)  # ethics: 1 = findings open


def test_a_symlinked_document_is_updated_through_its_link(workspace: Path) -> None:
    real = workspace.parent / "shared" / "headway.yaml"
    real.parent.mkdir()
    (workspace / "headway.yaml").rename(real)
    (workspace / "headway.yaml").symlink_to(real)
    args = [
        "ethics",
        str(workspace / "headway.yaml"),
        "--resolve",
        FINDING,
        "--by",
        "Ana",
        "--why",
        "staff move to baking",
    ]
    assert runner.invoke(app, args).exit_code in (0, 1)
    assert (workspace / "headway.yaml").is_symlink()
    assert "staff move to baking" in real.read_text(encoding="utf-8")
