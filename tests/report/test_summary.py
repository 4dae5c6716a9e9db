"""The executive summary in plain words: the questions an owner and a bank ask, no jargon."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from headway.analysis.ethics import Finding, Severity
from headway.report import Report
from headway.report.appendix import appendix
from headway.report.summary import summary
from headway.report.view import numbers_for
from tests.report.conftest import TEMPLATE_PATHS, template_report

JARGON = ("TOPSIS", "P10", "P50", "P90", "Monte Carlo", "PERT", "weighted strategic gap", "pts")


def _text(report: Report) -> str:
    section = summary(report, numbers_for(report))
    return " ".join(f"{lead} {text}" for lead, text in section.leads)


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
def test_the_summary_answers_in_plain_words(path: Path) -> None:
    report = template_report(path)
    text = _text(report)
    for question in ("What to do.", "What it costs.", "What it returns.", "When."):
        assert question in text
    assert "What could go wrong." in text
    assert not [word for word in JARGON if word in text]
    glossary = " ".join(term for term, _ in appendix(report, numbers_for(report)).tables[0].rows)
    assert "TOPSIS" in glossary and "P10" in glossary


def test_the_return_is_the_likely_npv_not_the_risk_adjusted_one(bakery_report: Report) -> None:
    f = numbers_for(bakery_report)
    text = _text(bakery_report)
    assert f"worth {f.money(bakery_report.cash.npv)} in today's money" in text
    assert bakery_report.cash.npv != pytest.approx(bakery_report.plan.npv)
    assert f.money(bakery_report.plan.npv) not in text


def test_ethics_counts_only_findings_on_planned_initiatives(bakery_report: Report) -> None:
    left_out = bakery_report.plan.not_selected[0].initiative
    planned = bakery_report.plan.selected[0].initiative
    findings = (
        Finding("personal-data", Severity.high, left_out, "left out"),
        Finding("personal-data", Severity.high, planned, "planned"),
    )
    text = _text(dataclasses.replace(bakery_report, findings=findings))
    assert "raises 1 point on the planned initiatives; 1 must be resolved" in text


def test_with_a_year_of_tracking_the_summary_names_what_is_not_delivering(
    tracked_report: Report,
) -> None:
    """The bakery example: the online shop keeps to its old trend (tests/monitoring)."""
    text = _text(tracked_report)
    lead = re.search(r"What is not delivering\. (.*?)(?= How to read)", text)
    assert lead is not None
    assert "Own online pre-ordering" in lead.group(1) and "Not delivering:" in lead.group(1)
