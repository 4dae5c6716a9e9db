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
from headway.mining.grouping import pair_codes

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
    width = len(frame.activity_names)
    end_key = pair_codes(frame.case[ends], frame.activity[ends], width)
    start_key = pair_codes(frame.case[starts], frame.activity[starts], width)
    partner = _kth_partner(end_key, start_key)
    matched = partner >= 0
    start_of = starts[np.where(matched, partner, 0)] if len(starts) else ends
    end_ts, end_has = frame.ts[ends], frame.has_ts[ends]
    start_ts = frame.ts[start_of]
    paired = matched & end_has & frame.has_ts[start_of] & (start_ts <= end_ts)
    begin = np.where(paired, start_ts, end_ts)
    service = np.where(paired, (end_ts - start_ts) / MICROSECONDS, np.nan)
    begin_key = np.where(end_has, begin, NO_TIME)
    case = frame.case[ends]
    order = np.lexsort((frame.pos[ends], begin_key, case))
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


def _gaps(case: Codes, end: Ints, end_has: Bools, begin: Ints, begin_has: Bools) -> Floats:
    """Seconds from `end` of row i to `begin` of row i+1 in the same case (NaN otherwise)."""
    valid = (case[1:] == case[:-1]) & end_has[:-1] & begin_has[1:]
    with np.errstate(invalid="ignore"):
        found: Floats = np.where(valid, (begin[1:] - end[:-1]) / MICROSECONDS, np.nan)
    return found


def _kth_partner(end_key: Ints, start_key: Ints) -> Ints:
    """For each end, the index of the start with the same key and the same rank among its
    key's rows (in the given order); -1 where there is none."""
    end_rank = _rank_within(end_key)
    order = np.argsort(start_key, kind="stable")
    ordered = start_key[order]
    first = np.searchsorted(ordered, end_key, side="left")
    available = np.searchsorted(ordered, end_key, side="right") - first
    found = end_rank < available
    partner = np.full(len(end_key), -1, dtype=np.int64)
    partner[found] = order[first[found] + end_rank[found]]
    return partner


def _rank_within(keys: Ints) -> Ints:
    """0-based rank of each row among the rows with the same key, in row order."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    index = np.arange(len(keys), dtype=np.int64)
    new = np.ones(len(keys), dtype=np.bool_)
    new[1:] = ordered[1:] != ordered[:-1]
    first = np.maximum.accumulate(np.where(new, index, 0))
    rank = np.empty(len(keys), dtype=np.int64)
    rank[order] = index - first
    return rank
