"""The report as an XLSX workbook: one sheet per section, real numbers, units in the headers.

Cells hold numbers (money, hours, shares), never formatted text, so the figures can be summed
and charted in Excel; each column's (or summary row's) `Unit` gives the cell the number format of
the number model (`headway.report.numbers`), so a cell shows the digits the report prints.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from headway.report.bank_sheet import bank_sheet
from headway.report.build import Report
from headway.report.numbers import Unit, xlsx_cell
from headway.report.workbook_sheets import Header, Kind, sections
from headway.strategy.xlsx import put_cell

_FORMATS: dict[str, str] = {"number": "#,##0.00", "text": "@", "bool": "General"}
_BOLD = Font(bold=True, color="FFFFFF")
_FILL = PatternFill("solid", fgColor="2F3B4C")


def report_to_xlsx(report: Report) -> bytes:
    """The report's sections as workbook bytes (sheets: summary, bank, goals, kpi_gaps, ...)."""
    book = Workbook()
    book.remove(book.active)
    for name, headers, rows in sections(report):
        _sheet(book, name, headers, rows)
    if report.cash.lines:  # after the summary: the cash flow as formulas
        bank_sheet(book.create_sheet("bank", 1), report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(
    book: Workbook, name: str, headers: Sequence[Header], rows: Sequence[Sequence[Any]]
) -> None:
    sheet = book.create_sheet(name)
    for c, (title, _) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=c)
        put_cell(cell, title)
        cell.font, cell.fill = _BOLD, _FILL
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            kind = headers[c - 1][1]
            if isinstance(value, tuple):  # (value, unit): a summary row's own unit
                value, kind = value
            if isinstance(kind, Unit):
                value, number_format = xlsx_cell(value, kind)
            else:
                number_format = _format(kind, value)
            put_cell(cell, value)
            cell.number_format = number_format
    for c, (title, kind) in enumerate(headers, start=1):
        width = 40 if kind == "text" else max(12, min(len(title) + 2, 30))
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "B2"


def _format(kind: Kind, value: Any) -> str:
    if isinstance(value, bool):
        return "General"
    if kind != "auto":
        return _FORMATS[str(kind)]
    if isinstance(value, int):
        return "#,##0"
    return "#,##0.00##" if isinstance(value, float) else "@"
