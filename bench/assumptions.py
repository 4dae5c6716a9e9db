"""Rank the template figures still assumed by their sensitivity (the guided start's result page).

The bakery template as it comes (every figure an assumption): how many figures, and how long the
one-at-a-time swing of each (down and up 25 %, each a validation and a re-computation of the NPV
and alignment of every initiative) takes on one core. The web app computes it once per document
and keeps it (`headway.web.results.assumption_swings`).
"""

from __future__ import annotations

import time
from pathlib import Path

from headway.analysis.assumptions import find_assumptions, swings
from headway.workspace.guided import template_document

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "assumptions.md"


def main() -> None:
    """Measure best of 3 and write the results table."""
    rows = []
    for name in ("bakery", "manufacturer", "logistics"):
        document = template_document(name)
        found = find_assumptions(document, document)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            ranked = swings(document, found)
            times.append(time.perf_counter() - start)
        top = ranked[0].assumption.key if ranked else "-"
        per_figure = min(times) / max(1, len(found)) * 1000
        rows.append(f"| {name} | {len(found)} | {min(times):.2f} | {per_figure:.1f} | `{top}` |")
    text = "\n".join(
        [
            "# Sensitivity of the template assumptions",
            "",
            "Every figure of a shipped template moved 25 % down and up, one at a time (tornado).",
            "Best of 3 runs, one process. Measured by `python -m bench assumptions`.",
            "",
            "| template | assumptions | time (s) | per figure (ms) | moves the plan most |",
            "|---|---|---|---|---|",
            *rows,
            "",
        ]
    )
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
