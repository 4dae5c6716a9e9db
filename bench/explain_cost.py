"""What the default explanations cost on every strategy template: `plan(strategy)` alone
(`explain=False`) against the default plan with its explanations, in one process after a
first plan (imports excluded), each the best of `REPEATS` runs (the least disturbed by other
work on the machine), wall and CPU seconds (CPU counts every thread).

`python -m bench.explain_cost` prints one Markdown table with the machine's load average;
`PYTHONPATH=OTHER_SRC python -m bench.explain_cost` measures another checkout's code the same
way (e.g. main before a change). `python -m bench.explain_cost --on-request` adds what two
ways of leaving the costly explanations to requests would cost (wall seconds and ratio to the
plan alone): the limits only (`explain_limit=0`: no initiative left out gets its forced-in
plan, the "why not" a user asks for by clicking it), and no re-solve at all
(`explain_solves_up_to=0`: what a plan of more than 30 initiatives carries).
`python -m bench.explain_cost --command` times what an owner waits for instead: the
`headway plan` command on each template with its explanations (the default) and with
`--no-explain`, each a fresh process (imports included), in turn, the best of `COMMAND_REPEATS`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from headway.portfolio.planner import plan
from headway.portfolio.results import PlanSettings
from headway.strategy.load import load_strategy

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "headway" / "strategy" / "templates"
REPEATS = 7
COMMAND_REPEATS = 5
ON_REQUEST = {
    "limits only": PlanSettings(explain_limit=0),
    "no re-solve": PlanSettings(explain_solves_up_to=0),
}


def best_of(strategy: object, settings: PlanSettings) -> tuple[float, float]:
    """Least wall and least CPU seconds of `REPEATS` plans (each its own least)."""
    walls, cpus = [], []
    for _ in range(REPEATS):
        wall, cpu = time.perf_counter(), time.process_time()
        plan(strategy, settings)  # type: ignore[arg-type]
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main(on_request: bool = False) -> None:
    """Print the table (with the on-request columns when asked)."""
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} at the start on {os.cpu_count()} cores; best of {REPEATS}")
    print()
    extra = "".join(f" {name}, wall (s) / ratio |" for name in ON_REQUEST) if on_request else ""
    print("| template | plan alone, wall / CPU (s) | with explanations, wall / CPU (s) |", end="")
    print(f" ratio, wall / CPU |{extra}")
    print("|---|---|---|---|" + "---|" * (len(ON_REQUEST) if on_request else 0))
    for path in sorted(TEMPLATES.glob("*.yaml")):
        strategy = load_strategy(path)
        plan(strategy)
        alone = best_of(strategy, PlanSettings(explain=False))
        explained = best_of(strategy, PlanSettings())
        row = (
            f"| {path.stem} | {alone[0]:.3f} / {alone[1]:.3f} | {explained[0]:.3f} / "
            f"{explained[1]:.3f} | {explained[0] / alone[0]:.1f} / {explained[1] / alone[1]:.1f} |"
        )
        for settings in ON_REQUEST.values() if on_request else ():
            wall = best_of(strategy, settings)[0]
            row += f" {wall:.3f} / {wall / alone[0]:.1f} |"
        print(row)
    print()
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    sys.stdout.flush()


def command_seconds(*args: str) -> float:
    """Wall seconds of one `headway` command in a fresh process (its output discarded)."""
    start = time.perf_counter()
    headway = Path(sys.executable).with_name("headway")
    subprocess.run([str(headway), *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def command_table() -> None:
    """Print `headway plan` against `headway plan --no-explain` on every template."""
    print(f"load average {os.getloadavg()[0]:.1f} at the start on {os.cpu_count()} cores;", end="")
    print(f" best of {COMMAND_REPEATS}, in turn")
    print()
    print("| template | `headway plan --no-explain` (s) | `headway plan` (s) | ratio |")
    print("|---|---|---|---|")
    for path in sorted(TEMPLATES.glob("*.yaml")):
        alone, explained = [], []
        for _ in range(COMMAND_REPEATS):
            alone.append(command_seconds("plan", "--no-explain", str(path)))
            explained.append(command_seconds("plan", str(path)))
        ratio = min(explained) / min(alone)
        print(f"| {path.stem} | {min(alone):.2f} | {min(explained):.2f} | {ratio:.2f} |")
    print()
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    if "--command" in sys.argv[1:]:
        command_table()
    else:
        main("--on-request" in sys.argv[1:])
