"""`init` guides the owner to price the KPIs that matter (issue point 3). Before, `init` only
said that every number was an assumption."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from headway.analysis.pricing import pricing_hints
from headway.cli import app
from headway.strategy.load import load_strategy
from headway.strategy.templates import template_path


def test_the_heaviest_kpis_come_first_with_their_value_and_its_source() -> None:
    hints = pricing_hints(load_strategy(template_path("bakery")))
    assert [(h.kpi, round(h.weight, 3)) for h in hints] == [
        ("online-order-share", 0.18),
        ("waste-share", 0.175),
        ("repeat-customers", 0.12),
        ("gross-margin-pct", 0.12),
        ("admin-hours-week", 0.09),
    ]
    assert (hints[0].priced, hints[0].source) == (True, "assumed")
    assert hints[3].kpi == "gross-margin-pct"
    assert (hints[3].priced, hints[3].money_per_unit_year, hints[3].source) == (
        False,
        0.0,
        "not priced",
    )


def test_init_names_the_kpis_to_price(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["init", str(tmp_path / "a"), "-t", "bakery"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Price the KPIs that matter most" in text
    assert "gross-margin-pct (weight 12%): not priced" in text
    assert "online-order-share (weight 18%): €2,340 a year per % (assumed)" in text
    data = json.loads(
        runner.invoke(app, ["init", str(tmp_path / "b"), "-t", "bakery", "--json"]).output
    )
    assert [h["kpi"] for h in data["pricing"]][:2] == ["online-order-share", "waste-share"]
