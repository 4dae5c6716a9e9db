"""Cells of a strategy workbook: where each value came from, and turning cell values into data.

`CellLog` remembers which cell each document path was read from and records problems at
cells; the converters turn a cell's value into the plain data the YAML document would hold.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from openpyxl.utils import get_column_letter

from headway.strategy.errors import Path, Problem
from headway.strategy.xlsx_layout import Column

EMPTY = object()
"""Marks a cell that holds no value."""
BOOLEAN_FORMULAS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}
"""Formulas LibreOffice writes for TRUE/FALSE cells, and the values they stand for."""
Cell = tuple[str, int, int, str]  # sheet, row, column number, header


class SkipError(Exception):
    """A cell could not be read; its problem is recorded."""


class CellLog:
    """Where each part of the document was read from, and the problems found at cells."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.cells: dict[Path, Cell] = {}

    def register(self, path: Path, where: Cell) -> None:
        """Remember `where` as the cell of `path`, unless one is known already."""
        self.cells.setdefault(path, where)

    def problem(self, message: str, where: Cell, path: Path = ()) -> None:
        """Record a problem at the cell `where`."""
        self.problems.append(self.at(message, path, where))

    def at(self, message: str, path: Path, where: Cell) -> Problem:
        """A problem whose message names the cell's column letter and header."""
        sheet, row, column, header = where
        if column:
            message = f"column {get_column_letter(column)} ({header}): {message}"
        elif header:
            message = f"column '{header}' (missing): {message}"
        return Problem(message, path, f"{self.file}[{sheet}]", row, column or None)

    def locate(self, problem: Problem) -> Problem:
        """The validation problem moved to the cell that holds the offending value."""
        for end in range(len(problem.path), 0, -1):
            where = self.cells.get(problem.path[:end])
            if where is not None:
                return self.at(problem.message, problem.path, where)
        return Problem(problem.message, problem.path, f"{self.file}[settings]")

    def convert(self, cell: Any, column: Column, where: Cell, path: Path = ()) -> Any:
        """The cell's value as `column` wants it, or `EMPTY`; raises `SkipError` if unreadable."""
        value = None if cell is None else cell.value
        kind = getattr(cell, "data_type", None)
        if kind == "f" and str(value).upper() in BOOLEAN_FORMULAS:
            # LibreOffice saves a TRUE/FALSE cell as the formula =TRUE() / =FALSE().
            value, kind = BOOLEAN_FORMULAS[str(value).upper()], "b"
        if kind == "f":
            message = f"cell holds a formula ({str(value)[:40]}); type or paste the value instead"
            self.problem(message, where, path)
            raise SkipError
        if kind == "e":
            self.problem(f"cell holds an error value ({value}); type the value", where, path)
            raise SkipError
        if value is None:
            return EMPTY
        converter = CONVERTERS[column.kind]
        try:
            return converter(value, column)
        except ValueError as exc:
            self.problem(str(exc), where, path)
            raise SkipError from None


def given(values: dict[str, tuple[Any, Cell]], header: str) -> bool:
    """Whether the row has a value under `header`."""
    entry = values.get(header)
    return entry is not None and entry[0] is not None and entry[0].value is not None


def get_path(data: Any, path: tuple[str, ...]) -> Any:
    """The value at `path` in nested dicts, or None when any part is missing."""
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def ensure(data: dict[str, Any], path: tuple[str, ...], kind: type) -> Any:
    """The container at `path`, creating dicts along the way and a `kind()` at the end."""
    for part in path[:-1]:
        data = data.setdefault(part, {})
    if not path:
        return data
    return data.setdefault(path[-1], kind())


def cell_text(value: Any) -> str:
    """A cell value as text; whole floats lose their `.0` and first-of-month dates are YYYY-MM."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        # Excel turns a typed 2027-06 into a date; a month field wants it back as YYYY-MM.
        if value.day == 1 and (not isinstance(value, dt.datetime) or value.time() == dt.time()):
            return f"{value.year:04d}-{value.month:02d}"
        return value.isoformat()[:10]
    return str(value)


def _to_text(value: Any, column: Column) -> str:
    return cell_text(value)


def _to_choice(value: Any, column: Column) -> str:
    return cell_text(value).strip()


def _to_number(value: Any, column: Column) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"expected a number, got {_shown(value)}")
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ValueError(f"expected a number, got text {_shown(value)}") from None
    number: float | int = value
    if not math.isfinite(number):
        raise ValueError("expected a finite number")
    return number


def _to_integer(value: Any, column: Column) -> int:
    number = _to_number(value, column)
    if isinstance(number, float):
        if not number.is_integer():
            raise ValueError(f"expected a whole number, got {number:g}")
        return int(number)
    return number


def _to_bool(value: Any, column: Column) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value).strip().lower()
    if text in ("true", "yes", "1"):
        return True
    if text in ("false", "no", "0"):
        return False
    raise ValueError(f"expected TRUE or FALSE, got {_shown(value)}")


def _to_ids(value: Any, column: Column) -> list[str]:
    return [part.strip() for part in cell_text(value).split(",") if part.strip()]


def _to_date(value: Any, column: Column) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return cell_text(value).strip()


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


CONVERTERS: dict[str, Callable[[Any, Column], Any]] = {
    "text": _to_text,
    "choice": _to_choice,
    "number": _to_number,
    "integer": _to_integer,
    "bool": _to_bool,
    "ids": _to_ids,
    "date": _to_date,
}
