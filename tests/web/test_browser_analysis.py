"""A real headless Chromium walks the analysis and monitoring pages as an owner would: the demo
workspace's dashboard, evaluation and plan (each first a progress bar, then the result), a lower
budget that changes the plan and moves the frontier's budget marker, the what-if saved as a
scenario and compared with the original, a year of measurements uploaded (the bakery's worked
example), the dashboard naming a KPI off track and an initiative not delivering, a changed
strategy published and the realignment listing what to stop. Every chart is checked (SVG present,
not empty, axis titles with units). Screenshots go to test-output/web-analysis/."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User

from headway.web.members import new_workspace
from headway.workspace.example import EXAMPLE_DIR
from tests.web.conftest import PASSWORD, SHOTS

OUT = SHOTS / "web-analysis"
UNITS = re.compile(r"\((?:[^()]*)\)")  # an axis title names its unit in brackets


def _settled(page: Any) -> None:
    """Wait until the page's computation is done (the progress part reloads the page)."""
    page.wait_for_selector("main section.report-section, main table, .job .error", timeout=240_000)
    assert page.locator(".job .error").count() == 0, page.locator(".job .error").inner_text()


def _fresh(page: Any) -> None:
    """Wait until the page shows the answer with the newest tracking data (a page showing the
    previous answer meanwhile reloads itself when the new one is there)."""
    _settled(page)
    for _ in range(240):
        if page.locator("text=the next computation includes them").count() == 0:
            return
        page.wait_for_timeout(1000)
        _settled(page)
    raise AssertionError("the newest tracking data never arrived")


def _charts(page: Any, where: str) -> list[str]:
    """Every chart of the page as SVG text, each checked: drawn, with axis titles in units."""
    charts: list[str] = page.locator("figure.chart svg").evaluate_all(
        "nodes => nodes.map(n => n.outerHTML)"
    )
    for svg in charts:
        assert svg.count("<") > 10, f"{where}: an empty chart"
        titles = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
        assert any(UNITS.search(t) for t in titles), f"{where}: no axis title with a unit"
    return charts


def _frontier(page: Any) -> str:
    svg: str = page.locator("#frontier figure.chart svg").first.evaluate("n => n.outerHTML")
    return svg


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=OUT / f"{name}.png", full_page=True)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_owner_walks_analysis_and_monitoring(live_server: Any, browser: Any, settings: Any) -> None:
    settings.HEADWAY_JOB_RUNNER = "thread"
    settings.HEADWAY_TODAY = dt.date(2027, 12, 31)
    OUT.mkdir(parents=True, exist_ok=True)
    owner = User.objects.create_user("olga", "olga@example.com", PASSWORD)
    workspace = new_workspace("Demo bakery", owner, "bakery")
    base = f"{live_server.url}/w/{workspace.pk}"
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    _dashboard_and_evaluation(page, base)
    _plan_what_if_and_scenario(page)
    _measurements_off_track(page)
    _published_change_realigned(page, base)
    small = browser.new_page(viewport={"width": 360, "height": 740})
    small.context.add_cookies(page.context.cookies())
    small.goto(f"{base}/plan/")
    _settled(small)
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the plan page scrolls sideways at 360 px ({width} px)"
    _shot(small, "11-plan-360px")


def _dashboard_and_evaluation(page: Any, base: str) -> None:
    """The dashboard computed in the background, then the evaluation and one breakdown."""
    page.goto(f"{base}/dashboard/")
    assert page.locator("progress").count() == 1  # computed in the background, not in the request
    _shot(page, "01-dashboard-computing")
    _settled(page)
    assert page.locator("#summary").count() == 1 and page.locator("#gaps").count() == 1
    _charts(page, "dashboard")
    _shot(page, "02-dashboard")

    page.get_by_role("link", name="Evaluation").first.click()
    _settled(page)
    assert page.locator("#initiatives table").count() >= 1
    _charts(page, "evaluation")
    _shot(page, "03-evaluation")
    page.get_by_role("link", name="Own online pre-ordering with click & collect").click()
    page.wait_for_selector("h2:has-text('Why')", timeout=240_000)
    _shot(page, "04-why-an-initiative")


def _plan_what_if_and_scenario(page: Any) -> None:
    """A lower budget changes the plan and moves the frontier's marker; saved as a scenario and
    compared with the strategy as it is."""
    page.get_by_role("link", name="Plan").first.click()
    _settled(page)
    charts = _charts(page, "plan")
    assert len(charts) >= 3  # roadmap, budget and capacity, frontier (and growth)
    roadmap, frontier = page.locator("#roadmap").inner_text(), _frontier(page)
    _shot(page, "05-plan")

    page.get_by_label("Total budget").fill("3000")
    page.get_by_role("button", name="Solve again").click()
    _settled(page)
    _charts(page, "plan under a lower budget")
    assert page.locator("#roadmap").inner_text() != roadmap  # the plan changed
    assert _frontier(page) != frontier  # the budget marker moved
    _shot(page, "06-plan-lower-budget")

    page.get_by_label("Save this what-if as a scenario named").fill("Lean year")
    page.get_by_role("button", name="Save scenario").click()
    page.wait_for_selector("table caption:has-text('Best plan of each scenario')", timeout=240_000)
    rows = page.locator("table tbody th[scope=row]").all_inner_texts()
    assert rows == ["As the strategy is", "Lean year"]
    _shot(page, "07-scenarios-compared")


def _measurements_off_track(page: Any) -> None:
    """A year of measurements imported and a status recorded: monitoring's charts, then the
    dashboard names a KPI off track and an initiative not delivering."""
    page.get_by_role("link", name="Monitoring").first.click()
    page.set_input_files("#id_file", str(EXAMPLE_DIR / "measurements.csv"))
    page.get_by_role("button", name="Import").click()
    page.wait_for_selector("text=Measurements imported (280 added")
    page.get_by_label("Initiative", exact=True).select_option("online-shop")
    page.get_by_label("Status", exact=True).select_option("live")
    page.get_by_label("Since").fill("2027-04-05")
    page.get_by_role("button", name="Record status").click()
    page.wait_for_selector("text=Status recorded.")
    _fresh(page)
    trends = _charts(page, "monitoring")
    assert len(trends) >= 3  # Alignment Index over time, realization, KPI trends
    _shot(page, "08-monitoring")

    page.get_by_role("link", name="Dashboard").first.click()
    _fresh(page)
    attention = page.locator("#attention").inner_text()
    assert "KPI off track" in attention and "Initiative not delivering" in attention
    _shot(page, "09-dashboard-attention")


def _published_change_realigned(page: Any, base: str) -> None:
    """A changed strategy imported and published: the realignment lists what to stop."""
    page.goto(f"{base}/import/")
    page.set_input_files("input[type=file]", str(EXAMPLE_DIR / "headway-v2.yaml"))
    page.get_by_role("button", name="Import into the draft").click()
    page.get_by_role("button", name="Publish as the next version").click()
    page.goto(f"{base}/realignment/")
    page.wait_for_selector("table caption:has-text('What to start, stop')", timeout=240_000)
    actions = page.locator("table tbody td:first-child").all_inner_texts()
    assert "stop" in actions
    _shot(page, "10-realignment")
