"""Score each activity's automation potential and the hours per year at stake.

A transparent heuristic in the spirit of UiPath Process Mining's automation-potential view,
not a forecast. Five parts, each scaled to 0-1, weighted into a score of 0-100:

- volume (0.30): log(1 + executions) / log(1 + executions of the most executed activity);
- standardisation (0.25): the mean of 1 / (1 + coefficient of variation of service time) and
  min(1, 2 / (distinct predecessors + distinct successors)); 1 = the same work every time;
- repetitiveness (0.15): rework rate, the share of its cases with more than one execution;
- waiting caused (0.15): its waiting-after hours / the waiting-after hours of all activities;
- concentration (0.15): share of its executions done by its busiest resource.

Without start/complete pairs the service-time part of standardisation is left out (only the
flow part counts) and `minutes_each` is `Assumptions.default_minutes`, flagged as assumed.

Hours per year = executions per year x minutes each / 60, where executions per year scales
the log's executions by 365.25 / the log's span in days. Hours at stake = hours per year x
score / 100: an upper bound on what automation could free, to be checked by the user.

Each candidate has a kind, and the ranking puts measured work first:
- "work": its start and complete events pair up into a measured service time of at least
  `SYSTEM_SECONDS`;
- "system event": it takes no time (a measured median under `SYSTEM_SECONDS`), or it has no
  service time in a log where other activities have one: the log times the work, so an event
  without a duration is a state change a system records (submitted, approved, sent);
- "not measured": no activity of the log has a service time, so work cannot be told from
  system events; the minutes are assumed.
Candidates sort by kind (work, not measured, system event), then by score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from headway.mining.profile import ActivityStats, AutomationCandidate

SYSTEM_SECONDS = 1.0
"""A median service time below this (seconds) is an instant step, not work."""
KINDS = ("work", "not measured", "system event")
"""Candidate kinds in ranking order."""

WEIGHTS = {
    "volume": 0.30,
    "standardisation": 0.25,
    "repetitiveness": 0.15,
    "waiting_caused": 0.15,
    "concentration": 0.15,
}


@dataclass(frozen=True)
class Assumptions:
    """What the scoring assumes where the log is silent.

    `default_minutes`: working minutes per execution when the log has no service times.
    `min_span_days`: a log shorter than this is scaled to a year as if it lasted this long.
    """

    default_minutes: float = 5.0
    min_span_days: float = 7.0


def score_activities(
    activities: tuple[ActivityStats, ...] | list[ActivityStats],
    span_days: float,
    assumptions: Assumptions | None = None,
) -> tuple[AutomationCandidate, ...]:
    """Automation candidates for `activities` of a log spanning `span_days`, best first."""
    assumptions = assumptions or Assumptions()
    if not activities:
        return ()
    most = max(a.executions for a in activities)
    total_waiting = sum(a.waiting_after_hours for a in activities)
    per_year = 365.25 / max(span_days, assumptions.min_span_days)
    timed = any(a.service_median_s is not None for a in activities)
    candidates = []
    for stats in activities:
        volume = math.log1p(stats.executions) / math.log1p(most) if most else 0.0
        standard = _standardisation(stats)
        repetitive = stats.rework_rate
        waiting = stats.waiting_after_hours / total_waiting if total_waiting > 0 else 0.0
        concentration = stats.top_resource_share or 0.0
        score = 100 * (
            WEIGHTS["volume"] * volume
            + WEIGHTS["standardisation"] * standard
            + WEIGHTS["repetitiveness"] * repetitive
            + WEIGHTS["waiting_caused"] * waiting
            + WEIGHTS["concentration"] * concentration
        )
        measured = stats.service_median_s is not None
        minutes = (
            stats.service_median_s / 60
            if stats.service_median_s is not None
            else assumptions.default_minutes
        )
        executions_per_year = stats.executions * per_year
        hours = executions_per_year * minutes / 60
        candidates.append(
            AutomationCandidate(
                activity=stats.activity,
                score=round(score, 2),
                volume=round(volume, 4),
                standardisation=round(standard, 4),
                repetitiveness=round(repetitive, 4),
                waiting_caused=round(waiting, 4),
                concentration=round(concentration, 4),
                executions_per_year=round(executions_per_year, 1),
                minutes_each=round(minutes, 3),
                minutes_measured=measured,
                hours_per_year=round(hours, 1),
                hours_at_stake=round(hours * score / 100, 1),
                kind=_kind(stats, timed),
            )
        )
    candidates.sort(key=lambda c: (KINDS.index(c.kind), -c.score, -c.hours_at_stake, c.activity))
    return tuple(candidates)


def _kind(stats: ActivityStats, timed: bool) -> str:
    """Measured work, a system event, or not measured (see the module docstring)."""
    if stats.service_median_s is not None:
        return "work" if stats.service_median_s >= SYSTEM_SECONDS else "system event"
    return "system event" if timed else "not measured"


def _standardisation(stats: ActivityStats) -> float:
    neighbours = stats.predecessors + stats.successors
    flow = min(1.0, 2 / neighbours) if neighbours else 1.0
    if stats.service_cv is None:
        return flow
    return (1 / (1 + stats.service_cv) + flow) / 2
