"""The compiled XES reader: `_xes.Scanner` (C) turns blocks into columns, Arrow holds them.

`xes_scan.blocks` decompresses the file and cuts it into UTF-8 blocks in the main thread while
a worker thread runs the scanner on the previous block (the scanner releases the GIL). The
scanner's columns become Arrow tables registered with DuckDB as `xes_attrs`, `xes_cases` and
`xes_events` (the relations `xes.read_xes` finishes from) without a copy or an INSERT. The
worker dictionary-encodes each block's activity, resource, lifecycle and cost text as it
goes, so their text is held once per distinct value instead of once per event.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from headway.mining import xes_scan
from headway.mining.errors import MiningError
from headway.mining.eventlog import MAX_EVENTS, check_event_count

try:
    from headway.mining import _xes  # type: ignore[attr-defined]
except ImportError:  # not built: no C compiler where Headway was installed
    _xes = None

ProgressCallback = Callable[[int, int], None]
Columns = dict[str, Any]
Batches = tuple[pa.RecordBatch, pa.RecordBatch, pa.RecordBatch]


def available() -> bool:
    """Whether the compiled scanner was built for this installation."""
    return _xes is not None


def load(
    path: str,
    connection: duckdb.DuckDBPyConnection,
    *,
    size: int,
    progress: ProgressCallback | None = None,
    max_events: int = MAX_EVENTS,
) -> tuple[bool, int, pa.Table | None]:
    """Scan the document at `path` into `xes_attrs`, `xes_cases` and `xes_events`.

    Returns (whether a <log> element was found, the nesting depth at the end, the Arrow table
    behind `xes_events` when it was registered). Raises `MiningError` as soon as the log holds
    more than `max_events` events.
    """
    if _xes is None:
        raise RuntimeError("the compiled XES scanner is not built")
    scanner = _xes.Scanner()
    parts: list[Batches] = []
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending: Future[Batches] | None = None
        # Lines are counted only for an error (`line_at`); the scanner checks the UTF-8 of the
        # keys and values it keeps, the only text that reaches Arrow and DuckDB.
        blocks = xes_scan.blocks(path, count_lines=False, check_utf8=False)
        for index, block in enumerate(blocks):
            if pending is not None:
                parts.append(pending.result())
                check_event_count(scanner.state()[3], max_events, path)
                if progress is not None:
                    progress(block.file_position, size)
            pending = worker.submit(_scan, scanner, block, index, path)
        if pending is not None:
            parts.append(pending.result())
            check_event_count(scanner.state()[3], max_events, path)
    started, depth, _traces, _events = scanner.state()
    events = _register(connection, parts) if started and depth == 0 else None
    if progress is not None:
        progress(size, size)
    return bool(started), int(depth), events


def _scan(scanner: Any, block: xes_scan.Block, index: int, path: str) -> Batches:
    """Scan block number `index` and take what it produced as Arrow batches of events,
    traces and attributes (run in the worker thread)."""
    try:
        scanner.feed(block.text)
    except ValueError as exc:
        message, offset = exc.args
        line = xes_scan.line_at(path, index, int(offset))
        raise MiningError(str(message), f"{path}:{line}") from None
    events, traces, attrs = scanner.take()
    return _events(events), _traces(traces), _attrs(attrs)


def _register(connection: duckdb.DuckDBPyConnection, parts: list[Batches]) -> pa.Table:
    events = pa.Table.from_batches([e for e, _, _ in parts], schema=_EVENTS)
    traces = pa.Table.from_batches([t for _, t, _ in parts], schema=_TRACES)
    attrs = pa.Table.from_batches([a for _, _, a in parts], schema=_ATTRS)
    events = events.append_column("case_id", _case_ids(events, traces))
    connection.register("xes_events_arrow", events)
    connection.register("xes_traces_arrow", traces)
    connection.register("xes_attrs_arrow", attrs)
    names = ", ".join(f"'{name}'" for name in _xes.TYPE_NAMES)
    connection.execute(
        "CREATE TEMP VIEW xes_events AS SELECT event_no AS row_no, trace_no, "
        "coalesce(CAST(case_id AS VARCHAR), '#' || CAST(trace_no + 1 AS VARCHAR)) AS case_id, "
        "activity, "
        "ts_text, resource, lifecycle, cost_text FROM xes_events_arrow"
    )
    connection.execute("CREATE TEMP VIEW xes_cases AS SELECT * FROM xes_traces_arrow")
    # The scanner keeps an event's first value of each standard key only in its own column;
    # the attribute rows get them back here, so `xes_attrs` still holds every attribute.
    standard = " ".join(
        f"UNION ALL SELECT 2, trace_no, event_no, [{names}][{column}_type + 1], '{key}', "
        f"{column} FROM xes_events_arrow WHERE {column} IS NOT NULL"
        for column, key in _STANDARD_KEYS.items()
    )
    connection.execute(
        "CREATE TEMP VIEW xes_attrs AS SELECT scope, trace_no, "
        "CASE WHEN scope = 2 THEN event_no END AS event_no, "
        f"[{names}][type + 1] AS type, key, value FROM xes_attrs_arrow {standard}"
    )
    return events


def _case_ids(events: pa.Table, traces: pa.Table) -> pa.ChunkedArray:
    """The case id of every event, as a dictionary array over the traces' concept:names (no
    copy of the strings; `xes_events` names traces without one `#` and their number).

    Traces are numbered in file order and the scanner emits each one as it closes, so trace
    number k is row k of `traces`.
    """
    names = traces["case_id"].combine_chunks()
    return pa.chunked_array(
        [pa.DictionaryArray.from_arrays(chunk, names) for chunk in events["trace_no"].chunks],
        type=pa.dictionary(pa.int64(), _TEXT),
    )


_TEXT = pa.large_string()
_NO_TYPE = 255
# The events' text columns and the XES keys they hold.
_STANDARD_KEYS = {
    "activity": "concept:name",
    "ts_text": "time:timestamp",
    "resource": "org:resource",
    "lifecycle": "lifecycle:transition",
    "cost_text": "cost:total",
}
# Columns with few distinct values, dictionary-encoded per block (the timestamps are not).
_ENCODED = ("activity", "resource", "lifecycle", "cost_text")
_EVENTS = pa.schema(
    [("trace_no", pa.int64()), ("event_no", pa.int64())]
    + [
        (name, pa.dictionary(pa.int32(), _TEXT) if name in _ENCODED else _TEXT)
        for name in _STANDARD_KEYS
    ]
    + [(f"{name}_type", pa.uint8()) for name in _STANDARD_KEYS]
)
_TRACES = pa.schema([("trace_no", pa.int64()), ("case_id", _TEXT)])
_ATTRS = pa.schema(
    [
        ("scope", pa.uint8()),
        ("trace_no", pa.int64()),
        ("event_no", pa.int64()),
        ("type", pa.uint8()),
        ("key", _TEXT),
        ("value", _TEXT),
    ]
)


def _events(columns: Columns) -> pa.RecordBatch:
    # `types`: one byte per standard key per event, NO_TYPE (255) where the event has none.
    types = np.frombuffer(columns["types"], dtype=np.uint8).reshape(-1, len(_STANDARD_KEYS))
    return pa.RecordBatch.from_arrays(
        [_int64(columns["trace_no"]), _int64(columns["event_no"])]
        + [
            pc.dictionary_encode(_text(columns[name])) if name in _ENCODED else _text(columns[name])
            for name in _STANDARD_KEYS
        ]
        + [_type_codes(types[:, i]) for i in range(len(_STANDARD_KEYS))],
        schema=_EVENTS,
    )


def _type_codes(codes: npt.NDArray[np.uint8]) -> pa.Array:
    """A column of type codes, null where the event has no value (code 255)."""
    present = codes != _NO_TYPE
    bitmap = None if present.all() else pa.py_buffer(np.packbits(present, bitorder="little"))
    data = pa.py_buffer(np.ascontiguousarray(codes))
    return pa.Array.from_buffers(pa.uint8(), len(codes), [bitmap, data])


def _traces(columns: Columns) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays(
        [_int64(columns["trace_no"]), _text(columns["case_id"])], schema=_TRACES
    )


def _attrs(columns: Columns) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays(
        [
            _uint8(columns["scope"]),
            _int64(columns["trace_no"]),
            _int64(columns["event_no"]),
            _uint8(columns["type"]),
            _text(columns["key"]),
            _text(columns["value"]),
        ],
        schema=_ATTRS,
    )


# The scanner hands over its output as read-only buffers (`_xes.Chunk`) that own the memory:
# Arrow wraps them without a copy.


def _int64(data: Any) -> pa.Array:
    buffer = pa.py_buffer(data)
    return pa.Array.from_buffers(pa.int64(), buffer.size // 8, [None, buffer])


def _uint8(data: Any) -> pa.Array:
    buffer = pa.py_buffer(data)
    return pa.Array.from_buffers(pa.uint8(), buffer.size, [None, buffer])


def _text(column: tuple[int, Any, Any, Any]) -> pa.Array:
    """A column from the scanner (rows, int64 offsets, data, a validity byte per row)."""
    rows, offsets, data, valid = column
    present = np.frombuffer(valid, dtype=np.bool_)
    bitmap = None if present.all() else pa.py_buffer(np.packbits(present, bitorder="little"))
    return pa.LargeStringArray.from_buffers(rows, pa.py_buffer(offsets), pa.py_buffer(data), bitmap)
