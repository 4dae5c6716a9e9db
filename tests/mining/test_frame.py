"""The event order behind every metric: (case, time with missing times last, file row)."""

from __future__ import annotations

import numpy as np
import pytest

from headway.mining.frame import NO_TIME, _case_order


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
