"""The `events` of a log read by the compiled XES scanner as Arrow columns for the profile.

The scanner leaves the activity, resource and lifecycle dictionary-encoded per block and the
case id as a dictionary over the traces (`xes_compiled`). Taking those columns directly,
rather than asking DuckDB for `events` (which spells every value out as text and has it
encoded again), saves the time and the memory of that round trip: only the timestamps and
costs, which DuckDB parses, come back from DuckDB. The columns are those of `frame.encoded`:
each value as the `events` view gives it (lifecycle in lower case), and the dictionaries of
the case ids and lifecycles hold each name once and only names in use.

Where the view drops or renames something (an event without an activity, a trace without a
name) the columns are not made and the profile reads the view as for any other log.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from headway.mining.arrays import int_array, numpy_and_valid, numpy_of


def event_columns(connection: duckdb.DuckDBPyConnection, events: pa.Table) -> pa.Table | None:
    """The profile's columns of `events` (the scanner's table), or None where they differ
    from the view's (see the module notes)."""
    if _has_missing(events["activity"]) or _has_missing(events["case_id"]):
        return None
    connection.complete()
    numbers = connection.sql("SELECT ts, cost, row_no FROM events").to_arrow_table()
    if not np.array_equal(numpy_of(numbers["row_no"]), numpy_of(events["event_no"])):
        return None  # DuckDB gave the rows in another order: do not pair them
    lifecycle = pa.chunked_array(
        [_lower(chunk) for chunk in events["lifecycle"].chunks],
        type=events.schema.field("lifecycle").type,
    )
    table = pa.table(
        {
            "case_id": _distinct(events["case_id"]),
            "activity": events["activity"],
            "ts": numbers["ts"],
            "resource": events["resource"],
            "lifecycle": lifecycle,
            "cost": numbers["cost"],
            "row_no": events["event_no"],  # equal to the view's; the query's copy is freed
        }
    ).unify_dictionaries()
    return table.set_column(4, "lifecycle", _distinct(table["lifecycle"]))


def _has_missing(column: pa.ChunkedArray) -> bool:
    """Whether a value is missing: a null index, or an index to a null (an unnamed trace)."""
    return bool(column.null_count) or any(c.dictionary.null_count for c in column.chunks)


def _lower(chunk: pa.DictionaryArray) -> pa.DictionaryArray:
    """The chunk with its dictionary in lower case (as `lower()` in the view)."""
    return pa.DictionaryArray.from_arrays(chunk.indices, pc.utf8_lower(chunk.dictionary))


def _distinct(column: pa.ChunkedArray) -> pa.DictionaryArray:
    """The column as one dictionary array whose dictionary holds each value in use once
    (names of traces without events, or two spellings lowered alike, are merged or dropped)."""
    combined = column.combine_chunks()
    names = combined.dictionary
    raw, present = numpy_and_valid(combined.indices)
    used = np.bincount(raw[present], minlength=len(names)) > 0
    kept = pc.dictionary_encode(names.take(int_array(np.flatnonzero(used))))
    if bool(used.all()) and len(kept.dictionary) == len(names):
        return combined
    entry = np.zeros(len(names), dtype=np.int32)
    entry[used] = numpy_of(kept.indices)
    # A missing value has a null index; `take` keeps it null.
    indices = pc.take(int_array(entry, pa.int32()), combined.indices)
    return pa.DictionaryArray.from_arrays(indices, kept.dictionary)
