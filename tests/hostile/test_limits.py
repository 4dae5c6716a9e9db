"""Each size limit comes from the settings table: a refusal names the bound and the setting
that changes it, and raising the setting (its environment variable) lets the input through."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli import app
from headway.strategy.load import load_strategy
from headway.strategy.xlsx import strategy_to_xlsx
from tests.conftest import TEMPLATES

runner = CliRunner()
BAKERY = TEMPLATES / "bakery.yaml"


def test_workbook_rows_follow_the_setting(tmp_path: Path) -> None:
    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(strategy_to_xlsx(load_strategy(BAKERY)))
    args = ["convert", str(workbook), str(tmp_path / "out.yaml")]
    refused = runner.invoke(app, args, env={"HEADWAY_STRATEGY_SHEET_MAX_ROWS": "3"})
    assert refused.exit_code == 2
    assert "the limit is 3 rows below the header" in refused.output
    assert "strategy_sheet_max_rows" in refused.output
    assert not (tmp_path / "out.yaml").exists()
    assert runner.invoke(app, args).exit_code == 0


def test_tracking_rows_follow_the_setting(tmp_path: Path) -> None:
    (tmp_path / "headway.yaml").write_bytes(BAKERY.read_bytes())
    rows = "kpi,date,value\nwaste-share,2027-01-04,9\nwaste-share,2027-01-11,8\n"
    (tmp_path / "in.csv").write_text(rows, encoding="utf-8")
    args = ["track", "import", str(tmp_path / "in.csv"), "--dir", str(tmp_path)]
    refused = runner.invoke(app, args, env={"HEADWAY_TRACKING_MAX_ROWS": "1"})
    assert refused.exit_code == 2 and "tracking_max_rows" in refused.output
    assert not (tmp_path / "measurements.csv").exists()
    assert runner.invoke(app, args).exit_code == 0


@pytest.mark.parametrize(
    ("variable", "args", "expected"),
    [
        (
            "HEADWAY_EVALUATE_MAX_SCENARIOS",
            ["evaluate", str(BAKERY), "--scenarios", "5000"],
            "evaluate_max_scenarios",
        ),
        ("HEADWAY_YAML_MAX_EXPANDED_CHARS", ["validate", str(BAKERY)], "yaml_max_expanded_chars"),
    ],
)
def test_a_lowered_limit_names_its_setting(variable: str, args: list[str], expected: str) -> None:
    result = runner.invoke(app, args, env={variable: "1000"})
    assert result.exit_code == 2, result.output
    assert expected in result.output
