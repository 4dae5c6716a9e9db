"""The roadmap as a Gantt chart: full initiative names, periods, and a legend.

Each initiative is mid-grey while its pilot runs, dark while it is being introduced (to go-live)
and light once live; a diamond marks the go/no-go decision at the end of a pilot. Long names
wrap onto up to three lines instead of being cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from headway.report.charts.svg import (
    DARK,
    GRID,
    INK,
    LIGHT,
    MID,
    WHITE,
    Canvas,
    Key,
    Scale,
    legend,
    wrap,
)

WIDTH = 560.0
LABELS, RIGHT, TOP, LINE = 190.0, 12.0, 18.0, 11.0


@dataclass(frozen=True)
class GanttBar:
    """One initiative on the roadmap: 0-based periods `start` <= `live` <= `end` (exclusive),
    any go/no-go decision points (periods) and, with a pilot, the period its roll-out starts
    (`rollout`; the pilot runs from `start` until then)."""

    name: str
    start: int
    live: int
    end: int
    gates: tuple[int, ...] = field(default=())
    rollout: int | None = None


def gantt(
    bars: Sequence[GanttBar], period_labels: Sequence[str], period: str = "Period"
) -> str | None:
    """The roadmap as SVG (None when nothing is scheduled); `period` titles the time axis."""
    if not bars or not period_labels:
        return None
    names = [wrap(bar.name, LABELS - 14) for bar in bars]
    heights = [max(22.0, LINE * len(lines) + 8) for lines in names]
    bottom = TOP + sum(heights)
    # Pilots add two keys to the legend: they wrap onto a second row.
    extra = 16.0 if any(bar.rollout is not None for bar in bars) else 0.0
    height = bottom + 64 + extra
    periods = Scale(0, len(period_labels), LABELS, WIDTH - RIGHT)
    canvas = Canvas(WIDTH, height, "Roadmap", _description(bars, period_labels))
    for i, text in enumerate(period_labels):
        canvas.line(periods(i), TOP, periods(i), bottom, stroke=GRID, width=0.8)
        x = periods(i + 0.5)
        canvas.text(x, bottom + 12, text, size=8.5, anchor="end", rotate=-40)
    canvas.line(
        periods(len(period_labels)),
        TOP,
        periods(len(period_labels)),
        bottom,
        stroke=GRID,
        width=0.8,
    )
    y = TOP
    for bar, lines, row in zip(bars, names, heights, strict=True):
        _bar(canvas, periods, period_labels, bar, lines, (y, row))
        y += row
    canvas.line(LABELS, bottom, WIDTH - RIGHT, bottom, stroke=INK, width=0.8)
    canvas.text(WIDTH - RIGHT, height - 6, period, anchor="end", bold=True)
    keys = [Key("being introduced", "box", DARK), Key("live", "box", LIGHT)]
    if any(bar.rollout is not None for bar in bars):
        keys.insert(0, Key("pilot", "box", MID))
    if any(bar.gates for bar in bars):
        keys.append(Key("go/no-go decision", "box", WHITE))
    legend(canvas, 8, height - 6 - extra, keys, LABELS + 100)
    return canvas.render()


def _bar(
    canvas: Canvas,
    periods: Scale,
    period_labels: Sequence[str],
    bar: GanttBar,
    lines: Sequence[str],
    place: tuple[float, float],
) -> None:
    """One initiative's row: its name, being introduced, live, and its go/no-go gates."""
    y, row = place
    for n, line in enumerate(lines):
        canvas.text(
            LABELS - 8,
            y + row / 2 + 3.5 + (n - (len(lines) - 1) / 2) * LINE,
            line,
            anchor="end",
        )
    live_label = period_labels[bar.live] if bar.live < len(period_labels) else "after the horizon"
    tip = f"{bar.name}: starts {period_labels[bar.start]}, live {live_label}"
    start, live = periods(bar.start), periods(bar.live)
    if bar.rollout is not None:
        pilot_tip = f"{bar.name}: pilot from {period_labels[bar.start]}"
        rollout = periods(bar.rollout)
        canvas.rect(start, y + 5, rollout - start, row - 10, MID, label=pilot_tip)
        start = rollout
    canvas.rect(start, y + 5, live - start, row - 10, DARK, label=tip)
    canvas.rect(live, y + 5, periods(bar.end) - live, row - 10, LIGHT, label=tip)
    for gate in bar.gates:
        cx, cy = periods(gate), y + row / 2
        canvas.path(
            f"M{cx},{cy - 6} L{cx + 6},{cy} L{cx},{cy + 6} L{cx - 6},{cy} Z",
            fill=WHITE,
            stroke=INK,
            width=1.2,
        )


def _description(bars: Sequence[GanttBar], labels: Sequence[str]) -> str:
    parts = []
    for bar in bars:
        live = labels[bar.live] if bar.live < len(labels) else "after the horizon"
        if bar.rollout is not None:
            parts.append(
                f"{bar.name}: pilot from {labels[bar.start]}, go/no-go gate and roll-out from "
                f"{labels[bar.rollout]}, live from {live}"
            )
        else:
            parts.append(f"{bar.name}: introduced from {labels[bar.start]}, live from {live}")
    return "Roadmap. " + "; ".join(parts) + "."
