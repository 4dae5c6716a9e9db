"""One deadline for all the solves of a call: a plan and its explanations, the frontier's
budget levels, robustness's scenarios, a report's plan and frontier.

The deadline is a time on `time.monotonic()`, a clock every process of the machine shares, so
robustness's worker processes keep it too. `PlanningInputs.deadline` carries it to every solve
(`model.solve_model` gives each at most the time left); the callers check `passed` to skip what
is left and say so in words.
"""

from __future__ import annotations

import time

from headway.portfolio.results import PlanSettings


def deadline_for(settings: PlanSettings) -> float | None:
    """When the solves of a call starting now must end (seconds on `time.monotonic()`):
    `settings.time_budget` from now, never sooner than one solve's `time_limit`; None (no
    deadline) when every solve is to be proven (`time_limit` None) or there is no budget."""
    if settings.time_limit is None or settings.time_budget is None:
        return None
    return time.monotonic() + max(settings.time_budget, settings.time_limit)


def part_of(deadline: float | None, settings: PlanSettings, share: float) -> float | None:
    """The deadline of the first part of a call, which may take `share` (0-1) of the time
    budget from now (never less than one solve's `time_limit`, never past `deadline`), so the
    parts after it keep some of the budget; None without a deadline."""
    if deadline is None or settings.time_limit is None:
        return deadline
    first = max(settings.time_limit, share * (settings.time_budget or 0.0))
    return min(deadline, time.monotonic() + first)


def within(time_limit: float | None, deadline: float | None) -> float | None:
    """The time limit (seconds) of a solve starting now: `time_limit`, cut to the time left
    before `deadline` (0 once it has passed); None: no limit."""
    if deadline is None:
        return time_limit
    left = max(0.0, deadline - time.monotonic())
    return left if time_limit is None else min(time_limit, left)


def passed(deadline: float | None) -> bool:
    """True once `deadline` has passed (never without one)."""
    return deadline is not None and time.monotonic() >= deadline


def budget_words(settings: PlanSettings) -> str:
    """The time budget in words, naming the setting that changes it."""
    seconds = max(settings.time_budget or 0.0, settings.time_limit or 0.0)
    return f"the {seconds:g} s time budget of this command (setting plan_time_budget)"
