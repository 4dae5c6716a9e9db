"""Robustness: re-plan in every Monte Carlo scenario and count how often each initiative is in.

Each scenario of `headway.analysis.uncertainty.simulate` (PERT draws of costs, effort, duration
and KPI effects) becomes its own planning inputs; the roadmap model is solved exactly for each,
in parallel worker processes. An initiative of the plan is *fragile* when it is in fewer than
`FRAGILE_BELOW` of the scenario optima; a plan with a fragile initiative is flagged fragile.

All the scenarios share one deadline (the settings' time budget, `portfolio.deadline`): those
not solved by then are left out of the shares, and `note` says how many were solved.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from headway.analysis.alignment import whole_periods
from headway.analysis.readiness import delivery_confidence, readiness_adjusted
from headway.analysis.uncertainty import Scenarios, kpi_gap_arrays, simulate
from headway.portfolio.deadline import budget_words, deadline_for, passed
from headway.portfolio.inputs import PlanningInputs, closure_matrix, counted_npv
from headway.portfolio.model import solve_schedule
from headway.portfolio.pilots import no_pilots, staged_rows
from headway.portfolio.planner import prepare, risk_scores
from headway.portfolio.results import Plan, PlanSettings
from headway.strategy.model import Strategy

FRAGILE_BELOW = 0.5


@dataclass(frozen=True)
class InitiativeRobustness:
    """How often (share 0-1 of scenarios) an initiative is in the scenario's optimal plan."""

    initiative: str
    in_plan: bool
    share_of_scenarios: float


@dataclass(frozen=True)
class Robustness:
    """Robustness of a plan across `scenarios` Monte Carlo draws (seeded) solved in time.

    `same_plan_share`: share of scenarios whose optimal set equals the plan's set;
    `fragile_items`: initiatives of the plan chosen in fewer than `FRAGILE_BELOW` of them;
    `note`: how many of the scenarios asked for the time budget left out ("" when none).
    """

    scenarios: int
    seed: int
    items: tuple[InitiativeRobustness, ...]
    same_plan_share: float
    fragile_items: tuple[str, ...]
    seconds: float
    note: str = ""

    @property
    def fragile(self) -> bool:
        """True when some initiative of the plan is often not optimal."""
        return bool(self.fragile_items)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self) | {"fragile": self.fragile}


def scenario_inputs(
    base: PlanningInputs, draws: Scenarios, s: int, gaps: np.ndarray[Any, Any], risk: list[float]
) -> PlanningInputs:
    """The planning inputs of scenario `s`: sampled costs, effort, duration and KPI effects."""
    periods = base.periods
    rollout = np.array([whole_periods(d) for d in draws.duration_periods[s]])
    pilots = base.pilots or no_pilots(base.size)
    upfront, effort = staged_rows(pilots, draws.upfront[s], draws.effort_days[s], rollout, periods)
    closure = closure_matrix(draws.improvement_matrix(s), gaps, base.benefit_factor)
    npv = np.stack([draws.npv_at(t)[s] for t in range(periods)], axis=1) * np.array(risk)[:, None]
    npv = counted_npv(npv, base.benefit_factor)
    return replace(
        base,
        duration=(pilots.periods + rollout).astype(np.int64),
        upfront=upfront,
        effort=effort,
        recurring=draws.recurring_per_month[s].copy(),
        closure=closure,
        npv=npv,
    )


def _chosen(inputs: PlanningInputs, time_limit: float | None) -> frozenset[int] | None:
    """The initiatives of the scenario's best plan; None when none was found by the deadline."""
    if passed(inputs.deadline):
        return None
    schedule = solve_schedule(inputs, time_limit=time_limit)
    return frozenset(schedule.starts) if schedule.result.values is not None else None


def robustness(
    strategy: Strategy,
    plan: Plan,
    *,
    scenarios: int = 200,
    seed: int = 0,
    workers: int | None = None,
    settings: PlanSettings | None = None,
    deadline: float | None = None,
) -> Robustness:
    """Re-solve the roadmap in `scenarios` seeded Monte Carlo draws and report each
    initiative's share of scenario optima. `workers`: processes (default: the machine's cores;
    0 solves in this process, e.g. inside a web worker). Every solve ends by `deadline` (on
    `time.monotonic()`; default: the settings' time budget from now)."""
    settings = settings or plan.settings
    started = time.perf_counter()
    base, _, _ = prepare(strategy, settings)
    base = replace(base, deadline=deadline_for(settings) if deadline is None else deadline)
    adjusted = readiness_adjusted(strategy, readiness=settings.readiness)
    draws = simulate(adjusted, scenarios, seed)
    _, gaps = kpi_gap_arrays(adjusted)
    risk = [delivery_confidence(score) for score in risk_scores(strategy)]
    jobs = [scenario_inputs(base, draws, s, gaps, risk) for s in range(scenarios)]
    limits = [settings.time_limit] * scenarios
    if workers == 0:
        found = [_chosen(job, limit) for job, limit in zip(jobs, limits, strict=True)]
    else:
        # "spawn": a forked child inherits HiGHS's thread pool in a broken state and spins.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers or os.cpu_count() or 1, mp_context=context) as pool:
            found = list(pool.map(_chosen, jobs, limits, chunksize=max(1, scenarios // 16)))
    optima = [chosen for chosen in found if chosen is not None]
    solved = len(optima)
    planned = frozenset(base.ids.index(d.initiative) for d in plan.selected)
    counts = np.zeros(base.size)
    for chosen in optima:
        counts[list(chosen)] += 1
    shares = counts / max(solved, 1)
    items = tuple(
        InitiativeRobustness(base.ids[i], i in planned, float(shares[i])) for i in range(base.size)
    )
    note = (
        f"{solved} of the {scenarios} scenarios asked for were solved within "
        f"{budget_words(settings)}; the shares count those."
        if solved < scenarios
        else ""
    )
    return Robustness(
        scenarios=solved,
        seed=seed,
        items=items,
        same_plan_share=sum(chosen == planned for chosen in optima) / max(solved, 1),
        fragile_items=tuple(
            x.initiative for x in items if x.in_plan and x.share_of_scenarios < FRAGILE_BELOW
        ),
        seconds=time.perf_counter() - started,
        note=note,
    )
