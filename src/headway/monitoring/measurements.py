"""Validate measurements read from a user's file, and merge them into a workspace's set.

A file is in long format (`kpi, date, value[, source, note]`, one measurement a row) or wide
format (`date` and one column per KPI id). The whole file is validated before anything is used;
every bad row is reported with its row number, column and reason.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches

from headway.monitoring.errors import TrackingError, problem
from headway.monitoring.records import Measurement, Replacement, unescape_text
from headway.monitoring.tables import Cell, Table
from headway.strategy.errors import Problem
from headway.strategy.types import unsafe_character

LONG_COLUMNS = ("kpi", "date", "value", "source", "note")
MAX_SOURCE = 100
MAX_NOTE = 500
MAX_PROBLEMS = 200
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class ImportResult:
    """What an import or entry changed: counts of measurements and the replacements made."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    replacements: list[Replacement] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when anything was added or replaced."""
        return bool(self.added or self.replaced)


def parse_date(cell: Cell) -> date:
    """A day from a date cell, `YYYY-MM-DD`, or `YYYY-MM` (the first of the month)."""
    if isinstance(cell, date):
        return cell
    text = str(cell if cell is not None else "").strip()
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date; write dates as YYYY-MM-DD")
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        value = date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date ({exc})") from None
    if not 1900 <= value.year <= 2200:
        raise ValueError(f"'{text}' is outside the years 1900-2200")
    return value


def parse_value(cell: Cell, decimal_comma: bool = False) -> float:
    """A finite number from a numeric cell or text (`12.5`, `12,5` in `;` files, `12.5%`).

    The file's decimal mark is `,` when `decimal_comma` (`;` and tab files), else `.`; the other
    mark may group thousands (`1.234,5`). Text that reads as two different numbers, such as
    `1.234` in a `;` file (1234, or 1.234 with the wrong mark), raises `ValueError`: a value is
    never guessed.
    """
    if isinstance(cell, bool | date):
        raise ValueError(f"'{cell}' is not a number")
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        text = str(cell if cell is not None else "").strip().rstrip("%").strip().replace(" ", "")
        if not text:
            raise ValueError("a value is required")
        plain = _plain_number(text, "," if decimal_comma else ".")
        try:
            value = float(plain)
        except ValueError:
            raise ValueError(f"'{cell}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{cell}' is not a finite number")
    return value


def _plain_number(text: str, decimal: str) -> str:
    """`text` with its decimal mark written `.` and no thousands separators."""
    other = "." if decimal == "," else ","
    marks = [c for c in text if c in ",."]
    if not marks or _NUMBER_CHARS.search(text):
        return text  # float() judges it
    last = marks[-1]
    if len(set(marks)) == 2:  # 1.234,5 or 1,234.5: the last mark is the decimal one
        grouping = "." if last == "," else ","
        if marks.count(last) > 1 or not _GROUPED[grouping].match(text):
            raise ValueError(f"'{text}' is not a number")
        return text.replace(grouping, "").replace(last, ".")
    if len(marks) > 1:  # 1.234.567: only grouping repeats
        if not _GROUPED[last].match(text):
            raise ValueError(f"'{text}' is not a number")
        return text.replace(last, "")
    if last == other and _GROUPED[other].match(text):
        whole, fraction = text.replace(other, ""), text.replace(other, decimal)
        raise ValueError(
            f"'{text}' is ambiguous: '{other}' may group thousands or mark decimals here "
            f"(the file's decimal mark is '{decimal}'); write {whole} or {fraction}"
        )
    return text.replace(last, ".")


_GROUPED = {
    ",": re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"),
    ".": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$"),
}
_NUMBER_CHARS = re.compile(r"[^0-9+\-.,]")


def measurements_from_table(
    table: Table, kpis: Sequence[str] | None, default_source: str
) -> list[Measurement]:
    """Every measurement in `table`, validated against the strategy's KPI ids (any id when
    `kpis` is None: a workspace keeps measurements of a KPI a later strategy version dropped).

    Raises `TrackingError` listing every bad row (row number, column, reason); a key (KPI, date,
    source) given twice with different values is an error, given twice alike counts once.
    """
    header = [h.strip().lower() for h in table.header]
    problems = _header_problems(table, header, kpis)
    if problems:
        raise TrackingError(problems)
    found: dict[tuple[str, date, str], tuple[int, Measurement]] = {}
    for number, cells in table.rows:
        for item in _row_measurements(table, header, number, cells, kpis, default_source):
            if isinstance(item, Problem):
                problems.append(item)
                continue
            earlier = found.get(item.key)
            if earlier is None:
                found[item.key] = (number, item)
            elif earlier[1] != item:
                message = (
                    f"{item.kpi} on {item.date} from source '{item.source}' is also on row "
                    f"{earlier[0]} with value {earlier[1].value:g}; keep one of them"
                )
                problems.append(problem(message, table.file, number, "value"))
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = [
            *problems[:MAX_PROBLEMS],
            problem(f"... and {more:,} more problems; fix these first", table.file),
        ]
    if problems:
        raise TrackingError(problems)
    return [m for _, m in found.values()]


def _header_problems(table: Table, header: list[str], kpis: Sequence[str] | None) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, name in enumerate(header, start=1):
        if name in seen:
            problems.append(problem(f"column '{name}' appears twice", table.file, 1, name, index))
        seen.add(name)
    if "date" not in header:
        problems.append(problem("no 'date' column; expected kpi, date, value", table.file, 1))
        return problems
    long = "kpi" in header or "value" in header
    allowed = set(LONG_COLUMNS) if long else {"date", "source", "note", *(kpis or ())}
    for index, name in enumerate(header, start=1):
        if name and name not in allowed:
            close = get_close_matches(name, sorted(allowed), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            what = "a column of long format (kpi, date, value, source, note)"
            if not long:
                what = "a KPI id of the strategy or date, source, note"
            message = f"column '{name}' is not {what}{hint}"
            problems.append(problem(message, table.file, 1, name, index))
    if long:
        for required in ("kpi", "value"):
            if required not in header:
                problems.append(problem(f"no '{required}' column", table.file, 1))
    return problems


def _source_and_note(
    cell: Callable[[str], Cell],
    header: list[str],
    default_source: str,
    bad: Callable[[str, str], Problem],
    errors: list[Problem],
) -> tuple[str, str]:
    """A row's source (the default when it names none) and note; what is too long or holds a
    control character is added to `errors`."""
    source = unescape_text(_text(cell("source") if "source" in header else None))
    source, note = source or default_source, ""
    if len(source) > MAX_SOURCE:
        errors.append(bad(f"source is longer than {MAX_SOURCE} characters", "source"))
    if "note" in header:
        note = unescape_text(_text(cell("note")))
        if len(note) > MAX_NOTE:
            errors.append(bad(f"note is longer than {MAX_NOTE} characters", "note"))
    for name, text in (("source", source), ("note", note)):
        if unsafe_character(text):
            message = f"{name} holds the control character {unsafe_character(text)}; remove it"
            errors.append(bad(message, name))
    return source, note


def _row_measurements(
    table: Table,
    header: list[str],
    number: int,
    cells: list[Cell],
    kpis: Sequence[str] | None,
    default_source: str,
) -> Iterable[Measurement | Problem]:
    def cell(name: str) -> Cell:
        index = header.index(name)
        return cells[index] if index < len(cells) else None

    def bad(message: str, column: str) -> Problem:
        index = header.index(column) + 1 if column in header else None
        return problem(message, table.file, number, column, index)

    if len(cells) > len(header):
        # An extra separator (an unquoted comma in a value) shifts every later value: refuse
        # the row rather than store a value under the wrong column.
        message = (
            f"row has {len(cells)} fields but the header only {len(header)}; quote a value "
            "that holds the separator, or remove the extra one"
        )
        yield bad(message, "")
        return
    errors: list[Problem] = []
    day: date | None = None
    try:
        day = parse_date(cell("date"))
    except ValueError as exc:
        errors.append(bad(str(exc), "date"))
    source, note = _source_and_note(cell, header, default_source, bad, errors)
    if "kpi" in header or "value" in header:
        pairs = [(_text(cell("kpi")), cell("value"), "value")]
    else:
        pairs = [(k, cell(k), k) for k in header if _known(k, kpis) and _text(cell(k))]
    for kpi, raw, column in pairs:
        if not _known(kpi, kpis):
            close = suggest(kpi, kpis or ())
            hint = f"; did you mean '{close}'?" if close else ""
            message = f"'{kpi}' is not a KPI of the strategy{hint}" if kpi else "a KPI is required"
            errors.append(bad(message, "kpi"))
            continue
        try:
            value = parse_value(raw, table.decimal_comma)
        except ValueError as exc:
            errors.append(bad(str(exc), column))
            continue
        if day is not None and not errors:
            yield Measurement(kpi, day, source, value, note)
    yield from errors


def _known(kpi: str, kpis: Sequence[str] | None) -> bool:
    return bool(kpi) if kpis is None else kpi in kpis


def suggest(name: str, known: Sequence[str]) -> str | None:
    """The known id closest to `name` (by similarity, or the only one containing it)."""
    close = get_close_matches(name, list(known), n=1)
    if close:
        return close[0]
    containing = [k for k in known if name and name.lower() in k]
    return containing[0] if len(containing) == 1 else None


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def merge(
    existing: Iterable[Measurement],
    incoming: Iterable[Measurement],
    origin: str,
    recorded_at: str,
) -> tuple[list[Measurement], ImportResult]:
    """Merge `incoming` into `existing` by key (KPI, date, source): new keys are added, a
    different value or note replaces the old one (and the replacement is returned), an equal
    measurement changes nothing. Returns the merged set and what changed."""
    merged = {m.key: m for m in existing}
    added = replaced = unchanged = 0
    replacements: list[Replacement] = []
    for new in incoming:
        old = merged.get(new.key)
        if old is None:
            added += 1
        elif old == new:
            unchanged += 1
            continue
        else:
            replaced += 1
            replacements.append(
                Replacement(
                    recorded_at,
                    new.kpi,
                    new.date,
                    new.source,
                    old.value,
                    new.value,
                    old.note,
                    new.note,
                    origin,
                )
            )
        merged[new.key] = new
    result = ImportResult(added, replaced, unchanged, replacements)
    return sorted(merged.values()), result
