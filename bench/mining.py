"""Process mining: Headway against PM4Py on every shared log, and a 10-million-event CSV.

Targets (issue 5): read + full profile at least 10x faster than PM4Py with its default XES
parser (lxml `iterparse`) and at least 3x faster than PM4Py with its Rust importer (`r4pm`) on
the largest shared logs, with less memory; a generated 10-million-event CSV in under 30 s and
under 3 GB, measured in the same run as Polars and DuckDB doing the same work
(`bench/mining_csv.py`); a 10-million-event XES under 2 GB.

Each measurement runs in a fresh process; its peak memory is that process's `ru_maxrss`.
"read + profile" is timed inside the child after imports (the work each library does);
"process" is the child's whole wall time including interpreter start and imports.
PM4Py's profile is what Headway's covers: `discover_dfg`, `discover_performance_dfg`,
`get_variants`, `get_all_case_durations` and activity counts on the DataFrame it reads.
Headway's is `headway.mine(path)` (all activity statistics, DFG with times, variants,
throughput, arrivals, candidates), with the compiled XES scanner and, for installations
without a C compiler, with the NumPy one (`HEADWAY_XES_SCANNER=numpy`). Logs:
../shared/data/eventlogs (see SOURCES.md there).
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "mining.md"
LOGS = ROOT.parent / "shared" / "data" / "eventlogs"
REPEATS = int(os.environ.get("HEADWAY_BENCH_REPEATS", "3"))
BIG_EVENTS = int(os.environ.get("HEADWAY_BENCH_BIG_EVENTS", "10000000"))

HEADWAY = """
import json, os, resource, sys, time
import headway
from headway.mining import ColumnMapping
from headway.settings import Settings
scanner = Settings.from_environ(os.environ).xes_scanner
mapping = None
if sys.argv[1].endswith(".csv"):
    mapping = ColumnMapping(case="case_id", activity="activity", timestamp="timestamp",
                            resource="resource")
start = time.perf_counter()
profile = headway.mine(sys.argv[1], mapping=mapping, scanner=scanner)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "events": profile.totals.events}))
"""

PM4PY = """
import json, os, resource, sys, time, warnings
warnings.filterwarnings("ignore")
import pm4py
start = time.perf_counter()
df = pm4py.read_xes(sys.argv[1], variant=sys.argv[2], show_progress_bar=False)
pm4py.discover_dfg(df)
pm4py.discover_performance_dfg(df)
pm4py.get_variants(df)
pm4py.get_all_case_durations(df)
df["concept:name"].value_counts()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "events": len(df)}))
"""

GENERATE = """
import sys
import numpy as np, pyarrow as pa, pyarrow.compute as pc, pyarrow.csv as csv
events, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(5)
steps = ["Receive order", "Check credit", "Check stock", "Pick", "Pack", "Invoice",
         "Ship", "Send reminder", "Receive payment", "Close"]
per_case = rng.integers(4, 17, size=events // 6)
per_case = per_case[np.cumsum(per_case) <= events]
per_case = np.append(per_case, events - per_case.sum())
per_case = per_case[per_case > 0]
case = np.repeat(np.arange(len(per_case)), per_case)
position = np.arange(events) - np.repeat(np.cumsum(per_case) - per_case, per_case)
activity = np.minimum(position + rng.integers(-1, 2, size=events), 9).clip(0)
start = rng.integers(0, 365 * 86400, size=len(per_case))
gaps = rng.exponential(3600, size=events).astype(np.int64)
offset = np.cumsum(gaps) - np.repeat(np.cumsum(gaps)[np.cumsum(per_case) - per_case], per_case)
seconds = np.repeat(start, per_case) + offset + 1_704_067_200
stamps = pc.strftime(pa.array(seconds * 1_000_000, pa.timestamp("us")), "%Y-%m-%d %H:%M:%S")
table = pa.table({
    "case_id": pa.array(case).cast(pa.string()),
    "activity": pa.array(np.array(steps, dtype=object)[activity]),
    "timestamp": stamps,
    "resource": pa.array(rng.integers(1, 60, size=events)).cast(pa.string()),
})
order = np.argsort(seconds, kind="stable")  # exported in time order, cases interleaved
csv.write_csv(table.take(pa.array(order)), path)
"""


GENERATE_XES = """
import gzip, sys
import numpy as np
events, path = int(sys.argv[1]), sys.argv[2]
steps = ["Receive order", "Check credit", "Check stock", "Pick", "Pack", "Invoice",
         "Ship", "Send reminder", "Receive payment", "Close"]
rng = np.random.default_rng(5)
with gzip.open(path, "wt", compresslevel=1, encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\\n<log xes.version="1.0">\\n')
    done = case = 0
    while done < events:
        n = min(int(rng.integers(4, 17)), events - done)
        start = 1_704_067_200 + int(rng.integers(0, 365 * 86400))
        offsets = np.cumsum(rng.exponential(3600, n).astype(np.int64))
        parts = [f'<trace><string key="concept:name" value="case {case}"/>']
        for k in range(n):
            stamp = np.datetime_as_string(np.datetime64(start + int(offsets[k]), "s"))
            parts.append(
                f'<event><string key="concept:name" value="{steps[min(k, 9)]}"/>'
                f'<date key="time:timestamp" value="{stamp}.000+00:00"/>'
                f'<string key="org:resource" value="r{int(rng.integers(1, 60))}"/>'
                '<string key="lifecycle:transition" value="complete"/></event>'
            )
        out.write("\\n".join(parts) + "</trace>\\n")
        done, case = done + n, case + 1
    out.write("</log>\\n")
"""


def _child(script: str, *args: str, scanner: str = "") -> dict[str, Any]:
    start = time.perf_counter()
    env = {**os.environ, "PM4PY_SHOW_PROGRESS_BAR": "false", "HEADWAY_XES_SCANNER": scanner}
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no output)"]
        return {"error": tail[0][:120]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = wall
    return result


def _measure(script: str, repeats: int, *args: str, scanner: str = "") -> dict[str, Any]:
    return summary([_child(script, *args, scanner=scanner) for _ in range(repeats)])


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median times, the highest peak and the count of the runs that succeeded (else the
    first error)."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return runs[0]
    return {
        "seconds": statistics.median(r["seconds"] for r in good),
        "process_s": statistics.median(r["process_s"] for r in good),
        "peak_mb": max(r["peak_mb"] for r in good),
        "events": good[0]["events"],
        "runs": len(good),
    }


def _cell(result: dict[str, Any] | None) -> str:
    if result is None:
        return "not installed"
    if "error" in result:
        return f"failed: {result['error']}"
    return f"{result['seconds']:.2f} s ({result['process_s']:.1f}) / {result['peak_mb']:,.0f} MB"


def _ratio(peer: dict[str, Any] | None, ours: dict[str, Any]) -> str:
    if not peer or "error" in peer or "error" in ours:
        return "-"
    return f"{peer['seconds'] / ours['seconds']:.1f}x"


def _load() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main() -> None:
    """Run the benchmark, print the table and write it to bench/results/mining.md."""
    if not LOGS.is_dir():
        print(f"shared logs not found at {LOGS}; nothing to measure")
        return
    have_pm4py = importlib.util.find_spec("pm4py") is not None
    have_r4pm = importlib.util.find_spec("r4pm") is not None
    load_before = _load()
    logs = sorted(LOGS.glob("*.xes.gz"), key=lambda p: p.stat().st_size, reverse=True)
    rows = [_log_row(path, have_pm4py, have_r4pm) for path in logs]
    from bench.mining_csv import csv_lines

    big_lines = [*csv_lines(BIG_EVENTS), _big_row("XES", GENERATE_XES)]
    print(*big_lines, sep="\n")
    versions = _versions()
    text = "\n".join(
        [
            "# Process mining benchmark",
            "",
            f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} "
            f"CPUs, Python {platform.python_version()}, {versions}. Load average (1/5/15 min) "
            f"before: {load_before}, after: {_load()} (other jobs share this machine).",
            "",
            "Cells: read + profile time inside the process (median of "
            f"{REPEATS} fresh processes; PM4Py's default parser once) and, in brackets, the "
            "whole process with interpreter start and imports / peak RSS of the process. "
            'Ratios compare read + profile times. "Headway" uses the compiled XES scanner; '
            '"NumPy scanner" is the fallback where no C compiler was available at install.',
            "",
            "| log | events | PM4Py default (iterparse) | PM4Py + r4pm | Headway | "
            "vs default | vs r4pm | Headway, NumPy scanner | vs r4pm |",
            "|---|---:|---|---|---|---:|---:|---|---:|",
            *rows,
            "",
            "| 10-million-event run | Headway | Headway, NumPy scanner | target |",
            "|---|---|---|---|",
            *big_lines,
            "",
        ]
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


def _log_row(path: Path, have_pm4py: bool, have_r4pm: bool) -> str:
    """One log measured with Headway (both scanners) and PM4Py (both parsers), as a row."""
    ours = _measure(HEADWAY, REPEATS, str(path))
    fallback = _measure(HEADWAY, REPEATS, str(path), scanner="numpy")
    default = _measure(PM4PY, 1, str(path), "iterparse") if have_pm4py else None
    rust = _measure(PM4PY, REPEATS, str(path), "r4pm") if have_r4pm else None
    row = (
        f"| {path.name} | {ours.get('events', 0):,} | {_cell(default)} | {_cell(rust)} | "
        f"{_cell(ours)} | {_ratio(default, ours)} | {_ratio(rust, ours)} | "
        f"{_cell(fallback)} | {_ratio(rust, fallback)} |"
    )
    print(row, flush=True)
    return row


def _big_row(kind: str, generator: str) -> str:
    """A generated log of BIG_EVENTS events (made in a temporary folder), measured, as a row.

    The CSV has the issue's targets; the XES (gzip) is there to show the XES reader's memory.
    """
    with tempfile.TemporaryDirectory(prefix="headway-bench-") as folder:
        big = Path(folder) / ("events.xes.gz" if kind == "XES" else "events.csv")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", generator, str(BIG_EVENTS), str(big)], check=True)
        generated = time.perf_counter() - start
        size_mb = big.stat().st_size / 1e6
        compiled = _measure(HEADWAY, 1, str(big))
        fallback = _measure(HEADWAY, 1, str(big), scanner="numpy") if kind == "XES" else None
    target = "< 30 s and < 3,072 MB" if kind == "CSV" else "< 2,048 MB"
    return (
        f"| generated {kind}, {BIG_EVENTS:,} events ({size_mb:,.0f} MB, made in "
        f"{generated:.0f} s) | {_cell(compiled)} | {_cell(fallback) if fallback else '-'} "
        f"| {target} |"
    )


def _versions() -> str:
    found = []
    for name in ("duckdb", "pyarrow", "pm4py", "r4pm"):
        try:
            from importlib.metadata import version

            found.append(f"{name} {version(name)}")
        except Exception:  # not installed
            found.append(f"{name} -")
    return ", ".join(found)


if __name__ == "__main__":
    main()
