"""The analysis computations the web app runs as background jobs: each a thin wrapper over one
engine call, its options plain JSON (so they hash into the job's key), its result the engine's
own `to_dict()` (as the command line's `--json`)."""

from __future__ import annotations

from typing import Any

from headway.analysis.evaluate import evaluate
from headway.portfolio.frontier import frontier
from headway.portfolio.planner import plan
from headway.portfolio.results import PlanSettings
from headway.portfolio.robustness import robustness
from headway.strategy.model import Strategy
from headway.web.jobs import Progress, kind


@kind("evaluation", "Evaluation with Monte Carlo")
def evaluation_job(
    strategy: Strategy, options: dict[str, Any], progress: Progress
) -> dict[str, Any]:
    """`headway evaluate --json` with options `seed` and `scenarios` (Monte Carlo draws)."""
    scenarios = int(options.get("scenarios", 2000))
    progress(0.1, f"Evaluating with {scenarios:,} Monte Carlo scenarios")
    return evaluate(strategy, seed=int(options.get("seed", 0)), scenarios=scenarios).to_dict()


@kind("plan", "Optimal plan and efficient frontier")
def plan_job(strategy: Strategy, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The optimal plan with its explanations (`headway plan --json`) under `plan`, and the
    efficient frontier (`headway frontier --json`) under `frontier`."""
    progress(0.1, "Solving the plan and explaining each choice")
    chosen = plan(strategy)
    progress(0.6, "Tracing the efficient frontier (a plan per budget level)")
    curve = frontier(strategy, PlanSettings(explain=False))
    return {"plan": chosen.to_dict(), "frontier": curve.to_dict()}


@kind("robustness", "Robustness under uncertainty")
def robustness_job(
    strategy: Strategy, options: dict[str, Any], progress: Progress
) -> dict[str, Any]:
    """How often each initiative is chosen over `scenarios` seeded Monte Carlo re-solves
    (`headway robustness --json`); solved in the worker's own process."""
    progress(0.05, "Solving the plan")
    chosen = plan(strategy, PlanSettings(explain=False))
    scenarios = int(options.get("scenarios", 200))
    progress(0.2, f"Re-solving the plan in {scenarios} uncertain scenarios")
    seed = int(options.get("seed", 0))
    found = robustness(strategy, chosen, scenarios=scenarios, seed=seed, workers=0)
    return found.to_dict()
