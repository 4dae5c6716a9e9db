"""The one clock of the command line: the `today` setting (HEADWAY_TODAY) fixes the day."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from headway.cli import app
from tests.conftest import TEMPLATES


def test_the_report_is_dated_by_the_today_setting(tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(
        app,
        ["report", str(TEMPLATES / "bakery.yaml"), "-o", str(target)],
        env={"HEADWAY_TODAY": "2027-03-01"},
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(target, read_only=True)
    cells = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) if row]
    assert ("Made on", "2027-03-01") in [tuple(row[:2]) for row in cells]
