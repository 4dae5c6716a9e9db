"""The `plan` and `frontier` commands, in-process."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from headway.cli import app

runner = CliRunner()


def test_plan_prints_roadmap_and_verdict(bakery_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(bakery_path)])
    assert result.exit_code == 0, result.output
    assert "Proven optimal" in result.output
    assert "Roadmap" in result.output
    assert "Left out" in result.output


def test_plan_json(bakery_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(bakery_path), "--json", "--no-explain"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "optimal"
    assert data["selected"]
    assert len(data["decisions"]) == 14
    assert data["sensitivities"] == []


def test_frontier_json_and_text(bakery_path: Path) -> None:
    result = runner.invoke(app, ["frontier", str(bakery_path), "--json", "--points", "4"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    values = [p["value"] for p in data["points"]]
    assert values == sorted(values)
    text = runner.invoke(app, ["frontier", str(bakery_path), "--points", "4"])
    assert "knee" in text.output


def test_plan_rejects_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
