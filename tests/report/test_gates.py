"""The report shows the plan's decision gates: the Gantt marks pilots and gates, a table lists
them with their criteria and, with tracking data, the go/no-go decision."""

from __future__ import annotations

import io
import re
from datetime import date

import openpyxl

from headway.monitoring.records import Status, StatusRecord
from headway.monitoring.status import Tracking
from headway.portfolio.results import PlanSettings
from headway.report import build_report
from headway.report.html import render_html
from headway.report.workbook import report_to_xlsx
from headway.strategy.load import load_strategy
from tests.conftest import TEMPLATES
from tests.monitoring.test_gates import PILOT_START, weekly
from tests.report.conftest import template_report

SHOP = TEMPLATES / "ecommerce.yaml"


def test_the_report_lists_the_gate_and_marks_the_pilot_on_the_roadmap() -> None:
    report = template_report(SHOP)
    html = render_html(report)
    assert "Decision gates: each pilot runs to its gate" in html
    assert "Average order value: at least 0,25 EUR higher" in html
    assert "2027-Q2 (2027-04)" in html
    assert "not tracked yet" in html
    assert "pilot from 2027-Q1, go/no-go gate and roll-out from 2027-Q2" in html  # chart text
    assert ">pilot</text>" in html  # the chart's legend, whose second row fits in the chart
    chart = next(c for c in re.findall(r"<svg.*?</svg>", html, re.S) if ">pilot</text>" in c)
    height = float(re.findall(r'viewBox="0 0 [\d.]+ ([\d.]+)"', chart)[0])
    [row] = re.findall(r'<text[^>]* y="([\d.]+)"[^>]*>go/no-go decision</text>', chart)
    assert float(row) < height
    assert "a pilot is mid-grey, its go/no-go gate a diamond" in html


def test_the_report_without_pilots_has_no_gates() -> None:
    html = render_html(template_report(TEMPLATES / "bakery.yaml"))
    assert "Decision gates" not in html
    assert ">pilot</text>" not in html


def test_the_workbook_has_a_gates_sheet_with_the_decision() -> None:
    tracking = Tracking(
        weekly(1.0), [StatusRecord("recommendations-app", Status.in_progress, PILOT_START)]
    )
    report = build_report(
        load_strategy(SHOP),
        seed=7,
        scenarios=500,
        settings=PlanSettings(explain=False),
        made_on=date(2028, 1, 15),
        frontier_points=3,
        tracking=tracking,
    )
    book = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report)))
    rows = list(book["gates"].iter_rows(values_only=True))
    assert rows[0][:6] == (
        "Initiative",
        "Name",
        "Pilot from (period)",
        "Go/no-go gate (period)",
        "Gate month",
        "Pilot cost (EUR)",
    )
    [row] = rows[1:]
    assert row[0] == "recommendations-app"
    assert row[2:8] == (
        "2027-Q1",
        "2027-Q2",
        "2027-04",
        100,
        0.25,
        "Average order value: at least 0,25 EUR higher",
    )
    assert row[8] == "go"
    assert str(row[9]).startswith("Go: the pilot met every success criterion")
    html = render_html(report)
    assert "Go: the pilot met every success criterion; roll out." in html
    scorecard = html[html.index('id="pilot-gates"') :]  # beside benefit realization
    assert "Go/no-go gates of pilots" in scorecard[:400]
    assert "<td>2027-09-01</td><td>go</td>" in scorecard
