"""Use cases that track a workspace: measurements, initiative status, and the status report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from headway.monitoring.errors import TrackingError, problem
from headway.monitoring.initiatives import ACTIVE, initiative_states
from headway.monitoring.measurements import ImportResult, measurements_from_table, merge
from headway.monitoring.records import Measurement, StatusRecord
from headway.monitoring.status import Tracking
from headway.monitoring.tables import Table
from headway.strategy.model import Strategy
from headway.strategy.types import unsafe_character
from headway.workspace.changes import current_strategy
from headway.workspace.store import WorkspaceStore, utc_now


def import_measurements(
    store: WorkspaceStore, table: Table, source: str = "import"
) -> ImportResult:
    """Validate every row of `table` (read with `headway.monitoring.tables.read_table`), then
    merge the measurements into the workspace's.

    On any bad row nothing is saved and `TrackingError` lists every problem. A key (KPI, date,
    source) already present with the same value changes nothing; with another value it is
    replaced and the replacement logged. `source` fills rows without a source.
    """
    kpis = [k.id for k in current_strategy(store).kpis]
    incoming = measurements_from_table(table, kpis, default_source=source)
    return _store(store, incoming, origin=Path(table.file).name)


def add_measurement(
    store: WorkspaceStore,
    kpi: str,
    day: date | str,
    value: float | str,
    source: str = "manual",
    note: str = "",
) -> ImportResult:
    """Record one measurement (same rules as an import of one row); `day` and `value` may be
    text as typed (`2027-03-01`, `12.5`)."""
    columns = ["kpi", "date", "value", "source", "note"]
    table = Table("<entry>", columns, [(2, [kpi, day, value, source, note])])
    kpis = [k.id for k in current_strategy(store).kpis]
    try:
        incoming = measurements_from_table(table, kpis, source)
    except TrackingError as exc:
        # One typed entry has no file, row or column number to point at: name the field.
        raise TrackingError(
            [replace(p, file="entry", line=None, column=None) for p in exc.problems]
        ) from None
    return _store(store, incoming, origin="entry")


def record_status(store: WorkspaceStore, record: StatusRecord) -> bool:
    """Append an initiative's status record; False (nothing saved) when it is already there.
    Raises `TrackingError` when the initiative is not in the strategy."""
    strategy = current_strategy(store)
    if record.initiative not in {i.id for i in strategy.initiatives}:
        ids = ", ".join(i.id for i in strategy.initiatives)
        message = f"'{record.initiative}' is not an initiative of the strategy ({ids})"
        raise TrackingError([problem(message, store.name)])
    for name, text in (("owner", record.owner), ("note", record.note)):
        if unsafe_character(text):
            message = f"{name} holds the control character {unsafe_character(text)}; remove it"
            raise TrackingError([problem(message, "entry", None, name)])
    with store.lock():
        records = store.status_records()
        if record in records:
            return False
        store.save_status_records([*records, record])
    return True


def tracked_initiatives(store: WorkspaceStore, strategy: Strategy | None = None) -> dict[str, str]:
    """The initiatives under way (planned, in progress or live) -> their status, by the
    workspace's status records against `strategy` (default: the current one)."""
    strategy = strategy or current_strategy(store)
    states = initiative_states(strategy, store.status_records())
    return {i: s.status.value for i, s in states.items() if s.status in ACTIVE}


def tracking(store: WorkspaceStore) -> Tracking:
    """Everything the workspace tracked: its measurements and status records."""
    return Tracking(store.measurements(), store.status_records())


def _store(store: WorkspaceStore, incoming: Sequence[Measurement], origin: str) -> ImportResult:
    with store.lock():
        merged, result = merge(store.measurements(), incoming, origin, utc_now())
        if result.changed:
            store.save_measurements(merged, result.replacements)
        return result
