"""Chart inputs from the engine's typed results: a plan, a tracking status, a mined profile."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from headway.analysis.growth import GrowthResult
from headway.monitoring.history import IndexAt
from headway.monitoring.realization import series
from headway.monitoring.status import StatusReport, Tracking
from headway.portfolio.frontier import Frontier
from headway.portfolio.results import Plan
from headway.report.charts.gantt import GanttBar
from headway.report.charts.index import IndexPoint
from headway.report.charts.plan_charts import FrontierPoint, PeriodUse, RoleLoadBar, UsagePanel
from headway.report.charts.process_map import FlowEdge, FlowMap
from headway.report.charts.realization import RealizationRow
from headway.report.charts.trend import KpiTrend
from headway.strategy.model import Strategy

if TYPE_CHECKING:  # mining (DuckDB, Arrow) is loaded only by whoever mines a log
    from headway.mining.profile import ProcessProfile


def roadmap_bars(plan: Plan) -> list[GanttBar]:
    """The chosen initiatives in start order, live until the end of the horizon; a pilot runs
    until its go/no-go gate, where the roll-out starts."""
    end = len(plan.period_labels)
    gates = {g.initiative: g.period for g in plan.gates}
    bars = []
    for d in plan.selected:
        if d.start is None or d.live is None:
            continue
        gate = gates.get(d.initiative)
        marks = (gate,) if gate is not None else ()
        bars.append(GanttBar(d.name, d.start, d.live, end, marks, gate))
    return bars


def kpi_trends(strategy: Strategy, status: StatusReport, tracking: Tracking) -> list[KpiTrend]:
    """Each measured KPI's series (up to the status's as-of day) with its projection."""
    projections = {p.kpi: p for p in status.projections}
    known = [m for m in tracking.measurements if m.date <= status.as_of]
    trends = []
    for kpi in strategy.kpis:
        days, values = series(known, kpi.id)
        if not values:
            continue
        p = projections.get(kpi.id)
        trends.append(
            KpiTrend(
                kpi.name,
                kpi.unit,
                days,
                values,
                kpi.target,
                p.due if p else days[-1],
                kpi.baseline,
                p.projected if p else None,
                p.low if p else None,
                p.high if p else None,
            )
        )
    return trends


def realization_rows(strategy: Strategy, status: StatusReport) -> list[RealizationRow]:
    """One row per initiative and KPI it was expected to move, with names for labels."""
    names = {i.id: i.name for i in strategy.initiatives}
    kpis = {k.id: k.name for k in strategy.kpis}
    return [
        RealizationRow(
            names.get(r.initiative, r.initiative),
            kpis.get(r.kpi, r.kpi),
            r.unit,
            r.expected.low,
            r.expected.likely,
            r.expected.high,
            r.improvement,
            r.lower,
            r.upper,
            r.verdict.value,
        )
        for r in status.realizations
    ]


def index_points(history: Sequence[IndexAt]) -> list[IndexPoint]:
    """The index history as chart points."""
    return [IndexPoint(h.day, h.score) for h in history]


def flow_map(profile: ProcessProfile) -> FlowMap:
    """The directly-follows graph of a mined log: executions, edges, case starts and ends."""
    return FlowMap(
        {a.activity: a.executions for a in profile.activities},
        [FlowEdge(e.source, e.target, e.count, e.median_s) for e in profile.edges],
        profile.start_activities,
        profile.end_activities,
    )


def usage_panels(plan: Plan, currency: str) -> list[UsagePanel]:
    """Upfront spend against the period budget, and change effort against change capacity."""
    return [
        UsagePanel(
            f"Upfront spend per period ({currency})",
            "budget",
            [PeriodUse(p.label, p.upfront, p.budget_per_period) for p in plan.periods],
        ),
        UsagePanel(
            "Change effort per period (person-days)",
            "capacity",
            [PeriodUse(p.label, p.effort_days, p.change_capacity_days) for p in plan.periods],
        ),
    ]


def frontier_points(found: Frontier) -> list[FrontierPoint]:
    """The frontier's plans as (total upfront budget, plan value) points."""
    return [FrontierPoint(p.budget_total, p.value) for p in found.points]


def role_load_bars(result: GrowthResult) -> list[RoleLoadBar]:
    """Each role's load under a growth scenario, without and with the plan."""
    return [RoleLoadBar(r.name, r.utilisation, r.utilisation_with_plan) for r in result.roles]
