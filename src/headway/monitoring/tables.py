"""Read a user's spreadsheet (CSV or XLSX) into rows of cells with their row numbers."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from headway.monitoring.errors import TrackingError, problem

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000
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


def read_table(path: str | os.PathLike[str]) -> Table:
    """Read the first sheet of an XLSX file or a CSV file (`,`, `;` or tab separated).

    Raises `TrackingError` when the file cannot be read, is too large or has no header.
    """
    name = str(path)
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise TrackingError([problem(f"cannot read the file: {exc.strerror}", name)]) from None
    if size > MAX_BYTES:
        message = f"file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes"
        raise TrackingError([problem(message, name)])
    if Path(name).suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(name)
    return _read_csv(name)


def _read_csv(name: str) -> Table:
    try:
        with open(name, "rb") as handle:
            text = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (bad byte at offset {exc.start}); save the file as CSV UTF-8"
        raise TrackingError([problem(message, name)]) from None
    except OSError as exc:
        raise TrackingError([problem(f"cannot read the file: {exc.strerror}", name)]) from None
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
                _check_count(rows, name)
    except csv.Error as exc:
        raise TrackingError([problem(f"not valid CSV: {exc}", name, reader.line_num)]) from None
    if header is None or not any(header):
        raise TrackingError([problem("the file is empty; expected a header row", name, 1)])
    return Table(name, header, rows, decimal_comma=delimiter != ",")


def _read_xlsx(name: str) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(name, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        message = f"not a readable XLSX workbook ({exc})"
        raise TrackingError([problem(message, name)]) from None
    try:
        names = [sheet.lower() for sheet in book.sheetnames]
        sheet = book.worksheets[names.index("measurements") if "measurements" in names else 0]
        header: list[str] | None = None
        rows: list[tuple[int, list[Cell]]] = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells = [_xlsx_cell(c.value, getattr(c, "number_format", "General")) for c in row]
            if header is None:
                header = ["" if c is None else str(c).strip() for c in cells]
                while header and not header[-1]:
                    header.pop()
                continue
            if any(c is not None and str(c).strip() for c in cells):
                rows.append((number, cells))
                _check_count(rows, name)
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


def _check_count(rows: list[tuple[int, list[Cell]]], name: str) -> None:
    if len(rows) > MAX_ROWS:
        message = f"more than {MAX_ROWS:,} rows; split the file"
        raise TrackingError([problem(message, name, rows[-1][0])])
