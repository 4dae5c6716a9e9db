"""An event log loaded into DuckDB: one `events` relation, whatever format it came from.

Every reader produces the same columns (a table for CSV and Parquet; for XES a view over the
columns the scanner left in Arrow or DuckDB), so the metrics never care about the format:

| column | type | meaning |
|---|---|---|
| `row_no` | BIGINT | position in the input (0-based); breaks ties of equal timestamps |
| `case_id` | VARCHAR | the case (process instance) the event belongs to |
| `activity` | VARCHAR | what was done |
| `ts` | TIMESTAMPTZ | when (stored in UTC) |
| `resource` | VARCHAR | who or what did it (may be NULL) |
| `lifecycle` | VARCHAR | lifecycle transition, lower-case (`start`, `complete`, ...; may be NULL) |
| `cost` | DOUBLE | cost of the event in the log's currency (may be NULL) |

XES logs also keep every trace- and event-level attribute in `case_attributes(case_id, key,
type, value)` and `event_attributes(row_no, key, type, value)` (values as text).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from headway.mining.errors import MiningError
from headway.settings import DEFAULTS

EVENT_COLUMNS = ("row_no", "case_id", "activity", "ts", "resource", "lifecycle", "cost")

EVENTS_DDL = """
CREATE TABLE events (
    row_no BIGINT NOT NULL,
    case_id VARCHAR NOT NULL,
    activity VARCHAR NOT NULL,
    ts TIMESTAMPTZ,
    resource VARCHAR,
    lifecycle VARCHAR,
    cost DOUBLE
)
"""

DEFAULT_MEMORY_LIMIT = "2GB"
MAX_EVENTS = DEFAULTS.mining_max_events
"""Most events a reader takes by default (the `mining_max_events` setting)."""


def check_event_count(count: int, max_events: int, path: str) -> None:
    """Raise `MiningError` when a log read so far holds more than `max_events` events."""
    if count > max_events:
        raise MiningError(
            f"the log holds more than {max_events:,} events, the limit; raise it with the "
            "setting mining_max_events (see docs/settings.md) or mine a part of the log",
            path,
        )


@dataclass
class EventLog:
    """A loaded event log: a DuckDB connection holding the `events` table.

    `source` is the file it came from; `format` is `csv`, `xes` or `parquet`; `warnings` are
    data-quality notes the reader found (events skipped, missing values). `columns`, when the
    reader keeps them, are the `events` columns in Arrow with text dictionary-encoded (see
    `frame.encoded`): `events` is a view of them and the profile reads them directly.
    """

    connection: duckdb.DuckDBPyConnection
    source: str
    format: str
    warnings: list[str] = field(default_factory=list)
    columns: pa.Table | None = None

    @property
    def event_count(self) -> int:
        """Number of events in the `events` table."""
        rows = self.connection.execute("SELECT count(*) FROM events").fetchall()
        return int(rows[0][0]) if rows else 0

    def close(self) -> None:
        """Release the database (and its spill files) and the columns."""
        self.connection.close()
        self.columns = None


def connect(
    memory_limit: str = DEFAULT_MEMORY_LIMIT, threads: int | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB database in UTC that spills to a private temporary folder.

    `memory_limit` bounds DuckDB's own memory (e.g. "2GB"); bigger work spills to disk.
    """
    connection = duckdb.connect(":memory:")
    spill = Path(tempfile.gettempdir()) / f"headway-duckdb-{os.getpid()}"
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute(f"SET memory_limit = '{_checked_size(memory_limit)}'")
    connection.execute(f"SET temp_directory = '{spill.as_posix()}'")
    connection.execute("SET preserve_insertion_order = true")
    connection.execute("SET enable_progress_bar = false")
    if threads is not None:
        connection.execute(f"SET threads = {int(threads)}")
    return connection


def _checked_size(text: str) -> str:
    cleaned = text.strip().upper().replace(" ", "")
    number = cleaned.rstrip("KMGTIB")
    if not number.replace(".", "", 1).isdigit() or not cleaned[len(number) :]:
        raise ValueError(f"memory limit {text!r} is not a size such as '2GB'")
    return cleaned
