"""`headway mine`: tables, JSON, merging into a strategy, and errors without tracebacks."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway import load_strategy
from headway.cli import app

runner = CliRunner()

CSV = """id,step,at,who
1,Receive,2024-01-01 09:00,ann
1,Pack,2024-01-01 10:00,bob
2,Receive,2024-01-02 09:00,ann
2,Pack,2024-01-02 09:30,bob
2,Pack,2024-01-02 09:45,bob
"""
COLUMNS = ["--case", "id", "--activity", "step", "--timestamp", "at", "--resource", "who"]


@pytest.fixture
def csv_log(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_json_output_holds_the_documented_fields(csv_log: Path) -> None:
    result = runner.invoke(app, ["mine", str(csv_log), *COLUMNS, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {k: data["totals"][k] for k in ("events", "cases", "activities", "variants")} == {
        "events": 5,
        "cases": 2,
        "activities": 2,
        "variants": 2,
    }
    assert {a["activity"]: a["events"] for a in data["activities"]} == {"Receive": 2, "Pack": 3}
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    assert edges[("Receive", "Pack")]["count"] == 2
    assert edges[("Receive", "Pack")]["mean_s"] == 2700.0
    assert edges[("Pack", "Pack")]["median_s"] == 900.0
    assert data["candidates"][0]["activity"] in {"Receive", "Pack"}
    assert any("only 2 cases" in w for w in data["warnings"])


def test_tables_show_activities_and_candidates(csv_log: Path) -> None:
    result = runner.invoke(app, ["mine", str(csv_log), *COLUMNS], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "5 events, 2 cases, 2 activities, 2 variants" in result.output
    assert "automation candidates" in result.output
    assert "warning:" in result.output


def test_into_merges_the_picked_activity(csv_log: Path, tmp_path: Path, bakery_path: Path) -> None:
    document = tmp_path / "headway.yaml"
    shutil.copy(bakery_path, document)
    args = ["mine", str(csv_log), *COLUMNS, "--into", str(document), "--role", "counter"]
    result = runner.invoke(app, [*args, "--pick", "Pack"])
    assert result.exit_code == 0, result.output
    assert "added" in result.output and "pack" in result.output
    assert any(p.id == "pack" for p in load_strategy(document).processes)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--case", "nope"], "case column 'nope' is not in the file"),
        (["--into", "x.yaml"], "--into needs --role"),
        (["--period", "fortnight"], "unknown period"),
    ],
)
def test_bad_options_exit_2_with_a_message(csv_log: Path, args: list[str], message: str) -> None:
    base = ["--activity", "step", "--timestamp", "at"] if "--case" in args else COLUMNS
    result = runner.invoke(app, ["mine", str(csv_log), *base, *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_damaged_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "cut.xes.gz"
    path.write_bytes(gzip.compress(b'<?xml version="1.0"?><log><trace>' * 50)[:60])
    result = runner.invoke(app, ["mine", str(path)])
    assert result.exit_code == 2
    assert "damaged or truncated" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_empty_log_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "empty.xes"
    path.write_text('<?xml version="1.0"?><log xes.version="1.0"></log>', encoding="utf-8")
    result = runner.invoke(app, ["mine", str(path)])
    assert result.exit_code == 2
    assert "no events" in result.output
