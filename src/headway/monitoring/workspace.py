"""A workspace on disk: `headway.yaml` and the plain tracking files beside it.

    my-bakery/
      headway.yaml        the strategy document
      measurements.csv    KPI measurements, long format: kpi, date, value, source, note
      initiatives.csv     initiative status records: initiative, status, date, owner, costs, note
      replacements.csv    every measurement a later import or entry replaced

Every write goes to a temporary file that is renamed over the old one (`write_atomic`), so a
crash leaves the old file or the new one, never half of either. A lock file serialises writers.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from headway.files import write_atomic
from headway.monitoring.errors import TrackingError, problem
from headway.monitoring.measurements import ImportResult, measurements_from_table, merge
from headway.monitoring.records import (
    MEASUREMENT_COLUMNS,
    REPLACEMENT_COLUMNS,
    STATUS_COLUMNS,
    Measurement,
    Replacement,
    Status,
    StatusRecord,
    measurements_text,
    parse_number,
    replacements_text,
    statuses_text,
)
from headway.monitoring.tables import Table, read_table
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy

STRATEGY_FILE = "headway.yaml"
MEASUREMENTS_FILE = "measurements.csv"
STATUS_FILE = "initiatives.csv"
REPLACEMENTS_FILE = "replacements.csv"
LOCK_FILE = ".headway.lock"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Workspace:
    """A workspace folder; open one with `Workspace.open(directory)`."""

    root: Path
    strategy: Strategy

    @classmethod
    def open(cls, directory: str | os.PathLike[str]) -> Workspace:
        """Open the workspace in `directory`, loading and validating its `headway.yaml`.

        Raises `TrackingError` when there is no strategy document, `StrategyError` when it is
        not valid.
        """
        root = Path(directory)
        document = root / STRATEGY_FILE
        if not document.is_file():
            message = "no such file: not a workspace; create one with `headway init DIR`"
            raise TrackingError([problem(message, str(document))])
        return cls(root, load_strategy(document))

    @property
    def strategy_path(self) -> Path:
        """Path of the strategy document."""
        return self.root / STRATEGY_FILE

    # -- reading -------------------------------------------------------------------------

    def measurements(self) -> list[Measurement]:
        """Every measurement, sorted by KPI, date and source."""
        table = self._table(MEASUREMENTS_FILE, MEASUREMENT_COLUMNS)
        if table is None:
            return []
        return sorted(measurements_from_table(table, None, default_source="import"))

    def status_records(self) -> list[StatusRecord]:
        """Every initiative status record, in the order they were made."""
        table = self._table(STATUS_FILE, STATUS_COLUMNS)
        if table is None:
            return []
        known = {i.id for i in self.strategy.initiatives}
        records: list[StatusRecord] = []
        problems = []
        for number, cells in table.rows:
            row = dict(zip(STATUS_COLUMNS, [str(c or "").strip() for c in cells], strict=False))
            try:
                if row["initiative"] not in known:
                    raise ValueError(f"'{row['initiative']}' is not an initiative of the strategy")
                records.append(
                    StatusRecord(
                        initiative=row["initiative"],
                        status=Status.parse(row["status"]),
                        date=date.fromisoformat(row["date"]),
                        owner=row.get("owner", ""),
                        actual_upfront=_optional(row.get("actual_upfront", "")),
                        actual_recurring_per_month=_optional(
                            row.get("actual_recurring_per_month", "")
                        ),
                        note=row.get("note", ""),
                    )
                )
            except (ValueError, KeyError) as exc:
                problems.append(problem(str(exc), str(self.root / STATUS_FILE), number))
        if problems:
            raise TrackingError(problems)
        return records

    def replacements(self) -> list[Replacement]:
        """The replacement log, oldest first."""
        table = self._table(REPLACEMENTS_FILE, REPLACEMENT_COLUMNS)
        if table is None:
            return []
        result: list[Replacement] = []
        for number, cells in table.rows:
            row = dict(zip(REPLACEMENT_COLUMNS, [str(c or "") for c in cells], strict=False))
            try:
                result.append(
                    Replacement(
                        row["recorded_at"],
                        row["kpi"],
                        date.fromisoformat(row["date"]),
                        row["source"],
                        parse_number(row["old_value"]),
                        parse_number(row["new_value"]),
                        row["old_note"],
                        row["new_note"],
                        row["origin"],
                    )
                )
            except (ValueError, KeyError) as exc:
                name = str(self.root / REPLACEMENTS_FILE)
                raise TrackingError([problem(str(exc), name, number)]) from None
        return result

    # -- writing -------------------------------------------------------------------------

    def import_measurements(
        self, path: str | os.PathLike[str], source: str = "import"
    ) -> ImportResult:
        """Validate the whole CSV/XLSX file at `path`, then merge it into the measurements.

        On any bad row nothing is written and `TrackingError` lists every problem. A key (KPI,
        date, source) already present with the same value changes nothing; with another value
        it is replaced and the replacement logged. `source` fills rows without a source.
        """
        kpis = [k.id for k in self.strategy.kpis]
        incoming = measurements_from_table(read_table(path), kpis, default_source=source)
        return self._store(incoming, origin=Path(path).name)

    def add_measurement(
        self,
        kpi: str,
        day: date | str,
        value: float | str,
        source: str = "manual",
        note: str = "",
    ) -> ImportResult:
        """Record one measurement (same rules as an import of one row); `day` and `value` may be
        text as typed (`2027-03-01`, `12.5`)."""
        table = Table(
            "<entry>",
            ["kpi", "date", "value", "source", "note"],
            [(2, [kpi, day, value, source, note])],
        )
        kpis = [k.id for k in self.strategy.kpis]
        try:
            incoming = measurements_from_table(table, kpis, source)
        except TrackingError as exc:
            # One typed entry has no file, row or column number to point at: name the field.
            raise TrackingError(
                [replace(p, file="entry", line=None, column=None) for p in exc.problems]
            ) from None
        return self._store(incoming, origin="entry")

    def record_status(self, record: StatusRecord) -> bool:
        """Append a status record; returns False (and writes nothing) when it is already there."""
        if record.initiative not in {i.id for i in self.strategy.initiatives}:
            ids = ", ".join(i.id for i in self.strategy.initiatives)
            message = f"'{record.initiative}' is not an initiative of the strategy ({ids})"
            raise TrackingError([problem(message, str(self.strategy_path))])
        with self._lock():
            records = self.status_records()
            if record in records:
                return False
            write_atomic(self.root / STATUS_FILE, statuses_text([*records, record]))
        return True

    def _store(self, incoming: Sequence[Measurement], origin: str) -> ImportResult:
        with self._lock():
            merged, result = merge(self.measurements(), incoming, origin, _now())
            if not result.changed:
                return result
            if result.replacements:
                # The log goes first: a crash between the two writes leaves a logged replacement
                # that a re-run repeats, and the log keeps each replacement once.
                log = self.replacements()
                seen = {r.content for r in log}
                log += [r for r in result.replacements if r.content not in seen]
                write_atomic(self.root / REPLACEMENTS_FILE, replacements_text(log))
            write_atomic(self.root / MEASUREMENTS_FILE, measurements_text(merged))
            return result

    def _table(self, name: str, columns: Sequence[str]) -> Table | None:
        path = self.root / name
        if not path.exists():
            return None
        table = read_table(path)
        if [h.strip().lower() for h in table.header] != list(columns):
            expected = ", ".join(columns)
            message = f"expected the header {expected}; got {', '.join(table.header)}"
            raise TrackingError([problem(message, str(path), 1)])
        return table

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: single writer assumed
            yield
            return
        with open(self.root / LOCK_FILE, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _optional(text: str) -> float | None:
    return parse_number(text) if text.strip() else None
