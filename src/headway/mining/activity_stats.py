"""Per-activity statistics: counts, rework, service and waiting times, resources and flow.

Event counts and cases come from the events; executions, times and resources from the runs
(see `runs`); predecessors and successors from the directly-follows graph (self-loops not
counted). The top resource is the one with most executions (ties: the first by name).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from headway.mining import grouping
from headway.mining.frame import EventFrame
from headway.mining.metrics import Graph, neighbours
from headway.mining.profile import ActivityStats
from headway.mining.runs import Runs

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


def activity_stats(
    frame: EventFrame, runs: Runs, graph: Callable[[], Graph]
) -> list[ActivityStats]:
    """Statistics of every activity, most frequent first (then by name).

    `graph` gives the directly-follows graph (`metrics.directly_follows`); it is asked for
    last, so it can be computed on another thread meanwhile."""
    width = len(frame.activity_names)
    events = grouping.counts(frame.activity, width)
    cases = grouping.distinct_counts(frame.activity, frame.case, width)
    cost, costed = grouping.sums(frame.activity, frame.cost, width)
    executions, repeats, rework_cases, run_cases = _rework(runs, width, frame.cases)
    service_median, service_p90 = grouping.quantiles(
        runs.activity, runs.service_s, width, (0.5, 0.9)
    )
    service_mean = grouping.means(runs.activity, runs.service_s, width)
    service_sd = grouping.population_sd(runs.activity, runs.service_s, width)
    waiting_median, waiting_p90 = grouping.quantiles(
        runs.activity, runs.waiting_s, width, (0.5, 0.9)
    )
    waiting_after, _ = grouping.sums(runs.activity, runs.waiting_after_s, width)
    resources, top, top_share = _resources(runs, width, len(frame.resource_names))
    predecessors, successors = neighbours(graph())
    resource_names = frame.resource_names
    found = []
    for a in np.lexsort((np.arange(width), -events)).tolist():
        mean = _opt(service_mean[a])
        found.append(
            ActivityStats(
                activity=frame.activity_names[a],
                events=int(events[a]),
                cases=int(cases[a]),
                executions=int(executions[a]),
                repeats=int(repeats[a]),
                rework_cases=int(rework_cases[a]),
                rework_rate=float(rework_cases[a] / run_cases[a]) if run_cases[a] else 0.0,
                service_median_s=_opt(service_median[a]),
                service_p90_s=_opt(service_p90[a]),
                service_mean_s=mean,
                service_cv=_opt(service_sd[a] / mean) if mean else None,
                waiting_median_s=_opt(waiting_median[a]),
                waiting_p90_s=_opt(waiting_p90[a]),
                waiting_after_hours=float(waiting_after[a]) / 3600,
                resources=int(resources[a]),
                top_resource=resource_names[int(top[a])].as_py() if top[a] >= 0 else None,
                top_resource_share=_opt(top_share[a]),
                predecessors=int(predecessors[a]),
                successors=int(successors[a]),
                cost_total=float(cost[a]) if costed[a] else None,
            )
        )
    return found


def _rework(runs: Runs, width: int, case_count: int) -> tuple[Ints, Ints, Ints, Ints]:
    """Per activity: executions, repeats, cases with more than one, cases with any."""
    # Case-major codes: the runs come in case order, so the counting walks its tally in order.
    code = grouping.pair_codes(runs.case, runs.activity, width)
    distinct, per_case = grouping.unique_counts(code, width * max(case_count, 1))
    activity = distinct % max(width, 1)
    executions = np.bincount(activity, weights=per_case, minlength=width).astype(np.int64)
    repeated = np.bincount(activity, weights=per_case > 1, minlength=width).astype(np.int64)
    run_cases = grouping.counts(activity, width)
    return executions, executions - run_cases, repeated, run_cases


def _resources(runs: Runs, width: int, resource_count: int) -> tuple[Ints, Ints, Floats]:
    """Per activity: distinct resources, the top one's code (-1: none) and its share."""
    named = runs.resource >= 0
    code = grouping.pair_codes(runs.activity[named], runs.resource[named], resource_count)
    distinct, n = grouping.unique_counts(code, width * max(resource_count, 1))
    activity, resource = np.divmod(distinct, max(resource_count, 1))
    resources = grouping.counts(activity, width)
    top = np.full(width, -1, dtype=np.int64)
    share = np.full(width, np.nan)
    order = np.lexsort((resource, -n, activity))  # one row per (activity, resource): few
    first = np.ones(len(order), dtype=np.bool_)
    first[1:] = activity[order][1:] != activity[order][:-1]
    best = order[first]
    totals = np.bincount(activity, weights=n, minlength=width)
    top[activity[best]] = resource[best]
    share[activity[best]] = n[best] / totals[activity[best]]
    return resources, top, share


def _opt(value: float) -> float | None:
    return None if np.isnan(value) else float(value)
