"""The efficient frontier: the optimal plan value across total upfront budgets, and its knee.

Each point re-solves the roadmap model exactly with only `budget_total` changed (per-period
budgets, capacity and every other limit stay as in the document), so the curve says what each
extra unit of money buys given everything else. The knee is the point farthest from the chord
between the first and last points after scaling both axes to 0-1 (Satopää et al. 2011,
"Kneedle"): beyond it, money buys markedly less strategic value.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from functools import partial
from typing import Any

import numpy as np

from headway.portfolio.explain import in_parallel
from headway.portfolio.inputs import Limits, PlanningInputs
from headway.portfolio.model import solve_schedule
from headway.portfolio.planner import prepare
from headway.portfolio.results import PlanSettings
from headway.strategy.model import Strategy


@dataclass(frozen=True)
class FrontierPoint:
    """The best plan for one total budget (currency): value (0-1), money spent, items chosen.

    `value_per_thousand` is the value gained per 1,000 of budget from the previous point.
    """

    budget_total: float
    value: float
    spent: float
    chosen: tuple[str, ...]
    proven_optimal: bool
    value_per_thousand: float | None


@dataclass(frozen=True)
class Frontier:
    """Points by increasing budget; `knee` indexes the knee point; `current` the document's."""

    currency: str
    points: tuple[FrontierPoint, ...]
    knee: int
    current_budget: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)


def knee_index(budgets: np.ndarray[Any, Any], values: np.ndarray[Any, Any]) -> int:
    """Index of the point farthest above the chord from the first to the last point (Kneedle)."""
    if len(budgets) < 3 or values[-1] <= values[0] or budgets[-1] <= budgets[0]:
        return len(budgets) - 1
    x = (budgets - budgets[0]) / (budgets[-1] - budgets[0])
    y = (values - values[0]) / (values[-1] - values[0])
    return int(np.argmax(y - x))


def budget_levels(inputs: PlanningInputs, points: int, time_limit: float | None) -> list[float]:
    """`points` budgets from 0 to what the best plan without a total budget spends."""
    unlimited = solve_schedule(inputs, _with_total(inputs, float("inf")), time_limit=time_limit)
    top = float(sum(inputs.upfront[i].sum() for i in unlimited.starts))
    levels = set(np.linspace(0.0, top, points).round(2).tolist())
    if inputs.limits.budget_total < top:
        levels.add(inputs.limits.budget_total)
    return sorted(levels)


def _with_total(inputs: PlanningInputs, budget: float) -> Limits:
    return replace(inputs.limits, budget_total=budget)


def frontier_from_inputs(
    inputs: PlanningInputs, currency: str, points: int = 11, time_limit: float | None = None
) -> Frontier:
    """The frontier over prepared inputs (see `frontier`)."""
    found: list[FrontierPoint] = []
    budgets = budget_levels(inputs, points, time_limit)
    schedules = in_parallel(
        [
            partial(solve_schedule, inputs, _with_total(inputs, b), time_limit=time_limit)
            for b in budgets
        ]
    )
    for budget, schedule in zip(budgets, schedules, strict=True):
        value = schedule.objective if schedule.result.values is not None else 0.0
        marginal = None
        if found and budget > found[-1].budget_total:
            marginal = 1000.0 * (value - found[-1].value) / (budget - found[-1].budget_total)
            marginal = 0.0 if abs(marginal) < 1e-12 else marginal
        found.append(
            FrontierPoint(
                budget_total=budget,
                value=value,
                spent=float(sum(inputs.upfront[i].sum() for i in schedule.starts)),
                chosen=tuple(inputs.ids[i] for i in sorted(schedule.starts)),
                proven_optimal=schedule.result.proven_optimal,
                value_per_thousand=marginal,
            )
        )
    values = np.array([p.value for p in found])
    knee = knee_index(np.array(budgets), values)
    return Frontier(currency, tuple(found), knee, inputs.limits.budget_total)


def frontier(
    strategy: Strategy,
    settings: PlanSettings | None = None,
    points: int = 11,
) -> Frontier:
    """Optimal plan value (0-1) for `points` total budgets from 0 to the budget that buys the
    unconstrained-by-budget optimum, plus the document's own budget; with the knee."""
    inputs, _, _ = prepare(strategy, settings or PlanSettings(explain=False))
    time_limit = settings.time_limit if settings else None
    return frontier_from_inputs(inputs, strategy.business.currency, points, time_limit)
