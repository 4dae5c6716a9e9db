"""Every template's report in HTML and XLSX (the PDF in test_pdf.py): each figure that appears
in more than one place has the same value and the same unit everywhere."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from headway.report import render_html, report_to_xlsx
from headway.report.view import numbers_for
from tests.report.conftest import TEMPLATE_PATHS, template_report
from tests.report.figures import html_tables, section_text, shared_figures


def _sheet_rows(book: openpyxl.Workbook, name: str) -> list[dict[str, object]]:
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
def test_a_figure_reads_the_same_in_every_place_and_format(path: Path) -> None:
    report = template_report(path)
    f = numbers_for(report)
    html = render_html(report)
    book = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report)))
    # The plan's totals: in the summary, on the bank page, and in the workbook's summary.
    summary, bank = section_text(html, "summary"), section_text(html, "bank")
    for name, text in shared_figures(report).items():
        assert text in summary, name
        assert text in bank or name.startswith("upfront"), name
    book_summary = {row["Item"]: row["Value"] for row in _sheet_rows(book, "summary")}
    assert f.money(book_summary["Upfront spend"]) in summary  # type: ignore[arg-type]
    assert f.money(book_summary["Upfront budget"]) in summary  # type: ignore[arg-type]
    # Alignment, % of the weighted gap: ranking and roadmap tables and both workbook sheets.
    tables = html_tables(html)
    ranked = next(t for t in tables if t.section == "initiatives" and "Rank" in t.headers)
    roadmap = next(t for t in tables if t.section == "roadmap" and "In plan" in t.headers)
    unit = "Alignment (% of weighted gap)"
    assert unit in ranked.headers and unit in roadmap.headers
    by_name = {row["Name"]: row for row in _sheet_rows(book, "initiatives")}
    assert unit in by_name[next(iter(by_name))]
    in_ranking, in_roadmap = ranked.column("Alignment"), roadmap.column("Alignment")
    for name, row in by_name.items():
        assert in_ranking[name] == f.gap(row[unit]), name  # type: ignore[arg-type]
    for row in _sheet_rows(book, "roadmap"):
        assert in_roadmap[row["Name"]] == f.gap(row[unit])  # type: ignore[arg-type,index]
    # Scores out of 100 with one decimal: the workbook holds what the report prints.
    scores = ranked.column("Score (0-100)")
    for name, row in by_name.items():
        assert scores[name] == f.number(row["Score (0-100)"], 1)  # type: ignore[arg-type]
    # Money with the currency's unit: the likely NPV in the ranking and the workbook.
    npv = ranked.column(f"NPV, likely ({f.currency})")
    for name, row in by_name.items():
        assert npv[name] == f.money(row[f"NPV likely ({f.currency})"])  # type: ignore[arg-type]
    # Each plan year: the bank table's cumulative cash and the engine's.
    bank_table = next(t for t in tables if t.section == "bank" and t.rows)
    cumulative = next(row for row in bank_table.rows if row[0] == "Cumulative")
    assert cumulative[1:-1] == [f.money(y.cumulative) for y in report.cash.years]
