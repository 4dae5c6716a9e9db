"""A first estimate of the strategic value of a staff idea (a pain point or an automation idea).

Staff report what a pain costs: how often it happens (times a month), the hours lost each time
and the errors it causes a month. With the strategy this gives, per year (docs/participation.md):

    hours       = times a month x 12 x hours each
    money       = hours x the process role's cost per hour (the business default without one)
                  + errors a month x 12 x the process's cost per error
    goal share  = the summed weight of the goals the process's pain points hurt (0-1)
    potential   = the process's automation potential (mean of its three traits, as the needs
                  assessment computes it); 0.5, assumed, when the idea names no process
    value       = money x potential x goal share     (currency a year, strategy-weighted)

An idea on a process that hurts no weighted goal is worth 0 strategically, whatever it costs:
the estimate says so, so an editor can link the pain to a goal first. Every figure is
`estimated` (from the staff report), never measured.
"""

from __future__ import annotations

from dataclasses import dataclass

from headway.analysis.needs import needs_assessment
from headway.analysis.weights import goal_weights
from headway.strategy.model import Strategy

ASSUMED_POTENTIAL = 0.5
"""Automation potential assumed for an idea that names no process (the midpoint of 0-1)."""


@dataclass(frozen=True)
class IdeaReport:
    """What a member reported (every figure >= 0); `process` is a process id or ""."""

    process: str
    times_per_month: float
    hours_each: float
    errors_per_month: float


@dataclass(frozen=True)
class IdeaEstimate:
    """The first estimate of an idea's value (money in the strategy's currency, per year)."""

    hours_per_year: float
    money_per_year: float
    goal_share: float
    goals: tuple[str, ...]
    automation_potential: float
    potential_assumed: bool
    value_per_year: float
    note: str


def idea_estimate(strategy: Strategy, report: IdeaReport) -> IdeaEstimate:
    """The strategy-weighted money a year that the idea's pain costs (module docstring)."""
    hours = report.times_per_month * 12.0 * report.hours_each
    needs = {n.process: n for n in needs_assessment(strategy)}
    need = needs.get(report.process)
    default_rate = strategy.business.labor_cost_per_hour
    if need is None:
        money = hours * default_rate
        weights: dict[str, float] = {}
        goals: tuple[str, ...] = ()
        potential, assumed = ASSUMED_POTENTIAL, True
    else:
        process = next(p for p in strategy.processes if p.id == report.process)
        role = next((r for r in strategy.roles if r.id == process.role), None)
        rate = role.cost_per_hour if role and role.cost_per_hour is not None else default_rate
        money = hours * rate + report.errors_per_month * 12.0 * process.cost_per_error
        weights = goal_weights(strategy)
        goals = need.goals
        potential, assumed = need.automation_potential, False
    share = min(1.0, sum(weights.get(g, 0.0) for g in goals))
    value = money * potential * share
    return IdeaEstimate(
        hours_per_year=hours,
        money_per_year=money,
        goal_share=share,
        goals=goals,
        automation_potential=potential,
        potential_assumed=assumed,
        value_per_year=value,
        note=_note(need is None, goals, share),
    )


def _note(no_process: bool, goals: tuple[str, ...], share: float) -> str:
    if no_process:
        return "No process named: the idea touches no goal yet (strategic value 0)."
    if not goals or share == 0:
        return "The process's pain points hurt no weighted goal: link one to give it value."
    return f"Hurts {', '.join(goals)} ({share:.0%} of the goals' weight)."
