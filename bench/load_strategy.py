"""Load and validate a generated strategy with 2,000 initiatives and 500 processes.

Peer: PyYAML's C safe loader plus pydantic validation with no positions and no cross-checks,
the least a loader must do. Each measurement runs in a fresh process for an honest peak memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from headway.strategy.load import dump_strategy, load_strategy

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "load_strategy.md"
TEMPLATE = ROOT / "src" / "headway" / "strategy" / "templates" / "bakery.yaml"


def generate(initiatives: int = 2000, processes: int = 500) -> dict[str, Any]:
    """The bakery scaled up: many processes and initiatives with effects and dependencies."""
    base = load_strategy(TEMPLATE).model_dump(mode="json")
    process = base["processes"][0]
    base["processes"] = [
        {**process, "id": f"p{n}", "name": f"Process {n}"} for n in range(processes)
    ]
    template = base["initiatives"][1]
    items = []
    for n in range(initiatives):
        item = json.loads(json.dumps(template))
        item.update(id=f"i{n}", name=f"Initiative {n}", alternative_group=f"g{n // 4}")
        item["requires"] = [f"i{n - 1}"] if n % 10 else []
        item["process_effects"] = [
            {**item["process_effects"][0], "process": f"p{(n + k) % processes}"} for k in range(3)
        ]
        item["resources"] = {}
        items.append(item)
    base["initiatives"] = items
    base["growth"] = []
    return base


CHILD = """
import resource, sys, time
import yaml
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy
start = time.perf_counter()
if sys.argv[2] == "headway":
    strategy = load_strategy(sys.argv[1])
else:
    with open(sys.argv[1], "rb") as handle:
        strategy = Strategy.model_validate(yaml.load(handle, Loader=yaml.CSafeLoader))
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def measure(path: Path, who: str, repeats: int = 3) -> tuple[float, float]:
    """Best wall time (s) and peak resident memory (MiB) of `repeats` fresh processes."""
    runs = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), who],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    """Measure, print and write bench/results/load_strategy.md."""
    data = generate()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "headway.yaml"
        started = time.perf_counter()
        from headway.strategy.model import Strategy

        path.write_text(dump_strategy(Strategy.model_validate(data)), encoding="utf-8")
        size_mb = path.stat().st_size / 1e6
        ours = measure(path, "headway")
        peer = measure(path, "peer")
        _ = started
    rows = [
        "| loader | time (s) | peak memory (MiB) |",
        "|---|---|---|",
        f"| Headway load_strategy (safety limits, cross-checks) | {ours[0]:.3f} | {ours[1]:.0f} |",
        f"| peer: yaml CSafeLoader + pydantic, no checks | {peer[0]:.3f} | {peer[1]:.0f} |",
    ]
    text = "\n".join(
        [
            "# Load and validate a large strategy",
            "",
            f"Generated document: 2,000 initiatives, 500 processes, {size_mb:.1f} MB of YAML.",
            "Best of 3 fresh processes each; peak memory is the whole process (Python included).",
            "Target: under 1 s. Measured by `python -m bench load_strategy`.",
            "",
            *rows,
            "",
            f"Ratio Headway / peer time: {ours[0] / peer[0]:.2f}x. Headway builds plain data from",
            "libyaml's events itself (PyYAML's constructor is pure Python) and reads the file a",
            "second time, recording line and column of every value, only when there are errors.",
            "",
        ]
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
