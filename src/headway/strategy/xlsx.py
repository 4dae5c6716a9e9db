"""The strategy document as an Excel workbook (XLSX), out and back in without loss.

`strategy_to_xlsx` writes one sheet per list of the document (see `xlsx_layout`), with an
instructions sheet, dropdowns for every choice and help on every header. `strategy_from_xlsx`
reads it back; its errors name the sheet, row and column. Text is written as text cells, never
as formulas: a value starting with = + - @, tab or carriage return also gets Excel's quote
prefix, so neither Excel nor LibreOffice evaluates it when a person edits the cell.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterator
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from headway.strategy.documents import load_document, save_document
from headway.strategy.errors import Path, Problem, StrategyError
from headway.strategy.model import Strategy
from headway.strategy.xlsx_layout import (
    INSTRUCTIONS,
    JUDGMENT_COLUMNS,
    READINESS_COLUMNS,
    REFERENCES,
    SETTINGS,
    SETTINGS_COLUMNS,
    SPECIAL_SHEETS,
    TABLE_BY_NAME,
    TABLES,
    WEIGHTINGS,
    Column,
    Table,
    sheet_columns,
)
from headway.strategy.xlsx_read import strategy_from_xlsx

__all__ = ["load_document", "save_document", "strategy_from_xlsx", "strategy_to_xlsx"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat text as a formula (OWASP CSV injection)."""
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="2F3B4C")
CELL_MAX_CHARS = 32_767
"""Most characters Excel keeps in a cell; longer text is refused rather than cut."""
_VALIDATED_ROWS = 500  # dropdowns cover the written rows and this many more for additions


def strategy_to_xlsx(strategy: Strategy) -> bytes:
    """The whole document as XLSX bytes, one sheet per list; reads back identical."""
    data = strategy.model_dump(mode="json")
    book = Workbook()
    _instructions(book.active, strategy)
    settings = book.create_sheet("settings")
    rows = [[c.header, _cell_value(c, _get(data, c.path)), c.help] for c in SETTINGS]
    _write(settings, list(SETTINGS_COLUMNS), rows, "settings")
    for table in TABLES:
        sheet = book.create_sheet(table.name)
        _write(sheet, sheet_columns(table.name), list(_rows(table, data)), table.name)
    _write(book.create_sheet("judgments"), list(JUDGMENT_COLUMNS), _judgments(data), "judgments")
    _write(book.create_sheet("readiness"), list(READINESS_COLUMNS), _readiness(data), "readiness")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(table: Table, data: dict[str, Any]) -> Iterator[list[Any]]:
    if table.parent is None:
        owners: list[tuple[list[Any], Any]] = [([], _get(data, table.at))]
    else:
        parent = TABLE_BY_NAME[table.parent]
        owners = [([item["id"]], _get(item, table.at)) for item in _get(data, parent.at)]
    for lead, items in owners:
        if items is None:  # the optional part holding the list is left out
            continue
        if table.shape == "mapping":
            for key, value in items.items():
                yield [*lead, key, value]
        elif table.shape == "strings":
            for text in items:
                yield [*lead, text]
        else:
            for item in items:
                yield [*lead, *(_cell_value(c, _get(item, c.path)) for c in table.columns)]


def _judgments(data: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for weighting, at in WEIGHTINGS.items():
        for respondent in _get(data, (*at, "respondents")):
            for comparison in respondent["comparisons"]:
                judged = [_get(comparison, c.path) for c in JUDGMENT_COLUMNS[2:]]
                rows.append([weighting, respondent["name"], *judged])
    return rows


def _readiness(data: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for respondent in data["readiness"]["respondents"]:
        answers = respondent["answers"].items() or [(None, None)]
        rows += [[respondent["name"], respondent["role"], q, a] for q, a in answers]
    return rows


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if data is None:  # an optional part left out (e.g. an initiative without a pilot)
            return None
        data = data[part]
    return data


def _cell_value(column: Column, value: Any) -> Any:
    if column.kind == "ids":
        return ", ".join(value)
    if column.kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _write(sheet: Any, columns: list[Column], rows: list[list[Any]], name: str) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        if column.help:
            cell.comment = Comment(column.help, "Headway", width=300, height=120)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            put_cell(sheet.cell(row=r, column=c), value, (name, r, columns[c - 1].header))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        longest = max([len(column.header), *(len(str(row[index - 1] or "")) for row in rows)])
        sheet.column_dimensions[letter].width = min(max(longest + 2, 10), 60)
        _dropdown(sheet, name, column, letter, len(rows))


def _dropdown(sheet: Any, name: str, column: Column, letter: str, count: int) -> None:
    target = REFERENCES.get((name, column.header))
    if column.choices:
        formula = '"' + ",".join(column.choices) + '"'
        message = "Pick one of: " + ", ".join(column.choices)
    elif target:
        formula = f"'{target}'!$A$2:$A${count + _VALIDATED_ROWS}"
        message = f"Pick an id from sheet {target}."
    else:
        return
    rule = DataValidation(type="list", formula1=formula, allow_blank=True)
    rule.error, rule.errorTitle, rule.showErrorMessage = message, "Not allowed", True
    rule.add(f"{letter}2:{letter}{count + _VALIDATED_ROWS}")
    sheet.add_data_validation(rule)


def put_cell(cell: Any, value: Any, where: Path = ()) -> None:
    """Write `value` into an openpyxl cell: text as text (quote-prefixed when it looks like a
    formula), every double exactly, dates as dates. Used by the report workbook too."""
    if isinstance(value, str):
        if ILLEGAL_CHARACTERS_RE.search(value):
            message = "text holds control characters a workbook cannot store; remove them"
            raise StrategyError([Problem(message, where)])
        if len(value) > CELL_MAX_CHARS:
            message = (
                f"text of {len(value):,} characters is longer than a workbook cell holds "
                f"({CELL_MAX_CHARS:,}); shorten it"
            )
            raise StrategyError([Problem(message, where)])
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the first character
        cell.number_format = "@"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    elif isinstance(value, float) and not math.isfinite(value):
        cell.value = None  # a workbook has no infinity or NaN; an empty cell says "no value"
    elif isinstance(value, float) and (float(f"{value:.16g}") != value or str(value) == "-0.0"):
        # openpyxl writes numbers with 16 significant digits; a double may need 17.
        cell.value = 0.0
        cell._value = repr(value)
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value


def _instructions(sheet: Any, strategy: Strategy) -> None:
    sheet.title = INSTRUCTIONS
    lines = [
        f"Headway strategy workbook: {strategy.business.name}",
        "",
        "Edit the figures in the sheets that follow, then read the workbook back with",
        "    headway convert this.xlsx headway.yaml",
        "Each sheet holds one list of the strategy document; one row is one item.",
        "Rows of a sheet whose first column names a goal, process, initiative or scenario",
        "belong to that item (for example goal_kpis: the KPIs that show each goal).",
        "Keep the header row as it is. Empty rows are skipped. Hover a header for its meaning.",
        "Money is in " + strategy.business.currency + ". Shares are 0-1 (0.25 = 25%).",
        "low / likely / high columns are three-point estimates, numerically ordered.",
        "Lists of ids (requires, skills, goals) are separated by commas.",
        "Type values, not formulas: a cell holding a formula is refused on import.",
        "",
    ]
    for row, text in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=text).data_type = "s"
    sheet["A1"].font = Font(bold=True, size=14)
    start = len(lines) + 1
    reference = [("sheet", "column", "kind", "allowed values", "meaning")]
    for name, help_text in SPECIAL_SHEETS.items():
        reference.append((name, "", "", "", help_text))
    for table in TABLES:
        reference.append((table.name, "", "", "", table.help))
        for column in sheet_columns(table.name):
            allowed = ", ".join(column.choices)
            reference.append(("", column.header, column.kind, allowed, column.help))
    for r, values in enumerate(reference, start=start):
        for c, text in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=text)
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=c == 5, vertical="top")
            if r == start:
                cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for letter, width in zip("ABCDE", (20, 34, 10, 30, 80), strict=True):
        sheet.column_dimensions[letter].width = width
