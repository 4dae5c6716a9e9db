"""Process metrics over an `EventFrame` (events in case order as NumPy arrays).

Order: within a case, events are ordered by timestamp, then by their position in the input,
so a log sorted by time instead of by case gives the same result, and events with equal
timestamps keep their file order; events without a timestamp come last (see `frame`).
Executions pair start and complete events (see `runs`). Ties are broken by name, so the
same log always gives the same profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from headway.mining import grouping
from headway.mining.frame import NO_TIME, EventFrame
from headway.mining.profile import Arrival, Edge, Throughput, Totals, Variant
from headway.mining.runs import MICROSECONDS

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

PERIODS = ("day", "week", "month", "quarter", "year")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY_US = 86_400_000_000


@dataclass(frozen=True)
class Cases:
    """Per case (indexed by case code): first and last time (us), whether it has any time,
    and its throughput time in seconds (NaN without times)."""

    first_ts: Ints
    last_ts: Ints
    has_ts: npt.NDArray[np.bool_]
    duration_s: Floats


def summarise_cases(frame: EventFrame) -> Cases:
    """First and last timestamp and throughput time of every case."""
    starts = frame.case_start[:-1]
    first = np.minimum.reduceat(np.where(frame.has_ts, frame.ts, NO_TIME), starts)
    last = np.maximum.reduceat(np.where(frame.has_ts, frame.ts, np.iinfo(np.int64).min), starts)
    has = np.add.reduceat(frame.has_ts.astype(np.int64), starts) > 0
    duration = np.where(has, (last - np.where(has, first, 0)) / MICROSECONDS, np.nan)
    return Cases(first, last, has, duration)


def totals(frame: EventFrame, cases: Cases, variant_count: int) -> Totals:
    """Counts and time span of the log."""
    first = last = None
    span = 0.0
    if cases.has_ts.any():
        first = _moment(int(cases.first_ts[cases.has_ts].min()))
        last = _moment(int(cases.last_ts[cases.has_ts].max()))
        span = (last - first).total_seconds() / 86400
    return Totals(
        frame.events, frame.cases, len(frame.activity_names), variant_count, first, last, span
    )


@dataclass(frozen=True)
class Graph:
    """The directly-follows graph: each distinct pair (`pair` = source * width + target,
    ascending) with its count and the mean and median seconds between the two events."""

    width: int
    pair: Ints
    count: Ints
    mean_s: Floats
    median_s: Floats


def directly_follows(frame: EventFrame) -> Graph:
    """The directly-follows pairs of every case, grouped (see `Graph`)."""
    same = frame.same_case_as_next()
    timed = frame.has_ts[1:] & frame.has_ts[:-1]
    seconds: Floats = np.where(timed, (frame.ts[1:] - frame.ts[:-1]) / MICROSECONDS, np.nan)[same]
    width = len(frame.activity_names)
    code = grouping.pair_codes(frame.activity[:-1][same], frame.activity[1:][same], width)
    distinct, count = grouping.unique_counts(code, width * width)
    group = grouping.group_numbers(code, distinct, width * width)
    groups = len(distinct)
    mean = grouping.means(group, seconds, groups)
    (median,) = grouping.quantiles(group, seconds, groups, (0.5,))
    return Graph(width, distinct, count, mean, median)


def edges(graph: Graph, names: list[str]) -> list[Edge]:
    """The edges of the graph, most frequent first (then by names)."""
    found = []
    for i in np.lexsort((graph.pair, -graph.count)).tolist():
        a, b = divmod(int(graph.pair[i]), graph.width)
        found.append(
            Edge(
                names[a],
                names[b],
                int(graph.count[i]),
                _num(graph.mean_s[i]),
                _num(graph.median_s[i]),
            )
        )
    return found


def neighbours(graph: Graph) -> tuple[Ints, Ints]:
    """Per activity: how many other activities directly precede it, and follow it
    (self-loops not counted)."""
    source, target = np.divmod(graph.pair, max(graph.width, 1))
    other = source != target
    predecessors = grouping.counts(target[other], graph.width)
    successors = grouping.counts(source[other], graph.width)
    return predecessors, successors


def variants(
    frame: EventFrame, cases: Cases, limit: int | None = None
) -> tuple[list[Variant], int]:
    """The variants (most frequent first; the first `limit`) and how many there are in all.

    A variant is identified by its length and the sum of a 64-bit hash of (position,
    activity) over the case: order-aware, with a collision probability of ~2^-64 per pair of
    different sequences (see docs/mining.md).
    """
    length = np.diff(frame.case_start)
    width = np.uint64(max(len(frame.activity_names), 1))
    key = frame.pos.astype(np.uint64) * width + frame.activity.astype(np.uint64)
    fingerprint = np.add.reduceat(_mix(key), frame.case_start[:-1])
    order = np.lexsort((fingerprint, length))
    new = np.ones(len(order), dtype=np.bool_)
    new[1:] = (length[order][1:] != length[order][:-1]) | (
        fingerprint[order][1:] != fingerprint[order][:-1]
    )
    group = np.empty(len(order), dtype=np.int64)
    group[order] = np.cumsum(new) - 1
    count = int(new.sum())
    n = grouping.counts(group, count)
    mean = grouping.means(group, cases.duration_s, count)
    example = order[new]  # the stable sort keeps cases in code (= name) order within a group
    chosen = np.lexsort((example, -n))[: limit if limit is not None else count]
    first = frame.case_start[example[chosen]]
    size = frame.case_start[example[chosen] + 1] - first
    ends = np.cumsum(size)
    rows = np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(first - (ends - size), size)
    codes = frame.activity[rows]
    steps = np.array(frame.activity_names, dtype=object)[codes].tolist()
    # Ties in frequency are ordered by their sequence of names; activity codes follow the
    # names' order, so big-endian code bytes compare as the sequences do (shorter first).
    blob = codes.astype(">u4").tobytes()
    spans = list(zip((ends - size).tolist(), ends.tolist(), strict=True))
    counts = n[chosen].tolist()
    means = np.nan_to_num(mean[chosen]).tolist()
    total = max(frame.cases, 1)
    ranked = sorted(
        range(len(spans)), key=lambda i: (-counts[i], blob[4 * spans[i][0] : 4 * spans[i][1]])
    )
    found = [
        Variant(tuple(steps[spans[i][0] : spans[i][1]]), counts[i], counts[i] / total, means[i])
        for i in ranked
    ]
    return found, count


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64's finaliser: a well-spread 64-bit hash of each value (wrapping arithmetic)."""
    x = values + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    mixed: npt.NDArray[np.uint64] = x ^ (x >> np.uint64(31))
    return mixed


def case_durations(cases: Cases) -> tuple[float, ...]:
    """Throughput time of every case with timestamps, in seconds, ascending."""
    found = np.sort(cases.duration_s[~np.isnan(cases.duration_s)])
    return tuple(found.tolist())


def throughput(cases: Cases) -> Throughput | None:
    """Summary of case throughput times (None when no case has timestamps)."""
    known = cases.duration_s[~np.isnan(cases.duration_s)]
    if not len(known):
        return None
    one = np.zeros(len(known), dtype=np.int64)
    median, p90 = grouping.quantiles(one, known, 1, (0.5, 0.9))
    return Throughput(
        float(known.mean()), float(median[0]), float(p90[0]), float(known.min()), float(known.max())
    )


def arrivals(frame: EventFrame, cases: Cases, period: str) -> list[Arrival]:
    """New cases per period, by the time of their first event (UTC; weeks start on Monday)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    days = np.floor_divide(cases.first_ts[cases.has_ts], _DAY_US)
    if period == "week":
        days = days - (days + 3) % 7  # 1970-01-01 was a Thursday
    starts = days.astype("datetime64[D]")
    if period in ("month", "quarter"):
        months = starts.astype("datetime64[M]").astype(np.int64)
        if period == "quarter":
            months = months - months % 3
        starts = months.astype("datetime64[M]").astype("datetime64[D]")
    elif period == "year":
        starts = starts.astype("datetime64[Y]").astype("datetime64[D]")
    distinct, count = np.unique(starts, return_counts=True)
    return [Arrival(d, int(n)) for d, n in zip(distinct.tolist(), count.tolist(), strict=True)]


def endpoints(frame: EventFrame) -> tuple[dict[str, int], dict[str, int]]:
    """How many cases start and end with each activity (by activity name)."""
    width = len(frame.activity_names)
    first = np.bincount(frame.activity[frame.case_start[:-1]], minlength=width)
    last = np.bincount(frame.activity[frame.case_start[1:] - 1], minlength=width)
    names = frame.activity_names
    return (
        {names[a]: int(n) for a, n in enumerate(first.tolist()) if n},
        {names[a]: int(n) for a, n in enumerate(last.tolist()) if n},
    )


def _moment(microseconds: int) -> datetime:
    return _EPOCH + timedelta(microseconds=microseconds)


def _num(value: float) -> float:
    return 0.0 if np.isnan(value) else float(value)
