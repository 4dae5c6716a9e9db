"""The `plan` and `frontier` commands, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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
    text = runner.invoke(
        app, ["frontier", str(bakery_path), "--points", "4"], env={"COLUMNS": "80"}
    )
    assert "knee" in text.output
    # By the number model, whole at 80 columns: the top budget's value as a share of the gap
    # and its money in the bakery's locale (en_IE), as the report's frontier shows them.
    top = data["points"][-1]
    assert f"€{top['budget_total']:,.0f}" in text.output
    assert f"{100 * top['value']:.1f}%" in text.output


def test_plan_rejects_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2


def test_smallest_changes_are_computed_when_asked(bakery_path: Path) -> None:
    plain = runner.invoke(app, ["plan", str(bakery_path)])
    asked = runner.invoke(app, ["plan", str(bakery_path), "--changes"])
    assert plain.exit_code == 0 and asked.exit_code == 0, plain.output + asked.output
    assert "to bring it in: raise the" not in plain.output
    assert "add --changes" in plain.output
    assert "to bring it in: raise the" in asked.output
    assert "add --changes" not in asked.output


def test_the_time_limit_setting_applies_when_the_command_gives_none(bakery_path: Path) -> None:
    env = {"HEADWAY_PLAN_TIME_LIMIT": "7.5"}
    result = runner.invoke(app, ["plan", str(bakery_path), "--json", "--no-explain"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["settings"]["time_limit"] == 7.5
    given = ["plan", str(bakery_path), "--json", "--no-explain", "--time-limit", "3"]
    assert json.loads(runner.invoke(app, given, env=env).stdout)["settings"]["time_limit"] == 3
    bad = runner.invoke(app, ["plan", str(bakery_path)], env={"HEADWAY_PLAN_TIME_LIMIT": "soon"})
    assert bad.exit_code != 0
    assert "HEADWAY_PLAN_TIME_LIMIT" in bad.output


def test_the_time_budget_setting_applies_and_a_time_limit_of_0_proves(bakery_path: Path) -> None:
    env = {"HEADWAY_PLAN_TIME_BUDGET": "40"}
    args = ["plan", str(bakery_path), "--json", "--no-explain"]
    settings = json.loads(runner.invoke(app, args, env=env).stdout)["settings"]
    assert settings["time_budget"] == 40 and settings["time_limit"] > 0
    proving = json.loads(runner.invoke(app, [*args, "--time-limit", "0"], env=env).stdout)
    assert proving["settings"]["time_limit"] is None
    assert proving["settings"]["time_budget"] is None
    assert proving["proven_optimal"]


def test_an_infeasible_plan_exits_2_names_the_cause_and_is_not_approved(
    bakery_path: Path, tmp_path: Path
) -> None:
    text = bakery_path.read_text(encoding="utf-8")
    text = text.replace("min_readiness_for_high_risk: 0.55", "min_readiness_for_high_risk: 1.0")
    text = text.replace(
        "  - id: self-order-kiosk\n", "  - id: self-order-kiosk\n    mandatory: true\n"
    )
    document = tmp_path / "headway.yaml"
    document.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(document)])
    assert result.exit_code == 2, result.output
    assert "no plan fits: self-order-kiosk is mandatory but high-risk" in result.output
    approving = runner.invoke(app, ["plan", str(document), "--approve", "--by", "Ana"])
    assert approving.exit_code == 1, approving.output  # refused
    assert "self-order-kiosk is mandatory but high-risk" in approving.output
    assert not (tmp_path / "approved-plan.yaml").exists()
    as_json = runner.invoke(app, ["plan", str(document), "--json", "--no-explain"])
    assert as_json.exit_code == 2
    data = json.loads(as_json.stdout, parse_constant=lambda name: pytest.fail(name))
    assert "self-order-kiosk is mandatory" in data["problems"][0]["message"]


def test_plan_robustness_prints_shares_as_the_report_does(bakery_path: Path) -> None:
    """Each initiative's share of scenarios in whole percent, as the report's robustness table
    writes it (the number model), every initiative of the bakery listed once."""
    result = runner.invoke(app, ["plan", str(bakery_path), "--no-explain", "--robustness", "20"])
    assert result.exit_code == 0, result.output
    text = result.output.split("Robustness over 20 scenarios (seed 0)")[1]
    rows = [line.split() for line in text.splitlines() if line.startswith(("  in ", "  out "))]
    assert len(rows) == 14 and len({row[1] for row in rows}) == 14
    assert all(row[2].endswith("%") and row[2][:-1].isdigit() for row in rows)
    assert all(0 <= int(row[2][:-1]) <= 100 for row in rows)
