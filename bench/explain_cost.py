"""What the default explanations cost on every strategy template: `plan(strategy)` alone
(`explain=False`) against the default plan with its explanations, in one process after a
first plan (imports excluded), each the best of `REPEATS` runs (the least disturbed by other
work on the machine), wall and CPU seconds (CPU counts every thread).

`python -m bench.explain_cost` prints one Markdown table with the machine's load average;
`PYTHONPATH=OTHER_SRC python -m bench.explain_cost` measures another checkout's code the same
way (e.g. main before a change).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from headway.portfolio.planner import plan
from headway.portfolio.results import PlanSettings
from headway.strategy.load import load_strategy

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "headway" / "strategy" / "templates"
REPEATS = 7


def best_of(strategy: object, explain: bool) -> tuple[float, float]:
    """Least wall and least CPU seconds of `REPEATS` plans (each its own least)."""
    walls, cpus = [], []
    for _ in range(REPEATS):
        wall, cpu = time.perf_counter(), time.process_time()
        plan(strategy, PlanSettings(explain=explain))  # type: ignore[arg-type]
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    """Print the table."""
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} at the start on {os.cpu_count()} cores; best of {REPEATS}")
    print()
    print("| template | plan alone, wall / CPU (s) | with explanations, wall / CPU (s) |", end="")
    print(" ratio, wall / CPU |")
    print("|---|---|---|---|")
    for path in sorted(TEMPLATES.glob("*.yaml")):
        strategy = load_strategy(path)
        plan(strategy)
        alone = best_of(strategy, False)
        explained = best_of(strategy, True)
        print(
            f"| {path.stem} | {alone[0]:.3f} / {alone[1]:.3f} | {explained[0]:.3f} / "
            f"{explained[1]:.3f} | {explained[0] / alone[0]:.1f} / {explained[1] / alone[1]:.1f} |"
        )
    print()
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
