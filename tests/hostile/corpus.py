"""Hostile and extreme inputs, and the commands that read them.

Each `Case` is a set of files written into an empty folder and a command line run there, in a
process of its own (`run`). The strategy documents are the bakery with one field made extreme
(refused) or at the edge of its range (valid, computed); the workbooks, tracking files and
event logs come from seeded generators, so every run tries the same inputs.
`python -m tests.hostile.corpus [FILE]` runs them all through every command that reads them and
prints the counts (inputs tried, refused cleanly, accepted and computed; FILE receives them).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.hostile.corpus_documents import strategy_cases
from tests.hostile.corpus_files import csv_cases, csv_log_cases, workbook_cases, xes_cases
from tests.hostile.runner import EXPECTED_CODES, SECONDS, Case, Outcome, run


def all_cases(sample: int | None = None) -> list[Case]:
    """The whole corpus; `sample` limits the documents computed at length (`strategy_cases`)."""
    return [
        *strategy_cases(sample),
        *workbook_cases(),
        *csv_cases(),
        *xes_cases(),
        *csv_log_cases(),
    ]


def tally(outcomes: list[tuple[Case, Outcome]]) -> dict[str, int]:
    """The counts the closing note and bench/results/hostile.md give."""
    inputs = {tuple(sorted((n, hash(c)) for n, c in case.files.items())) for case, _ in outcomes}
    codes = [o.exit_code for _, o in outcomes]
    return {
        "inputs tried": len(inputs),
        "command runs": len(outcomes),
        "refused cleanly (exit 2)": sum(o.exit_code == 2 and not o.traceback for _, o in outcomes),
        "accepted and computed (exit 0)": codes.count(0),
        "documented refusal (exit 1)": codes.count(1),
        "environment (exit 3)": codes.count(3),
        "tracebacks": sum(o.traceback is not None for _, o in outcomes),
        "signals": sum(o.signal is not None and not o.seconds_exceeded for _, o in outcomes),
        f"over {SECONDS} s": sum(o.seconds_exceeded for _, o in outcomes),
        "refusals that changed a file": sum(
            o.exit_code != 0 and bool(o.files_changed or o.files_added) for _, o in outcomes
        ),
    }


def main() -> None:  # pragma: no cover - writes the figures for the closing note
    outcomes: list[tuple[Case, Outcome]] = []
    for case in all_cases():
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            outcome = run(case, Path(folder))
            outcomes.append((case, outcome))
            bad = outcome.traceback or outcome.exit_code not in EXPECTED_CODES
            note = f" {outcome.traceback or outcome.output[-300:]}" if bad else ""
            print(f"{case.name}: {outcome.exit_code} {time.perf_counter() - started:.1f}s{note}")
    counts = tally(outcomes)
    lines = [f"| {name} | {value:,} |" for name, value in counts.items()]
    print("\n".join(lines))
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
