"""Opening a user's workbook and reading its sheets within row and column limits.

Every path that reads a workbook (`convert`, `track import`, web uploads) goes through here:
the archive is checked first (`xlsx_guard`), so openpyxl only parses archives that passed, and
rows are read up to the limits whatever the sheet's `<dimension>` claims. A sheet holding values
beyond a limit is refused with the row or column, never cut silently.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, NoReturn

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from headway.settings import DEFAULTS, Settings
from headway.strategy.errors import Problem, StrategyError
from headway.strategy.xlsx_guard import Extents, check_workbook


def open_workbook(
    content: bytes, file: str, *, data_only: bool, settings: Settings = DEFAULTS
) -> tuple[Any, Extents]:
    """The workbook in `content`, opened read-only after `check_workbook` passed (with the
    limits of `settings`), and where the values of each worksheet end. Raises `StrategyError`
    naming `file` and the reason."""
    extents = check_workbook(content, file, settings)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=data_only)
    except Exception as exc:  # a crafted archive can break the parser in many ways
        _refuse(file, f"damaged workbook: {_reason(exc)}")
    return book, extents


def sheet_rows(
    sheet: Any, extents: Extents, file: str, *, max_rows: int, max_columns: int, limit_hint: str
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Each row of `sheet` as (row number, cells), the header row included.

    `max_rows` counts the rows below the header. Raises `StrategyError` when the sheet holds a
    value beyond the limits (saying which bound; `limit_hint` says how to change it) or when a
    cell cannot be read (a bad shared-string index, a date out of range, a number that is not
    one), naming the sheet and its part.
    """
    part = getattr(sheet, "_worksheet_path", "")
    last_row, last_column = extents.get(part, (0, 0))
    where = f"sheet '{sheet.title}'"
    if last_row > max_rows + 1:
        message = (
            f"the sheet holds values down to row {last_row:,}; the limit is {max_rows:,} rows "
            f"below the header ({limit_hint}); split the data"
        )
        _refuse(f"{file}[{sheet.title}]", message, last_row)
    if last_column > max_columns:
        message = (
            f"the sheet holds values in column {get_column_letter(last_column)}; the limit is "
            f"{max_columns:,} columns ({limit_hint})"
        )
        _refuse(f"{file}[{sheet.title}]", message)
    sheet.reset_dimensions()  # a crafted <dimension> must not make every row 16,384 wide
    rows = sheet.iter_rows(max_row=max(last_row, 1), max_col=max(last_column, 1))
    number = 0
    try:
        for number, row in enumerate(rows, start=1):
            yield number, row
    except Exception as exc:  # openpyxl parses cells lazily; a crafted cell breaks it here
        _refuse(file, f"damaged workbook: {where} ({part}), row {number + 1}: {_reason(exc)}")


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _refuse(file: str, message: str, row: int | None = None) -> NoReturn:
    raise StrategyError([Problem(message, (), file, row)])
