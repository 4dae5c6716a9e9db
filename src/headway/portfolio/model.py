"""The roadmap model: choose initiatives *and* start periods, exactly (a time-indexed MILP).

Variables: x[i, t] = 1 when initiative i starts in period t (only starts that go live within
the horizon exist), and y[k, p] in [0, 1], the share of KPI k's gap closed in period p.
The objective is the time-averaged weighted gap closure

    (1 - λ) * sum_k w_k * (1/T) * sum_p y[k, p]  +  λ * sum_{i,t} npv[i, t] / scale * x[i, t]

with `y[k, p] <= sum_{i,t: t + d_i + lag_ik <= p} closure[i, k] * x[i, t]`. Because y is capped
at 1, effects on the same KPI saturate exactly at its whole gap (a plain sum would reward
overshooting a target). Rows: starts, budget per period and in total, recurring budget, change
capacity per period, initiatives in flight, named resources, dependencies (a successor starts
only once its predecessor is live), alternative groups (at most one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from headway.portfolio.inputs import FloatArray, IntArray, Limits, PlanningInputs
from headway.portfolio.milp import MilpBuilder, MilpResult

INF = float("inf")


@dataclass
class RoadmapModel:
    """A built model: the MILP and where each variable and constraint family lives.

    `x` [n, T] holds column indices (-1 where a start is not allowed); `y` [K, T] likewise.
    `rows` maps a constraint family ("budget_total", "budget_per_period", "recurring",
    "change_capacity", "in_flight", "resource:<id>") to its row indices (one per period, or one).
    """

    inputs: PlanningInputs
    limits: Limits
    milp: MilpBuilder
    x: IntArray
    y: IntArray
    rows: dict[str, list[int]] = field(default_factory=dict)


def npv_scale(inputs: PlanningInputs) -> float:
    """Money that counts as 1 unit of value in the blend: the sum of positive NPVs at period 0."""
    total = float(np.clip(inputs.npv[:, 0], 0.0, None).sum()) if inputs.periods else 0.0
    return total if total > 0 else 1.0


def _allowed_starts(inputs: PlanningInputs, forced_out: frozenset[int]) -> NDArray[np.bool_]:
    starts = np.arange(inputs.periods)[None, :]
    allowed = starts + inputs.duration[:, None] <= inputs.periods
    for item in set(inputs.excluded) | forced_out:
        allowed[item, :] = False
    return allowed


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
    allowed = _allowed_starts(inputs, forced_out)
    x = np.full((n, periods), -1, dtype=np.int64)
    blend = inputs.npv_weight
    npv_cost = blend * inputs.npv / npv_scale(inputs)
    x[allowed] = milp.add_columns(int(allowed.sum()), cost=npv_cost[allowed])
    x[allowed] += np.arange(int(allowed.sum()))
    y_cost = (1.0 - blend) * np.repeat(inputs.kpi_weights, periods) / max(periods, 1)
    first_y = milp.add_columns(kpis * periods, cost=y_cost, upper=1.0, integer=False)
    y = (first_y + np.arange(kpis * periods)).reshape(kpis, periods)
    model = RoadmapModel(inputs, limits, milp, x, y)
    _add_starts(model, forced_in)
    _add_period_rows(model)
    _add_logic(model)
    _add_closure(model)
    return model


def _add_starts(model: RoadmapModel, forced_in: frozenset[int]) -> None:
    for i in range(model.inputs.size):
        cols = model.x[i][model.x[i] >= 0]
        lower = 1.0 if i in model.inputs.mandatory or i in forced_in else -INF
        model.milp.add_row(cols, 1.0, lower=lower, upper=1.0)


def _period_terms(
    model: RoadmapModel, per_offset: FloatArray, period: int
) -> tuple[IntArray, FloatArray]:
    """Columns and coefficients of `sum_{i, t <= p} per_offset[i, p - t] * x[i, t]`."""
    cols, coefs = [], []
    for start in range(period + 1):
        column = model.x[:, start]
        coef = per_offset[:, period - start]
        keep = (column >= 0) & (coef != 0)
        cols.append(column[keep])
        coefs.append(coef[keep])
    return np.concatenate(cols), np.concatenate(coefs)


def in_flight_profile(inputs: PlanningInputs) -> FloatArray:
    """[n, T] 1.0 at offsets 0..d-1 (the periods an initiative started at offset 0 is in flight)."""
    offsets = np.arange(inputs.periods)[None, :]
    return (offsets < inputs.duration[:, None]).astype(float)


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
            milp.add_row(*_period_terms(model, per_offset, p), upper=capacity)
            for p in range(inputs.periods)
        ]
    allowed = model.x >= 0
    total_cost = np.repeat(inputs.upfront.sum(axis=1, keepdims=True), inputs.periods, axis=1)
    recurring = np.repeat(inputs.recurring[:, None], inputs.periods, axis=1)
    model.rows["budget_total"] = [
        milp.add_row(model.x[allowed], total_cost[allowed], upper=limits.budget_total)
    ]
    model.rows["recurring"] = [
        milp.add_row(model.x[allowed], recurring[allowed], upper=limits.recurring_per_month)
    ]


def _add_logic(model: RoadmapModel) -> None:
    inputs, milp, x = model.inputs, model.milp, model.x
    for successor, predecessor in inputs.requires:
        live_from = inputs.duration[predecessor]
        for period in range(inputs.periods):
            # started by `period` => predecessor started by `period - d_pred` (live by `period`).
            own = x[successor, : period + 1]
            before = x[predecessor, : max(0, period - live_from + 1)]
            cols = np.concatenate([own[own >= 0], before[before >= 0]])
            coefs = np.concatenate(
                [np.ones(int((own >= 0).sum())), -np.ones(int((before >= 0).sum()))]
            )
            if len(cols):
                milp.add_row(cols, coefs, upper=0.0)
    for group in inputs.groups:
        cols = x[list(group)]
        milp.add_row(cols[cols >= 0], 1.0, upper=1.0)


def _add_closure(model: RoadmapModel) -> None:
    inputs, milp = model.inputs, model.milp
    ready_at = inputs.duration[:, None] + inputs.lag  # offset from start when effect shows
    for k in range(len(inputs.kpi_ids)):
        share = inputs.closure[:, k]
        for period in range(inputs.periods):
            cols, coefs = [model.y[k, period]], [1.0]
            for start in range(period + 1):
                column = model.x[:, start]
                keep = (column >= 0) & (share > 0) & (start + ready_at[:, k] <= period)
                cols.extend(column[keep].tolist())
                coefs.extend((-share[keep]).tolist())
            milp.add_row(cols, coefs, upper=0.0)


@dataclass(frozen=True)
class Schedule:
    """A solved roadmap: start period of each chosen initiative (index -> 0-based period).

    `objective` is the model's value (0-1 scale when the NPV weight is 0); `result` the raw solve.
    """

    starts: dict[int, int]
    objective: float
    result: MilpResult


def solve_model(model: RoadmapModel, time_limit: float | None = None) -> Schedule:
    """Solve a built model; infeasible or failed solves give an empty schedule."""
    result = model.milp.solve(time_limit=time_limit)
    starts: dict[int, int] = {}
    if result.values is not None:
        picked = (model.x >= 0) & (result.values[np.maximum(model.x, 0)] > 0.5)
        for i, t in zip(*np.nonzero(picked), strict=True):
            starts[int(i)] = int(t)
    return Schedule(starts, result.objective, result)


def solve_schedule(
    inputs: PlanningInputs,
    limits: Limits | None = None,
    *,
    forced_in: frozenset[int] = frozenset(),
    forced_out: frozenset[int] = frozenset(),
    time_limit: float | None = None,
) -> Schedule:
    """Build and solve the roadmap model in one call."""
    model = build_model(inputs, limits, forced_in=forced_in, forced_out=forced_out)
    return solve_model(model, time_limit)
