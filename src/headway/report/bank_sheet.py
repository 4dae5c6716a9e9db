"""The workbook's `bank` sheet: the plan's cash flow as live formulas a banker can audit.

Inputs are values (each initiative's upfront, running and benefit money per period from the
engine, the discount rate, the estimates behind them with their sources); every total is a
formula over them: the plan's lines (SUMIF by item), net, cumulative, the years (SUMIF by plan
year), funding needed (the lowest cumulative) and the NPV (SUMPRODUCT with discount factors that
are formulas of the rate). Recomputed by any spreadsheet, they give the report's figures.
"""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from headway.portfolio.cashflow import PlanCashFlow
from headway.report.bank import ITEMS
from headway.report.build import Report
from headway.strategy.xlsx import put_cell

MONEY = "#,##0"
FIRST = 3  # first column of the periods (C)
_BOLD = Font(bold=True)


class Cells:
    """Where the sheet put its totals (cell references), for the formulas below and for tests."""

    def __init__(self) -> None:
        self.rows: dict[str, int] = {}
        self.funding = ""
        self.npv = ""
        self.years: list[int] = []


def bank_sheet(sheet: Worksheet, report: Report) -> Cells:
    """Fill `sheet` with the plan's cash flow as formulas; returns where the totals are."""
    cash, cur = report.cash, report.strategy.business.currency
    cells = Cells()
    n = len(cash.period_labels)
    last = get_column_letter(FIRST + n - 1)
    _text(sheet, 1, 1, f"Cash flow of the plan ({cur}), likely estimates", bold=True)
    _text(sheet, 2, 1, "Annual discount rate")
    sheet.cell(row=2, column=2, value=report.strategy.horizon.discount_rate_per_year)
    sheet.cell(row=2, column=2).number_format = "0.0%"
    _text(sheet, 3, 1, "Months per period")
    sheet.cell(row=3, column=2, value=report.strategy.horizon.period.months)
    _period_rows(sheet, cash, n)
    row = 8
    first_line = row
    for line in cash.lines:
        _text(sheet, row, 1, line.name)
        _text(sheet, row, 2, line.item)
        for p, value in enumerate(line.per_period):
            _money(sheet, row, FIRST + p, value)
        row += 1
    lines = (first_line, row - 1)
    row = _plan_rows(sheet, cells, row + 1, n, lines, last)
    row = _year_rows(sheet, cells, row + 1, cash, last)
    row = _result_rows(sheet, cells, row + 1, last)
    _assumption_rows(sheet, cash, row + 1)
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 14
    for c in range(FIRST, FIRST + n):
        sheet.column_dimensions[get_column_letter(c)].width = 12
    return cells


def _period_rows(sheet: Worksheet, cash: PlanCashFlow, n: int) -> None:
    """Period labels, plan years, period numbers and discount factors (formulas of the rate)."""
    for label, row in (("Period", 4), ("Plan year", 5), ("Start factor", 6), ("End factor", 7)):
        _text(sheet, row, 2, label, bold=row == 4)
    _text(sheet, 6, 1, "Discount at the start of a period (upfront) and at its end")
    for p in range(n):
        c = FIRST + p
        _text(sheet, 4, c, cash.period_labels[p], bold=True)
        sheet.cell(row=5, column=c, value=cash.period_years[p])
        rate = "((1+$B$2)^($B$3/12)-1)"
        sheet.cell(row=6, column=c, value=f"=(1+{rate})^-{p}")
        sheet.cell(row=7, column=c, value=f"=(1+{rate})^-{p + 1}")
        for r in (6, 7):
            sheet.cell(row=r, column=c).number_format = "0.0000"


def _plan_rows(
    sheet: Worksheet, cells: Cells, row: int, n: int, lines: tuple[int, int], last: str
) -> int:
    """The plan's upfront, running and benefits (SUMIF over the lines), net and cumulative."""
    a, b = lines
    for item, label in ITEMS:
        _text(sheet, row, 1, f"Plan: {label.lower()}", bold=True)
        _text(sheet, row, 2, item)
        for p in range(n):
            col = get_column_letter(FIRST + p)
            formula = f"=SUMIF($B${a}:$B${b},$B{row},{col}${a}:{col}${b})" if b >= a else "=0"
            _money(sheet, row, FIRST + p, formula)
        cells.rows[item] = row
        row += 1
    up, run, ben = (cells.rows[item] for item, _ in ITEMS)
    _text(sheet, row, 1, "Plan: net (benefits - upfront - running)", bold=True)
    _text(sheet, row + 1, 1, "Plan: cumulative net", bold=True)
    for p in range(n):
        col = get_column_letter(FIRST + p)
        _money(sheet, row, FIRST + p, f"={col}{ben}-{col}{up}-{col}{run}")
        before = f"{get_column_letter(FIRST + p - 1)}{row + 1}+" if p else ""
        _money(sheet, row + 1, FIRST + p, f"={before}{col}{row}")
    cells.rows["net"], cells.rows["cumulative"] = row, row + 1
    return row + 2


def _year_rows(sheet: Worksheet, cells: Cells, row: int, cash: PlanCashFlow, last: str) -> int:
    """One row per plan year: sums of the plan's lines by the plan-year row, net, cumulative."""
    headers = ("Plan year", "Year", "Upfront", "Running", "Benefits", "Net", "Cumulative")
    for c, title in enumerate(headers, start=1):
        _text(sheet, row, c, title, bold=True)
    for y in cash.years:
        row += 1
        sheet.cell(row=row, column=1, value=y.year)
        _text(sheet, row, 2, y.label)
        for c, item in enumerate(("upfront", "running", "benefits"), start=3):
            source = cells.rows[item]
            _money(sheet, row, c, f"=SUMIF($C$5:${last}$5,$A{row},$C${source}:${last}${source})")
        _money(sheet, row, 6, f"=E{row}-C{row}-D{row}")
        _money(sheet, row, 7, f"=F{row}" if not cells.years else f"=G{row - 1}+F{row}")
        cells.years.append(row)
    return row + 1


def _result_rows(sheet: Worksheet, cells: Cells, row: int, last: str) -> int:
    """Funding needed (lowest cumulative below zero) and the NPV at the discount rate."""
    cum, up, run, ben = (cells.rows[k] for k in ("cumulative", "upfront", "running", "benefits"))
    _text(sheet, row, 1, "Funding needed (lowest cumulative net below zero)", bold=True)
    _money(sheet, row, 3, f"=MAX(0,-MIN($C${cum}:${last}${cum}))")
    cells.funding = f"C{row}"
    _text(sheet, row + 1, 1, "Net present value at the discount rate", bold=True)
    npv = (
        f"=SUMPRODUCT($C${ben}:${last}${ben}-$C${run}:${last}${run},$C$7:${last}$7)"
        f"-SUMPRODUCT($C${up}:${last}${up},$C$6:${last}$6)"
    )
    _money(sheet, row + 1, 3, npv)
    cells.npv = f"C{row + 1}"
    return row + 2


def _assumption_rows(sheet: Worksheet, cash: PlanCashFlow, row: int) -> None:
    for c, title in enumerate(("Assumption", "Per", "Likely", "Low", "High", "Source"), start=1):
        _text(sheet, row, c, title, bold=True)
    for a in cash.assumptions:
        row += 1
        _text(sheet, row, 1, a.label)
        _text(sheet, row, 2, a.per)
        for c, value in ((3, a.amount), (4, a.low), (5, a.high)):
            if value is not None:
                _money(sheet, row, c, value)
        _text(sheet, row, 6, a.source)


def _text(sheet: Worksheet, row: int, column: int, text: str, *, bold: bool = False) -> None:
    cell = sheet.cell(row=row, column=column)
    put_cell(cell, text)
    if bold:
        cell.font = _BOLD


def _money(sheet: Worksheet, row: int, column: int, value: float | str) -> None:
    """A money cell: a value from the engine, or a formula this module wrote (never user text)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
    else:
        put_cell(cell, value)
    cell.number_format = MONEY
