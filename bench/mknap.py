"""OR-Library multi-dimensional knapsack instances through `optimize_selection` (HiGHS).

`mknap1` (Petersen 1967, 7 problems with published optima) and the `mknapcb*` files in
`../shared/data/oracles/mknap/` (Chu & Beasley 1998) with a time limit per instance. Reported per
instance size: time, proven-optimal count, and gap to the best-known value from `optima.csv`;
the greedy value/cost heuristic is the peer. Results: bench/results/mknap.md.
"""

from __future__ import annotations

import csv
import os
import platform
import statistics
import time
from pathlib import Path

import highspy

from headway.portfolio.greedy import greedy_selection
from headway.portfolio.orlib import KnapsackInstance, read_orlib_mknap
from headway.portfolio.selection import optimize_selection

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "oracles" / "mknap"
RESULTS = ROOT / "bench" / "results" / "mknap.md"
TIME_LIMIT = float(os.environ.get("HEADWAY_MKNAP_TIME_LIMIT", "10"))


def best_known() -> dict[str, float]:
    """Instance name -> published optimum or best-known value (optima.csv)."""
    with (DATA / "optima.csv").open() as handle:
        return {row["instance"]: float(row["optimum"]) for row in csv.DictReader(handle)}


def run(instance: KnapsackInstance, best: float, limit: float | None) -> dict[str, float | str]:
    """Solve one instance exactly (within `limit` seconds) and greedily; gaps are shares."""
    started = time.perf_counter()
    result = optimize_selection(
        instance.profits, instance.weights, instance.capacities, time_limit=limit
    )
    seconds = time.perf_counter() - started
    greedy = greedy_selection(instance.profits, instance.weights, instance.capacities)
    greedy_value = float(instance.profits[list(greedy)].sum())
    return {
        "name": instance.name,
        "size": f"{instance.weights.shape[0]} x {instance.profits.shape[0]}",
        "value": result.objective,
        "best": best,
        "proven": "yes" if result.proven_optimal else "no",
        "seconds": seconds,
        "gap_to_best": (best - result.objective) / best,
        "bound_gap": result.gap,
        "greedy_gap": (best - greedy_value) / best,
    }


def summary_rows(rows: list[dict[str, float | str]]) -> list[str]:
    """One markdown row per instance size."""
    lines = []
    sizes = {str(r["size"]) for r in rows}
    for size in sorted(sizes, key=lambda s: tuple(int(part) for part in s.split(" x "))):
        group = [r for r in rows if r["size"] == size]
        times = [float(r["seconds"]) for r in group]
        gaps = [100 * float(r["gap_to_best"]) for r in group]
        greedy = [100 * float(r["greedy_gap"]) for r in group]
        proven = sum(r["proven"] == "yes" for r in group)
        lines.append(
            f"| {size} | {len(group)} | {proven} | {statistics.median(times):.2f} / "
            f"{max(times):.2f} | {statistics.mean(gaps):.3f} / {max(gaps):.3f} | "
            f"{statistics.mean(greedy):.2f} / {max(greedy):.2f} |"
        )
    return lines


def main() -> None:
    """Run every instance and write bench/results/mknap.md."""
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found")
        return
    known = best_known()
    rows = []
    for path, limit in [(DATA / "mknap1.txt", None)] + [
        (p, TIME_LIMIT) for p in sorted(DATA.glob("mknapcb*.txt"))
    ]:
        for instance in read_orlib_mknap(path):
            best = known.get(instance.name, instance.header_value)
            rows.append(run(instance, best, limit))
            print(f"{instance.name}: {rows[-1]['seconds']:.2f} s, proven {rows[-1]['proven']}")
    write(rows)


def _highs_version() -> str:
    return str(highspy.Highs().version())  # type: ignore[no-untyped-call]


def write(rows: list[dict[str, float | str]]) -> None:
    """The markdown report."""
    lines = [
        "# Multi-dimensional knapsack (OR-Library) — `optimize_selection`",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"{os.cpu_count()} cores, HiGHS {_highs_version()} via highspy, one thread, "
        f"relative gap 0, integral objective declared. `mknap1`: no time limit; `mknapcb*`: "
        f"{TIME_LIMIT:g} s per instance. The machine was shared with other jobs while this ran, "
        "so times are upper bounds. Best-known values: `optima.csv`. Peer: greedy by value "
        "over summed capacity shares.",
        "",
        "| constraints x items | instances | proven optimal | median / max time (s) "
        "| mean / max gap to best known (%) | greedy mean / max gap (%) |",
        "|---|---|---|---|---|---|",
        *summary_rows(rows),
        "",
        "## Per instance",
        "",
        "| instance | value | best known | proven | time (s) | gap to best (%) | greedy gap (%) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {float(r['value']):g} | {float(r['best']):g} | {r['proven']} | "
            f"{float(r['seconds']):.2f} | {100 * float(r['gap_to_best']):.3f} | "
            f"{100 * float(r['greedy_gap']):.2f} |"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
