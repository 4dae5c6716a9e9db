"""The event order behind every metric: (case, time with missing times last, file row)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from headway.mining.frame import MISSING, NO_TIME, _by_case, _case_order, _codes, encoded, frame_of


@pytest.mark.parametrize("layout", ["by-case", "by-time", "shuffled"])
def test_every_sorting_path_gives_the_full_sort(layout: str) -> None:
    """Stable sorts are used where the input allows; the result must equal the full sort."""
    rng = np.random.default_rng(7)
    n = 5_000
    case = rng.integers(0, 300, n).astype(np.int32)
    ts = rng.integers(0, 50, n).astype(np.int64) * 1_000_000  # many equal times
    ts[rng.random(n) < 0.05] = NO_TIME
    row_no = np.arange(n, dtype=np.int64)
    if layout == "by-case":  # each case's rows already in time order, as XES files are
        order = np.lexsort((row_no, ts, case))
        case, ts = case[order], ts[order]
    elif layout == "by-time":  # exported by time, cases interleaved: row_no ascending
        order = np.argsort(ts, kind="stable")
        case, ts = case[order], ts[order]
    else:  # rows not in row_no order at all
        row_no = rng.permutation(n).astype(np.int64)
    expected = np.lexsort((row_no, ts, case))
    order, in_order, times = _case_order(case, ts, row_no)
    assert order.tolist() == expected.tolist()
    assert in_order.tolist() == case[expected].tolist()
    assert times.tolist() == ts[expected].tolist()


def test_the_key_sort_is_the_stable_sort_by_case() -> None:
    """Missing case codes (-1) included: the order is that of a stable sort by code."""
    rng = np.random.default_rng(11)
    case = rng.integers(-1, 40, 3_000).astype(np.int32)
    order, in_order = _by_case(case)
    expected = np.argsort(case, kind="stable")
    assert order.tolist() == expected.tolist()
    assert in_order.tolist() == case[expected].tolist()


def test_codes_merge_the_dictionaries_of_every_chunk() -> None:
    """Chunks encoded apart (as the CSV reader leaves them) get one code per name."""
    values = [["b", "a", None, "b"], [], [None, None], ["c", "a", "é", "B"], ["a"]]
    column = pa.chunked_array(
        [pc.dictionary_encode(pa.array(chunk, pa.string())) for chunk in values]
    )
    codes, names = _codes(column)
    flat = [value for chunk in values for value in chunk]
    expected_names = sorted({v for v in flat if v is not None}, key=lambda v: v.encode())
    assert names.to_pylist() == expected_names
    assert codes.tolist() == [MISSING if v is None else expected_names.index(v) for v in flat]


def _generated_log(n: int) -> tuple[list[dict[str, object]], pa.Table]:
    """Rows of a log whose cases span many batches, with equal times, missing times,
    resources, lifecycles and costs; and its columns as the CSV reader leaves them."""
    rng = np.random.default_rng(3)
    rows: list[dict[str, object]] = [
        {
            "case_id": f"c{int(rng.integers(0, 150))}",
            "activity": str(rng.choice(["Receive", "Check", "Pack", "Ship"])),
            "ts": None if rng.random() < 0.03 else int(rng.integers(0, 40)) * 60_000_000,
            "resource": None if rng.random() < 0.2 else f"r{int(rng.integers(0, 9))}",
            "lifecycle": None if rng.random() < 0.5 else str(rng.choice(["start", "complete"])),
            "cost": None if rng.random() < 0.7 else float(rng.integers(1, 100)) / 4,
        }
        for _ in range(n)
    ]
    schema = pa.schema(
        [
            ("case_id", pa.string()),
            ("activity", pa.string()),
            ("ts", pa.timestamp("us", "UTC")),
            ("resource", pa.string()),
            ("lifecycle", pa.string()),
            ("cost", pa.float64()),
        ]
    )
    batches = [
        pa.RecordBatch.from_pylist(rows[start : start + 97], schema=schema)
        for start in range(0, n, 97)
    ]
    table = encoded(batches, schema)
    row_no = pa.array(np.arange(n, dtype=np.int64))
    return rows, table.append_column("row_no", row_no)


def test_a_frame_of_many_batches_is_the_full_sort_of_its_rows() -> None:
    """The frame made on two threads from per-batch dictionaries equals the rows sorted by
    (case name, time with missing last, row) and encoded by sorted names, computed plainly."""
    rows, table = _generated_log(3_000)
    assert table["case_id"].num_chunks > 10
    frame = frame_of(table)
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            str(rows[i]["case_id"]).encode(),
            rows[i]["ts"] is None,
            rows[i]["ts"] or 0,
            i,
        ),
    )
    names = frame.case_names.to_pylist()
    resources = frame.resource_names.to_pylist()
    assert [names[c] for c in frame.case.tolist()] == [rows[i]["case_id"] for i in order]
    assert [frame.activity_names[a] for a in frame.activity.tolist()] == [
        rows[i]["activity"] for i in order
    ]
    assert [resources[r] if r >= 0 else None for r in frame.resource.tolist()] == [
        rows[i]["resource"] for i in order
    ]
    assert [frame.lifecycle_names[x] if x >= 0 else None for x in frame.lifecycle.tolist()] == [
        rows[i]["lifecycle"] for i in order
    ]
    assert frame.has_ts.tolist() == [rows[i]["ts"] is not None for i in order]
    assert [t for t, has in zip(frame.ts.tolist(), frame.has_ts.tolist(), strict=True) if has] == [
        rows[i]["ts"] for i in order if rows[i]["ts"] is not None
    ]
    assert [None if np.isnan(c) else c for c in frame.cost.tolist()] == [
        rows[i]["cost"] for i in order
    ]
    assert frame.case_start.tolist()[-1] == len(rows)
