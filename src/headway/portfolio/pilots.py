"""Pilots in the roadmap: pilot -> go/no-go gate -> roll-out, scheduled as one item.

An initiative with a pilot of q whole periods (`strategy.pilot.pilot_periods`) started in period
t runs its pilot in t .. t+q-1 (the pilot's cost paid in t, its effort spread over those
periods), passes its go/no-go gate at the start of period t+q and rolls out from there for its
own duration d (its upfront cost paid in t+q, its effort spread over t+q .. t+q+d-1); it is live
from t+q+d. The roadmap model sees one item in flight for q+d periods whose costs sit at those
offsets, so budget, change capacity and in-flight slots count the pilot and the roll-out alike,
and the roll-out starts at the gate (docs/portfolio.md, "Pilots").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from headway.analysis.alignment import Point, estimate
from headway.numbers import Numbers, Unit
from headway.strategy.calendar import month_number, month_text, period_label
from headway.strategy.model import Strategy
from headway.strategy.pilot import pilot_periods

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class PilotArrays:
    """Each initiative's pilot [n]: whole periods (0 without a pilot), cost (currency) and
    effort (person-days)."""

    periods: IntArray
    cost: FloatArray
    effort: FloatArray


def pilot_arrays(strategy: Strategy, point: Point = "likely") -> PilotArrays:
    """The pilots of the strategy's initiatives, in document order; a pilot without its own
    effort takes `scope` times the initiative's effort (at `point`)."""
    months = strategy.horizon.period.months
    efforts = []
    for item in strategy.initiatives:
        pilot = item.pilot
        if pilot is None:
            efforts.append(0.0)
        elif pilot.effort_days is not None:
            efforts.append(pilot.effort_days)
        else:
            efforts.append(pilot.scope * estimate(item.effort_days, point))
    return PilotArrays(
        periods=np.array(
            [pilot_periods(i.pilot, months) for i in strategy.initiatives], dtype=np.int64
        ),
        cost=np.array([i.pilot.cost if i.pilot else 0.0 for i in strategy.initiatives]),
        effort=np.array(efforts, dtype=float),
    )


def no_pilots(count: int) -> PilotArrays:
    """`count` initiatives without a pilot."""
    return PilotArrays(np.zeros(count, dtype=np.int64), np.zeros(count), np.zeros(count))


def staged_rows(
    pilots: PilotArrays, upfront: FloatArray, effort: FloatArray, duration: IntArray, periods: int
) -> tuple[FloatArray, FloatArray]:
    """Upfront cost and effort [n, T] by offset from the start: the pilot's cost at offset 0
    and its effort over 0 .. q-1, the roll-out's `upfront` [n] at q and its `effort` [n]
    spread over q .. q+d-1 (`duration` [n] = d, the roll-out's periods)."""
    n = len(duration)
    upfront_rows = np.zeros((n, periods))
    effort_rows = np.zeros((n, periods))
    for i in range(n):
        q, d = int(pilots.periods[i]), int(duration[i])
        if q > 0:
            upfront_rows[i, 0] = pilots.cost[i]
            effort_rows[i, : min(q, periods)] = pilots.effort[i] / q
        if q < periods:
            upfront_rows[i, q] += upfront[i]
            effort_rows[i, q : min(q + d, periods)] += effort[i] / d
    return upfront_rows, effort_rows


@dataclass(frozen=True)
class Gate:
    """A go/no-go gate of the plan.

    The pilot of `initiative` runs from period `pilot_start` to the gate in `period` (0-based,
    with labels; `month` is the gate's first month, YYYY-MM); the roll-out starts there if the
    pilot meets every criterion. `pilot_cost` in the currency; `scope` the share of the full
    effect the pilot reaches (0-1); `criteria` in words.
    """

    initiative: str
    name: str
    pilot_start: int
    pilot_start_label: str
    period: int
    label: str
    month: str
    pilot_cost: float
    scope: float
    criteria: tuple[str, ...]


def criteria_text(strategy: Strategy, initiative_id: str) -> tuple[str, ...]:
    """The success criteria of an initiative's pilot in words, one per KPI ("Average order
    value: at least 0,25 EUR higher")."""
    kpis = {k.id: k for k in strategy.kpis}
    shown = Numbers.of(strategy.business)
    item = next(i for i in strategy.initiatives if i.id == initiative_id)
    if item.pilot is None:
        return ()
    found = []
    for criterion in item.pilot.criteria:
        kpi = kpis[criterion.kpi]
        way = "higher" if kpi.direction.sign > 0 else "lower"
        least = shown.text(criterion.min_improvement, Unit.kpi)
        found.append(f"{kpi.name}: at least {least} {kpi.unit} {way}")
    return tuple(found)


def plan_gates(
    strategy: Strategy, ids: Sequence[str], starts: Mapping[int, int], labels: Sequence[str]
) -> tuple[Gate, ...]:
    """The gates of a schedule (index into `ids`, the planned initiatives' ids -> start
    period), by gate period."""
    months = strategy.horizon.period.months
    first = month_number(strategy.horizon.start)
    by_id = {item.id: item for item in strategy.initiatives}
    gates = []
    for i, start in starts.items():
        item = by_id.get(ids[i])
        if item is None or item.pilot is None:
            continue
        gate = start + pilot_periods(item.pilot, months)
        gates.append(
            Gate(
                initiative=item.id,
                name=item.name,
                pilot_start=start,
                pilot_start_label=labels[start],
                period=gate,
                label=labels[gate] if gate < len(labels) else period_label(strategy.horizon, gate),
                month=month_text(first + gate * months),
                pilot_cost=item.pilot.cost,
                scope=item.pilot.scope,
                criteria=criteria_text(strategy, item.id),
            )
        )
    return tuple(sorted(gates, key=lambda g: (g.period, g.initiative)))
