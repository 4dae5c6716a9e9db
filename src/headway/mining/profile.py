"""The typed result of mining an event log: `ProcessProfile` and its tables.

Times are in seconds unless a name says hours; timestamps are timezone-aware UTC datetimes.
`to_dict()` gives the JSON document `headway mine --json` prints (see docs/mining.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Totals:
    """Size of the log: events, cases, distinct activities and variants, and its time span."""

    events: int
    cases: int
    activities: int
    variants: int
    first_event: datetime | None
    last_event: datetime | None
    span_days: float


@dataclass(frozen=True)
class ActivityStats:
    """What one activity costs and how it behaves.

    `events` counts every event (all lifecycle transitions); `executions` counts instances of
    the activity (a start/complete pair is one execution; without lifecycle data, one event).
    Service times (`service_*`, seconds) exist only where start and complete events pair up.
    `waiting_*` (seconds) is the time from the end of the previous execution in the case to
    the start of this one; `waiting_after_hours` is the total waiting that follows this
    activity until the next execution in the case starts. `rework_rate` is the share of the
    activity's cases in which it is executed more than once. `cost_total` sums the cost of its
    events (log currency; None when the log has no costs).
    """

    activity: str
    events: int
    cases: int
    executions: int
    repeats: int
    rework_cases: int
    rework_rate: float
    service_median_s: float | None
    service_p90_s: float | None
    service_mean_s: float | None
    service_cv: float | None
    waiting_median_s: float | None
    waiting_p90_s: float | None
    waiting_after_hours: float
    resources: int
    top_resource: str | None
    top_resource_share: float | None
    predecessors: int
    successors: int
    cost_total: float | None = None


@dataclass(frozen=True)
class Edge:
    """A directly-follows relation: `target` is the next event after `source` in a case.

    `count` is how often; `mean_s` and `median_s` the time between the two events (seconds).
    """

    source: str
    target: str
    count: int
    mean_s: float
    median_s: float


@dataclass(frozen=True)
class Variant:
    """A distinct sequence of activities, the cases that follow it and their share of all."""

    activities: tuple[str, ...]
    cases: int
    share: float
    mean_throughput_s: float


@dataclass(frozen=True)
class Throughput:
    """Case throughput time (first to last event of a case), in seconds."""

    mean_s: float
    median_s: float
    p90_s: float
    min_s: float
    max_s: float


@dataclass(frozen=True)
class Arrival:
    """Cases whose first event falls in the period starting on `period_start`."""

    period_start: date
    cases: int


@dataclass(frozen=True)
class AutomationCandidate:
    """An activity's automation potential (0-100) with its parts (each 0-1) and hours at stake.

    See docs/mining.md for the formula and its limits. `minutes_each` is measured service time
    when `minutes_measured` is true, otherwise the assumed default. `kind` is one of `KINDS`
    (`headway.mining.candidates`): measured "work", a "system event" or "not measured".
    """

    activity: str
    score: float
    volume: float
    standardisation: float
    repetitiveness: float
    waiting_caused: float
    concentration: float
    executions_per_year: float
    minutes_each: float
    minutes_measured: bool
    hours_per_year: float
    hours_at_stake: float
    kind: str = "work"


@dataclass(frozen=True)
class ProcessProfile:
    """Everything `headway.mine` measures in one event log.

    `case_durations_s` holds every case's throughput time in seconds, ascending (the list
    PM4Py's `get_all_case_durations` returns). `candidates` are sorted by score, best first.
    """

    source: str
    period: str
    totals: Totals
    activities: tuple[ActivityStats, ...]
    edges: tuple[Edge, ...]
    variants: tuple[Variant, ...]
    throughput: Throughput | None
    case_durations_s: tuple[float, ...]
    arrivals: tuple[Arrival, ...]
    start_activities: dict[str, int]
    end_activities: dict[str, int]
    candidates: tuple[AutomationCandidate, ...]
    warnings: tuple[str, ...]

    def activity(self, name: str) -> ActivityStats:
        """The statistics of activity `name` (KeyError when the log has no such activity)."""
        for stats in self.activities:
            if stats.activity == name:
                return stats
        raise KeyError(name)

    def to_dict(self, *, variants: int = 50) -> dict[str, Any]:
        """A JSON-ready dict: totals, activities, edges, top `variants`, candidates, warnings."""
        return {
            "source": self.source,
            "period": self.period,
            "totals": _plain(asdict(self.totals)),
            "activities": [_plain(asdict(a)) for a in self.activities],
            "edges": [_plain(asdict(e)) for e in self.edges],
            "variants": [
                {**_plain(asdict(v)), "activities": list(v.activities)}
                for v in self.variants[:variants]
            ],
            "throughput": _plain(asdict(self.throughput)) if self.throughput else None,
            "arrivals": [_plain(asdict(a)) for a in self.arrivals],
            "start_activities": self.start_activities,
            "end_activities": self.end_activities,
            "candidates": [_plain(asdict(c)) for c in self.candidates],
            "warnings": list(self.warnings),
        }


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, date | datetime) else value
        for key, value in data.items()
    }
