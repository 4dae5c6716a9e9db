"""The roadmap model: choose initiatives *and* start periods, exactly (a time-indexed MILP).

Variables: x[i, t] = 1 when initiative i starts in period t (binary; only starts that go live
within the horizon exist), s[i, t] = sum_{t' <= t} x[i, t'] (continuous, "has started by t",
at most 1: at most one start), and y[k, p] in [0, 1], the share of KPI k's gap closed in period
p. The objective is the time-averaged weighted gap closure

    (1 - λ) * sum_k w_k * (1/T) * sum_p y[k, p]  +  λ * sum_{i,t} npv[i, t] / scale * x[i, t]

with `y[k, p] <= sum_i min(closure[i, k], 1) * s[i, p - d_i - lag_ik]`: one term per initiative
(two after the KPI's due period, where a late effect counts `LATE_EFFECT_SHARE`; a harm is a
negative term, and y may go as low as the KPI's harms add up to).
Because y is capped at 1, effects on the same KPI saturate exactly at its whole gap (a plain sum
would reward overshooting a target); capping each coefficient at 1 as well keeps the same plans.
Limits per period are rows over the start binaries (positive coefficients, which is what lets
HiGHS find knapsack covers and cliques); totals, dependencies (a successor has started by t only
if its predecessor started by t - d_pred) and alternative groups are rows over s. Rows: budget
per period and in total, recurring budget, change capacity per period, initiatives in flight,
named resources. docs/portfolio.md has the formulation and the measured effect of each choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from headway.analysis.alignment import LATE_EFFECT_SHARE
from headway.portfolio.change_items import add_change_items
from headway.portfolio.deadline import within
from headway.portfolio.inputs import FloatArray, IntArray, Limits, PlanningInputs, on_time_share
from headway.portfolio.milp import MilpBuilder, MilpResult

INF = float("inf")


@dataclass
class RoadmapModel:
    """A built model: the MILP and where each variable and constraint family lives.

    `start` [n, T] holds the column of "i starts in t" and `started` [n, T] that of "i has
    started by t" (-1 where no start is allowed); `last` [n] the last period a start is allowed
    (-1 when never); `y` [K, T] the closure columns. `rows` maps a constraint family
    ("budget_total", "budget_per_period", "recurring", "change_capacity", "in_flight",
    "resource:<id>") to its row indices (one per period, or one).
    """

    inputs: PlanningInputs
    limits: Limits
    milp: MilpBuilder
    start: IntArray
    started: IntArray
    last: IntArray
    y: IntArray
    rows: dict[str, list[int]] = field(default_factory=dict)

    def started_by(self, period: IntArray, items: IntArray | None = None) -> IntArray:
        """Columns of "item has started by period": `period` [n, m] for every item (or [len(items),
        m] for `items`); periods past the last allowed start read the last one; -1 before period
        0 and for items that can never start."""
        rows = (np.arange(self.inputs.size) if items is None else items)[:, None]
        period = np.asarray(period, dtype=np.int64)
        last = self.last[rows]
        clipped = np.clip(np.minimum(period, last), 0, None)
        valid = (period >= 0) & (last >= 0)
        return np.where(valid, self.started[rows, clipped], -1)


def npv_scale(inputs: PlanningInputs) -> float:
    """Money that counts as 1 unit of value in the blend: the sum of positive NPVs at period 0."""
    total = float(np.clip(inputs.npv[:, 0], 0.0, None).sum()) if inputs.periods else 0.0
    return total if total > 0 else 1.0


def _last_start(inputs: PlanningInputs, forced_out: frozenset[int]) -> IntArray:
    last = (inputs.periods - inputs.duration).astype(np.int64)
    for item in set(inputs.excluded) | forced_out:
        last[item] = -1
    return np.where(last >= 0, last, -1)


def build_model(
    inputs: PlanningInputs,
    limits: Limits | None = None,
    *,
    forced_in: frozenset[int] = frozenset(),
    forced_out: frozenset[int] = frozenset(),
) -> RoadmapModel:
    """Build the roadmap MILP for `inputs` under `limits` (default: the inputs' own limits)."""
    limits = limits or inputs.limits
    n, periods, kpis = inputs.size, inputs.periods, len(inputs.kpi_ids)
    milp = MilpBuilder()
    last = _last_start(inputs, forced_out)
    allowed = np.arange(periods)[None, :] <= last[:, None]
    started = np.full((n, periods), -1, dtype=np.int64)
    npv_cost = inputs.npv_weight * inputs.npv / npv_scale(inputs)
    count = int(allowed.sum())
    start = np.full((n, periods), -1, dtype=np.int64)
    start[allowed] = milp.add_columns(count, cost=npv_cost[allowed]) + np.arange(count)
    started[allowed] = milp.add_columns(count, integer=False) + np.arange(count)
    y_cost = (1.0 - inputs.npv_weight) * np.repeat(inputs.kpi_weights, periods) / max(periods, 1)
    lower = np.repeat(closure_floor(inputs), periods)
    first_y = milp.add_columns(kpis * periods, cost=y_cost, lower=lower, upper=1.0, integer=False)
    y = (first_y + np.arange(kpis * periods)).reshape(kpis, periods)
    model = RoadmapModel(inputs, limits, milp, start, started, last, y)
    _add_starts(model, forced_in)
    _add_period_rows(model)
    _add_logic(model)
    _add_closure(model)
    if inputs.readiness_items:
        add_change_items(model, npv_scale(inputs))
    return model


def _add_starts(model: RoadmapModel, forced_in: frozenset[int]) -> None:
    """s[i, t] = s[i, t-1] + x[i, t] (one row per allowed start, item by item); mandatory and
    forced items have started by their last chance."""
    milp, started, last = model.milp, model.started, model.last
    items, periods = np.nonzero(model.start >= 0)
    count = len(items)
    row = np.arange(count)
    later = periods > 0
    before = started[items, periods - 1][later]
    milp.add_rows(
        np.concatenate((row, row, row[later])),
        np.concatenate((started[items, periods], model.start[items, periods], before)),
        np.concatenate((np.ones(count), -np.ones(count), -np.ones(int(later.sum())))),
        0.0,
        0.0,
        count,
    )
    for item in sorted(model.inputs.mandatory | forced_in):
        if last[item] >= 0:
            milp.set_bounds(int(started[item, last[item]]), 1.0, 1.0)
        else:  # it can never start: the model is infeasible, as it must be
            milp.add_row([], [], lower=1.0)


def in_flight_profile(inputs: PlanningInputs) -> FloatArray:
    """[n, T] 1.0 at offsets 0..d-1 (the periods an initiative started at offset 0 is in flight)."""
    offsets = np.arange(inputs.periods)[None, :]
    return (offsets < inputs.duration[:, None]).astype(float)


def _period_row(
    model: RoadmapModel, per_offset: FloatArray, period: int
) -> tuple[IntArray, FloatArray]:
    """Columns and coefficients of the use in `period`: sum_{i,t} per_offset[i, p-t] start[i, t]."""
    periods = model.inputs.periods
    offset = period - np.arange(periods)
    per_start = np.where(offset >= 0, per_offset[:, np.clip(offset, 0, None)], 0.0)
    keep = (model.start >= 0) & (per_start != 0.0)
    return model.start[keep], per_start[keep]


def _add_period_rows(model: RoadmapModel) -> None:
    inputs, limits, milp = model.inputs, model.limits, model.milp
    flight = in_flight_profile(inputs)
    families: list[tuple[str, FloatArray, float]] = [
        ("budget_per_period", inputs.upfront, limits.budget_per_period),
        ("change_capacity", inputs.effort, limits.change_capacity_days),
        ("in_flight", flight, float(limits.max_in_flight)),
    ]
    for r, resource in enumerate(inputs.resource_ids):
        use = flight * inputs.resource_use[:, r : r + 1]
        families.append((f"resource:{resource}", use, limits.resources[r]))
    for name, per_offset, capacity in families:
        model.rows[name] = [
            milp.add_row(*_period_row(model, per_offset, p), upper=capacity)
            for p in range(inputs.periods)
        ]
    chosen = model.started_by(np.full((inputs.size, 1), inputs.periods))[:, 0]
    keep = chosen >= 0
    model.rows["budget_total"] = [
        milp.add_row(chosen[keep], inputs.upfront.sum(axis=1)[keep], upper=limits.budget_total)
    ]
    model.rows["recurring"] = [
        milp.add_row(chosen[keep], inputs.recurring[keep], upper=limits.recurring_per_month)
    ]


def _add_logic(model: RoadmapModel) -> None:
    """A successor has started by t only if its predecessor started by t - d_pred (is live by
    t); at most one initiative of each alternative group."""
    inputs, milp = model.inputs, model.milp
    if inputs.requires:
        _add_requires(model)
    chosen = model.started_by(np.full((inputs.size, 1), inputs.periods))[:, 0]
    for group in inputs.groups:
        cols = chosen[list(group)]
        milp.add_row(cols[cols >= 0], 1.0, upper=1.0)


def _add_requires(model: RoadmapModel) -> None:
    """s[j, t] <= s[i, t - d_i] for each dependency (j requires i), one row per period j can
    have started by; a row of s[j, t] alone (<= 0) where i cannot be live by t: a forced start
    stays forced, and the model is then infeasible, as it must be."""
    inputs = model.inputs
    pairs = np.asarray(inputs.requires, dtype=np.int64)
    successor, predecessor = pairs[:, 0], pairs[:, 1]
    periods = np.arange(inputs.periods)[None, :]
    own = model.started[successor]  # [pairs, T]
    ready = model.started_by(periods - inputs.duration[predecessor][:, None], predecessor)
    pair, period = np.nonzero(own >= 0)
    row = np.arange(len(pair))
    ready_col = ready[pair, period]
    linked = ready_col >= 0
    model.milp.add_rows(
        np.concatenate((row, row[linked])),
        np.concatenate((own[pair, period], ready_col[linked])),
        np.concatenate((np.ones(len(pair)), -np.ones(int(linked.sum())))),
        -INF,
        0.0,
        len(pair),
    )


def _add_closure(model: RoadmapModel) -> None:
    """y[k, p] <= sum_i c_ik * s[i, p - r_ik] (c = min(closure, 1), negative for a harm; r =
    duration + lag): one row per KPI and period, one term per initiative that moves the KPI and
    has started in time. After the KPI's due period e_k a late effect counts at h =
    `LATE_EFFECT_SHARE`: c_ik * (h * s[i, p - r_ik] + (1 - h) * s[i, e_k - r_ik])."""
    inputs = model.inputs
    periods = inputs.periods
    share = np.minimum(inputs.closure, 1.0)
    due = inputs.due if inputs.due is not None else np.full(len(inputs.kpi_ids), periods)
    item, kpi = np.nonzero(share.T != 0)[::-1]  # pairs ordered by KPI
    ready = (inputs.duration[item] + inputs.lag[item, kpi])[:, None]
    period = np.arange(periods)[None, :]
    shown = model.started_by(period - ready, item)  # [pairs, T]
    on_time = model.started_by(np.minimum(period, due[kpi][:, None]) - ready, item)
    same = on_time == shown
    c = share[item, kpi][:, None]
    first = np.where(same, 1.0, LATE_EFFECT_SHARE) * c
    second = np.broadcast_to((1.0 - LATE_EFFECT_SHARE) * c, same.shape)
    pair0, p0 = np.nonzero(shown >= 0)
    pair1, p1 = np.nonzero((on_time >= 0) & ~same)
    own_rows = np.arange(len(inputs.kpi_ids) * periods)
    first_row = model.milp.add_rows(
        np.concatenate((own_rows, kpi[pair0] * periods + p0, kpi[pair1] * periods + p1)),
        np.concatenate((model.y.ravel(), shown[pair0, p0], on_time[pair1, p1])),
        np.concatenate((np.ones(len(own_rows)), -first[pair0, p0], -second[pair1, p1])),
        -INF,
        0.0,
        len(own_rows),
    )
    model.rows["closure"] = list(range(first_row, first_row + len(own_rows)))


def closure_floor(inputs: PlanningInputs) -> FloatArray:
    """[K] the lowest closure a KPI can reach: the sum of its harms (0 when none). The plan's
    value is not floored at -1 per KPI (a stated simplification, docs/portfolio.md)."""
    floor: FloatArray = np.minimum(inputs.closure, 0.0).sum(axis=0)
    return floor


@dataclass(frozen=True)
class Schedule:
    """A solved roadmap: start period of each chosen initiative (index -> 0-based period).

    `objective` is the model's value (0-1 scale when the NPV weight is 0); `result` the raw solve.
    """

    starts: dict[int, int]
    objective: float
    result: MilpResult


def starts_of(model: RoadmapModel, values: FloatArray) -> dict[int, int]:
    """Start period of each initiative started in a solution (the first t with s[i, t] = 1)."""
    on = (model.started >= 0) & (values[np.maximum(model.started, 0)] > 0.5)
    chosen = np.flatnonzero(on.any(axis=1))
    return {int(i): int(np.argmax(on[i])) for i in chosen}


def solution_values(model: RoadmapModel, starts: Mapping[int, int]) -> FloatArray:
    """The model's columns for a known schedule (a start for the solver): s[i, t] = 1 from
    each start on, y the capped closure it achieves; columns added later stay 0."""
    values = np.zeros(model.milp.num_cols)
    items = np.fromiter(starts.keys(), dtype=np.int64, count=len(starts))
    first = np.fromiter(starts.values(), dtype=np.int64, count=len(starts))
    period = np.arange(model.inputs.periods)
    cols = model.started[items]
    values[cols[(cols >= 0) & (period[None, :] >= first[:, None])]] = 1.0
    values[model.start[items, first]] = 1.0
    inputs = model.inputs
    shows = first[:, None] + inputs.duration[items][:, None] + inputs.lag[items]  # [chosen, K]
    live = period[None, None, :] >= shows[:, :, None]
    kpi = np.arange(len(inputs.kpi_ids))[None, :]
    counted = np.minimum(inputs.closure[items], 1.0) * on_time_share(inputs, shows, kpi)
    raw = np.einsum("ck,ckp->kp", counted, live)
    values[model.y] = np.minimum(raw, 1.0)
    return values


def solve_model(
    model: RoadmapModel, time_limit: float | None = None, start: Mapping[int, int] | None = None
) -> Schedule:
    """Solve a built model (from a known feasible schedule `start` when given), for at most
    `time_limit` seconds and never past the inputs' `deadline`; infeasible or failed solves
    give an empty schedule."""
    hint = solution_values(model, start) if start is not None else None
    limit = within(time_limit, model.inputs.deadline)
    result = model.milp.solve(time_limit=limit, start=hint)
    starts = starts_of(model, result.values) if result.values is not None else {}
    return Schedule(starts, result.objective, result)


def solve_schedule(
    inputs: PlanningInputs,
    limits: Limits | None = None,
    *,
    forced_in: frozenset[int] = frozenset(),
    forced_out: frozenset[int] = frozenset(),
    time_limit: float | None = None,
    start: Mapping[int, int] | None = None,
) -> Schedule:
    """Build and solve the roadmap model in one call (`start`: a known feasible schedule)."""
    model = build_model(inputs, limits, forced_in=forced_in, forced_out=forced_out)
    return solve_model(model, time_limit, start)
