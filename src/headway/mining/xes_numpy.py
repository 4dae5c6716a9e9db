"""The NumPy XES reader: used where the compiled scanner (`xes_c/`) was not built.

Blocks of the file are tokenised in worker threads (`xes_tokens.tokenize`, NumPy and Arrow
kernels that release the GIL); this module follows the element nesting across blocks with NumPy
prefix sums, streams the trace- and event-level attributes into DuckDB as Arrow batches and
pivots them into `xes_cases` and `xes_events` (the tables `xes.read_xes` finishes from).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from headway.mining import xes_scan, xes_tokens
from headway.mining.arrays import int_array
from headway.mining.errors import MiningError
from headway.mining.eventlog import MAX_EVENTS, check_event_count
from headway.mining.xes_tokens import Tokens

ProgressCallback = Callable[[int, int], None]
FLUSH_ROWS = 100_000

_ATTRS_DDL = """
CREATE TABLE xes_attrs (
    scope UTINYINT NOT NULL,  -- 1 trace, 2 event
    trace_no BIGINT NOT NULL,
    event_no BIGINT,
    type VARCHAR,
    key VARCHAR,
    value VARCHAR
)
"""
_OPENING = (
    xes_tokens.TRACE_OPEN,
    xes_tokens.EVENT_OPEN,
    xes_tokens.ATTR_OPEN,
    xes_tokens.ELEMENT_OPEN,
    xes_tokens.LOG_OPEN,
)
_CLOSING = (
    xes_tokens.TRACE_CLOSE,
    xes_tokens.EVENT_CLOSE,
    xes_tokens.ATTR_CLOSE,
    xes_tokens.ELEMENT_CLOSE,
)
# Lookup tables by element kind (faster than np.isin on every block).
_IS_OPENING = np.isin(np.arange(16), _OPENING)
_IS_CLOSING = np.isin(np.arange(16), _CLOSING)


@dataclass
class _State:
    """Where the scan is in the document after the blocks seen so far."""

    depth: int = 0
    traces: int = 0
    events: int = 0
    in_trace: int = 0
    in_event: int = 0
    started: bool = False
    batches: list[pa.Table] = field(default_factory=list)
    batched_rows: int = 0
    # The INSERT in progress (run by a writer thread while the scan goes on), if any.
    inserting: Future[None] | None = None
    writer: ThreadPoolExecutor | None = None


def load(
    path: str,
    connection: duckdb.DuckDBPyConnection,
    *,
    size: int,
    threads: int = 2,
    progress: ProgressCallback | None = None,
    max_events: int = MAX_EVENTS,
) -> tuple[bool, int]:
    """Scan the document at `path` into `xes_attrs`, `xes_cases` and `xes_events`.

    Returns (whether a <log> element was found, the nesting depth at the end). Raises
    `MiningError` as soon as the log holds more than `max_events` events.
    """
    connection.execute(_ATTRS_DDL)
    state = _State()
    with (
        ThreadPoolExecutor(max_workers=max(1, threads)) as pool,
        ThreadPoolExecutor(max_workers=1) as writer,
    ):
        state.writer = writer
        pending: deque[Future[Tokens]] = deque()
        for block in xes_scan.blocks(path):
            pending.append(pool.submit(_tokenize, block, path))
            while len(pending) > threads:
                done = _consume(pending.popleft().result(), state, connection, path)
                check_event_count(state.events, max_events, path)
                if progress is not None:
                    progress(done, size)
        while pending:
            done = _consume(pending.popleft().result(), state, connection, path)
            check_event_count(state.events, max_events, path)
            if progress is not None:
                progress(done, size)
        _flush(state, connection)
        _wait_for_insert(state)
    if state.started and state.depth == 0:
        _pivot_cases(connection)
        _pivot_events(connection)
    return state.started, state.depth


def _tokenize(block: xes_scan.Block, path: str) -> Tokens:
    try:
        return xes_tokens.tokenize(block)
    except MiningError as exc:
        line = exc.where if exc.where and exc.where.isdigit() else block.first_line
        raise MiningError(exc.message, f"{path}:{line}") from None


def _consume(
    tokens: Tokens, state: _State, connection: duckdb.DuckDBPyConnection, path: str
) -> int:
    """Follow the nesting through one block and insert its trace and event attributes."""
    kind = tokens.kind
    opening = _IS_OPENING[kind] & ~tokens.self_closing
    closing = _IS_CLOSING[kind]
    delta = opening.astype(np.int64) - closing.astype(np.int64)
    depth_after = state.depth + np.cumsum(delta)
    depth_before = depth_after - delta
    _check_structure(tokens, state, depth_after, depth_before, path)
    nesting = _trace_and_event_nesting(tokens, state, path)
    if len(kind):
        state.depth = int(depth_after[-1])
        state.traces = int(nesting.trace_no[-1]) + 1
        state.events = int(nesting.event_no[-1]) + 1
        state.in_trace = int(nesting.in_trace[-1])
        state.in_event = int(nesting.in_event[-1])
    _collect_attributes(tokens, nesting, depth_before, state, connection)
    return tokens.block.file_position


@dataclass(frozen=True)
class _Nesting:
    """Per element of a block: its trace and event number, and whether it is inside one."""

    trace_no: npt.NDArray[np.int64]
    event_no: npt.NDArray[np.int64]
    in_trace: npt.NDArray[np.int64]
    in_event: npt.NDArray[np.int64]


def _trace_and_event_nesting(tokens: Tokens, state: _State, path: str) -> _Nesting:
    """Number the traces and events of one block; traces and events must not nest."""
    kind = tokens.kind
    self_closing = tokens.self_closing
    trace_open = kind == xes_tokens.TRACE_OPEN
    event_open = kind == xes_tokens.EVENT_OPEN
    trace_close = (kind == xes_tokens.TRACE_CLOSE) | (trace_open & self_closing)
    event_close = (kind == xes_tokens.EVENT_CLOSE) | (event_open & self_closing)
    trace_no = state.traces + np.cumsum(trace_open) - 1
    event_no = state.events + np.cumsum(event_open) - 1
    in_trace = state.in_trace + np.cumsum(trace_open) - np.cumsum(trace_close)
    in_event = state.in_event + np.cumsum(event_open) - np.cumsum(event_close)
    if len(kind):
        if in_event.min() < 0 or in_trace.min() < 0:
            bad = int(np.flatnonzero((in_event < 0) | (in_trace < 0))[0])
            raise MiningError(
                "a closing tag has no matching opening tag", f"{path}:{tokens.line_of(bad)}"
            )
        if in_event.max() > 1 or in_trace.max() > 1:
            bad = int(np.flatnonzero((in_event > 1) | (in_trace > 1))[0])
            raise MiningError(
                "traces and events are nested wrongly", f"{path}:{tokens.line_of(bad)}"
            )
    return _Nesting(trace_no, event_no, in_trace, in_event)


def _collect_attributes(
    tokens: Tokens,
    nesting: _Nesting,
    depth_before: npt.NDArray[np.int64],
    state: _State,
    connection: duckdb.DuckDBPyConnection,
) -> None:
    """Batch the block's trace- and event-level attributes; flush when the batch is full."""
    rows = tokens.attr_index
    in_event = nesting.in_event[rows]
    event_level = (in_event == 1) & (depth_before[rows] == 3)
    trace_level = (nesting.in_trace[rows] == 1) & (in_event == 0) & (depth_before[rows] == 2)
    keep = event_level | trace_level
    if not keep.any():
        return
    chosen = int_array(np.flatnonzero(keep))
    at_event = event_level[keep]
    batch = pa.Table.from_arrays(
        [
            pa.Array.from_buffers(
                pa.uint8(),
                len(at_event),
                [None, pa.py_buffer(np.where(at_event, 2, 1).astype(np.uint8))],
            ),
            int_array(nesting.trace_no[rows][keep]),
            _with_nulls(nesting.event_no[rows][keep], at_event),
            tokens.attr_type.take(chosen),
            tokens.attr_key.take(chosen),
            tokens.attr_value.take(chosen),
        ],
        names=["scope", "trace_no", "event_no", "type", "key", "value"],
    )
    state.batches.append(batch)
    state.batched_rows += batch.num_rows
    if state.batched_rows >= FLUSH_ROWS:
        _flush(state, connection)


def _with_nulls(values: npt.NDArray[np.int64], valid: npt.NDArray[np.bool_]) -> pa.Array:
    """An int64 Arrow array that is null where `valid` is false (no pandas check, no copy)."""
    data = np.ascontiguousarray(values, dtype=np.int64)
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(pa.int64(), len(data), [bitmap, pa.py_buffer(data)])


def _flush(state: _State, connection: duckdb.DuckDBPyConnection) -> None:
    """Insert the attribute rows gathered so far (one INSERT per ~FLUSH_ROWS rows).

    The INSERT runs in the writer thread (DuckDB releases the GIL) while the scan goes on;
    at most one is in progress, so at most two batches are held in memory.
    """
    if not state.batches:
        return
    _wait_for_insert(state)
    batch = pa.concat_tables(state.batches)
    state.batches, state.batched_rows = [], 0
    if state.writer is None:
        _insert(connection, batch)
    else:
        state.inserting = state.writer.submit(_insert, connection, batch)


def _wait_for_insert(state: _State) -> None:
    if state.inserting is not None:
        inserting, state.inserting = state.inserting, None
        inserting.result()


def _insert(connection: duckdb.DuckDBPyConnection, batch: pa.Table) -> None:
    connection.register("xes_batch", batch)
    connection.execute("INSERT INTO xes_attrs SELECT * FROM xes_batch")
    connection.unregister("xes_batch")


def _check_structure(
    tokens: Tokens,
    state: _State,
    depth_after: npt.NDArray[np.int64],
    depth_before: npt.NDArray[np.int64],
    path: str,
) -> None:
    kind = tokens.kind
    if not state.started:
        elements = np.flatnonzero(kind != xes_tokens.OTHER)
        if len(elements):
            first = int(elements[0])
            if kind[first] != xes_tokens.LOG_OPEN:
                raise MiningError(
                    "not an XES log: the document must start with a <log> element",
                    f"{path}:{tokens.line_of(first)}",
                )
            state.started = True
    if len(kind) and depth_after.min() < 0:
        bad = int(np.flatnonzero(depth_after < 0)[0])
        raise MiningError(
            "a closing tag has no matching opening tag", f"{path}:{tokens.line_of(bad)}"
        )
    if state.started and len(kind):
        # After the root closes nothing but comments or whitespace may follow.
        ended = np.flatnonzero((depth_before == 0) & (kind != xes_tokens.OTHER))
        if len(ended) > 1 or (len(ended) == 1 and kind[int(ended[0])] != xes_tokens.LOG_OPEN):
            bad = int(ended[-1])
            raise MiningError(
                "content after the end of the <log> element", f"{path}:{tokens.line_of(bad)}"
            )


def _pivot_cases(connection: duckdb.DuckDBPyConnection) -> None:
    """`xes_cases`: the case id of every trace (its concept:name, else its number)."""
    connection.execute(
        """
        CREATE TABLE xes_cases AS
        SELECT trace_no, any_value(value) FILTER (WHERE key = 'concept:name') AS case_id
        FROM xes_attrs WHERE scope = 1 GROUP BY trace_no
        """
    )


def _pivot_events(connection: duckdb.DuckDBPyConnection) -> None:
    """`xes_events`: the case and standard attributes of every event (time still as text)."""
    connection.execute(
        """
        CREATE TABLE xes_events AS
        SELECT e.*, coalesce(c.case_id, '#' || CAST(e.trace_no + 1 AS VARCHAR)) AS case_id
        FROM (
            SELECT event_no AS row_no,
                   any_value(trace_no) AS trace_no,
                   any_value(value) FILTER (WHERE key = 'concept:name') AS activity,
                   any_value(value) FILTER (WHERE key = 'time:timestamp') AS ts_text,
                   any_value(value) FILTER (WHERE key = 'org:resource') AS resource,
                   any_value(value) FILTER (WHERE key = 'lifecycle:transition') AS lifecycle,
                   any_value(value) FILTER (WHERE key = 'cost:total') AS cost_text
            FROM xes_attrs WHERE scope = 2 GROUP BY event_no
        ) e LEFT JOIN xes_cases c USING (trace_no)
        ORDER BY e.row_no
        """
    )
