"""Reports built once per test process, without the planner's slower explanations."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from functools import cache
from pathlib import Path

import pytest

from headway.portfolio.results import PlanSettings
from headway.report import Report, build_report
from tests.conftest import TEMPLATES

TEMPLATE_PATHS = sorted(TEMPLATES.glob("*.yaml"))
MADE_ON = dt.date(2027, 1, 15)


@cache
def template_report(path: Path) -> Report:
    """A template's report without the planner's explanations (a few seconds faster each)."""
    from headway.strategy.load import load_strategy

    return build_report(
        load_strategy(path),
        seed=7,
        scenarios=2000,
        settings=PlanSettings(explain=False),
        made_on=MADE_ON,
        frontier_points=5,
    )


@pytest.fixture(scope="session")
def bakery_report() -> Report:
    """The bakery's report (the planner's explanations are tested through the CLI)."""
    return template_report(TEMPLATES / "bakery.yaml")


@pytest.fixture(scope="session")
def tracked_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The bakery's worked example with a year of tracking data (2027): e-invoicing delivers,
    the online shop does not (`tests/monitoring/make_worked_example.py`)."""
    from headway.strategy.load import load_strategy
    from headway.workspace.example import install_example
    from headway.workspace.folder import folder_tracking

    root = install_example(tmp_path_factory.mktemp("example") / "bakery")
    return build_report(
        load_strategy(root / "headway.yaml"),
        seed=7,
        scenarios=2000,
        settings=PlanSettings(explain=False),
        made_on=dt.date(2028, 1, 15),
        frontier_points=5,
        tracking=folder_tracking(root / "headway.yaml"),
    )


def missing_tool(reason: str) -> None:
    """Skip, saying what to install; in CI (HEADWAY_REQUIRE_REPORT_TOOLS=1, set by .ci/run) fail."""
    if os.environ.get("HEADWAY_REQUIRE_REPORT_TOOLS"):
        pytest.fail(f"required for the report tests: {reason}")
    pytest.skip(reason)


@pytest.fixture
def pdf_tools() -> None:
    """WeasyPrint with Pango, and poppler-utils' pdftoppm, pdfinfo and pdftotext."""
    from headway.report.pdf import PdfUnavailableError, render_pdf

    try:
        render_pdf("<p>probe</p>")
    except PdfUnavailableError:
        missing_tool("WeasyPrint or Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0)")
    for tool in ("pdftoppm", "pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            missing_tool(f"{tool} (apt-get install poppler-utils)")
