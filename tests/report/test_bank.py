"""The page for the bank: cash flow by year, funding and payback in the HTML, and the workbook's
bank sheet as formulas that LibreOffice recomputes to the engine's totals."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from headway.report import Report, render_html, report_to_xlsx
from headway.report.bank_sheet import bank_sheet
from headway.report.view import numbers_for
from tests.report.conftest import missing_tool


def test_the_report_shows_cash_flow_by_year_funding_and_payback(bakery_report: Report) -> None:
    html = render_html(bakery_report)
    f, cash = numbers_for(bakery_report), bakery_report.cash
    assert 'id="bank"' in html
    for year in cash.years:
        assert f">{year.label}<" in html
        assert f">{f.money(year.cumulative)}<" in html
    assert f.money(cash.funding_needed) in html
    assert cash.period_labels[cash.funding_period or 0] in html
    assert f.months(cash.payback_months) in html


def _recomputed(content: bytes, tmp_path: Path) -> openpyxl.Workbook:
    """The workbook as LibreOffice Calc saves it after recomputing every formula."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        missing_tool("LibreOffice Calc (apt-get install libreoffice-calc-nogui)")
    source = tmp_path / "report.xlsx"
    source.write_bytes(content)
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()  # its own profile: parallel runs do not collide
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--calc",
         "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return openpyxl.load_workbook(out / "report.xlsx", data_only=True)


def test_bank_sheet_formulas_recompute_to_the_engines_totals(
    bakery_report: Report, tmp_path: Path
) -> None:
    content = report_to_xlsx(bakery_report)
    written = openpyxl.load_workbook(io.BytesIO(content))
    cells = bank_sheet(openpyxl.Workbook().active, bakery_report)  # where the totals are
    totals = [written["bank"][cells.funding], written["bank"][cells.npv]] + [
        written["bank"].cell(row=row, column=c) for row in cells.years for c in range(3, 8)
    ]
    assert all(str(cell.value).startswith("=") for cell in totals)  # live, not pasted
    sheet = _recomputed(content, tmp_path)["bank"]
    cash = bakery_report.cash
    assert sheet[cells.funding].value == pytest.approx(cash.funding_needed)
    assert sheet[cells.npv].value == pytest.approx(cash.npv)
    for row, year in zip(cells.years, cash.years, strict=True):
        upfront, running, benefits, net, cumulative = (
            sheet.cell(row=row, column=c).value for c in range(3, 8)
        )
        assert (upfront, running, benefits) == pytest.approx(
            (year.upfront, year.running, year.benefits)
        )
        assert (net, cumulative) == pytest.approx((year.net, year.cumulative))
