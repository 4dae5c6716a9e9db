"""Chains of shops, as a consultant's portfolio looks: the bakery template repeated shop by
shop (`headway.portfolio.synthetic.chain_of_shops`, seeded), at 14 to 1,000 initiatives.

For each size: the time to build and solve the plan (proven, or the best plan within the
interactive time limit and its proven gap), the time the default explanations add, and the
greedy value/cost rule's value over the plan's. Each case runs in its own process with a wall
clock cap, so a case that does not finish is reported as cut, not waited for.

`python -m bench.portfolio_chain case SIZE WHAT LIMIT` measures one case and prints JSON (used
by `measure`; WHAT is `solve` or `explain`).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from headway.portfolio.greedy import greedy_schedule
from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.model import solve_schedule
from headway.portfolio.planner import plan_inputs, prepare
from headway.portfolio.results import PlanSettings
from headway.portfolio.synthetic import chain_of_shops
from headway.portfolio.usage import alignment_achieved
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy

ROOT = Path(__file__).resolve().parents[1]
BAKERY = ROOT / "src" / "headway" / "strategy" / "templates" / "bakery.yaml"
SIZES = (14, 50, 100, 200, 500, 1000)
SEED = 0


def chain(size: int) -> tuple[Strategy, PlanningInputs]:
    """The bakery strategy and a chain of `size` initiatives made from it."""
    strategy = load_strategy(BAKERY)
    base, _, _ = prepare(strategy, PlanSettings())
    return strategy, chain_of_shops(base, size, seed=SEED)


def own_alignment(inputs: PlanningInputs) -> list[float]:
    """Each initiative's own alignment (0-1): its weighted closure, each KPI capped at 1."""
    return list(np.minimum(1.0, np.minimum(inputs.closure, 1.0) @ inputs.kpi_weights))


def solve_case(size: int, limit: float | None) -> dict[str, Any]:
    """Build and solve once (proven unless `limit` stops it), and the greedy peer."""
    _, inputs = chain(size)
    started = time.perf_counter()
    schedule = solve_schedule(inputs, time_limit=limit)
    seconds = time.perf_counter() - started
    greedy = alignment_achieved(inputs, greedy_schedule(inputs))
    return {
        "seconds": seconds,
        "status": schedule.result.status,
        "gap": schedule.result.gap,
        "value": schedule.objective,
        "greedy_ratio": greedy / schedule.objective if schedule.objective > 0 else 1.0,
    }


def explain_case(size: int, limit: float | None) -> dict[str, Any]:
    """The plan alone and the plan with its default explanations (wall seconds)."""
    strategy, inputs = chain(size)
    times = {}
    for explain in (False, True):
        settings = PlanSettings(explain=explain, time_limit=limit)
        started = time.perf_counter()
        plan_inputs(strategy, inputs, settings, 0.5, "", own_alignment(inputs))
        times["with" if explain else "alone"] = time.perf_counter() - started
    return {"plan_seconds": times["alone"], "explained_seconds": times["with"]}


def measure(size: int, what: str, limit: float | None, cap: float) -> dict[str, Any]:
    """One case in its own process, stopped after `cap` wall seconds."""
    command = [sys.executable, "-m", "bench.portfolio_chain", "case", str(size), what]
    command.append(str(limit or 0))
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=cap, check=True, cwd=ROOT
        )
    except subprocess.TimeoutExpired:
        return {"cut": cap}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def record(path: Path, cap: float, interactive: float) -> None:
    """Measure every size and write the figures to `path` as JSON (one key per case)."""
    figures: dict[str, Any] = {
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cap_seconds": cap,
        "interactive_limit": interactive,
    }
    explained_cut = False
    for size in SIZES:
        figures[f"{size}:proof"] = measure(size, "solve", None, cap)
        if size >= 200:
            figures[f"{size}:interactive"] = measure(size, "solve", interactive, cap)
        if not explained_cut:
            figures[f"{size}:explain"] = measure(size, "explain", None, 2 * cap)
            explained_cut = "cut" in figures[f"{size}:explain"]
        print(size, {k: v for k, v in figures.items() if k.startswith(f"{size}:")}, flush=True)
        path.write_text(json.dumps(figures, indent=1) + "\n")


def main_case(argv: list[str]) -> None:
    """`case SIZE WHAT LIMIT`: print one measurement as JSON."""
    size, what, limit = int(argv[0]), argv[1], float(argv[2]) or None
    result = solve_case(size, limit) if what == "solve" else explain_case(size, limit)
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1] == "case":
        main_case(sys.argv[2:])
    else:  # record PATH: every case, as the before/after figures of bench/results
        record(Path(sys.argv[2]), cap=300.0, interactive=30.0)
