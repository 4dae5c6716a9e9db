"""The report workbook: one sheet per section, numbers as numbers, units in the headers."""

from __future__ import annotations

import io
import re

import openpyxl

from headway.report import Report, report_to_xlsx


def test_sheets_hold_the_engines_numbers_with_units(bakery_report: Report) -> None:
    book = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(bakery_report)))
    assert book.sheetnames[:6] == ["summary", "bank", "goals", "kpi_gaps", "needs", "initiatives"]
    assert {"roadmap", "budget_by_period", "frontier", "growth", "ethics"} <= set(book.sheetnames)
    sheet = book["initiatives"]
    headers = [c.value for c in sheet[1]]
    assert "NPV P50 (EUR)" in headers and "Payback (months)" in headers
    best = bakery_report.evaluation.initiatives[0]
    row = {h: c.value for h, c in zip(headers, sheet[2], strict=True)}
    assert row["Initiative"] == best.initiative
    assert row["NPV P50 (EUR)"] == best.uncertainty.npv.p50
    assert row["Alignment (% of weighted gap)"] == best.alignment.value
    score = sheet.cell(row=2, column=headers.index("Score (0-100)") + 1)
    assert score.value == 100 * best.score  # held as shown: 84.1, not 0.841 shown as 0.8
    assert score.number_format == "0.0"
    periods = book["budget_by_period"]
    upfront = [c.value for c in periods["D"][1:]]
    assert upfront == [p.upfront for p in bakery_report.plan.periods]


def test_text_from_the_strategy_is_never_a_formula(bakery_report: Report) -> None:
    """Only the bank sheet has formulas, and they are Headway's own: cell references, numbers
    and four functions; every text from the strategy stays text."""
    book = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(bakery_report)))
    own = re.compile(r"=(?:SUMIF|SUMPRODUCT|MAX|MIN|\$?[A-Z]{1,2}\$?\d+|\d+|[-+*/^(),:])*")
    for sheet in book.worksheets:
        formulas = [c.value for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        assert not formulas or sheet.title == "bank"
        assert all(own.fullmatch(formula) for formula in formulas), sheet.title
    assert any(c.data_type == "f" for row in book["bank"].iter_rows() for c in row)
