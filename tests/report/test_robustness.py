"""Asked for, the report shows how often each initiative stays optimal across scenarios."""

from __future__ import annotations

import io

import openpyxl

from headway.portfolio.results import PlanSettings
from headway.report import build_report, render_html, report_to_xlsx
from headway.strategy.load import load_strategy
from tests.report.conftest import MADE_ON, TEMPLATE_PATHS


def test_robustness_is_shown_when_asked_for() -> None:
    strategy = load_strategy(TEMPLATE_PATHS[0])
    report = build_report(
        strategy,
        settings=PlanSettings(explain=False),
        scenarios=500,
        frontier_points=3,
        robustness_scenarios=4,
        workers=0,
        made_on=MADE_ON,
    )
    assert report.robustness is not None
    html = render_html(report)
    assert "Re-planned in 4 simulated scenarios" in html
    assert "Optimal in (share of scenarios)" in html
    sheet = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report)))["robustness"]
    shares = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert shares == [i.share_of_scenarios for i in report.robustness.items]
