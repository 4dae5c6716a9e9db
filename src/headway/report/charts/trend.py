"""KPI trend: the measurements, the target and due date, and the projection with its range.

The projection band runs from the latest measurement (no spread) to the due date (the 80%
prediction range of `headway.monitoring.projection`, already kept within the values the KPI
can take), so the chart never shows a count below 0 or a share above 100%.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from headway.report.charts.svg import (
    DARK,
    INK,
    LIGHT,
    MID,
    Canvas,
    Key,
    Scale,
    legend,
    nice_ticks,
    plain,
    y_axis,
)

WIDTH, HEIGHT = 560.0, 270.0
LEFT, RIGHT, TOP, BOTTOM = 58.0, 24.0, 30.0, 78.0


@dataclass(frozen=True)
class KpiTrend:
    """What a KPI trend chart shows; every value in the KPI's `unit`.

    `dates`/`values` are the measurements (oldest first); `projected`, `low` and `high` are the
    projection at the due date and its 80% range (None: no projection, e.g. too few points).
    """

    name: str
    unit: str
    dates: Sequence[date]
    values: Sequence[float]
    target: float
    due: date
    baseline: float | None = None
    projected: float | None = None
    low: float | None = None
    high: float | None = None


def kpi_trend(trend: KpiTrend, label: Callable[[float], str] = plain) -> str | None:
    """The KPI's trend chart as SVG (None without measurements); `label` formats values."""
    if not trend.values:
        return None
    first, last = trend.dates[0], max(trend.dates[-1], trend.due)
    days = Scale(
        first.toordinal(), max(last.toordinal(), first.toordinal() + 1), LEFT, WIDTH - RIGHT
    )
    seen = [*trend.values, trend.target]
    seen += [v for v in (trend.baseline, trend.projected, trend.low, trend.high) if v is not None]
    ticks = nice_ticks(min(seen), max(seen))
    values = Scale(ticks[0], ticks[-1], HEIGHT - BOTTOM, TOP)
    canvas = Canvas(WIDTH, HEIGHT, f"{trend.name}: trend and target", _description(trend, label))
    y_axis(canvas, values, ticks, LEFT, WIDTH - RIGHT, f"{trend.name} ({trend.unit})", label)
    _month_axis(canvas, days, first, last)
    x_last, y_last = days(trend.dates[-1].toordinal()), values(trend.values[-1])
    x_due = days(trend.due.toordinal())
    if trend.projected is not None and trend.low is not None and trend.high is not None:
        band = [(x_last, y_last), (x_due, values(trend.high)), (x_due, values(trend.low))]
        canvas.polygon(band, LIGHT, label="80% range of the projection")
        canvas.line(
            x_last, y_last, x_due, values(trend.projected), stroke=DARK, width=1.5, dash="2 3"
        )
    canvas.line(LEFT, values(trend.target), WIDTH - RIGHT, values(trend.target), INK, 1.2, "6 3")
    canvas.line(x_due, TOP, x_due, HEIGHT - BOTTOM, stroke=MID, width=1.2, dash="1 2")
    canvas.text(x_due - 3, HEIGHT - BOTTOM - 5, f"due {trend.due.isoformat()}", anchor="end")
    points = [
        (days(d.toordinal()), values(v)) for d, v in zip(trend.dates, trend.values, strict=True)
    ]
    canvas.polyline(points, stroke=INK, width=1.6)
    for (x, y), d, v in zip(points, trend.dates, trend.values, strict=True):
        canvas.circle(
            x,
            y,
            2.4 if len(points) <= 30 else 1.4,
            label=f"{d.isoformat()}: {label(v)} {trend.unit}",
        )
    keys = [Key("measured", "line", INK), Key(f"target {label(trend.target)}", "line", INK, "6 3")]
    if trend.projected is not None:
        keys += [Key("projection", "line", DARK, "2 3"), Key("80% range", "band", LIGHT)]
    keys.append(Key("due date", "line", MID, "1 2"))
    legend(canvas, LEFT, HEIGHT - 14, keys, WIDTH - LEFT - RIGHT)
    return canvas.render()


def _month_axis(canvas: Canvas, days: Scale, first: date, last: date) -> None:
    """Month ticks (at most about eight labels) along the bottom, titled "Month"."""
    months = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if date(year, month, 1) >= first:
            months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    every = max(1, -(-len(months) // 8))
    bottom = days.start, HEIGHT - BOTTOM
    canvas.line(days.start, bottom[1], days.end, bottom[1], stroke=INK, width=0.8)
    for i, day in enumerate(months):
        x = days(day.toordinal())
        canvas.line(
            x, bottom[1], x, bottom[1] + (4 if i % every == 0 else 2), stroke=INK, width=0.8
        )
        if i % every == 0:
            canvas.text(x, bottom[1] + 15, f"{day:%Y-%m}", anchor="middle")
    canvas.text((days.start + days.end) / 2, bottom[1] + 30, "Month", anchor="middle", bold=True)


def _description(trend: KpiTrend, label: Callable[[float], str]) -> str:
    """The chart in words: the measurements, the target and the projection."""
    unit = trend.unit
    text = (
        f"{len(trend.values)} measurements of {trend.name} from {trend.dates[0].isoformat()} to "
        f"{trend.dates[-1].isoformat()}, latest {label(trend.values[-1])} {unit}; target "
        f"{label(trend.target)} {unit} by {trend.due.isoformat()}."
    )
    if trend.projected is not None and trend.low is not None and trend.high is not None:
        text += (
            f" Projected {label(trend.projected)} {unit} at the due date (80% range "
            f"{label(trend.low)} to {label(trend.high)})."
        )
    return text
