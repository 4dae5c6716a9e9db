"""How fast the command line answers: `headway --help` and `headway report -f pdf` on every
template, each in a fresh process, as wall-clock and CPU seconds.

CPU seconds (user + system of the child process) are what the machine spends; wall-clock
seconds also count waiting for a busy machine, so both are recorded with the load average.
`HEADWAY_BENCH_SRC` runs another checkout's `src` (e.g. the code before a change) with this
environment; `HEADWAY_BENCH_LABEL` names the run. Each run appends its JSON to
`bench/results/report-speed.json`, and `bench/results/report.md` is rewritten from all runs.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RUNS = ROOT / "bench" / "results" / "report-speed.json"
TABLE = ROOT / "bench" / "results" / "report.md"
TEMPLATES = ROOT / "src" / "headway" / "strategy" / "templates"
HELP_RUNS = 5


def timed(args: list[str], source: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of `headway ARGS` run from `source` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from headway.cli import main; main()", *args],
        check=True,
        capture_output=True,
        env=env,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(source: Path, label: str) -> dict[str, Any]:
    """One run: --help (median of 5) and a PDF report of each template (one each)."""
    helps = [timed(["--help"], source) for _ in range(HELP_RUNS)]
    run: dict[str, Any] = {
        "label": label,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": os.getloadavg()[0],
        "cores": os.cpu_count(),
        "help": {
            "wall": statistics.median(w for w, _ in helps),
            "cpu": statistics.median(c for _, c in helps),
        },
        "pdf": {},
    }
    with tempfile.TemporaryDirectory() as folder:
        for template in sorted(TEMPLATES.glob("*.yaml")):
            out = Path(folder) / f"{template.stem}.pdf"
            wall, cpu = timed(["report", str(template), "-o", str(out)], source)
            run["pdf"][template.stem] = {"wall": wall, "cpu": cpu}
            print(f"{label} {template.stem}: {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
    return run


def table(runs: list[dict[str, Any]]) -> str:
    """The runs as a Markdown page."""
    lines = [
        "# Command line speed: `headway --help` and `headway report -f pdf`",
        "",
        "Written by `python -m bench report_speed` (see its docstring). Seconds, each command in",
        "a fresh process; CPU = user + system time of that process. Wall-clock time on a shared,",
        "loaded machine is mostly waiting: read the CPU column against the targets (help under",
        "0.3 s, a PDF report under 4 s on every template), and the load average beside it.",
        "",
        "| run | date | load (cores) | command | wall s | CPU s |",
        "|---|---|---|---|---:|---:|",
    ]
    for run in runs:
        where = f"{run['label']} | {run['date']} | {run['load_average']:.1f} ({run['cores']})"
        lines.append(
            f"| {where} | `--help` | {run['help']['wall']:.2f} | {run['help']['cpu']:.2f} |"
        )
        for name, figures in run["pdf"].items():
            lines.append(
                f"| {where} | `report {name}.yaml -f pdf` | {figures['wall']:.2f} "
                f"| {figures['cpu']:.2f} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    """Measure, append the run to the JSON record and rewrite the Markdown table."""
    source = Path(os.environ.get("HEADWAY_BENCH_SRC", ROOT / "src")).resolve()
    label = os.environ.get("HEADWAY_BENCH_LABEL", "current")
    runs = json.loads(RUNS.read_text(encoding="utf-8")) if RUNS.exists() else []
    runs.append(measure(source, label))
    RUNS.write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    TABLE.write_text(table(runs), encoding="utf-8")


if __name__ == "__main__":
    main()
