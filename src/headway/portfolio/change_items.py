"""Change-management items: plan items that raise readiness dimensions for later periods.

An initiative with `readiness_gains` (training, communication, process clean-up, a champion's
time) raises those survey dimensions once it is live. From then on (docs/portfolio.md):

- the change capacity per period grows by `declared days x (1 - floor) x overall gain`;
- every other initiative whose KPI effects show from then counts its benefits at the share the
  raised readiness allows (`readiness_factor` of its lower risk score): the closure it adds is
  `gain[i, k]` per period, after the KPI's due period at `LATE_EFFECT_SHARE`, never more in all
  than the benefits readiness held back (`room`);
- an initiative started after it is live has the NPV of its raised delivery confidence; when
  several such items are live only the largest NPV gain counts (a cautious simplification).

The optimiser chooses them like any other item: linear terms over continuous columns bounded by
the items' "has started by" columns, so the plan stays a proven optimum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from headway.analysis.alignment import LATE_EFFECT_SHARE, Point, alignment_inputs
from headway.analysis.finance import npv_by_start
from headway.analysis.readiness import (
    ReadinessResult,
    delivery_confidence,
    raised,
    readiness_factor,
    risk_score,
)
from headway.portfolio.inputs import (
    FloatArray,
    PlanningInputs,
    ReadinessItem,
    closure_matrix,
    counted_npv,
)
from headway.portfolio.milp import MilpBuilder
from headway.strategy.model import Strategy

if TYPE_CHECKING:
    from headway.portfolio.model import RoadmapModel
from headway.strategy.survey import default_survey


@dataclass(frozen=True)
class Bonus:
    """What chosen change-management items add to a schedule: closure [K, T] (0-1 shares),
    change capacity [T] (person-days per period) and risk-adjusted NPV (currency)."""

    closure: FloatArray
    capacity: FloatArray
    npv: float


def with_change_items(
    strategy: Strategy,
    result: ReadinessResult,
    inputs: PlanningInputs,
    readiness: float,
    point: Point = "likely",
) -> PlanningInputs:
    """`inputs` with a `ReadinessItem` for each initiative that raises readiness (none: as is).
    `strategy` is the document (change capacity as declared), `readiness` the overall readiness
    the plan uses."""
    items = [i for i, item in enumerate(strategy.initiatives) if item.readiness_gains]
    if not items:
        return inputs
    _, gaps, improvement = alignment_inputs(strategy, point, due_dates=False)
    full = closure_matrix(improvement, gaps)
    room = np.where(inputs.closure > 0, np.clip(full - inputs.closure, 0.0, None), 0.0)
    raw = npv_by_start(strategy, point="mean" if point == "mean" else "likely")
    found = tuple(
        _item(strategy, result, inputs, c, readiness, (improvement, gaps, raw)) for c in items
    )
    return replace(inputs, readiness_items=found, closure_room=room)


def _item(
    strategy: Strategy,
    result: ReadinessResult,
    inputs: PlanningInputs,
    c: int,
    readiness: float,
    arrays: tuple[FloatArray, FloatArray, FloatArray],
) -> ReadinessItem:
    improvement, gaps, raw = arrays
    gains = strategy.initiatives[c].readiness_gains
    after = raised(result, gains)
    lift = after.for_planning - result.for_planning
    required = strategy.constraints.min_readiness_for_high_risk
    scores = [risk_score(item, after) for item in strategy.initiatives]
    factor = np.array([readiness_factor(s, readiness + lift, required) for s in scores])
    closure_gain = np.clip(closure_matrix(improvement, gaps, factor) - inputs.closure, 0.0, None)
    confidence = np.array([delivery_confidence(s) for s in scores])
    npv_gain = np.clip(counted_npv(raw * confidence[:, None], factor) - inputs.npv, 0.0, None)
    closure_gain[c] = 0.0
    npv_gain[c] = 0.0
    floor = default_survey().scoring.change_capacity_floor
    declared = strategy.constraints.change_capacity_days_per_period
    return ReadinessItem(
        item=c,
        gains=tuple(sorted(gains.items())),
        readiness_lift=lift,
        capacity_gain=declared * (1 - floor) * lift,
        closure_gain=np.where(inputs.closure > 0, closure_gain, 0.0),
        npv_gain=npv_gain if inputs.npv.any() else np.zeros_like(inputs.npv),
    )


def bonus(inputs: PlanningInputs, starts: Mapping[int, int]) -> Bonus:
    """What the chosen change-management items add to the schedule `starts`, period by period
    (the same terms the model counts)."""
    periods, kpis = inputs.periods, len(inputs.kpi_ids)
    closure = np.zeros((kpis, periods))
    capacity = np.zeros(periods)
    if not inputs.readiness_items:
        return Bonus(closure, capacity, 0.0)
    best_npv: dict[int, float] = {}
    per_pair = np.zeros((inputs.size, kpis, periods))
    period = np.arange(periods)
    late = late_weights(inputs)
    for ri in inputs.readiness_items:
        if ri.item not in starts:
            continue
        live = starts[ri.item] + int(inputs.duration[ri.item])
        capacity[live:] += ri.capacity_gain
        for i, t in starts.items():
            shows = t + int(inputs.duration[i]) + inputs.lag[i]  # [K]
            on = period[None, :] >= np.maximum(shows, live)[:, None]
            per_pair[i] += ri.closure_gain[i][:, None] * late * on
            if live <= t:
                best_npv[i] = max(best_npv.get(i, 0.0), float(ri.npv_gain[i, t]))
    if inputs.closure_room is not None:
        per_pair = np.minimum(per_pair, inputs.closure_room[:, :, None] * late[None, :, :])
    closure += per_pair.sum(axis=0)
    return Bonus(closure, capacity, sum(best_npv.values()))


def late_weights(inputs: PlanningInputs) -> FloatArray:
    """[K, T] 1 up to each KPI's due period, `LATE_EFFECT_SHARE` after it."""
    period = np.arange(inputs.periods)[None, :]
    if inputs.due is None:
        return np.ones((len(inputs.kpi_ids), inputs.periods))
    weights: FloatArray = np.where(period > inputs.due[:, None], LATE_EFFECT_SHARE, 1.0)
    return weights


def gain_phrases(inputs: PlanningInputs, item: int, starts: Mapping[int, int]) -> list[str]:
    """For a chosen change-management item: what it raises and what that lets the plan do."""
    ri = next((r for r in inputs.readiness_items if r.item == item), None)
    if ri is None:
        return []
    raised_text = ", ".join(f"{dimension} by {gain:.2f}" for dimension, gain in ri.gains)
    lifted = (ri.closure_gain.sum(axis=1) > 0) | (ri.npv_gain.sum(axis=1) > 0)
    helped = [inputs.ids[i] for i in np.flatnonzero(lifted) if i in starts]
    text = (
        f"change management: raises readiness ({raised_text}; overall +{ri.readiness_lift:.3f}) "
        f"once live, adding {inputs.numbers.days(ri.capacity_gain)} of change capacity a period"
    )
    if helped:
        text += f" and letting {', '.join(helped)} (in the plan) deliver more of their benefits"
    return [text]


def add_change_items(model: RoadmapModel, scale: float) -> None:
    """The change-management terms of the roadmap model (module docstring): capacity entries in
    the change-capacity rows, closure columns v <= s[item], v <= s[c] in the closure rows, NPV
    columns u <= x[i, t], u <= s[c, t - d_c] in the objective (`scale`: the money that counts
    as 1, `model.npv_scale`). The bounded columns and their rows are added in one batch."""
    inputs, milp = model.inputs, model.milp
    period = np.arange(inputs.periods)
    late = late_weights(inputs)
    columns = _BoundedColumns(milp.num_cols)
    entries = _Entries()
    pairs: dict[tuple[int, int, int], list[tuple[int, float]]] = {}
    npv_terms: dict[tuple[int, int], list[int]] = {}
    for ri in inputs.readiness_items:
        c = ri.item
        live = model.started_by(period[None, :] - inputs.duration[c], np.array([c]))[0]
        if ri.capacity_gain > 0:
            for p in np.flatnonzero(live >= 0):
                entries.add(model.rows["change_capacity"][p], int(live[p]), -ri.capacity_gain)
        for i, k in zip(*np.nonzero(ri.closure_gain), strict=True):
            ready = int(inputs.duration[i] + inputs.lag[i, k])
            shown = model.started_by(period[None, :] - ready, np.array([i]))[0]
            for p in np.flatnonzero((shown >= 0) & (live >= 0)):
                v = columns.add(0.0, int(shown[p]), int(live[p]))
                coef = float(ri.closure_gain[i, k] * late[k, p])
                entries.add(model.rows["closure"][k * inputs.periods + p], v, -coef)
                pairs.setdefault((int(i), int(k), int(p)), []).append((v, coef))
        if inputs.npv_weight <= 0:
            continue
        for i, t in zip(*np.nonzero(ri.npv_gain), strict=True):
            if model.start[i, t] >= 0 and live[t] >= 0:
                cost = inputs.npv_weight * float(ri.npv_gain[i, t]) / scale
                u = columns.add(cost, int(model.start[i, t]), int(live[t]))
                npv_terms.setdefault((int(i), int(t)), []).append(u)
    columns.write(milp)
    entries.write(milp)
    _cap_several(model, pairs, npv_terms)


class _BoundedColumns:
    """Continuous columns in [0, 1], each with a cost and at most each of two other columns,
    gathered to be added at once; the first gets the index `first`."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.costs: list[float] = []
        self.bounds: list[tuple[int, int]] = []

    def add(self, cost: float, one: int, other: int) -> int:
        """A column <= `one` and <= `other`; returns the index it will have."""
        self.costs.append(cost)
        self.bounds.append((one, other))
        return self.first + len(self.costs) - 1

    def write(self, milp: MilpBuilder) -> None:
        """Add the columns and their rows (column - bound <= 0), in the order gathered."""
        count = len(self.costs)
        if not count:
            return
        first = milp.add_columns(count, cost=np.array(self.costs), integer=False)
        assert first == self.first, "columns were added while these were gathered"
        own = np.arange(first, first + count)
        bound = np.array(self.bounds, dtype=np.int64)
        rows = np.repeat(np.arange(2 * count), 2)
        cols = np.column_stack([own, bound[:, 0], own, bound[:, 1]]).ravel()
        coefs = np.tile([1.0, -1.0], 2 * count)
        milp.add_rows(rows, cols, coefs, lower=-np.inf, upper=0.0, count=2 * count)


class _Entries:
    """Coefficients for existing rows, gathered to be added at once."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.coefs: list[float] = []

    def add(self, row: int, col: int, coef: float) -> None:
        """`coef * x[col]` in row `row`."""
        self.rows.append(row)
        self.cols.append(col)
        self.coefs.append(coef)

    def write(self, milp: MilpBuilder) -> None:
        """Add every gathered coefficient to its row."""
        milp.add_entries(self.rows, self.cols, self.coefs)


def _cap_several(
    model: RoadmapModel,
    pairs: Mapping[tuple[int, int, int], list[tuple[int, float]]],
    npv_terms: Mapping[tuple[int, int], list[int]],
) -> None:
    """Where several items lift the same effect: together at most the benefits readiness held
    back (`closure_room`, after the due period at the late share), and one NPV gain."""
    inputs, milp = model.inputs, model.milp
    room = inputs.closure_room
    late = late_weights(inputs)
    for (i, k, p), terms in pairs.items():
        if len(terms) > 1 and room is not None:
            columns, coefs = zip(*terms, strict=True)
            milp.add_row(list(columns), list(coefs), upper=float(room[i, k] * late[k, p]))
    for (i, t), cols in npv_terms.items():
        if len(cols) > 1:
            milp.add_row([*cols, int(model.start[i, t])], [1.0] * len(cols) + [-1.0], upper=0.0)
