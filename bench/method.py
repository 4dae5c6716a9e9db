"""The method made honest, before and after: on every template and on 20 generated portfolios.

"Before" plans with the earlier method (gains only, every effect counted in full whatever its
due date, no change-management items); "after" with the current one (harms, due dates and
change-management items in the objective). Both schedules are valued with the current method,
so the difference is what the honest objective changes. For each: the share of the total
upfront budget used, the value reached (the plan's objective, 0-100 points), the greedy ratio
(the ranking-tool roadmap's value over the optimum's), proof of optimality and solve seconds.
Results: bench/results/method.md. Run: `python -m bench method`.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from headway.portfolio.greedy import greedy_schedule
from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.model import solve_schedule
from headway.portfolio.planner import prepare
from headway.portfolio.results import PlanSettings
from headway.portfolio.synthetic import random_inputs
from headway.portfolio.usage import blended_value, period_usage
from headway.strategy.load import load_strategy
from headway.strategy.templates import template_names, template_path

RESULTS = Path(__file__).parent / "results" / "method.md"


def earlier_method(inputs: PlanningInputs) -> PlanningInputs:
    """The same inputs as the earlier method saw them."""
    return replace(
        inputs,
        closure=np.maximum(inputs.closure, 0.0),
        due=None,
        readiness_items=(),
        closure_room=None,
    )


def with_harms_and_due_dates(inputs: PlanningInputs, seed: int) -> PlanningInputs:
    """A generated portfolio made more like a real one: about 15 % of the initiatives worsen
    another KPI by 10-40 % of its gap, and each KPI is due somewhere in the horizon."""
    rng = np.random.default_rng(seed + 1000)
    closure = inputs.closure.copy()
    kpis = closure.shape[1]
    for i in np.flatnonzero(rng.random(inputs.size) < 0.15):
        free = np.flatnonzero(closure[i] == 0)
        if len(free):
            closure[i, rng.choice(free)] = -rng.uniform(0.1, 0.4)
    due = np.asarray(rng.integers(1, inputs.periods, kpis), dtype=np.int64)
    return replace(inputs, closure=closure, due=due)


def row(name: str, inputs: PlanningInputs) -> str:
    """One table row: before and after for one portfolio."""
    cells = []
    for planned in (earlier_method(inputs), inputs):
        began = time.perf_counter()
        schedule = solve_schedule(planned)
        seconds = time.perf_counter() - began
        value = blended_value(inputs, schedule.starts)
        used = float(period_usage(inputs, schedule.starts).upfront.sum())
        budget = inputs.limits.budget_total
        greedy = blended_value(inputs, greedy_schedule(planned))
        ratio = greedy / value if value > 0 else float("nan")
        cells += [
            f"{100 * used / budget:.0f}%" if np.isfinite(budget) and budget > 0 else "-",
            f"{100 * value:.2f}",
            f"{ratio:.2f}",
            "yes" if schedule.result.proven_optimal else "no",
            f"{seconds:.2f}",
        ]
    return f"| {name} | " + " | ".join(cells) + " |"


def main() -> None:
    """Measure every template and 20 generated portfolios; write bench/results/method.md."""
    lines = [
        "# The method made honest: before and after",
        "",
        "Written by `python -m bench method` (bench/method.py explains the columns). Values are",
        "the plan objective under the current method, in points (0-100); budget is the share of",
        "the total upfront budget used; greedy is the ranking-tool roadmap over the optimum.",
        "",
        "| portfolio | budget before | value before | greedy before | proven before | s before "
        "| budget after | value after | greedy after | proven after | s after |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in template_names():
        inputs, _, _ = prepare(load_strategy(template_path(name)), PlanSettings())
        lines.append(row(name, inputs))
        print(lines[-1], flush=True)
    for seed in range(20):
        inputs = with_harms_and_due_dates(random_inputs(30, 8, seed=seed, resources=2), seed)
        lines.append(row(f"generated-30-{seed}", inputs))
        print(lines[-1], flush=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
