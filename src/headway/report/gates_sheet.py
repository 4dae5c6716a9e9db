"""The report workbook's `gates` sheet: each pilot's go/no-go gate, criteria and decision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from headway.report.build import Report
from headway.report.numbers import Unit

if TYPE_CHECKING:
    from headway.report.workbook_sheets import Header, Sheet


def gates_sheet(report: Report) -> Sheet:
    """One row per gate of the plan (docs/method.md §12): pilot start and gate periods, the
    gate's first month, the pilot's cost (currency) and scope (share), its criteria and, with
    tracking data, the decision and its evidence."""
    decided = {g.initiative: g for g in report.status.gates} if report.status else {}
    headers: list[Header] = [
        ("Initiative", "text"),
        ("Name", "text"),
        ("Pilot from (period)", "text"),
        ("Go/no-go gate (period)", "text"),
        ("Gate month", "text"),
        (f"Pilot cost ({report.strategy.business.currency})", Unit.money),
        ("Scope (share of the full effect)", Unit.share),
        ("Go when", "text"),
        ("Decision", "text"),
        ("Evidence", "text"),
    ]
    rows: list[list[Any]] = []
    for gate in report.plan.gates:
        found = decided.get(gate.initiative)
        rows.append(
            [
                gate.initiative,
                gate.name,
                gate.pilot_start_label,
                gate.label,
                gate.month,
                gate.pilot_cost,
                gate.scope,
                "; ".join(gate.criteria),
                found.decision.value if found else "not tracked yet",
                found.evidence if found else "",
            ]
        )
    return "gates", headers, rows
