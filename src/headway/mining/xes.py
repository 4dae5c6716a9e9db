"""Read an XES or XES.gz event log into DuckDB (see `eventlog` for the tables it fills).

Two scanners read the document: the compiled one (`xes_c/`, used when it was built at install
time) and the NumPy one (`xes_numpy`, everywhere else); `scanner="numpy"` chooses the
latter (the command line takes it from the `xes_scanner` setting). Both cut the file into
blocks with `xes_scan.blocks` (which refuses DTDs and transcodes declared encodings to UTF-8;
the NumPy path has it check UTF-8 too, the compiled scanner checks the keys and values it
keeps), follow the nesting across blocks and leave three relations behind: `xes_attrs` (every
trace- and event-level attribute), `xes_cases` (trace number, case id) and `xes_events` (the
standard attributes of each event as text). This module turns those into `events`.

Conventions (the same as PM4Py's XES importer):

- the case id is the trace's `concept:name`; the activity is the event's `concept:name`; the
  time is `time:timestamp` (offsets honoured, stored in UTC; a time without offset is UTC);
  the resource is `org:resource`; the lifecycle is `lifecycle:transition`; the cost
  `cost:total`;
- traces without events contribute nothing; events keep their order in the file (`row_no`).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import duckdb

from headway.mining import xes_compiled, xes_numpy
from headway.mining.errors import MiningError
from headway.mining.eventlog import MAX_EVENTS, EventLog, connect
from headway.mining.xes_columns import event_columns

ProgressCallback = Callable[[int, int], None]


def scanner_name(wanted: str = "auto") -> str:
    """The scanner `read_xes` uses when asked for `wanted` (`auto`, `compiled` or `numpy`):
    `numpy` when asked for or when the compiled one was not built, else `compiled`."""
    if wanted not in ("auto", "compiled", "numpy"):
        raise MiningError(f"unknown XES scanner {wanted!r}; use auto, compiled or numpy")
    if wanted == "numpy" or not xes_compiled.available():
        return "numpy"
    return "compiled"


def read_xes(
    path: str,
    *,
    memory_limit: str = "2GB",
    threads: int = 2,
    progress: ProgressCallback | None = None,
    scanner: str = "auto",
    max_events: int = MAX_EVENTS,
) -> EventLog:
    """Read the XES (or gzip-compressed XES) file at `path` into a new `EventLog`.

    `scanner` chooses the scanner (see `scanner_name`). A log of more than `max_events` events
    is refused as soon as the scan passes that many.
    `progress`, when given, is called with (bytes of the file read so far, file size).
    Raises `MiningError` naming the file and line for unsafe, damaged or malformed input.
    """
    connection = connect(memory_limit)
    try:
        size = os.path.getsize(path) if os.path.isfile(path) else 0
        scanned = None
        if scanner_name(scanner) == "compiled":
            started, depth, scanned = xes_compiled.load(
                path, connection, size=size, progress=progress, max_events=max_events
            )
        else:
            started, depth = xes_numpy.load(
                path,
                connection,
                size=size,
                threads=threads,
                progress=progress,
                max_events=max_events,
            )
        if not started:
            raise MiningError("not an XES log: no <log> element found", path)
        if depth != 0:
            raise MiningError(
                f"the document ends inside {depth} open element(s): the file is "
                "truncated or not well-formed",
                path,
            )
        log = EventLog(connection, source=path, format="xes")
        _build_tables(log)
        if scanned is not None:
            log.columns = event_columns(connection, scanned)
        if log.event_count == 0:
            raise MiningError("the log has no events", path)
        return log
    except BaseException:
        connection.close()
        raise


def _build_tables(log: EventLog) -> None:
    """`events` (a view) over `xes_events`; the attribute views over `xes_attrs`.

    Every timestamp is checked first, so that the first one that is not ISO 8601 is named.
    """
    _check_timestamps(log)
    _create_events(log.connection)
    _warn_about_skipped_events(log)
    _create_attribute_views(log.connection)


def _check_timestamps(log: EventLog) -> None:
    """Raise `MiningError` for the first event whose time:timestamp is not ISO 8601."""
    bad = log.connection.execute(
        """
        SELECT e.row_no, e.case_id, e.ts_text
        FROM xes_events e
        WHERE e.ts_text IS NOT NULL AND try_cast(e.ts_text AS TIMESTAMPTZ) IS NULL
        ORDER BY e.row_no LIMIT 1
        """
    ).fetchone()
    if bad:
        raise MiningError(
            f"time:timestamp {bad[2]!r} of event {bad[0] + 1} (case {bad[1]!r}) is not an "
            "ISO 8601 date-time",
            log.source,
        )


def _create_events(connection: duckdb.DuckDBPyConnection) -> None:
    """`events`: a view of the events with an activity, with typed time and cost.

    A view, not a copy: the XES columns stay where the reader left them (Arrow or DuckDB),
    which saves time and memory; the timestamps were checked before (`_check_timestamps`).
    """
    connection.execute(
        """
        CREATE VIEW events AS
        SELECT row_no, case_id, activity, CAST(ts_text AS TIMESTAMPTZ) AS ts, resource,
               lower(lifecycle) AS lifecycle, try_cast(cost_text AS DOUBLE) AS cost
        FROM xes_events
        WHERE activity IS NOT NULL
        """
    )


def _warn_about_skipped_events(log: EventLog) -> None:
    """Warn about events without an activity (skipped) or without a time."""
    skipped = log.connection.execute(
        "SELECT count(*) FILTER (WHERE activity IS NULL), count(*) FILTER (WHERE ts_text IS NULL)"
        " FROM xes_events"
    ).fetchone()
    if skipped and skipped[0]:
        log.warnings.append(f"{skipped[0]:,} events have no concept:name and were skipped")
    if skipped and skipped[1]:
        log.warnings.append(f"{skipped[1]:,} events have no time:timestamp")


def _create_attribute_views(connection: duckdb.DuckDBPyConnection) -> None:
    """`case_attributes` and `event_attributes`: every attribute of the log, by case or event."""
    connection.execute(
        """
        CREATE VIEW case_attributes AS
        SELECT coalesce(c.case_id, '#' || CAST(a.trace_no + 1 AS VARCHAR)) AS case_id,
               a.key, a.type, a.value
        FROM xes_attrs a LEFT JOIN xes_cases c USING (trace_no)
        WHERE a.scope = 1
        """
    )
    connection.execute(
        "CREATE VIEW event_attributes AS SELECT event_no AS row_no, key, type, value "
        "FROM xes_attrs WHERE scope = 2"
    )
