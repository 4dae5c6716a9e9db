"""Read a user's spreadsheet (CSV or XLSX) into rows of cells with their row numbers."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from headway.files import read_input
from headway.monitoring.errors import TrackingError, problem
from headway.settings import DEFAULTS, Settings
from headway.strategy.errors import StrategyError

LIMIT_HINT = "settings tracking_max_rows and tracking_max_columns, see docs/settings.md"
Cell = str | float | int | date | None


@dataclass(frozen=True)
class Table:
    """A header and the non-empty rows below it; `rows` pairs each row number with its cells.

    `decimal_comma` is true when the file's separator was `;` or a tab, where `3,5` means 3.5.
    """

    file: str
    header: list[str]
    rows: list[tuple[int, list[Cell]]]
    decimal_comma: bool = False


def read_table(path: str | os.PathLike[str], settings: Settings = DEFAULTS) -> Table:
    """Read the first sheet of an XLSX file or a CSV file (`,`, `;` or tab separated).

    Raises `TrackingError` when the file cannot be read, is not a regular file, is over the
    limits of `settings` (bytes, rows, columns), is a workbook the guard refuses or has no
    header.
    """
    name = str(path)
    is_workbook = Path(name).suffix.lower() in (".xlsx", ".xlsm")
    try:
        if is_workbook:
            content = read_input(path, settings.workbook_max_bytes, "workbook_max_bytes")
        else:
            content = read_input(path, settings.tracking_max_bytes, "tracking_max_bytes")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise TrackingError([problem(f"cannot read the file: {reason}", name)]) from None
    except ValueError as exc:
        raise TrackingError([problem(str(exc), name)]) from None
    return read_table_content(content, name, settings)


def read_table_content(content: bytes, name: str, settings: Settings = DEFAULTS) -> Table:
    """Read an already loaded file (e.g. an upload) as `read_table` does; `name` ending in
    `.xlsx` or `.xlsm` is read as a workbook, else as CSV. Raises `TrackingError`."""
    if Path(name).suffix.lower() in (".xlsx", ".xlsm"):
        try:
            return _read_xlsx(content, name, settings)
        except StrategyError as exc:
            raise TrackingError(exc.problems) from None
    limit = settings.tracking_max_bytes
    if len(content) > limit:
        message = f"the file is larger than {limit:,} bytes (setting tracking_max_bytes)"
        raise TrackingError([problem(message, name)])
    return _read_csv(content, name, settings.tracking_max_rows)


def _read_csv(content: bytes, name: str, max_rows: int) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (bad byte at offset {exc.start}); save the file as CSV UTF-8"
        raise TrackingError([problem(message, name)]) from None
    if "\x00" in text:
        message = "not a text file (contains NUL bytes); is it a spreadsheet saved as .csv?"
        raise TrackingError([problem(message, name)])
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    header: list[str] | None = None
    try:
        for number, cells in enumerate(reader, start=1):
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if any(c.strip() for c in cells):
                rows.append((number, list(cells)))
                _check_count(rows, name, max_rows)
    except csv.Error as exc:
        raise TrackingError([problem(f"not valid CSV: {exc}", name, reader.line_num)]) from None
    if header is None or not any(header):
        raise TrackingError([problem("the file is empty; expected a header row", name, 1)])
    return Table(name, header, rows, decimal_comma=delimiter != ",")


def _read_xlsx(content: bytes, name: str, settings: Settings) -> Table:
    # openpyxl (0.3 s to import) only for a workbook: a report without one never loads it.
    from headway.strategy.xlsx_sheets import open_workbook, sheet_rows

    book, extents = open_workbook(content, name, data_only=True, settings=settings)
    try:
        if not book.worksheets:
            raise TrackingError([problem("the workbook has no sheet", name)])
        names = [sheet.lower() for sheet in book.sheetnames]
        sheet = book.worksheets[names.index("measurements") if "measurements" in names else 0]
        header: list[str] | None = None
        rows: list[tuple[int, list[Cell]]] = []
        rows_read = sheet_rows(
            sheet,
            extents,
            name,
            max_rows=settings.tracking_max_rows,
            max_columns=settings.tracking_max_columns,
            limit_hint=LIMIT_HINT,
        )
        for number, row in rows_read:
            cells = [_xlsx_cell(c.value, getattr(c, "number_format", "General")) for c in row]
            if header is None:
                header = ["" if c is None else str(c).strip() for c in cells]
                while header and not header[-1]:
                    header.pop()
                continue
            while cells and cells[-1] is None:
                cells.pop()  # a row is as wide as its last value, as a CSV line is
            if any(c is not None and str(c).strip() for c in cells):
                rows.append((number, cells))
    finally:
        book.close()
    if not header:
        raise TrackingError([problem("the sheet is empty; expected a header row", name, 1)])
    return Table(name, header, rows)


def _xlsx_cell(value: object, number_format: str) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        # A cell shown as 12.5% stores 0.125: take what the person sees, in percent.
        return round(value * 100, 10)
    if isinstance(value, date | str | int | float) or value is None:
        return value
    return str(value)


def _check_count(rows: list[tuple[int, list[Cell]]], name: str, max_rows: int) -> None:
    if len(rows) > max_rows:
        message = (
            f"more than {max_rows:,} rows; split the file (setting tracking_max_rows, see "
            "docs/settings.md)"
        )
        raise TrackingError([problem(message, name, rows[-1][0])])
