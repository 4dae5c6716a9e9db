"""`convert` over an existing YAML document keeps what the person wrote: comments, layout and
numbers as written, changing only the values that differ."""

from __future__ import annotations

import difflib
from pathlib import Path

from typer.testing import CliRunner

from headway.cli import app
from headway.strategy.load import load_strategy
from headway.strategy.xlsx import strategy_from_xlsx, strategy_to_xlsx
from headway.workspace.convert import yaml_over
from tests.conftest import TEMPLATES

BAKERY = TEMPLATES / "bakery.yaml"


def test_an_unchanged_strategy_leaves_the_yaml_byte_for_byte() -> None:
    text = BAKERY.read_text(encoding="utf-8")
    workbook = strategy_to_xlsx(load_strategy(BAKERY))
    assert yaml_over(text, strategy_from_xlsx(workbook), file="headway.yaml") == text


def test_convert_force_changes_only_the_changed_value(tmp_path: Path) -> None:
    target = tmp_path / "headway.yaml"
    target.write_text(BAKERY.read_text(encoding="utf-8"), encoding="utf-8")
    target.chmod(0o640)
    strategy = load_strategy(BAKERY)
    changed = strategy.model_copy(
        update={"business": strategy.business.model_copy(update={"annual_revenue": 812000.0})}
    )
    (tmp_path / "s.xlsx").write_bytes(strategy_to_xlsx(changed))
    result = CliRunner().invoke(app, ["convert", str(tmp_path / "s.xlsx"), str(target), "--force"])
    assert result.exit_code == 0, result.output
    before = BAKERY.read_text(encoding="utf-8").splitlines()
    after = target.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(before, after, lineterm="", n=0))[2:]
    assert diff == [
        "@@ -16 +16 @@",
        "-  annual_revenue: 780000        # EUR per year (assumed)",
        "+  annual_revenue: 812000        # EUR per year (assumed)",
    ]
    assert target.stat().st_mode & 0o777 == 0o640
    assert load_strategy(target) == changed
