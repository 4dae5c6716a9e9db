"""The report's tracking section: the Alignment scorecard, benefit realization, pilots' go/no-go
decisions and KPI trends.

Shown only when the report was made with a workspace's tracking data. Charts come from
`headway.report.charts`; every number from the engine's `StatusReport`.
"""

from __future__ import annotations

from headway.monitoring.status import StatusReport
from headway.report import charts
from headway.report.build import Report
from headway.report.charts.from_results import index_points, kpi_trends, realization_rows
from headway.report.numbers import DASH, Numbers
from headway.report.parts import Section, Table


def scorecard(report: Report, f: Numbers) -> Section | None:
    """The Alignment scorecard, benefit realization and KPI projections (tracking data only)."""
    status = report.status
    if status is None:
        return None
    index = status.index
    aspects = Table(
        ("Aspect", "Score (0-100)", "Verdict", "Evidence"),
        [(a.aspect, f.number(a.score, 1), a.verdict.value, a.evidence) for a in index.aspects],
        frozenset({1}),
        index.note,
    )
    history = charts.alignment_over_time(index_points(report.index_history))
    return Section(
        "scorecard",
        "Alignment scorecard",
        paragraphs=[
            f"Alignment Index {f.number(index.score, 1)} of 100 ({index.verdict.value}), "
            f"{index.mode.value}, as of {status.as_of.isoformat()}."
        ],
        chart=history,
        chart_caption="The index as it stood at the end of each month, from what was known then."
        if history
        else "",
        tables=[aspects],
        parts=[
            *([_realization(report, f, _realized(status, f))] if status.realizations else []),
            *([_gates(status)] if status.gates else []),
            _trends(report, f, _projected(status, f)),
        ],
    )


def _gates(status: StatusReport) -> Section:
    """The go/no-go decision at each pilot's gate, with its evidence (docs/monitoring.md)."""
    rows = [
        (
            g.name,
            g.gate_date.isoformat() if g.gate_date else "pilot not started",
            g.decision.value,
            g.evidence,
        )
        for g in status.gates
    ]
    table = Table(
        ("Initiative", "Gate (date)", "Decision", "Evidence"),
        rows,
        caption="Each pilot's success criteria tested on its measurements by the realization "
        "test: go, no go or not enough data yet.",
    )
    return Section("pilot-gates", "Go/no-go gates of pilots", tables=[table])


def _realized(status: StatusReport, f: Numbers) -> Table:
    """Benefit realization per initiative and KPI: expected against measured."""
    return Table(
        ("Initiative", "KPI", "Verdict", "Expected (likely)", "Measured", "Evidence"),
        [
            (
                r.initiative,
                r.kpi,
                r.verdict.value,
                f"{f.number(r.expected.likely, 2)} {r.unit}",
                f"{f.number(r.improvement, 2)} {r.unit}" if r.improvement is not None else DASH,
                r.evidence,
            )
            for r in status.realizations
        ],
        frozenset({3, 4}),
        "Benefit realization: measured KPI movement after go-live against the expected effect.",
    )


def _projected(status: StatusReport, f: Numbers) -> Table:
    """Each KPI's trend projected to its due date."""
    return Table(
        ("KPI", "Verdict", "Latest", "Projected at due date", "Target", "Due", "Chance to meet"),
        [
            (
                p.kpi,
                p.verdict.value,
                f.number(p.latest, 2),
                f.number(p.projected, 2),
                f"{f.number(p.target, 2)} {p.unit}",
                p.due.isoformat(),
                f.percent(p.chance),
            )
            for p in status.projections
        ],
        frozenset({2, 3, 4, 6}),
        "KPI trends projected to their due dates.",
    )


def _realization(report: Report, f: Numbers, table: Table) -> Section:
    """Measured against expected effect of each live initiative, as a chart and a table."""
    assert report.status is not None
    rows = realization_rows(report.strategy, report.status)
    return Section(
        "realization",
        "Benefit realization",
        chart=charts.realization(rows, lambda v: f.number(v, 2)),
        chart_caption="Each row as a share of its expected (likely) effect; values in the "
        "KPI's unit on the right.",
        tables=[table],
    )


def _trends(report: Report, f: Numbers, table: Table) -> Section:
    """The projection table and one trend chart per measured KPI."""
    assert report.status is not None and report.tracking is not None
    trends = kpi_trends(report.strategy, report.status, report.tracking)
    return Section(
        "kpi-trends",
        "KPI trends",
        tables=[table],
        parts=[
            Section(
                f"kpi-trend-{n}",
                trend.name,
                chart=charts.kpi_trend(trend, lambda v: f.number(v, 2)),
            )
            for n, trend in enumerate(trends, 1)
        ],
    )
