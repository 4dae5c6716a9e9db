"""Charts read in black and white: every colour they use is a grey."""

from __future__ import annotations

import re

from headway.report import Report, charts
from headway.report.charts.from_results import (
    frontier_points,
    roadmap_bars,
    role_load_bars,
    usage_panels,
)

COLOUR = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b|rgb\((\d+),\s*(\d+),\s*(\d+)\)")


def greys_only(svg: str) -> list[str]:
    """Colours in `svg` that are not a grey (red, green and blue equal)."""
    found = []
    for match in COLOUR.finditer(svg):
        if match.group(1):
            digits = match.group(1)
            if len(digits) == 3:
                digits = "".join(d * 2 for d in digits)
            rgb = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
        else:
            rgb = [int(match.group(n)) for n in (2, 3, 4)]
        if len(set(rgb)) > 1:
            found.append(match.group(0))
    return found


def test_every_plan_chart_is_drawn_in_greys_with_axis_titles(bakery_report: Report) -> None:
    plan, found = bakery_report.plan, bakery_report.frontier
    assert found is not None
    drawn = {
        "roadmap": charts.gantt(roadmap_bars(plan), plan.period_labels),
        "usage": charts.usage(usage_panels(plan, "EUR")),
        "frontier": charts.frontier_chart(
            frontier_points(found), found.knee, found.current_budget, "EUR"
        ),
        **{
            result.scenario: charts.role_load(role_load_bars(result), result.name)
            for result in bakery_report.growth
        },
    }
    titles = {
        "roadmap": "Period",
        "usage": "Upfront spend per period (EUR)",
        "frontier": "Total upfront budget (EUR)",
    }
    for name, svg in drawn.items():
        assert svg is not None and svg.startswith("<svg"), name
        assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert greys_only(svg) == []
        assert titles.get(name, "Hours needed / hours available (%)") in svg
    assert "Change effort per period (person-days)" in (drawn["usage"] or "")
    assert "Plan value (% of the weighted gap)" in (drawn["frontier"] or "")
