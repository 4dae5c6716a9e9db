"""The Alignment Index over time, 0-100, against its verdict zones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from headway.report.charts.svg import DARK, INK, Canvas, Scale, y_axis

WIDTH, HEIGHT = 560.0, 230.0
LEFT, RIGHT, TOP, BOTTOM = 48.0, 86.0, 28.0, 44.0


@dataclass(frozen=True)
class IndexPoint:
    """The Alignment Index (0-100) as of `day`."""

    day: date
    score: float


def alignment_over_time(
    points: Sequence[IndexPoint], aligned_from: float = 70.0, at_risk_from: float = 40.0
) -> str | None:
    """The index month by month as SVG, over bands for aligned / at risk / misaligned (None
    with fewer than two points)."""
    if len(points) < 2:
        return None
    first, last = points[0].day.toordinal(), points[-1].day.toordinal()
    days = Scale(first, max(last, first + 1), LEFT, WIDTH - RIGHT)
    scores = Scale(0, 100, HEIGHT - BOTTOM, TOP)
    canvas = Canvas(WIDTH, HEIGHT, "Alignment Index over time", _description(points))
    zones = (
        ("aligned", aligned_from, 100.0, "#f2f2f2"),
        ("at risk", at_risk_from, aligned_from, "#e0e0e0"),
        ("misaligned", 0.0, at_risk_from, "#cccccc"),
    )
    for name, low, high, fill in zones:
        canvas.rect(
            LEFT, scores(high), WIDTH - RIGHT - LEFT, scores(low) - scores(high), fill, stroke=None
        )
        canvas.text(WIDTH - RIGHT + 6, (scores(low) + scores(high)) / 2 + 3.5, name)
    y_axis(canvas, scores, [0, 20, 40, 60, 80, 100], LEFT, WIDTH - RIGHT, "Alignment Index (0-100)")
    bottom = HEIGHT - BOTTOM
    canvas.line(LEFT, bottom, WIDTH - RIGHT, bottom, stroke=INK, width=0.8)
    every, labelled = max(1, -(-len(points) // 8)), -100.0
    for i, point in enumerate(points):
        x = days(point.day.toordinal())
        canvas.line(x, bottom, x, bottom + 4, stroke=INK, width=0.8)
        if (i % every == 0 or i == len(points) - 1) and x - labelled >= 50:
            canvas.text(x, bottom + 15, f"{point.day:%Y-%m}", anchor="middle")
            labelled = x
    canvas.text(
        (LEFT + WIDTH - RIGHT) / 2,
        bottom + 32,
        "Month (index as of its last day)",
        anchor="middle",
        bold=True,
    )
    line = [(days(p.day.toordinal()), scores(p.score)) for p in points]
    canvas.polyline(line, stroke=INK, width=1.8)
    for (x, y), p in zip(line, points, strict=True):
        canvas.circle(x, y, 2.6, fill=DARK, label=f"{p.day.isoformat()}: {p.score:.1f} of 100")
    return canvas.render()


def _description(points: Sequence[IndexPoint]) -> str:
    values = ", ".join(f"{p.day:%Y-%m} {p.score:.1f}" for p in points)
    return f"Alignment Index (0-100) at the end of each month: {values}."
