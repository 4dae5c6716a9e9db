"""The tracking records a workspace keeps beside its strategy, and their plain CSV form.

Files are UTF-8 CSV with a header row, one record a line, written sorted so that a change shows
as a small diff in git. Dates are ISO `YYYY-MM-DD`; money is in the strategy's currency.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

Day = date  # an alias: records have a field named `date`

MEASUREMENT_COLUMNS = ("kpi", "date", "value", "source", "note")
STATUS_COLUMNS = (
    "initiative",
    "status",
    "date",
    "owner",
    "actual_upfront",
    "actual_recurring_per_month",
    "note",
)
REPLACEMENT_COLUMNS = (
    "recorded_at",
    "kpi",
    "date",
    "source",
    "old_value",
    "new_value",
    "old_note",
    "new_note",
    "origin",
)


class Status(StrEnum):
    """Where an initiative stands."""

    idea = "idea"
    planned = "planned"
    in_progress = "in progress"
    live = "live"
    retired = "retired"

    @classmethod
    def parse(cls, text: str) -> Status:
        """Accept `in progress`, `in-progress` and `in_progress` alike (any case)."""
        cleaned = text.strip().lower().replace("-", " ").replace("_", " ")
        return cls(cleaned)


@dataclass(frozen=True, order=True)
class Measurement:
    """One measured value of a KPI on a day, in the KPI's unit, from a named source."""

    kpi: str
    date: date
    source: str
    value: float
    note: str = ""

    @property
    def key(self) -> tuple[str, Day, str]:
        """What identifies a measurement: KPI, date and source."""
        return (self.kpi, self.date, self.source)


@dataclass(frozen=True)
class StatusRecord:
    """A change of an initiative's status on a day, with what it has actually cost so far.

    `actual_upfront` is the one-off money spent to date and `actual_recurring_per_month` the
    running cost per month, both in the strategy's currency; `None` when not recorded.
    """

    initiative: str
    status: Status
    date: date
    owner: str = ""
    actual_upfront: float | None = None
    actual_recurring_per_month: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Replacement:
    """A measurement whose value (or note) a later import or entry replaced."""

    recorded_at: str
    kpi: str
    date: date
    source: str
    old_value: float
    new_value: float
    old_note: str
    new_note: str
    origin: str

    @property
    def content(self) -> tuple[object, ...]:
        """Everything but the time it was recorded: the same replacement logged twice is one."""
        return (
            self.kpi,
            self.date,
            self.source,
            self.old_value,
            self.new_value,
            self.old_note,
            self.new_note,
            self.origin,
        )


def format_number(value: float | None) -> str:
    """Shortest text that reads back as the same float; whole numbers without `.0`."""
    if value is None:
        return ""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def parse_number(text: str) -> float:
    """A finite float from text; raises ValueError with a readable message."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a finite number")
    return value


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """CSV text with a header and `\\n` line ends, in the one dialect every tracking file uses.

    A field is quoted (RFC 4180, `"` doubled) when it holds a comma, a quote, a line feed or a
    carriage return, so a note with a line break reads back whole; Python's writer leaves a
    lone carriage return unquoted when the line end is `\\n`.
    """
    lines = [",".join(_csv_field(value) for value in row) for row in (columns, *rows)]
    return "\n".join(lines) + "\n"


def _csv_field(value: str) -> str:
    if any(mark in value for mark in ',"\r\n') or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
"""First characters that make a spreadsheet read text as a formula (OWASP CSV injection),
and the quote that marks the text as escaped."""


def escape_text(text: str) -> str:
    """Free text as stored in a tracking file: prefixed with `'` when a spreadsheet opening the
    file would run it as a formula (`=cmd|...`, `+SUM(1)`); `unescape_text` undoes it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_text(text: str) -> str:
    """Free text read from a tracking file: a leading `'` (a spreadsheet's text mark) dropped."""
    return text[1:] if text.startswith("'") else text


def measurements_text(measurements: Iterable[Measurement]) -> str:
    """`measurements.csv` content, sorted by KPI, date and source."""
    rows = (
        (
            m.kpi,
            m.date.isoformat(),
            format_number(m.value),
            escape_text(m.source),
            escape_text(m.note),
        )
        for m in sorted(measurements)
    )
    return write_csv(MEASUREMENT_COLUMNS, rows)


def statuses_text(records: Iterable[StatusRecord]) -> str:
    """`initiatives.csv` content, in the order the records were made."""
    rows = (
        (
            r.initiative,
            r.status.value,
            r.date.isoformat(),
            escape_text(r.owner),
            format_number(r.actual_upfront),
            format_number(r.actual_recurring_per_month),
            escape_text(r.note),
        )
        for r in records
    )
    return write_csv(STATUS_COLUMNS, rows)


def replacements_text(replacements: Iterable[Replacement]) -> str:
    """`replacements.csv` content, in the order the replacements happened."""
    rows = (
        (
            r.recorded_at,
            r.kpi,
            r.date.isoformat(),
            escape_text(r.source),
            format_number(r.old_value),
            format_number(r.new_value),
            escape_text(r.old_note),
            escape_text(r.new_note),
            escape_text(r.origin),
        )
        for r in replacements
    )
    return write_csv(REPLACEMENT_COLUMNS, rows)
