"""Read a strategy workbook back into a validated `Strategy`, naming sheet, row and column.

The archive is checked first (`xlsx_guard`); openpyxl then reads values only, in read-only
mode, within row and column limits. Cells become plain data shaped like the YAML document,
which the same validation as YAML checks; every problem is mapped back to its cell.
"""

from __future__ import annotations

from typing import Any

from headway.settings import DEFAULTS, Settings
from headway.strategy.errors import Path, Problem, StrategyError
from headway.strategy.load import validate_data
from headway.strategy.model import Strategy
from headway.strategy.xlsx_cells import (
    EMPTY,
    Cell,
    CellLog,
    SkipError,
    cell_text,
    ensure,
    get_path,
    given,
)
from headway.strategy.xlsx_guard import Extents
from headway.strategy.xlsx_layout import (
    INSTRUCTIONS,
    JUDGMENT_COLUMNS,
    READINESS_COLUMNS,
    SETTINGS,
    TABLE_BY_NAME,
    TABLES,
    WEIGHTINGS,
    Column,
    Table,
    sheet_columns,
)
from headway.strategy.xlsx_sheets import open_workbook, sheet_rows

MAX_ROWS = DEFAULTS.strategy_sheet_max_rows
"""Most rows (besides the header) a sheet may hold by default."""
MAX_COLUMNS = DEFAULTS.strategy_sheet_max_columns
"""Most columns a sheet may use by default."""
LIMIT_HINT = "settings strategy_sheet_max_rows and strategy_sheet_max_columns, see docs/settings.md"
MAX_PROBLEMS = 100
"""Most problems listed; the rest are counted."""


def strategy_from_xlsx(
    content: bytes, *, file: str = "<workbook>", settings: Settings = DEFAULTS
) -> Strategy:
    """Validate a workbook written by `strategy_to_xlsx` (and edited by a person).

    Raises `StrategyError`; each problem's `file` is `name[sheet]`, `line` the row and
    `column` the column number, and its message starts with the column's letter and header.
    """
    book, extents = open_workbook(content, file, data_only=False, settings=settings)
    reader = _Reader(file, extents, settings)
    try:
        data = reader.read(book)
    finally:
        book.close()
    # Validate even when some cells were unreadable, so one pass lists every problem; a value
    # that could not be read is not reported a second time as missing.
    problems = list(reader.problems)
    unreadable = [p.path for p in problems if p.path]
    try:
        strategy = validate_data(data, file=file)
    except StrategyError as exc:
        for problem in exc.problems:
            if not any(problem.path[: len(bad)] == bad for bad in unreadable):
                problems.append(reader.locate(problem))
        raise StrategyError(_at_most(problems)) from None
    if problems:
        raise StrategyError(_at_most(problems))
    return strategy


def _at_most(problems: list[Problem]) -> list[Problem]:
    # A crafted sheet can make thousands of the same problem; the first ones say enough.
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = Problem(f"... and {len(problems) - MAX_PROBLEMS:,} more problems", (), problems[-1].file)
    return [*problems[:MAX_PROBLEMS], more]


class _Reader(CellLog):
    """Turns the sheets of a workbook into plain data shaped like the YAML document."""

    def __init__(self, file: str, extents: Extents, settings: Settings) -> None:
        super().__init__(file)
        self.extents = extents
        self.limits = settings
        self.data: dict[str, Any] = {}

    # -- the workbook -------------------------------------------------------------------------
    def read(self, book: Any) -> dict[str, Any]:
        sheets: dict[str, list[tuple[int, dict[str, tuple[Any, Cell]]]]] = {}
        known = {"settings", *TABLE_BY_NAME, "judgments", "readiness"}
        for sheet in book.worksheets:
            name = sheet.title
            if name.lower() == INSTRUCTIONS:
                continue
            if name not in known:
                listed = ", ".join(sorted(known))
                self.problem(f"unknown sheet '{name}' (sheets read: {listed})", (name, 1, 0, ""))
                continue
            sheets[name] = self.rows(sheet, name, sheet_columns(name))
        self.settings(sheets.get("settings", []))
        for table in TABLES:
            self.table(table, sheets.get(table.name, []))
        self.judgments(sheets.get("judgments", []))
        self.readiness(sheets.get("readiness", []))
        return self.data

    def rows(
        self, sheet: Any, name: str, columns: list[Column]
    ) -> list[tuple[int, dict[str, tuple[Any, Cell]]]]:
        """Non-empty rows as {header: (raw cell, where)}; header problems recorded."""
        by_header = {c.header: c for c in columns}
        found: list[tuple[int, dict[str, tuple[Any, Cell]]]] = []
        headers: dict[int, str] = {}
        rows = sheet_rows(
            sheet,
            self.extents,
            self.file,
            max_rows=self.limits.strategy_sheet_max_rows,
            max_columns=self.limits.strategy_sheet_max_columns,
            limit_hint=LIMIT_HINT,
        )
        for number, row in rows:
            if number == 1:
                headers = self.headers(row, name, by_header)
                continue
            values: dict[str, tuple[Any, Cell]] = {}
            filled = False
            for index, cell in enumerate(row, start=1):
                if cell.value is None:
                    continue
                where: Cell = (name, number, index, headers.get(index, ""))
                if index not in headers:
                    self.problem("value in a column without a known header", where)
                else:
                    filled = True  # only values under known headers make a row an item
            if filled:
                for index, header in headers.items():
                    cell = row[index - 1] if index <= len(row) else None
                    values[header] = (cell, (name, number, index, header))
                found.append((number, values))
        return found

    def headers(self, row: Any, name: str, by_header: dict[str, Column]) -> dict[int, str]:
        headers: dict[int, str] = {}
        for index, cell in enumerate(row, start=1):
            text = cell.value.strip() if isinstance(cell.value, str) else cell.value
            if text is None or text == "":
                continue
            where: Cell = (name, 1, index, str(text))
            if text not in by_header:
                known = ", ".join(by_header)
                self.problem(f"unknown column '{text}' (columns: {known})", where)
            elif text in headers.values():
                self.problem(f"column '{text}' appears twice", where)
            else:
                headers[index] = str(text)
        return headers

    # -- parts of the document ----------------------------------------------------------------
    def settings(self, rows: list[tuple[int, dict[str, tuple[Any, Cell]]]]) -> None:
        by_field = {c.header: c for c in SETTINGS}
        seen: set[str] = set()
        for _, values in rows:
            if not given(values, "field"):
                self.problem(
                    "give the setting's name in column 'field'", next(iter(values.values()))[1]
                )
                continue
            cell, where = values["field"]
            name = str(cell.value).strip()
            column = by_field.get(name)
            if column is None:
                self.problem(f"unknown setting '{name}'", where)
                continue
            if name in seen:
                self.problem(f"setting '{name}' appears twice", where)
                continue
            seen.add(name)
            self.register(column.path[:-1], where)
            raw = values.get("value")
            value_where = raw[1] if raw else (where[0], where[1], 2, "value")
            self.put(self.data, column.path, column, raw[0] if raw else None, value_where)

    def table(self, table: Table, rows: list[tuple[int, dict[str, tuple[Any, Cell]]]]) -> None:
        parent = TABLE_BY_NAME[table.parent] if table.parent else None
        for number, values in rows:
            owner: dict[str, Any] = self.data
            owner_path: Path = ()
            if parent is not None:
                found = self.owner(table, parent, values, number)
                if found is None:
                    continue
                owner, owner_path = found
            try:
                self.item(table, owner, owner_path, values)
            except SkipError:
                continue

    def owner(
        self, table: Table, parent: Table, values: dict[str, Any], number: int
    ) -> tuple[dict[str, Any], Path] | None:
        items = get_path(self.data, parent.at) or []
        if not given(values, table.parent_key):
            self.problem(
                f"which {parent.name[:-1]}? give its id", (table.name, number, 1, table.parent_key)
            )
            return None
        cell, where = values[table.parent_key]
        wanted = cell_text(cell.value)
        for index, item in enumerate(items):
            if item.get("id") == wanted:
                return item, (*parent.at, index)
        known = ", ".join(str(i.get("id")) for i in items[:12]) or "none"
        self.problem(f"unknown {parent.name[:-1]} '{wanted}' (known: {known})", where)
        return None

    def item(
        self, table: Table, owner: dict[str, Any], owner_path: Path, values: dict[str, Any]
    ) -> None:
        if table.shape == "items":
            items = ensure(owner, table.at, list)
            path = (*owner_path, *table.at, len(items))
            item: dict[str, Any] = {}
            first = next(iter(values.values()))[1]
            self.register(path, (first[0], first[1], 0, ""))
            for column in table.columns:
                raw = values.get(column.header)
                where = raw[1] if raw else (first[0], first[1], 0, column.header)
                self.put(item, column.path, column, raw[0] if raw else None, where, path)
            items.append(item)
        elif table.shape == "strings":
            assert table.value is not None
            texts = ensure(owner, table.at, list)
            cell, where = values.get(table.value.header, (None, next(iter(values.values()))[1]))
            self.register((*owner_path, *table.at, len(texts)), where)
            texts.append(self.convert(cell, table.value, where))
        else:
            assert table.value is not None
            mapping = ensure(owner, table.at, dict)
            if not given(values, table.key):
                self.problem(f"give the {table.key} id", next(iter(values.values()))[1])
                raise SkipError
            key_cell, key_where = values[table.key]
            key = cell_text(key_cell.value)
            if key in mapping:
                self.problem(f"{table.key} '{key}' appears twice for this item", key_where)
                raise SkipError
            path = (*owner_path, *table.at, key)
            raw = values.get(table.value.header)
            where = raw[1] if raw else (key_where[0], key_where[1], 0, table.value.header)
            self.register(path, key_where)
            mapping[key] = self.convert(raw[0] if raw else None, table.value, where)

    def judgments(self, rows: list[tuple[int, dict[str, tuple[Any, Cell]]]]) -> None:
        weighting_column, name_column, *comparison_columns = JUDGMENT_COLUMNS
        for _, values in rows:
            raw = values.get("weighting")
            first = next(iter(values.values()))[1]
            try:
                which = self.convert(
                    raw[0] if raw else None, weighting_column, raw[1] if raw else first
                )
                if which not in WEIGHTINGS:
                    self.problem("weighting must be goals or criteria", raw[1] if raw else first)
                    continue
                respondents = ensure(self.data, (*WEIGHTINGS[which], "respondents"), list)
                person, r = self.respondent(respondents, values, first, name_column)
                comparisons = person.setdefault("comparisons", [])
                path: Path = (*WEIGHTINGS[which], "respondents", r, "comparisons", len(comparisons))
                self.register(path, first)
                comparison: dict[str, Any] = {}
                for column in comparison_columns:
                    raw = values.get(column.header)
                    where = raw[1] if raw else (first[0], first[1], 0, column.header)
                    self.put(comparison, column.path, column, raw[0] if raw else None, where, path)
                comparisons.append(comparison)
            except SkipError:
                continue

    def readiness(self, rows: list[tuple[int, dict[str, tuple[Any, Cell]]]]) -> None:
        name_column, role_column, _, answer_column = READINESS_COLUMNS
        for _, values in rows:
            first = next(iter(values.values()))[1]
            try:
                respondents = ensure(self.data, ("readiness", "respondents"), list)
                person, r = self.respondent(respondents, values, first, name_column)
                path: Path = ("readiness", "respondents", r)
                if "role" not in person and given(values, "role"):
                    cell, where = values["role"]
                    self.register((*path, "role"), where)
                    person["role"] = self.convert(cell, role_column, where)
                answers = person.setdefault("answers", {})
                if not given(values, "question"):
                    if given(values, "answer"):
                        self.problem("give the question id for this answer", values["answer"][1])
                    continue
                cell, where = values["question"]
                question = cell_text(cell.value)
                if question in answers:
                    self.problem(f"question '{question}' answered twice by {person['name']}", where)
                    continue
                raw = values.get("answer")
                answer_where = raw[1] if raw else (where[0], where[1], 4, "answer")
                self.register((*path, "answers", question), answer_where)
                answer = self.convert(raw[0] if raw else None, answer_column, answer_where)
                if answer is EMPTY:
                    self.problem("give an answer from 1 to 5", answer_where)
                    continue
                answers[question] = answer
            except SkipError:
                continue

    def respondent(
        self, people: list[dict[str, Any]], values: dict[str, Any], first: Cell, column: Column
    ) -> tuple[dict[str, Any], int]:
        raw = values.get(column.header)
        if raw is None or not given(values, column.header):
            self.problem("give the respondent's name", raw[1] if raw else first)
            raise SkipError
        name = self.convert(raw[0], column, raw[1])
        for index, person in enumerate(people):
            if person["name"] == name:
                return person, index
        people.append({"name": name})
        return people[-1], len(people) - 1

    # -- cells --------------------------------------------------------------------------------
    def put(
        self,
        target: dict[str, Any],
        path: tuple[str, ...],
        column: Column,
        cell: Any,
        where: Cell,
        base: Path = (),
    ) -> None:
        for end in range(1, len(path) + 1):
            self.register((*base, *path[:end]), where)
        try:
            value = self.convert(cell, column, where, (*base, *path))
        except SkipError:
            return  # recorded; the rest of the row is still read
        if value is EMPTY:
            if column.optional or column.kind not in ("text", "ids"):
                return
            value = [] if column.kind == "ids" else ""
        ensure(target, path[:-1], dict)[path[-1]] = value
