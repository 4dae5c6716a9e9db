"""Report charts: Vega-Lite specifications rendered to inline SVG by vl-convert (no network).

Every chart must read in black and white: marks are told apart by grey level, outline and
dash pattern, and labelled directly, never by hue alone. vl-convert bundles Vega and renders
offline; `allowed_base_urls=[]` forbids it from loading anything.
"""

from __future__ import annotations

import json
import re
from typing import Any

import vl_convert

from headway.analysis.growth import GrowthResult
from headway.portfolio.frontier import Frontier
from headway.portfolio.results import Plan

INK, DARK, MID, LIGHT = "#000000", "#404040", "#8c8c8c", "#d9d9d9"
WIDTH = 560
_CONFIG: dict[str, Any] = {
    "font": "DejaVu Sans, Liberation Sans, Arial, sans-serif",
    "background": "white",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 10, "titleFontSize": 10, "gridColor": "#e6e6e6", "domainColor": INK},
    "legend": {"labelFontSize": 10, "titleFontSize": 10, "orient": "top"},
}


def svg(spec: dict[str, Any], locale: str | None) -> str:
    """Render a Vega-Lite spec to an SVG element that scales to its container's width."""
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", **spec}
    spec["config"] = _CONFIG
    try:
        named: Any = locale  # vl-convert lists the locales it knows as a Literal type
        drawn = vl_convert.vegalite_to_svg(spec, format_locale=named, allowed_base_urls=[])
    except ValueError:  # a locale Vega's formatter does not know: fall back to its default
        drawn = vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])
    # Width and height become a viewBox only, so the chart fits the page in print and screen.
    drawn = re.sub(
        r'(<svg[^>]*?) width="([\d.]+)" height="([\d.]+)"',
        r'\1 style="width:100%;height:auto"',
        drawn,
        count=1,
    )
    return drawn


def _labels(labels: tuple[str, ...] | list[str]) -> str:
    return f"{json.dumps(list(labels))}[datum.value] || ''"


def roadmap(plan: Plan, locale: str | None) -> str | None:
    """Gantt chart of the chosen initiatives: dark while being introduced, light once live."""
    rows: list[dict[str, Any]] = []
    end = len(plan.period_labels)
    for decision in plan.selected:
        assert decision.start is not None and decision.live is not None
        rows.append(
            {
                "name": decision.name,
                "from": decision.start,
                "to": decision.live,
                "phase": "being introduced",
            }
        )
        rows.append({"name": decision.name, "from": decision.live, "to": end, "phase": "live"})
    if not rows:
        return None
    order = [d.name for d in plan.selected]
    spec = {
        "width": WIDTH - 160,
        "height": {"step": 22},
        "data": {"values": rows},
        "mark": {"type": "bar", "stroke": INK, "strokeWidth": 0.8, "cornerRadius": 0},
        "encoding": {
            "y": {
                "field": "name",
                "type": "nominal",
                "sort": order,
                "title": None,
                "axis": {"labelLimit": 220},
            },
            "x": {
                "field": "from",
                "type": "quantitative",
                "scale": {"domain": [0, end]},
                "title": "Period",
                "axis": {
                    "values": list(range(end)),
                    "labelExpr": _labels(plan.period_labels),
                    "labelAlign": "right",
                    "labelAngle": -40,
                    "labelOverlap": False,
                },
            },
            "x2": {"field": "to"},
            "fill": {
                "field": "phase",
                "type": "nominal",
                "scale": {"domain": ["being introduced", "live"], "range": [DARK, LIGHT]},
                "title": None,
            },
        },
    }
    return svg(spec, locale)


def budget_and_capacity(plan: Plan, currency: str, locale: str | None) -> str | None:
    """Per period: upfront spend against the period budget, effort against change capacity."""
    if not plan.periods:
        return None
    rows = [
        {
            "period": p.label,
            "used": p.upfront,
            "limit": p.budget_per_period,
            "what": f"Upfront spend ({currency})",
        }
        for p in plan.periods
    ] + [
        {
            "period": p.label,
            "used": p.effort_days,
            "limit": p.change_capacity_days,
            "what": "Change effort (person-days)",
        }
        for p in plan.periods
    ]
    order = [p.label for p in plan.periods]

    def panel(what: str, title: str) -> dict[str, Any]:
        x = {"field": "period", "type": "ordinal", "sort": order, "title": None}
        return {
            "title": {"text": title, "anchor": "start", "fontSize": 11},
            "width": WIDTH - 80,
            "height": 100,
            "transform": [{"filter": {"field": "what", "equal": what}}],
            "layer": [
                {
                    "mark": {"type": "bar", "fill": MID, "stroke": INK, "strokeWidth": 0.6},
                    "encoding": {
                        "x": {**x, "axis": {"labelAngle": 0}},
                        "y": {"field": "used", "type": "quantitative", "title": None},
                    },
                },
                {
                    "mark": {"type": "tick", "color": INK, "thickness": 2, "strokeDash": [4, 2]},
                    "encoding": {"x": x, "y": {"field": "limit", "type": "quantitative"}},
                },
            ],
        }

    spec = {
        "data": {"values": rows},
        "vconcat": [
            panel(
                f"Upfront spend ({currency})",
                f"Upfront spend per period ({currency}); dashed: budget",
            ),
            panel(
                "Change effort (person-days)",
                "Change effort per period (person-days); dashed: capacity",
            ),
        ],
    }
    return svg(spec, locale)


def frontier(found: Frontier, locale: str | None) -> str | None:
    """Plan value (points of the weighted gap) by total upfront budget; knee and budget marked."""
    if not found.points:
        return None
    rows = [{"budget": p.budget_total, "value": p.value * 100} for p in found.points]
    knee = found.points[found.knee]
    marks = [
        {
            "budget": knee.budget_total,
            "value": knee.value * 100,
            "label": "knee: best value per money",
        },
    ]
    spec = {
        "width": WIDTH - 80,
        "height": 220,
        "layer": [
            _frontier_curve(rows, found.currency),
            *_budget_rule(found.current_budget),
            *_knee_marks(marks),
        ],
    }
    return svg(spec, locale)


def _frontier_curve(rows: list[dict[str, Any]], currency: str) -> dict[str, Any]:
    """The line of plan value by budget, one point per frontier plan."""
    return {
        "data": {"values": rows},
        "mark": {
            "type": "line",
            "color": INK,
            "point": {"filled": True, "fill": INK, "size": 30},
        },
        "encoding": {
            "x": {
                "field": "budget",
                "type": "quantitative",
                "title": f"Total upfront budget ({currency})",
            },
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": "Plan value (points of 100)",
            },
        },
    }


def _budget_rule(budget: float) -> list[dict[str, Any]]:
    """A dashed vertical rule at the current budget, labelled "your budget"."""
    return [
        {
            "data": {"values": [{"budget": budget}]},
            "mark": {"type": "rule", "color": INK, "strokeDash": [5, 3]},
            "encoding": {"x": {"field": "budget", "type": "quantitative"}},
        },
        {
            "data": {"values": [{"budget": budget, "label": "your budget"}]},
            "mark": {
                "type": "text",
                "align": "left",
                "dx": 4,
                "dy": -4,
                "baseline": "top",
                "y": 0,
                "fontSize": 10,
            },
            "encoding": {
                "x": {"field": "budget", "type": "quantitative"},
                "text": {"field": "label"},
            },
        },
    ]


def _knee_marks(marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Diamonds at the marked points (the knee), each with its label beside it."""
    return [
        {
            "data": {"values": marks},
            "mark": {
                "type": "point",
                "shape": "diamond",
                "size": 140,
                "filled": False,
                "stroke": INK,
                "strokeWidth": 1.5,
            },
            "encoding": {
                "x": {"field": "budget", "type": "quantitative"},
                "y": {"field": "value", "type": "quantitative"},
            },
        },
        {
            "data": {"values": marks},
            "mark": {"type": "text", "align": "left", "dx": 8, "dy": 12, "fontSize": 10},
            "encoding": {
                "x": {"field": "budget", "type": "quantitative"},
                "y": {"field": "value", "type": "quantitative"},
                "text": {"field": "label"},
            },
        },
    ]


def growth(result: GrowthResult, locale: str | None) -> str | None:
    """Role utilisation under a growth scenario, without and with the plan, against 100%."""
    rows = []
    for load in result.roles:
        for state, share in (
            ("without plan", load.utilisation),
            ("with plan", load.utilisation_with_plan),
        ):
            if share == share and share != float("inf"):
                rows.append({"role": load.name, "state": state, "share": share})
    if not rows:
        return None
    spec = {
        "width": WIDTH - 220,
        "height": {"step": 12},
        "layer": [
            {
                "data": {"values": rows},
                "mark": {"type": "bar", "stroke": INK, "strokeWidth": 0.6},
                "encoding": {
                    "y": {
                        "field": "role",
                        "type": "nominal",
                        "title": None,
                        "sort": None,
                        "axis": {"labelLimit": 200},
                    },
                    "yOffset": {"field": "state", "sort": ["without plan", "with plan"]},
                    "x": {
                        "field": "share",
                        "type": "quantitative",
                        "title": "Hours needed / hours available",
                        "axis": {"format": ".0%"},
                    },
                    "fill": {
                        "field": "state",
                        "type": "nominal",
                        "scale": {"domain": ["without plan", "with plan"], "range": [LIGHT, DARK]},
                        "title": None,
                    },
                },
            },
            {
                "data": {"values": [{"x": 1.0}]},
                "mark": {"type": "rule", "color": INK, "strokeDash": [5, 3], "strokeWidth": 1.5},
                "encoding": {"x": {"field": "x", "type": "quantitative"}},
            },
        ],
    }
    return svg(spec, locale)
