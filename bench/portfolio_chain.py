"""Chains of shops, as a consultant's portfolio looks: the bakery template repeated shop by
shop (`headway.portfolio.synthetic.chain_of_shops`, seeded), at 14 to 1,000 initiatives.

For each size: the time to build and solve the plan (proven, or the best plan within the
interactive time limit and its proven gap), the time the default explanations add, and the
greedy value/cost rule's value over the plan's. Each case runs in its own process with a wall
clock cap, so a case that does not finish is reported as cut, not waited for.

`python -m bench.portfolio_chain record FILE BEFORE_SRC` measures every case with the code in
BEFORE_SRC (a checkout's `src`, e.g. main before a change) and with this code, in turn;
`python -m bench.portfolio_chain case SIZE WHAT LIMIT` measures one case and prints JSON (WHAT is
`solve` or `explain`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from headway.portfolio.explain import forced_schedule, sensitivities
from headway.portfolio.greedy import greedy_schedule
from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.model import solve_schedule
from headway.portfolio.planner import plan, plan_inputs, prepare
from headway.portfolio.results import PlanSettings
from headway.portfolio.synthetic import chain_of_shops
from headway.portfolio.usage import alignment_achieved
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy

ROOT = Path(__file__).resolve().parents[1]
BAKERY = ROOT / "src" / "headway" / "strategy" / "templates" / "bakery.yaml"
SIZES = (14, 50, 100, 200, 500, 1000)
SEED = 0
#: Sizes whose plan with explanations is measured (larger ones: the proof alone).
EXPLAINED_UP_TO = 100


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
    started, cpu = time.perf_counter(), time.process_time()
    schedule = solve_schedule(inputs, time_limit=limit)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    greedy = alignment_achieved(inputs, greedy_schedule(inputs))
    return {
        "seconds": seconds,
        "cpu": cpu,
        "status": schedule.result.status,
        "gap": schedule.result.gap,
        "value": schedule.objective,
        "greedy_ratio": greedy / schedule.objective if schedule.objective > 0 else 1.0,
    }


def explain_case(size: int, limit: float | None) -> dict[str, Any]:
    """The plan alone and the plan with its default explanations, wall and CPU seconds."""
    strategy, inputs = chain(size)
    alignment = own_alignment(inputs)
    figures: dict[str, Any] = {}
    for explain in (False, True):
        settings = PlanSettings(explain=explain, time_limit=limit)
        started, cpu = time.perf_counter(), time.process_time()
        plan_inputs(strategy, inputs, settings, 0.5, "", alignment)
        key = "explained" if explain else "plan"
        figures[f"{key}_seconds"] = time.perf_counter() - started
        figures[f"{key}_cpu"] = time.process_time() - cpu
    return figures


def requests_case(size: int, limit: float | None) -> dict[str, Any]:
    """What the explanations a big plan leaves to requests cost (wall seconds): the limits
    (`sensitivities`, after the unconstrained solve they start from) and one "why not" (the
    best plan forced to contain the most aligned initiative left out)."""
    strategy, inputs = chain(size)
    alignment = own_alignment(inputs)
    made = plan_inputs(strategy, inputs, PlanSettings(explain=False), 0.5, "", alignment)
    index = {item: i for i, item in enumerate(inputs.ids)}
    starts = {index[d.initiative]: d.start or 0 for d in made.selected}
    figures: dict[str, Any] = {}
    left_out = [i for i in range(inputs.size) if i not in starts and i not in inputs.excluded]
    if left_out:
        item = max(left_out, key=lambda i: alignment[i])
        started = time.perf_counter()
        forced_schedule(inputs, item, made.value, starts, limit)
        figures["why_not_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    unconstrained = solve_schedule(inputs, inputs.limits.relaxed(), start=starts)
    sensitivities(inputs, made.value, starts, "EUR", limit, unconstrained)
    figures["limits_seconds"] = time.perf_counter() - started
    return figures


def templates_case() -> dict[str, Any]:
    """Every template: `plan` alone and with its default explanations, in this process after a
    first plan (imports excluded), wall and CPU seconds, and `headway plan` as a command
    (imports included), wall seconds."""
    figures: dict[str, Any] = {}
    for path in sorted(BAKERY.parent.glob("*.yaml")):
        strategy = load_strategy(path)
        plan(strategy, PlanSettings(explain=False))
        for explain in (False, True):
            started, cpu = time.perf_counter(), time.process_time()
            plan(strategy, PlanSettings(explain=explain))
            key = f"{path.stem}:{'explained' if explain else 'plan'}"
            figures[f"{key}_seconds"] = time.perf_counter() - started
            figures[f"{key}_cpu"] = time.process_time() - cpu
        command = [sys.executable, "-c", "from headway.cli import main; main()", "plan", str(path)]
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=dict(os.environ))
        figures[f"{path.stem}:command_seconds"] = time.perf_counter() - started
    return figures


def measure(size: int, what: str, limit: float | None, cap: float, src: Path) -> dict[str, Any]:
    """One case in its own process with Headway imported from `src`, stopped after `cap`."""
    command = [sys.executable, "-m", "bench.portfolio_chain", "case", str(size), what]
    command.append(str(limit or 0))
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{ROOT}"}
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=cap, check=True, cwd=ROOT, env=env
        )
    except subprocess.TimeoutExpired:
        return {"cut": cap}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def record(path: Path, before: Path, cap: float, interactive: float) -> None:
    """Measure every size with the code in `before` (a checkout's src folder) and this code,
    case by case in turn (the same machine load for both), into `path` as JSON."""
    figures: dict[str, Any] = {
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": os.getloadavg()[0],
        "cap_seconds": cap,
        "interactive_limit": interactive,
    }
    for side, src in (("before", before), ("after", ROOT / "src")):
        figures[f"{side}:templates"] = measure(0, "templates", None, 10 * cap, src)
    cut = {"before": False, "after": False}
    for size in SIZES:
        for side, src in (("before", before), ("after", ROOT / "src")):
            key = f"{side}:{size}"
            figures[f"{key}:proof"] = measure(size, "solve", None, cap, src)
            if size >= 200:
                figures[f"{key}:interactive"] = measure(size, "solve", interactive, cap, src)
            if not cut[side] and size <= EXPLAINED_UP_TO:
                figures[f"{key}:explain"] = measure(size, "explain", None, 2 * cap, src)
                cut[side] = "cut" in figures[f"{key}:explain"]
            if side == "after" and size <= EXPLAINED_UP_TO:
                figures[f"{key}:requests"] = measure(size, "requests", None, 2 * cap, src)
            print(key, {k: v for k, v in figures.items() if k.startswith(key)}, flush=True)
            path.write_text(json.dumps(figures, indent=1) + "\n")
    figures["load_average_end"] = os.getloadavg()[0]
    path.write_text(json.dumps(figures, indent=1) + "\n")


def main_case(argv: list[str]) -> None:
    """`case SIZE WHAT LIMIT`: print one measurement as JSON."""
    size, what, limit = int(argv[0]), argv[1], float(argv[2]) or None
    cases = {"solve": solve_case, "explain": explain_case, "requests": requests_case}
    result = templates_case() if what == "templates" else cases[what](size, limit)
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1] == "case":
        main_case(sys.argv[2:])
    else:  # record PATH BEFORE_SRC: every case, before and after, for bench/results
        record(Path(sys.argv[2]), Path(sys.argv[3]), cap=120.0, interactive=20.0)
