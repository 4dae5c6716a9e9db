"""Headway's charts as SVG, in pure Python: for the reports (HTML, PDF) and the web pages.

Each builder takes a small typed input (a dataclass of plain values with their unit) and
returns one `<svg>` string, or None when there is nothing to draw. The SVG needs nothing else:
no script, no font or file to fetch, no network. It reads in greys (marks differ by grey level,
outline and dash, and are labelled), carries a `<title>` and a `<desc>` that say in words what
the chart shows, and scales to its container's width.

- `kpi_trend(KpiTrend)`: measurements, target, due date, projection with its 80% range;
- `realization(rows)`: per initiative, measured against expected effect;
- `alignment_over_time(points)`: the Alignment Index month by month, with its verdict zones;
- `gantt(bars, period_labels)`: the roadmap with full names and a legend;
- `process_map(FlowMap)`: a mined log's directly-follows graph, busiest paths emphasised;
- `usage(panels)`: upfront spend and change effort per period against budget and capacity;
- `frontier_chart(points, ...)`: the best plan value by total budget, knee and budget marked;
- `role_load(bars, scenario)`: hours needed over hours available per role under growth.

`headway.report.charts.from_results` builds these inputs from the engine's results (a `Plan`,
a `StatusReport`, a mined `ProcessProfile`).
"""

from __future__ import annotations

from headway.report.charts.gantt import GanttBar, gantt
from headway.report.charts.index import IndexPoint, alignment_over_time
from headway.report.charts.plan_charts import (
    FrontierPoint,
    PeriodUse,
    RoleLoadBar,
    UsagePanel,
    frontier_chart,
    role_load,
    usage,
)
from headway.report.charts.process_map import FlowEdge, FlowMap, process_map
from headway.report.charts.realization import RealizationRow, realization
from headway.report.charts.trend import KpiTrend, kpi_trend

__all__ = [
    "FlowEdge",
    "FlowMap",
    "FrontierPoint",
    "GanttBar",
    "IndexPoint",
    "KpiTrend",
    "PeriodUse",
    "RealizationRow",
    "RoleLoadBar",
    "UsagePanel",
    "alignment_over_time",
    "frontier_chart",
    "gantt",
    "kpi_trend",
    "process_map",
    "realization",
    "role_load",
    "usage",
]
