"""A plan or a frontier stopped by its time limits says so, in the same words, everywhere the
report shows it: the summary, the roadmap (also the web plan page), the appendix, the workbook."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import openpyxl

from headway.portfolio.results import PlanSettings
from headway.report import Report, build_report, render_html, report_to_xlsx
from headway.report.appendix import appendix
from headway.report.plan_sections import frontier, roadmap
from headway.report.summary import summary
from headway.report.view import numbers_for
from headway.strategy.load import load_strategy
from tests.conftest import TEMPLATES

PROOF = (
    "Best plan found within the 10 s time limit, worth 61.0% of the weighted gap; no plan can be "
    "worth more than 61.3%, so it is at most 0.49% below the optimum. Allow more time to prove it."
)
NOTE = "5 of the 12 budget levels were solved within the 15 s time budget of this command."


def _stopped(report: Report) -> Report:
    plan = dataclasses.replace(
        report.plan, status="time_limit", proven_optimal=False, gap=0.0049, proof=PROOF
    )
    assert report.frontier is not None
    curve = dataclasses.replace(report.frontier, note=NOTE)
    return dataclasses.replace(report, plan=plan, frontier=curve)


def test_a_stopped_plan_says_how_far_from_the_optimum_it_can_be(bakery_report: Report) -> None:
    report = _stopped(bakery_report)
    f = numbers_for(report)
    assert PROOF in " ".join(text for _, text in summary(report, f).leads)
    assert PROOF in roadmap(report, f).paragraphs
    assert any(PROOF in bullet for bullet in appendix(report, f).parts[0].bullets)
    shown = frontier(report, f)
    assert shown is not None and NOTE in shown.paragraphs[0]
    assert "proven best plan" not in shown.paragraphs[0]
    book = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report)))
    cells = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert PROOF in cells and NOTE in cells


def test_a_proven_plan_shows_no_time_limit_words(bakery_report: Report) -> None:
    f = numbers_for(bakery_report)
    assert bakery_report.plan.proven_optimal
    assert roadmap(bakery_report, f).paragraphs == [bakery_report.plan.verdict]
    assert "time limit" not in " ".join(text for _, text in summary(bakery_report, f).leads)


def test_a_report_whose_time_ran_out_before_any_plan_is_still_written() -> None:
    bakery = load_strategy(TEMPLATES / "bakery.yaml")
    tiny = PlanSettings(explain=False, time_limit=1e-6, time_budget=1e-6)
    report = build_report(bakery, settings=tiny, made_on=dt.date(2027, 1, 15), scenarios=200)
    assert report.plan.decisions == ()
    html = render_html(report)
    assert "No plan yet: the time ran out before the solver found one." in html
    assert report.plan.proof in html
    report_to_xlsx(report)
