"""`headway evaluate` on the bakery template."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from headway.cli import app
from tests.conftest import TEMPLATES

runner = CliRunner()
BAKERY = str(TEMPLATES / "bakery.yaml")


def test_tables_units_and_verdicts() -> None:
    result = runner.invoke(
        app, ["evaluate", BAKERY, "--seed", "3", "--scenarios", "500"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    for text in ("KPI gaps", "EUR", "Verdicts", "Do it", "Seed 3, 500 scenarios"):
        assert text in result.output


def test_json_is_one_document() -> None:
    result = runner.invoke(app, ["evaluate", BAKERY, "--json", "--scenarios", "500"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "headway.evaluation/1"
    assert data["initiatives"][0]["rank"] == 1


def test_missing_document_exits_2() -> None:
    result = runner.invoke(app, ["evaluate", "/nonexistent/headway.yaml"])
    assert result.exit_code == 2
