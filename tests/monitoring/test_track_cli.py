"""The monitoring commands: track import/add/status/example, status and diff."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from headway.cli import app
from headway.workspace import Workspace
from headway.workspace.example import EXAMPLE_DIR, install_example
from tests.monitoring.conftest import write

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


def test_import_reports_every_bad_row_and_exits_2(workspace: Workspace, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", "kpi,date,value\nwaste,2027-01-01,1\nwaste-share,x,2\n")
    result = runner.invoke(app, ["track", "import", str(bad), "--dir", str(workspace.root)])
    assert result.exit_code == 2
    assert "2 problems found" in result.output
    assert "bad.csv:2:1: kpi: 'waste' is not a KPI of the strategy" in result.output
    assert "bad.csv:3:2: date: 'x' is not a date" in result.output
    assert "Traceback" not in result.output
    assert not (workspace.root / "measurements.csv").exists()


def test_import_then_reimport(workspace: Workspace, tmp_path: Path) -> None:
    good = write(tmp_path / "good.csv", "kpi,date,value\nwaste-share,2027-01-04,9\n")
    args = ["track", "import", str(good), "--dir", str(workspace.root)]
    assert "1 added, 0 replaced, 0 unchanged" in runner.invoke(app, args).output
    assert "0 added, 0 replaced, 1 unchanged" in runner.invoke(app, args).output


def test_add_and_status(workspace: Workspace) -> None:
    root = str(workspace.root)
    result = runner.invoke(app, ["track", "add", "queue-minutes", "2027-01-04", "6.5", "-d", root])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["track", "add", "queue", "2027-01-04", "6.5", "-d", root])
    assert result.exit_code == 2
    assert "did you mean 'queue-minutes'" in result.output
    args = ["track", "status", "cloud-pos", "live", "--date", "2027-02-01", "-d", root]
    result = runner.invoke(app, [*args, "--owner", "Maya", "--actual-upfront", "4900"])
    assert result.exit_code == 0, result.output
    assert "recorded" in result.output
    result = runner.invoke(app, ["track", "status", "cloud-pos", "done", "--date", "2027-02-01"])
    assert result.exit_code == 2
    assert "'done' is not one of idea, planned, in progress, live, retired" in result.output
    args = ["track", "status", "cloud-pos", "live", "--date", "2027-02-31", "-d", root]
    assert runner.invoke(app, args).exit_code == 2


def test_status_of_a_folder_without_strategy(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a workspace" in result.output


def test_status_of_the_example(tmp_path: Path) -> None:
    folder = tmp_path / "ex"
    assert runner.invoke(app, ["track", "example", str(folder)]).exit_code == 0
    assert runner.invoke(app, ["track", "example", str(folder)]).exit_code == 2
    result = runner.invoke(app, ["status", str(folder)], env=WIDE)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Alignment Index 66/100 at risk (measured)" in text
    assert "not delivering" in text
    result = runner.invoke(app, ["status", str(folder), "--json"])
    data = json.loads(result.output)
    assert data["index"]["score"] == 65.5
    assert data["as_of"] == "2027-12-27"
    assert {r["verdict"] for r in data["realizations"]} == {
        "delivering",
        "not delivering",
        "not yet clear",
    }
    assert data["series"][0]["values"]


def test_diff(tmp_path: Path) -> None:
    old = str(EXAMPLE_DIR.parent / "bakery.yaml")
    new = str(EXAMPLE_DIR / "headway-v2.yaml")
    result = runner.invoke(app, ["diff", old, new], env=WIDE)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "re-optimised plan closes 61.8%" in text
    assert "orphan: shift-planner serves no weighted goal" in text
    data = json.loads(runner.invoke(app, ["diff", old, new, "--json"]).output)
    assert {m["action"] for m in data["moves"]} == {"start", "stop", "continue", "re-sequence"}
    broken = write(tmp_path / "broken.yaml", "goals: [")
    assert runner.invoke(app, ["diff", old, str(broken)]).exit_code == 2


def test_diff_from_a_workspace_counts_what_is_under_way(tmp_path: Path) -> None:
    folder = install_example(tmp_path / "ex")
    args = ["diff", str(folder), str(folder / "headway-v2.yaml"), "--json"]
    data = json.loads(runner.invoke(app, args).output)
    moves = {m["initiative"]: (m["action"], m["status"]) for m in data["moves"]}
    # Live and still in the new plan (later): kept, although it is not delivering yet.
    assert moves["online-shop"] == ("continue", "live")
    assert moves["loyalty-email"] == ("stop", None)
    assert moves["route-planner"] == ("stop", "live")
    assert moves["demand-forecast"] == ("continue", "in progress")  # started: not re-sequenced
    assert moves["wholesale-portal"] == ("start", None)
    assert "route-planner" in [o["initiative"] for o in data["orphans"]]
