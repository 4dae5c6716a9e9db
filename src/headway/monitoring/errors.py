"""Errors in tracking data a user can act on: file, row, column and what to do."""

from __future__ import annotations

from headway.errors import HeadwayError, Problem


class TrackingError(HeadwayError):
    """Tracking data that could not be read or is not valid; `problems` lists every one found.

    Each problem's `line` is the row number in the file (the header is row 1), `column` the
    1-based column number and `path` the column's name.
    """


def problem(
    message: str,
    file: str,
    row: int | None = None,
    column: str | None = None,
    number: int | None = None,
) -> Problem:
    """A problem at `row` (1 = header) and the column named `column` (number `number`)."""
    return Problem(message, (column,) if column else (), file, row, number)
