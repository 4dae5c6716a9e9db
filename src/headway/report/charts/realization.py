"""Benefit realization per initiative: the measured effect against the expected one.

Effects on different KPIs have different units, so each row is drawn as a share of its own
expected (likely) effect: 100% = as planned. The expected cautious-bold range is a light band,
the measured effect a dark bar with its 90% interval as a whisker, and the values in the KPI's
unit are written beside each row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from headway.report.charts.svg import (
    DARK,
    INK,
    LIGHT,
    Canvas,
    Key,
    Scale,
    legend,
    nice_ticks,
    plain,
    wrap,
)

WIDTH = 560.0
LABELS, NOTES, ROW, TOP, LINE = 190.0, 120.0, 34.0, 34.0, 11.0


@dataclass(frozen=True)
class RealizationRow:
    """One initiative's effect on one KPI, in the KPI's `unit`, positive = better.

    `expected_*` is the three-point expected effect; `measured` the measured effect with its
    interval (`lower`, `upper`), None when not yet measurable; `verdict` the test's outcome.
    """

    initiative: str
    kpi: str
    unit: str
    expected_low: float
    expected_likely: float
    expected_high: float
    measured: float | None
    lower: float | None
    upper: float | None
    verdict: str


def realization(
    rows: Sequence[RealizationRow], label: Callable[[float], str] = plain
) -> str | None:
    """Expected against measured effect per initiative and KPI as SVG (None without rows)."""
    usable = [r for r in rows if r.expected_likely != 0]
    if not usable:
        return None
    shares = [100.0, 0.0]
    for r in usable:
        shares += [
            _share(r, v)
            for v in (r.expected_low, r.expected_high, r.measured, r.lower, r.upper)
            if v is not None
        ]
    ticks = nice_ticks(min(shares), max(shares))
    labels = [_label(r) for r in usable]
    heights = [max(ROW, LINE * len(lines) + 10) for lines in labels]
    bottom = TOP + sum(heights)
    height = bottom + 60
    scale = Scale(ticks[0], ticks[-1], LABELS, WIDTH - NOTES)
    canvas = Canvas(
        WIDTH, height, "Benefit realization per initiative", _description(usable, label)
    )
    for tick in ticks:
        canvas.line(scale(tick), TOP, scale(tick), bottom, stroke="#e6e6e6", width=0.8)
        canvas.text(scale(tick), bottom + 13, f"{plain(tick)}%", anchor="middle")
    canvas.text(LABELS, TOP - 12, "Measured effect, % of the expected (likely) effect", bold=True)
    top = TOP
    for row, lines, row_height in zip(usable, labels, heights, strict=True):
        for n, line in enumerate(lines):
            canvas.text(LABELS - 6, top + 13 + LINE * n, line, anchor="end")
        _row(canvas, scale, top, row, label)
        top += row_height
    canvas.line(scale(100), TOP - 4, scale(100), bottom, stroke=INK, width=1.2, dash="6 3")
    canvas.line(scale(0), TOP - 4, scale(0), bottom, stroke=INK, width=0.8)
    keys = [
        Key("expected range (cautious to bold)", "band", LIGHT),
        Key("measured, with 90% interval", "box", DARK),
        Key("100% = as expected", "line", INK, "6 3"),
    ]
    legend(canvas, LABELS - 160, bottom + 34, keys, WIDTH - 20)
    return canvas.render()


def _share(row: RealizationRow, value: float) -> float:
    return 100 * value / row.expected_likely


def _row(
    canvas: Canvas, scale: Scale, top: float, row: RealizationRow, label: Callable[[float], str]
) -> None:
    """One row's expected band, measured bar and interval, and its note on the right."""
    low, high = sorted((_share(row, row.expected_low), _share(row, row.expected_high)))
    canvas.rect(scale(low), top + 4, scale(high) - scale(low), ROW - 8, LIGHT, stroke=None)
    unit = row.unit
    if row.measured is None:
        note = "not yet measured"
    else:
        start, end = sorted((scale(0), scale(_share(row, row.measured))))
        canvas.rect(
            start,
            top + 10,
            end - start,
            ROW - 20,
            DARK,
            label=f"measured {label(row.measured)} {unit}",
        )
        if row.lower is not None and row.upper is not None:
            y = top + ROW / 2
            x1, x2 = scale(_share(row, row.lower)), scale(_share(row, row.upper))
            canvas.line(x1, y, x2, y, stroke=INK, width=1)
            for x in (x1, x2):
                canvas.line(x, y - 4, x, y + 4, stroke=INK, width=1)
        note = f"{label(row.measured)} of {label(row.expected_likely)} {unit}"
    for n, line in enumerate([*wrap(note, NOTES - 10, lines=2), row.verdict]):
        canvas.text(WIDTH - NOTES + 8, top + 11 + 10 * n, line, size=9)


def _label(row: RealizationRow) -> list[str]:
    """The row's initiative and KPI names, each wrapped (never cut)."""
    return [
        *wrap(row.initiative, LABELS - 12, lines=3),
        *wrap(f"on {row.kpi}", LABELS - 12, lines=3),
    ]


def _description(rows: Sequence[RealizationRow], label: Callable[[float], str]) -> str:
    parts = []
    for r in rows:
        measured = f"measured {label(r.measured)}" if r.measured is not None else "not yet measured"
        parts.append(
            f"{r.initiative} on {r.kpi}: expected {label(r.expected_likely)} {r.unit} "
            f"(range {label(r.expected_low)} to {label(r.expected_high)}), {measured}; {r.verdict}"
        )
    return "; ".join(parts) + "."
