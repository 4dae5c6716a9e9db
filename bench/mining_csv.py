"""The 10-million-event CSV: Headway against Polars and DuckDB doing the same work, in one run.

Targets (issue 15): Headway's read + full profile at least 1.5x faster than Polars doing the
same work, under 2.5 GB. "The same work" for the peers is the core of Headway's profile on the
same file: parse the timestamps, order each case's events by time, count events, cases and
resources per activity, the directly-follows pairs with their count and median and P90 time,
the variants (each case's sequence of activities) with their counts, and the median and P90
case throughput. Headway computes more (service and waiting times, rework, arrivals, the
candidates), so the ratio flatters the peers.

Each measurement is a fresh process (`mining._child`): time inside the process after imports,
and the process's peak RSS. Headway, Polars and DuckDB run in turn, `HEADWAY_BENCH_REPEATS`
times (default 3), so a change in the machine's load falls on all three; each cell is the
median time (and the highest peak), each ratio the median of the ratios of one round.

`python -m bench.mining_csv` measures only this and rewrites the CSV lines of
bench/results/mining.md; `python -m bench.mining_csv xes` also the 10-million-event XES line;
`python -m bench.mining` measures everything.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

POLARS = """
import json, resource, sys, time
import polars as pl
start = time.perf_counter()
df = pl.read_csv(sys.argv[1], infer_schema=False).with_row_index("row_no")
df = df.with_columns(pl.col("timestamp").str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_zone="UTC"))
df = df.sort(["case_id", "timestamp", "row_no"])
activities = df.group_by("activity").agg(
    pl.len(), pl.col("case_id").n_unique(), pl.col("resource").n_unique()
)
follows = df.with_columns(
    pl.col("activity").shift(-1).over("case_id").alias("next"),
    (pl.col("timestamp").shift(-1).over("case_id") - pl.col("timestamp")).alias("gap"),
).drop_nulls("next")
edges = follows.group_by(["activity", "next"]).agg(
    pl.len(), pl.col("gap").median().alias("median"), pl.col("gap").quantile(0.9).alias("p90")
)
cases = df.group_by("case_id").agg(
    pl.col("activity").str.join("|").alias("trace"),
    (pl.col("timestamp").max() - pl.col("timestamp").min()).alias("duration"),
)
variants = cases.group_by("trace").len().sort("len", descending=True)
throughput = cases.select(
    pl.col("duration").median().alias("median"), pl.col("duration").quantile(0.9).alias("p90")
)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "events": df.height,
                  "variants": variants.height, "edges": edges.height}))
"""

DUCKDB = """
import json, resource, sys, time
import duckdb
start = time.perf_counter()
db = duckdb.connect()
db.execute("SET TimeZone = 'UTC'")
db.execute(f'''CREATE TABLE e AS SELECT row_number() OVER () AS row_no, case_id, activity,
    CAST(timestamp AS TIMESTAMP) AS ts, resource
    FROM read_csv('{sys.argv[1]}', all_varchar = true)''')
db.execute('''SELECT activity, count(*), count(DISTINCT case_id), count(DISTINCT resource)
    FROM e GROUP BY activity''').fetchall()
edges = db.execute('''SELECT activity, next, count(*), median(gap), quantile_cont(gap, 0.9)
    FROM (SELECT activity, lead(activity) OVER w AS next,
                 epoch(lead(ts) OVER w) - epoch(ts) AS gap
          FROM e WINDOW w AS (PARTITION BY case_id ORDER BY ts, row_no))
    WHERE next IS NOT NULL GROUP BY activity, next''').fetchall()
db.execute('''CREATE TABLE c AS SELECT case_id,
    string_agg(activity, '|' ORDER BY ts, row_no) AS trace,
    epoch(max(ts)) - epoch(min(ts)) AS duration FROM e GROUP BY case_id''')
variants = db.execute(
    "SELECT trace, count(*) AS n FROM c GROUP BY trace ORDER BY n DESC"
).fetchall()
db.execute("SELECT median(duration), quantile_cont(duration, 0.9) FROM c").fetchall()
events = db.execute("SELECT count(*) FROM e").fetchone()[0]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "events": events,
                  "variants": len(variants), "edges": len(edges)}))
"""

HEADER = "| 10-million-event run | Headway | Headway, NumPy scanner | target |"
TARGET_MB = 2560


def csv_lines(events: int) -> list[str]:
    """Generate a CSV of `events` events and measure Headway, Polars and DuckDB on it."""
    from bench.mining import GENERATE, HEADWAY, REPEATS, _cell, _child, summary

    scripts = {"Headway": HEADWAY, "Polars": POLARS, "DuckDB SQL": DUCKDB}
    if not importlib.util.find_spec("polars"):
        del scripts["Polars"]
    with tempfile.TemporaryDirectory(prefix="headway-bench-") as folder:
        big = Path(folder) / "events.csv"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", GENERATE, str(events), str(big)], check=True)
        generated = time.perf_counter() - start
        size_mb = big.stat().st_size / 1e6
        rounds = [
            {name: _child(s, str(big)) for name, s in scripts.items()} for _ in range(REPEATS)
        ]
    made = f"{events:,} events ({size_mb:,.0f} MB, made in {generated:.0f} s)"
    ours = summary([r["Headway"] for r in rounds])
    lines = [
        f"| generated CSV, {made} | {_cell(ours)} | - | "
        f">= 1.5x faster than Polars, < {TARGET_MB:,} MB |"
    ]
    for name in ("Polars", "DuckDB SQL"):
        peer = summary([r[name] for r in rounds]) if name in scripts else None
        lines.append(
            f"| the same CSV, {name} doing the same work | {_cell(peer)} "
            f"(Headway {_median_ratio(rounds, name)} as fast) | - | - |"
        )
    print(*lines, sep="\n", flush=True)
    return lines


def _median_ratio(rounds: list[dict[str, dict[str, Any]]], peer: str) -> str:
    """The median over the rounds of the peer's time over Headway's (`-` if none succeeded)."""
    ratios = [
        r[peer]["seconds"] / r["Headway"]["seconds"]
        for r in rounds
        if peer in r and "error" not in r[peer] and "error" not in r["Headway"]
    ]
    return f"{statistics.median(ratios):.1f}x" if ratios else "-"


def main() -> None:
    """Measure the CSV only and put its lines into bench/results/mining.md."""
    from bench.mining import BIG_EVENTS, RESULTS, _load

    before = _load()
    lines = csv_lines(BIG_EVENTS)
    kinds = ["CSV"]
    if "xes" in sys.argv[1:]:
        from bench.mining import GENERATE_XES, _big_row

        lines.append(_big_row("XES", GENERATE_XES))
        kinds.append("XES")
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER + "\n"
    kept = [
        line
        for line in text.splitlines()
        if HEADER in line or not any(f"generated {k}" in line or f"same {k}" in line for k in kinds)
    ]
    at = kept.index(HEADER) + 2 if HEADER in kept else len(kept)
    measured = f"{' and '.join(kinds)} lines measured"
    note = (
        f"{measured} {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
        f"{os.cpu_count()} CPUs; load average before {before}, after {_load()}."
    )
    kept = [line for line in kept if not line.startswith(measured)]
    kept[at:at] = lines
    RESULTS.write_text("\n".join([*kept, "", note]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
