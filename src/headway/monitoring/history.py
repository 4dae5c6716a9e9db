"""The Alignment Index month by month: what `headway status` would have said at each month end.

Each point uses only what was known by then: the measurements and status records dated on or
before the last day of the month. The scope is the one `tracking_status` uses on that day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from headway.monitoring.alignment_index import AlignmentVerdict
from headway.monitoring.status import Tracking, plan_scope, tracking_status
from headway.strategy.model import Strategy

MAX_MONTHS = 36
"""The longest history computed (the latest months are kept)."""


@dataclass(frozen=True)
class IndexAt:
    """The Alignment Index (0-100) and its verdict as of `day` (a month's last day)."""

    day: date
    score: float
    verdict: AlignmentVerdict


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from `first`'s month to `last`'s (at most `MAX_MONTHS`)."""
    ends = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        ends.append(date(year, month, 1) - timedelta(days=1))
    return ends[-MAX_MONTHS:]


def index_history(
    strategy: Strategy,
    tracking: Tracking,
    *,
    as_of: date,
    planner_scope: Callable[[Strategy], Sequence[str]] = plan_scope,
) -> list[IndexAt]:
    """The index at the end of each month from the first measurement or record to `as_of`
    (the last point is as of `as_of` itself); empty without tracking data."""
    days = [m.date for m in tracking.measurements] + [r.date for r in tracking.records]
    if not days:
        return []
    ends = [d for d in month_ends(min(days), as_of) if d < as_of] + [as_of]
    found = []
    for day in ends:
        known = Tracking(
            [m for m in tracking.measurements if m.date <= day],
            [r for r in tracking.records if r.date <= day],
        )
        status = tracking_status(strategy, known, day, planner_scope, today=day)
        found.append(IndexAt(day, status.index.score, status.index.verdict))
    return found
