"""With a workspace's tracking data, the report adds the Alignment scorecard."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from headway.portfolio.results import PlanSettings
from headway.report import build_report, render_html, report_to_xlsx
from headway.report.build import with_tracking
from headway.strategy.load import load_strategy
from headway.workspace.example import install_example
from headway.workspace.folder import folder_tracking
from tests.report.conftest import MADE_ON


def test_a_workspace_with_measurements_gets_the_scorecard(tmp_path: Path) -> None:
    root = install_example(tmp_path / "bakery")
    strategy = load_strategy(root / "headway.yaml")
    tracking = folder_tracking(root / "headway.yaml")
    assert tracking is not None
    report = build_report(
        strategy,
        settings=PlanSettings(explain=False),
        scenarios=1000,
        frontier_points=3,
        tracking=tracking,
        made_on=MADE_ON,
    )
    assert report.status is not None
    html = render_html(report)
    assert ">Alignment scorecard" in html
    assert f"Alignment Index {report.status.index.score:.1f} of 100" in html
    for aspect in report.status.index.aspects:
        assert aspect.aspect in html
    book = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report)))
    assert book["alignment_scorecard"]["B2"].value == report.status.index.score


def test_a_lone_strategy_file_has_no_scorecard(tmp_path: Path, bakery_path: Path) -> None:
    assert folder_tracking(bakery_path) is None


def test_tracking_added_to_a_report_keeps_its_engine_results(tmp_path: Path) -> None:
    root = install_example(tmp_path / "bakery")
    strategy = load_strategy(root / "headway.yaml")
    tracking = folder_tracking(root / "headway.yaml")
    assert tracking is not None
    steady = build_report(
        strategy, settings=PlanSettings(explain=False), scenarios=200, made_on=MADE_ON
    )
    tracked = with_tracking(steady, tracking)
    assert steady.status is None and tracked.status is not None
    assert tracked.plan is steady.plan and tracked.evaluation is steady.evaluation
    assert tracked.tracking is tracking and tracked.index_history
    assert ">Alignment scorecard" in render_html(tracked)
