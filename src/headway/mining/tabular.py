"""Read an event log from a CSV or Parquet file whose columns the user maps.

DuckDB scans the file in parallel and hands over Arrow batches; their text columns are
dictionary-encoded as they come (`frame.encoded`) and `events` is a view of the result, so no
Python object is built per row and the text of all rows is never held at once. Values are
read as text (CSV) or in their stored type (Parquet) and converted in SQL:

- timestamps: ISO 8601 by default (`2024-03-01 09:30`, `2024-03-01T09:30:00+01:00`); or the
  strptime formats given (tried in order, e.g. `%d/%m/%Y %H:%M`); or `unix` / `unix_ms`
  (seconds / milliseconds since 1970). A time without offset is local time in `timezone`.
- rows keep their position in the file (`row_no`), which breaks ties between equal times.

Every row needs a case, an activity and a timestamp; the first row where one is missing or
cannot be parsed is reported by number (1 = the first data row after the header).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from difflib import get_close_matches

import duckdb
import numpy as np
import pyarrow as pa

from headway.mining import frame
from headway.mining.arrays import int_array
from headway.mining.errors import MiningError
from headway.mining.eventlog import (
    EVENT_COLUMNS,
    MAX_EVENTS,
    EventLog,
    check_event_count,
    connect,
)

EventsRead = Callable[[int], None]
"""A progress callback: called with the number of events read so far."""
_Limits = tuple[str, int, EventsRead | None]


@dataclass(frozen=True)
class ColumnMapping:
    """Which input column holds what; optional ones may be None.

    `timestamp_formats` are strptime patterns tried in order (empty: ISO 8601), or the single
    word `unix` or `unix_ms`. `timezone` (an IANA name such as `Europe/Amsterdam`) is the
    zone of timestamps written without an offset.
    """

    case: str = "case:concept:name"
    activity: str = "concept:name"
    timestamp: str = "time:timestamp"
    resource: str | None = None
    lifecycle: str | None = None
    cost: str | None = None
    timestamp_formats: tuple[str, ...] = ()
    timezone: str = "UTC"


# Column names tried, in order, when the user maps nothing (common exports and PM4Py's own).
_GUESSES = {
    "case": ("case:concept:name", "case_id", "case", "caseid", "case id"),
    "activity": ("concept:name", "activity", "activity_name", "event", "task"),
    "timestamp": ("time:timestamp", "timestamp", "time", "end_time", "complete_timestamp"),
    "resource": ("org:resource", "resource", "user", "performer"),
    "lifecycle": ("lifecycle:transition", "lifecycle", "transition"),
    "cost": ("cost:total", "cost"),
}


def read_csv(
    path: str,
    mapping: ColumnMapping | None = None,
    *,
    delimiter: str | None = None,
    memory_limit: str = "2GB",
    max_events: int = MAX_EVENTS,
    events_read: EventsRead | None = None,
) -> EventLog:
    """Read a CSV event log (header row required); `delimiter` None lets DuckDB detect it.

    A log of more than `max_events` rows is refused as soon as the read passes that many.
    `events_read`, when given, is called with the number of rows read so far."""
    options = "header = true, all_varchar = true"
    if delimiter is not None:
        options += f", delim = {_literal(delimiter)}"
    source = f"read_csv({_literal(path)}, {options})"
    return _read(path, source, "csv", mapping, (memory_limit, max_events, events_read))


def read_parquet(
    path: str,
    mapping: ColumnMapping | None = None,
    *,
    memory_limit: str = "2GB",
    max_events: int = MAX_EVENTS,
    events_read: EventsRead | None = None,
) -> EventLog:
    """Read a Parquet event log; columns keep their stored types (timestamps need no format).

    A log of more than `max_events` rows is refused; `events_read` as for `read_csv`."""
    source = f"read_parquet({_literal(path)})"
    return _read(path, source, "parquet", mapping, (memory_limit, max_events, events_read))


def _read(
    path: str, source: str, kind: str, mapping: ColumnMapping | None, limits: _Limits
) -> EventLog:
    memory_limit, max_events, events_read = limits
    connection = connect(memory_limit)
    try:
        _set_timezone(connection, mapping.timezone if mapping else "UTC", path)
        try:
            described = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        except duckdb.Error as exc:
            message = f"cannot read the {kind.upper()} file: {_first_line(exc)}"
            raise MiningError(message, path) from None
        types = {str(row[0]): str(row[1]) for row in described}
        mapping = _complete(mapping, list(types), path)
        columns = _load(connection, source, mapping, types, path, (max_events, events_read))
        log = EventLog(connection, source=path, format=kind, columns=columns)
        if log.event_count == 0:
            raise MiningError("the log has no events", path)
        return log
    except BaseException:
        connection.close()
        raise


def _complete(mapping: ColumnMapping | None, columns: list[str], path: str) -> ColumnMapping:
    """The mapping with guessed names filled in; an error naming a missing mapped column."""
    lowered = {name.lower(): name for name in columns}

    def guess(role: str) -> str | None:
        for candidate in _GUESSES[role]:
            if candidate in lowered:
                return lowered[candidate]
        return None

    if mapping is None:
        found = {role: guess(role) for role in _GUESSES}
        for role in ("case", "activity", "timestamp"):
            if found[role] is None:
                raise MiningError(
                    f"no {role} column found among {', '.join(columns)}; name it with "
                    f"--{role} COLUMN",
                    path,
                )
        mapping = ColumnMapping(
            case=str(found["case"]),
            activity=str(found["activity"]),
            timestamp=str(found["timestamp"]),
            resource=found["resource"],
            lifecycle=found["lifecycle"],
            cost=found["cost"],
        )
    defaults = ColumnMapping()
    for role in ("case", "activity", "timestamp"):
        # A required column left at its default name is guessed like an unmapped one.
        name = getattr(mapping, role)
        guessed = guess(role) if name == getattr(defaults, role) and name not in columns else None
        if guessed is not None and role == "case":
            mapping = replace(mapping, case=guessed)
        elif guessed is not None and role == "activity":
            mapping = replace(mapping, activity=guessed)
        elif guessed is not None:
            mapping = replace(mapping, timestamp=guessed)
    for role in ("case", "activity", "timestamp", "resource", "lifecycle", "cost"):
        name = getattr(mapping, role)
        if name is not None and name not in columns:
            close = get_close_matches(name, columns, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise MiningError(
                f"the {role} column {name!r} is not in the file (columns: "
                f"{', '.join(columns)}){hint}",
                path,
            )
    return mapping


def _load(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    mapping: ColumnMapping,
    types: dict[str, str],
    path: str,
    bound: tuple[int, EventsRead | None],
) -> pa.Table:
    """Read the file into Arrow columns (`frame.encoded`) and make `events` a view of them.

    DuckDB parses the file in parallel and hands over batches in file order; reading stops
    at the first batch that takes the log past `max_events`.
    """

    def column(name: str | None, sql_type: str = "VARCHAR") -> str:
        return f"CAST({_ident(name)} AS {sql_type})" if name else f"CAST(NULL AS {sql_type})"

    stamp = _ident(mapping.timestamp)
    parsed = _timestamp_sql(stamp, types[mapping.timestamp], mapping)
    max_events, events_read = bound
    try:
        reader = connection.sql(
            f"""
            SELECT
                {column(mapping.case)} AS case_id,
                {column(mapping.activity)} AS activity,
                {parsed} AS ts,
                {column(mapping.resource)} AS resource,
                lower({column(mapping.lifecycle)}) AS lifecycle,
                try_cast({column(mapping.cost)} AS DOUBLE) AS cost
            FROM {source}
            """
        ).to_arrow_reader(frame.BATCH_ROWS)
        table = frame.encoded(_counted(reader, max_events, path, events_read), reader.schema)
    except (duckdb.Error, pa.ArrowException, OSError) as exc:  # a bad row met while reading
        raise MiningError(f"cannot read the file: {_first_line(exc)}", path) from None
    # The row's position in the file (DuckDB keeps the file's order: preserve_insertion_order).
    table = table.append_column("row_no", int_array(np.arange(table.num_rows, dtype=np.int64)))
    connection.register("events_arrow", table)
    connection.execute(f"CREATE VIEW events AS SELECT {', '.join(EVENT_COLUMNS)} FROM events_arrow")
    if any(table[name].null_count for name in ("case_id", "activity", "ts")):
        # Rare: read the file again, keeping the raw text, to name the first bad row.
        _check_rows(connection, source, mapping, types, path, max_events)
    return table


def _counted(
    reader: pa.RecordBatchReader, max_events: int, path: str, events_read: EventsRead | None
) -> Iterator[pa.RecordBatch]:
    """The reader's batches, refused (`MiningError`) once they hold more than `max_events`."""
    count = 0
    for batch in reader:
        count += batch.num_rows
        check_event_count(count, max_events, path)
        if events_read is not None:
            events_read(count)
        yield batch


def _timestamp_sql(column: str, sql_type: str, mapping: ColumnMapping) -> str:
    """SQL turning the raw timestamp column into TIMESTAMPTZ, NULL where it cannot be parsed."""
    formats = mapping.timestamp_formats
    upper = sql_type.upper()
    scales: dict[tuple[str, ...], str] = {("unix",): "1.0", ("unix_ms",): "1000.0"}
    epoch_scale = scales.get(formats)
    if epoch_scale is not None:
        return f"to_timestamp(try_cast({column} AS DOUBLE) / {epoch_scale})"
    if upper.startswith("TIMESTAMP WITH TIME ZONE"):
        return column
    if upper.startswith("TIMESTAMP") or upper == "DATE":
        return f"CAST(CAST({column} AS TIMESTAMP) AS TIMESTAMPTZ)"
    text = f"CAST({column} AS VARCHAR)"
    if not formats:
        return f"try_cast({text} AS TIMESTAMPTZ)"
    patterns = "[" + ", ".join(_literal(f) for f in formats) + "]"
    # A result without offset is local time: the session TimeZone is the mapping's zone.
    return f"CAST(try_strptime({text}, {patterns}) AS TIMESTAMPTZ)"


def _check_rows(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    mapping: ColumnMapping,
    types: dict[str, str],
    path: str,
    max_events: int,
) -> None:
    """The first row with an empty case, activity or timestamp, or an unparsable time."""
    try:
        connection.execute(
            f"""
            CREATE TABLE raw AS SELECT
                CAST({_ident(mapping.case)} AS VARCHAR) AS case_id,
                CAST({_ident(mapping.activity)} AS VARCHAR) AS activity,
                {_ident(mapping.timestamp)} AS ts_raw
            FROM (SELECT * FROM {source} LIMIT {int(max_events) + 1})
            """
        )
    except duckdb.Error as exc:
        raise MiningError(f"cannot read the file: {_first_line(exc)}", path) from None
    parsed = _timestamp_sql("ts_raw", types[mapping.timestamp], mapping)
    row = connection.execute(
        f"""
        SELECT min(rowid) FILTER (WHERE case_id IS NULL),
               min(rowid) FILTER (WHERE activity IS NULL),
               min(rowid) FILTER (WHERE ts_raw IS NULL),
               min(rowid) FILTER (WHERE ts_raw IS NOT NULL AND {parsed} IS NULL)
        FROM raw
        """
    ).fetchone()
    if row is None:  # pragma: no cover - an aggregate always returns a row
        return
    labels = (
        f"the case ({mapping.case!r}) is empty",
        f"the activity ({mapping.activity!r}) is empty",
        f"the timestamp ({mapping.timestamp!r}) is empty",
    )
    for found, message in zip(row[:3], labels, strict=True):
        if found is not None:
            raise MiningError(message, f"{path}: row {int(found) + 1}")
    if row[3] is not None:
        value = connection.execute(
            f"SELECT CAST(ts_raw AS VARCHAR) FROM raw WHERE rowid = {int(row[3])}"
        ).fetchone()
        wanted = " or ".join(mapping.timestamp_formats) or "ISO 8601 (e.g. 2024-03-01 09:30:00)"
        raise MiningError(
            f"cannot parse the timestamp {value[0] if value else ''!r} in column "
            f"{mapping.timestamp!r}; expected {wanted} (give the format with --timestamp-format)",
            f"{path}: row {int(row[3]) + 1}",
        )


def _set_timezone(connection: duckdb.DuckDBPyConnection, zone: str, path: str) -> None:
    try:
        connection.execute(f"SET TimeZone = {_literal(zone)}")
        connection.execute("SELECT CAST(TIMESTAMP '2000-01-01' AS TIMESTAMPTZ)").fetchone()
    except duckdb.Error:
        raise MiningError(
            f"unknown time zone {zone!r}; use an IANA name such as Europe/Amsterdam", path
        ) from None


def _ident(name: str | None) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
