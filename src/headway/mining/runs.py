"""Executions of activities ("runs") from the events of an `EventFrame`.

Where an activity has both `start` and `complete` events, the k-th start in a case pairs with
its k-th complete (first in, first out), as in PM4Py's interval conversion; other transitions
of that activity (schedule, assign, ...) are not executions. An activity with `complete`
events but no starts has one execution per complete; an activity without either has one per
event. Waiting before an execution runs from the end of the previous execution in the case to
its start (negative gaps, from overlapping executions, count as zero).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from headway.mining.frame import MISSING, NO_TIME, Codes, EventFrame
from headway.mining.grouping import by_group, pair_codes

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

MICROSECONDS = 1e6


@dataclass(frozen=True)
class Runs:
    """Executions in case order (then start time, missing last, then position).

    Times are seconds; NaN where unknown (`service_s` is known only for start/complete pairs).
    """

    case: Codes
    activity: Codes
    resource: Codes
    service_s: Floats
    waiting_s: Floats
    waiting_after_s: Floats


def executions(frame: EventFrame) -> Runs:
    """The executions of every activity in `frame` (see the module notes for the rules)."""
    is_start = _transition(frame, "start")
    is_complete = _transition(frame, "complete")
    activities = len(frame.activity_names)
    starts = np.bincount(frame.activity[is_start], minlength=activities)
    completes = np.bincount(frame.activity[is_complete], minlength=activities)
    events = np.bincount(frame.activity, minlength=activities)
    has_start, has_complete = starts > 0, completes > 0
    if bool(np.all(~has_complete | (completes == events))):
        return _runs_from_events(frame)
    act = frame.activity
    end = (has_complete[act] & is_complete) | ~has_complete[act]
    start = has_start[act] & has_complete[act] & is_start
    return _runs_from_pairs(frame, np.flatnonzero(end), np.flatnonzero(start))


def _transition(frame: EventFrame, name: str) -> Bools:
    code = frame.lifecycle_code(name)
    if code == MISSING:
        return np.zeros(frame.events, dtype=np.bool_)
    found: Bools = frame.lifecycle == code
    return found


def _runs_from_events(frame: EventFrame) -> Runs:
    """One execution per event: the gaps to the neighbouring events are the waiting times."""
    gap = _gaps(frame.case, frame.ts, frame.has_ts, frame.ts, frame.has_ts)
    nothing = np.full(1, np.nan)
    return Runs(
        case=frame.case,
        activity=frame.activity,
        resource=frame.resource,
        service_s=np.full(frame.events, np.nan),
        waiting_s=np.concatenate([nothing, gap]),
        waiting_after_s=np.concatenate([gap, nothing]),
    )


def _runs_from_pairs(frame: EventFrame, ends: Ints, starts: Ints) -> Runs:
    """Executions from start/complete pairs: end events, each with its start if it has one."""
    partner = _kth_partner(frame, ends, starts)
    matched = partner >= 0
    start_of = starts[np.where(matched, partner, 0)] if len(starts) else ends
    end_ts, end_has = frame.ts[ends], frame.has_ts[ends]
    start_ts = frame.ts[start_of]
    paired = matched & end_has & frame.has_ts[start_of] & (start_ts <= end_ts)
    begin = np.where(paired, start_ts, end_ts)
    service = np.where(paired, (end_ts - start_ts) / MICROSECONDS, np.nan)
    case = frame.case[ends]
    order = _by_case_and_start(case, np.where(end_has, begin, NO_TIME))
    case, begin, end_ts, end_has = case[order], begin[order], end_ts[order], end_has[order]
    gap = np.maximum(_gaps(case, end_ts, end_has, begin, end_has), 0.0)
    nothing = np.full(1, np.nan)
    return Runs(
        case=case,
        activity=frame.activity[ends][order],
        resource=frame.resource[ends][order],
        service_s=service[order],
        waiting_s=np.concatenate([nothing, gap]),
        waiting_after_s=np.concatenate([gap, nothing]),
    )


def _by_case_and_start(case: Codes, begin: Ints) -> Ints:
    """The order by (case, start time, position) of rows given in (case, position) order."""
    later = (case[1:] != case[:-1]) | (begin[1:] >= begin[:-1])
    if bool(np.all(later)):
        return np.arange(len(case), dtype=np.int64)
    by_time = np.argsort(begin, kind="stable")
    order: Ints = by_time[np.argsort(case[by_time], kind="stable")]
    return order


def _gaps(case: Codes, end: Ints, end_has: Bools, begin: Ints, begin_has: Bools) -> Floats:
    """Seconds from `end` of row i to `begin` of row i+1 in the same case (NaN otherwise)."""
    valid = (case[1:] == case[:-1]) & end_has[:-1] & begin_has[1:]
    with np.errstate(invalid="ignore"):
        found: Floats = np.where(valid, (begin[1:] - end[:-1]) / MICROSECONDS, np.nan)
    return found


def _kth_partner(frame: EventFrame, ends: Ints, starts: Ints) -> Ints:
    """For each end, the index (into `starts`) of the start of the same activity in the same
    case with the same rank among those (first in, first out); -1 where there is none.

    Both lists come in (case, position) order; a stable radix sort by activity puts them in
    (activity, case, position) order, so each (activity, case) is one run of rows.
    """
    width, cases = len(frame.activity_names), max(frame.cases, 1)
    end_order = by_group(frame.activity[ends], width)
    start_order = by_group(frame.activity[starts], width)
    end_key = pair_codes(frame.activity[ends][end_order], frame.case[ends][end_order], cases)
    start_key = pair_codes(
        frame.activity[starts][start_order], frame.case[starts][start_order], cases
    )
    rank = _rank_in_runs(end_key)
    first = np.searchsorted(start_key, end_key, side="left")
    available = np.searchsorted(start_key, end_key, side="right") - first
    found = rank < available
    partner = np.full(len(ends), -1, dtype=np.int64)
    partner[end_order[found]] = start_order[first[found] + rank[found]]
    return partner


def _rank_in_runs(keys: Ints) -> Ints:
    """0-based position of each row within its run of equal keys (`keys` ascending)."""
    index = np.arange(len(keys), dtype=np.int64)
    new = np.ones(len(keys), dtype=np.bool_)
    new[1:] = keys[1:] != keys[:-1]
    rank: Ints = index - np.maximum.accumulate(np.where(new, index, 0))
    return rank
