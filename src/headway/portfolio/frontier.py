"""The efficient frontier: the optimal plan value across total upfront budgets, and its knee.

Each point re-solves the roadmap model exactly with only `budget_total` changed (per-period
budgets, capacity and every other limit stay as in the document), so the curve says what each
extra unit of money buys given everything else. The knee is the point farthest from the chord
between the first and last points after scaling both axes to 0-1 (Satopää et al. 2011,
"Kneedle"): beyond it, money buys markedly less strategic value.

All the points share one deadline (the settings' time budget): the levels are solved two at a
time, spread out first (the ends, the document's budget, then halving the gaps between solved
levels), so a frontier cut short by the deadline still spans the range, with fewer points, and
its `note` says so.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, replace
from functools import partial
from typing import Any

import numpy as np

from headway.portfolio.deadline import budget_words, deadline_for, passed
from headway.portfolio.explain import in_parallel
from headway.portfolio.inputs import Limits, PlanningInputs
from headway.portfolio.model import Schedule
from headway.portfolio.planner import prepare
from headway.portfolio.resolve import Resolvers
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
    """Points by increasing budget; `knee` indexes the knee point; `current` the document's;
    `note` says, in words, what the time budget left out or did not prove ("" when nothing)."""

    currency: str
    points: tuple[FrontierPoint, ...]
    knee: int
    current_budget: float
    note: str = ""

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


def budget_levels(inputs: PlanningInputs, points: int, resolvers: Resolvers) -> list[float]:
    """`points` budgets from 0 to what the best plan without a total budget spends."""
    unlimited = resolvers.solve(_with_total(inputs, float("inf")))
    top = float(sum(inputs.upfront[i].sum() for i in unlimited.starts))
    levels = set(np.linspace(0.0, top, points).round(2).tolist())
    if inputs.limits.budget_total < top:
        levels.add(inputs.limits.budget_total)
    return sorted(levels)


def _with_total(inputs: PlanningInputs, budget: float) -> Limits:
    return replace(inputs.limits, budget_total=budget)


def spread_order(levels: list[float], first: tuple[float, ...] = ()) -> list[float]:
    """`levels` (sorted) in the order to solve them: `first` (those among the levels), the two
    ends, then the level in the middle of each widest gap between those taken so far."""
    taken = sorted({i for i, level in enumerate(levels) if level in first} | {0, len(levels) - 1})
    order = [levels[i] for i in taken]
    while len(taken) < len(levels):
        gaps = [(b - a, a, b) for a, b in itertools.pairwise(taken) if b - a > 1]
        _, a, b = max(gaps)
        taken = sorted({*taken, (a + b) // 2})
        order.append(levels[(a + b) // 2])
    return order


def frontier_from_inputs(
    inputs: PlanningInputs,
    currency: str,
    points: int = 11,
    time_limit: float | None = None,
    budget: str = "the time budget",
) -> Frontier:
    """The frontier over prepared inputs (see `frontier`), solved until `inputs.deadline`
    (`budget`: the time budget in words, for the note)."""
    # One model per worker, only the total budget's bound changed per level (`resolve`).
    resolvers = Resolvers(inputs, time_limit)
    levels = budget_levels(inputs, points, resolvers)
    order = spread_order(levels, (inputs.limits.budget_total,))
    schedules = in_parallel([partial(_level, inputs, level, resolvers) for level in order])
    solved = {
        level: found for level, found in zip(order, schedules, strict=True) if found is not None
    }
    found = _points(inputs, solved)
    budgets = np.array([p.budget_total for p in found])
    values = np.array([p.value for p in found])
    knee = knee_index(budgets, values) if found else 0
    note = _note(len(found), len(levels), sum(not p.proven_optimal for p in found), budget)
    return Frontier(currency, tuple(found), knee, inputs.limits.budget_total, note)


def _level(inputs: PlanningInputs, budget: float, resolvers: Resolvers) -> Schedule | None:
    """The best plan for the total `budget`; None when none was found by the deadline."""
    if passed(inputs.deadline):
        return None
    schedule = resolvers.solve(_with_total(inputs, budget))
    return schedule if schedule.result.values is not None else None


def _points(inputs: PlanningInputs, solved: dict[float, Schedule]) -> list[FrontierPoint]:
    found: list[FrontierPoint] = []
    for budget, schedule in sorted(solved.items()):
        value = schedule.objective
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
    return found


def _note(solved: int, levels: int, unproven: int, budget: str) -> str:
    """What the time budget left out or did not prove, in words ("" when nothing)."""
    words = []
    if solved == 0:
        words.append(f"No budget level was solved within {budget}; allow more time to see them.")
    elif solved < levels:
        words.append(
            f"{solved} of the {levels} budget levels were solved within {budget}; the others "
            "were left out (allow more time to see them)."
        )
    if unproven:
        words.append(
            f"{unproven} of the points shown are the best plan found within the time limit of "
            "a solve, not proven optimal."
        )
    return " ".join(words)


def frontier(
    strategy: Strategy,
    settings: PlanSettings | None = None,
    points: int = 11,
    *,
    deadline: float | None = None,
) -> Frontier:
    """Optimal plan value (0-1) for `points` total budgets from 0 to the budget that buys the
    unconstrained-by-budget optimum, plus the document's own budget; with the knee. Every solve
    ends by `deadline` (on `time.monotonic()`; default: the settings' time budget from now)."""
    settings = settings or PlanSettings(explain=False)
    inputs, _, _ = prepare(strategy, settings)
    inputs = replace(inputs, deadline=deadline_for(settings) if deadline is None else deadline)
    currency = strategy.business.currency
    words = budget_words(settings)
    return frontier_from_inputs(inputs, currency, points, settings.time_limit, words)
