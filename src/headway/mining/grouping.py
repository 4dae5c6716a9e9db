"""Grouped statistics over NumPy arrays: counts, sums, means, quantiles, distinct counts.

Groups are integer ids 0..groups-1. Missing values are NaN and are ignored, as SQL aggregates
ignore NULL; a group with no value gets NaN. Quantiles interpolate linearly between the two
nearest ranks, `lo + (hi - lo) * fraction` at rank (n - 1) * q: DuckDB's `quantile_cont` and
PM4Py's (pandas') median.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Integers = npt.NDArray[np.integer[Any]]  # group ids and codes (int32 or int64)
Floats = npt.NDArray[np.float64]


def counts(group: Integers, groups: int) -> Ints:
    """How many rows each group has."""
    found: Ints = np.bincount(group, minlength=groups).astype(np.int64, copy=False)
    return found


def sums(group: Integers, values: Floats, groups: int) -> tuple[Floats, Ints]:
    """(sum of the present values, how many were present) per group."""
    group, values = _present(group, values)
    total: Floats = np.bincount(group, weights=values, minlength=groups).astype(np.float64)
    return total, counts(group, groups)


def _present(group: Integers, values: Floats) -> tuple[Integers, Floats]:
    """The rows whose value is present (the arrays themselves when all are: no copy)."""
    present = ~np.isnan(values)
    if present.all():
        return group, values
    return group[present], values[present]


def means(group: Integers, values: Floats, groups: int) -> Floats:
    """Mean of the present values per group (NaN where none)."""
    total, n = sums(group, values, groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: Floats = np.where(n > 0, total / np.maximum(n, 1), np.nan)
    return result


def population_sd(group: Integers, values: Floats, groups: int) -> Floats:
    """Population standard deviation of the present values per group (NaN where none)."""
    g, v = _present(group, values)
    mean = means(g, v, groups)
    squares = np.bincount(g, weights=(v - mean[g]) ** 2, minlength=groups)
    n = counts(g, groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: Floats = np.where(n > 0, np.sqrt(squares / np.maximum(n, 1)), np.nan)
    return result


def quantiles(group: Integers, values: Floats, groups: int, qs: tuple[float, ...]) -> list[Floats]:
    """The quantiles `qs` of the present values per group (NaN where none)."""
    g, v = _present(group, values)
    n = counts(g, groups)
    first = np.cumsum(n) - n
    ordered = _sorted_within_groups(g, v, groups, first, n)
    found = []
    for q in qs:
        rank = (n - 1) * q
        low = np.floor(rank).astype(np.int64)
        high = np.ceil(rank).astype(np.int64)
        has = n > 0
        lo = np.full(groups, np.nan)
        hi = np.full(groups, np.nan)
        lo[has] = ordered[first[has] + low[has]]
        hi[has] = ordered[first[has] + high[has]]
        found.append(lo + (hi - lo) * (rank - low))
    return found


SEGMENT_SORT_GROUPS = 10_000


def _sorted_within_groups(
    group: Integers, values: Floats, groups: int, first: Ints, n: Ints
) -> Floats:
    """`values` arranged by group, ascending within each group.

    With few groups each group's slice is sorted in place (NumPy's vectorised sort, fast
    even with many equal values); with many, one argsort by value and a stable one by group.
    """
    if groups <= SEGMENT_SORT_GROUPS:
        arranged: Floats = values[by_group(group, groups)]
        for start, count in zip(first.tolist(), n.tolist(), strict=True):
            if count > 1:
                arranged[start : start + count].sort()
        return arranged
    by_value = np.argsort(values)
    ordered: Floats = values[by_value][by_group(group[by_value], groups)]
    return ordered


def distinct_counts(group: Integers, values: Integers, groups: int) -> Ints:
    """How many distinct values (codes >= 0; negative codes are missing) each group has."""
    present = values >= 0
    if not present.any():
        return np.zeros(groups, dtype=np.int64)
    if not present.all():
        group, values = group[present], values[present]
    width = int(values.max()) + 1
    # Value-major codes: where the values come in order (cases in case order) the counting
    # walks its tally in order too, about three times faster than group-major codes.
    distinct, _ = unique_counts(pair_codes(values, group, groups), groups * width)
    return counts(distinct % max(groups, 1), groups)


def by_group(group: Integers, groups: int) -> Ints:
    """The row order that sorts `group` and keeps rows of one group in their order."""
    narrow = np.int16 if groups <= np.iinfo(np.int16).max else np.int64
    order: Ints = np.argsort(group.astype(narrow), kind="stable")  # radix sort when narrow
    return order


def unique_counts(code: Integers, size: int) -> tuple[Ints, Ints]:
    """The distinct values of `code` (all in 0..size-1), ascending, and how often each occurs.

    Counts in an array of `size` when that is not much larger than `code` (no sort).
    """
    if size <= 4 * len(code) + 65_536:
        tally = np.bincount(code, minlength=size)
        distinct = np.flatnonzero(tally).astype(np.int64, copy=False)
        return distinct, tally[distinct].astype(np.int64, copy=False)
    found, n = np.unique(code, return_counts=True)
    return found.astype(np.int64, copy=False), n.astype(np.int64, copy=False)


def group_numbers(code: Integers, distinct: Ints, size: int) -> Ints:
    """For each row, the index of its value in `distinct` (sorted, holding every value; all
    in 0..size-1): looked up in an array of `size` when that is small (as `unique_counts`),
    else found by binary search."""
    if size <= 4 * len(code) + 65_536:
        index = np.zeros(size, dtype=np.int64)
        index[distinct] = np.arange(len(distinct), dtype=np.int64)
        looked_up: Ints = index[code]
        return looked_up
    found: Ints = np.searchsorted(distinct, code)
    return found


def pair_codes(first: Integers, second: Integers, width: int) -> Ints:
    """One integer per (first, second) pair with 0 <= second < width (order preserved)."""
    code: Ints = first.astype(np.int64)
    code *= max(width, 1)
    code += second
    return code
