"""The `events` table as NumPy arrays in case order: what the metrics are computed from.

Text columns become integer codes into sorted name lists (so comparing codes compares names),
timestamps become microseconds since 1970 UTC, and the rows are ordered by case, then time
(missing times last), then position in the input (`row_no`): the order PM4Py's DataFrame
functions use (a stable sort on case and timestamp). Arrow's C++ kernels do the encoding and
NumPy the sort, so no Python object is made per event.

The events arrive in batches (`encoded`): each batch's text columns are dictionary-encoded in
a worker thread while the next batch is read, so the text of all events is never held at
once, and reading and encoding use both cores.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from headway.mining.arrays import int_array, numpy_and_valid, numpy_of

Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.int32]  # codes of names: int32 halves the memory of big logs
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

NO_TIME = np.iinfo(np.int64).max  # sorts last, like NULLS LAST
MISSING = -1  # code of a missing resource or lifecycle

_QUERY = """
SELECT case_id, activity, ts, resource, lifecycle, cost, row_no FROM events
"""
TEXT_COLUMNS = ("case_id", "activity", "resource", "lifecycle")
BATCH_ROWS = 1 << 20


@dataclass(frozen=True)
class EventFrame:
    """Events sorted by (case, time, row_no); codes index the sorted name lists.

    `ts` holds microseconds (NO_TIME where missing, see `has_ts`); `resource` and `lifecycle`
    are MISSING where the event has none; `cost` is NaN where missing. `case_start[c]` is the
    index of case c's first event (one extra entry: the number of events), `pos` each event's
    1-based position in its case. The arrays are read, never written: a column with no value
    in the whole log (no cost, no lifecycle) is a read-only view of one value.
    """

    case: Codes
    activity: Codes
    ts: Ints
    has_ts: Bools
    resource: Codes
    lifecycle: Codes
    cost: Floats
    pos: Ints
    case_start: Ints
    case_names: pa.Array
    activity_names: list[str]
    resource_names: pa.Array
    lifecycle_names: list[str]

    @property
    def events(self) -> int:
        return len(self.case)

    @property
    def cases(self) -> int:
        return len(self.case_start) - 1

    def same_case_as_next(self) -> Bools:
        """For events 0..n-2: whether the next event belongs to the same case."""
        same: Bools = self.case[1:] == self.case[:-1]
        return same

    def lifecycle_code(self, name: str) -> int:
        """The code of lifecycle transition `name` (MISSING when the log has none)."""
        try:
            return self.lifecycle_names.index(name)
        except ValueError:
            return MISSING


def load_frame(
    connection: duckdb.DuckDBPyConnection, columns: pa.Table | None = None
) -> EventFrame:
    """Read `events` from DuckDB into an `EventFrame`; from `columns` when the reader kept
    them (the `events` columns as `encoded` returns them).

    Each column is encoded, reordered and released in turn, so at most one column is held
    twice at a time (a 10-million-event log needs well under 1 GB here).
    """
    if columns is None:
        connection.complete()  # an execute() result left open would block the query below
        reader = connection.sql(_QUERY).to_arrow_reader(BATCH_ROWS)
        columns = encoded(reader, reader.schema)
    return frame_of(columns)


def frame_of(columns: pa.Table) -> EventFrame:
    """The `EventFrame` of the `events` columns as `encoded` returns them (a reader's
    `EventLog.columns`); columns no one else holds are released as they are used."""
    return _frame(_Columns(columns))


def encoded(batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> pa.Table:
    """The batches (of `schema`) as one table whose text columns (`TEXT_COLUMNS`) are
    dictionary-encoded, each batch with a dictionary of its own (`_codes` merges them, so
    no pass over all the rows unifies them here); timestamps stay as they are.

    Each batch is encoded in a worker thread while the next one is read; at most one batch
    waits for its turn.
    """
    parts: list[pa.RecordBatch] = []
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending: Future[pa.RecordBatch] | None = None
        for batch in batches:
            if pending is not None:
                parts.append(pending.result())
            pending = worker.submit(_encode, batch)
        if pending is not None:
            parts.append(pending.result())
    if not parts:
        parts.append(_encode(pa.RecordBatch.from_pylist([], schema=schema)))
    return pa.Table.from_batches(parts)


def _encode(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Text columns dictionary-encoded, the others copied: nothing of the batch is kept, so
    the reader's memory is reused for the next batch."""
    arrays = [
        pc.dictionary_encode(column) if name in TEXT_COLUMNS else pa.concat_arrays([column])
        for name, column in zip(batch.schema.names, batch.columns, strict=True)
    ]
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


def _frame(columns: _Columns) -> EventFrame:
    """The frame, on two threads (Arrow's kernels and NumPy's sorts and gathers release the
    GIL): the case names are sorted while the other columns are encoded, and the columns are
    put in case order two at a time."""
    with ThreadPoolExecutor(max_workers=1) as helper:
        case_codes = helper.submit(_codes, columns.pop("case_id"))
        ts, has_ts = numpy_and_valid(_microseconds(columns.pop("ts")))
        ts = np.where(has_ts, ts, NO_TIME).astype(np.int64, copy=False)
        activity, activity_names = _codes(columns.pop("activity"))
        resource, resource_names = _codes(columns.pop("resource"))
        lifecycle, lifecycle_names = _codes(columns.pop("lifecycle"))
        cost = _costs(columns.pop("cost"))
        row_no = numpy_of(columns.pop("row_no")).astype(np.int64, copy=False)
        case, case_names = case_codes.result()
        order, case, ts = _case_order(case, ts, row_no)
        del row_no
        moved = helper.submit(_in_order, order, activity, lifecycle)
        has_ts, resource, cost = _in_order(order, has_ts, resource, cost)
        del order
        starts = np.flatnonzero(np.diff(case, prepend=-1))
        case_start = np.append(starts, len(case)).astype(np.int64)
        pos = np.arange(len(case), dtype=np.int64) - np.repeat(starts, np.diff(case_start)) + 1
        activity, lifecycle = moved.result()
    return EventFrame(
        case=case,
        activity=activity,
        ts=ts,
        has_ts=has_ts,
        resource=resource,
        lifecycle=lifecycle,
        cost=cost,
        pos=pos,
        case_start=case_start,
        case_names=case_names,
        activity_names=activity_names.to_pylist(),
        resource_names=resource_names,
        lifecycle_names=lifecycle_names.to_pylist(),
    )


def _costs(column: pa.ChunkedArray) -> Floats:
    """The costs, NaN where missing; a log without costs gets one NaN seen at every event
    (a read-only view: no memory per event)."""
    if column.null_count == len(column):
        return np.broadcast_to(np.float64(np.nan), (len(column),))
    cost, has_cost = numpy_and_valid(column)
    found: Floats = np.where(has_cost, cost, np.nan).astype(np.float64, copy=False)
    return found


def _in_order(order: Ints, *columns: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], ...]:
    """Each column in `order`; a column holding one value throughout (no lifecycle, no
    cost, every time present) is kept as it is, which is the same thing without a gather."""
    return tuple(
        values
        if np.array_equal(values, np.broadcast_to(values[:1], values.shape), equal_nan=True)
        else values[order]
        for values in columns
    )


def _microseconds(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Timestamps as int64 microseconds since 1970 UTC (a view; no copy when already so)."""
    if pa.types.is_timestamp(column.type):
        unit = pa.timestamp("us", column.type.tz)
        return column.cast(unit).cast(pa.int64())
    return column


class _Columns:
    """An Arrow table whose columns are handed out once and then released."""

    def __init__(self, table: pa.Table) -> None:
        self._table = table

    def pop(self, name: str) -> pa.ChunkedArray:
        column = self._table[name]
        self._table = self._table.drop_columns([name])
        return column


def _case_order(case: Codes, ts: Ints, row_no: Ints) -> tuple[Ints, Codes, Ints]:
    """The order by (case, ts, row_no), with `case` and `ts` in that order.

    When each case's rows already come in time order (most logs) a stable sort by case
    is enough; when the rows come in `row_no` order, a stable sort by time and then by case.
    """
    order, by_case = _by_case(case)
    in_order = ts[order]
    if _each_case_in_time_order(by_case, in_order, row_no, order):
        return order, by_case, in_order
    del order, by_case, in_order
    if bool(np.all(row_no[1:] > row_no[:-1])):
        by_time = np.argsort(ts, kind="stable")
        full: Ints = by_time[_by_case(case[by_time])[0]]
    else:
        full = np.lexsort((row_no, ts, case))
    return full, case[full], ts[full]


def _by_case(case: Codes) -> tuple[Ints, Codes]:
    """The stable order by case code, and the codes in that order.

    One sort of distinct int64 keys (case code, position) gives it: keys that are all
    different have a single sorted order, whatever the algorithm, and NumPy's vectorised
    sort of int64 is several times faster than a stable argsort of the codes.
    """
    n = len(case)
    shift = max(n, 1).bit_length()  # positions 0..n-1 fit in `shift` bits
    if 2 * shift > 62:  # case codes (< n) and positions would not fit in one int64
        order: Ints = np.argsort(case, kind="stable")
        return order, case[order]
    key = case.astype(np.int64)
    key <<= shift
    key |= np.arange(n, dtype=np.int64)
    key.sort()
    order = key & ((1 << shift) - 1)
    key >>= shift
    return order, key.astype(np.int32)


def _each_case_in_time_order(case: Codes, ts: Ints, row_no: Ints, order: Ints) -> bool:
    """Whether, within each case of the sorted `case` and `ts`, (ts, row_no[order]) rises;
    `row_no` is compared only where two times are equal."""
    same = case[1:] == case[:-1]
    if bool(np.any(same & (ts[1:] < ts[:-1]))):
        return False
    tied = np.flatnonzero(same & (ts[1:] == ts[:-1]))
    return bool(np.all(row_no[order[tied + 1]] > row_no[order[tied]]))


def _codes(column: pa.ChunkedArray) -> tuple[Codes, pa.Array]:
    """Codes into the sorted distinct values of a text column (MISSING for nulls).

    Each chunk may have a dictionary of its own (`encoded` leaves them so): the entries of
    all the dictionaries are sorted together once, and an entry's code is the rank of its
    name among the distinct names, so a name has one code in every chunk.
    """
    chunks = [
        chunk if pa.types.is_dictionary(chunk.type) else pc.dictionary_encode(chunk)
        for chunk in column.chunks
    ]
    kind = column.type.value_type if pa.types.is_dictionary(column.type) else column.type
    entries = pa.concat_arrays([c.dictionary for c in chunks]) if chunks else pa.array([], kind)
    entry_code, sorted_names = _ranks(entries)
    if not len(sorted_names):  # no value at all: one MISSING seen at every event
        return np.broadcast_to(np.int32(MISSING), (len(column),)), sorted_names
    codes = np.full(len(column), MISSING, dtype=np.int32)
    start = offset = 0
    for chunk in chunks:
        local = entry_code[offset : offset + len(chunk.dictionary)]
        raw, present = numpy_and_valid(chunk.indices)
        if len(local) and present.all():
            codes[start : start + len(chunk)] = local[raw]
        elif len(local):
            codes[start : start + len(chunk)] = np.where(
                present, local[np.where(present, raw, 0)], MISSING
            )
        start, offset = start + len(chunk), offset + len(local)
    return codes, sorted_names


def _ranks(entries: pa.Array) -> tuple[Codes, pa.Array]:
    """Each entry's rank among the distinct values of `entries`, and those values in
    ascending order (a missing value counts as one value, after all others)."""
    by_name = pc.array_sort_indices(entries)  # nulls last
    ordered = entries.take(by_name)
    new = np.ones(len(ordered), dtype=np.bool_)
    if len(ordered) > 1:
        new[1:] = numpy_of(pc.fill_null(pc.not_equal(ordered[1:], ordered[:-1]), True))
    new[len(ordered) - entries.null_count + 1 :] = False  # one value for the nulls
    code = np.empty(len(entries), dtype=np.int32)
    code[numpy_of(by_name)] = np.cumsum(new, dtype=np.int32) - 1
    return code, ordered.take(int_array(np.flatnonzero(new)))
