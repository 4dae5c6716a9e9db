"""Charts of the plan: use of budget and capacity by period, the efficient frontier, and the
growth stress test's load per role."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
    nice_ticks,
    plain,
    wrap,
    y_axis,
)

WIDTH = 560.0
Label = Callable[[float], str]


@dataclass(frozen=True)
class PeriodUse:
    """What the plan uses in one period (`used`) against what is available (`limit`)."""

    period: str
    used: float
    limit: float


@dataclass(frozen=True)
class UsagePanel:
    """One panel of the usage chart: a title naming the quantity and its unit, and the
    periods; `limit_name` says what the dashed mark is (budget, capacity)."""

    title: str
    limit_name: str
    periods: Sequence[PeriodUse]


def usage(panels: Sequence[UsagePanel], label: Label = plain) -> str | None:
    """Bars of use per period under a dashed mark of what is available, one panel each."""
    panels = [p for p in panels if p.periods]
    if not panels:
        return None
    panel_h, left, top_gap = 150.0, 70.0, 28.0
    height = len(panels) * (panel_h + top_gap) + 44
    words = "; ".join(
        f"{p.title}: "
        + ", ".join(f"{u.period} {label(u.used)} of {label(u.limit)}" for u in p.periods)
        for p in panels
    )
    canvas = Canvas(WIDTH, height, "Budget and capacity by period", words)
    for n, panel in enumerate(panels):
        top = n * (panel_h + top_gap) + top_gap
        bottom = top + panel_h - 34
        ticks = nice_ticks(
            0, max(max(u.used for u in panel.periods), max(u.limit for u in panel.periods), 1e-9), 4
        )
        values = Scale(0, ticks[-1], bottom, top)
        y_axis(canvas, values, ticks, left, WIDTH - 10, panel.title, label)
        step = (WIDTH - 10 - left) / len(panel.periods)
        for i, use in enumerate(panel.periods):
            x = left + i * step
            canvas.rect(
                x + step * 0.2,
                values(use.used),
                step * 0.6,
                bottom - values(use.used),
                MID,
                label=f"{use.period}: {label(use.used)} of {label(use.limit)}",
            )
            canvas.line(
                x + step * 0.1, values(use.limit), x + step * 0.9, values(use.limit), INK, 2, "4 2"
            )
            canvas.text(x + step / 2, bottom + 13, use.period, size=8.5, anchor="middle")
        canvas.line(left, bottom, WIDTH - 10, bottom, stroke=INK, width=0.8)
    keys = [
        Key("used by the plan", "box", MID),
        Key("available (budget, capacity)", "line", INK, "4 2"),
    ]
    legend(canvas, left, height - 10, keys, WIDTH - left)
    return canvas.render()


@dataclass(frozen=True)
class FrontierPoint:
    """The best plan's value (share of the weighted gap, 0-1) at a total upfront budget."""

    budget: float
    value: float


def frontier_chart(
    points: Sequence[FrontierPoint], knee: int, budget: float, currency: str, money: Label = plain
) -> str | None:
    """Plan value by total budget, the knee (diamond) and the strategy's budget (dashed)."""
    if not points:
        return None
    left, right, top, bottom = 62.0, 20.0, 30.0, 270.0 - 50
    height = 270.0
    spend = [p.budget for p in points] + [budget]
    xt = nice_ticks(min(spend), max(spend), 5)
    yt = nice_ticks(0, max(max(p.value * 100 for p in points), 1), 5)
    xs, ys = Scale(xt[0], xt[-1], left, WIDTH - right), Scale(0, yt[-1], bottom, top)
    chosen = points[knee]
    words = (
        "Best plan value by total upfront budget: "
        + ", ".join(f"{money(p.budget)} {p.value * 100:.1f}%" for p in points)
        + f". Knee at {money(chosen.budget)}; the strategy's budget is {money(budget)}."
    )
    canvas = Canvas(WIDTH, height, "Value against budget", words)
    y_axis(
        canvas,
        ys,
        yt,
        left,
        WIDTH - right,
        "Plan value (% of the weighted gap)",
        lambda v: f"{plain(v)}%",
    )
    for tick in xt:
        canvas.line(xs(tick), bottom, xs(tick), bottom + 4, stroke=INK, width=0.8)
        canvas.text(xs(tick), bottom + 15, money(tick), size=8.5, anchor="middle")
    canvas.line(left, bottom, WIDTH - right, bottom, stroke=INK, width=0.8)
    canvas.text(
        (left + WIDTH - right) / 2,
        bottom + 32,
        f"Total upfront budget ({currency})",
        anchor="middle",
        bold=True,
    )
    canvas.line(xs(budget), top, xs(budget), bottom, stroke=INK, width=1.2, dash="5 3")
    canvas.text(xs(budget) + 4, top + 10, "your budget")
    line = [(xs(p.budget), ys(p.value * 100)) for p in points]
    canvas.polyline(line, stroke=INK, width=1.6)
    for (x, y), p in zip(line, points, strict=True):
        canvas.circle(
            x, y, 2.6, label=f"{money(p.budget)}: {p.value * 100:.1f}% of the weighted gap"
        )
    kx, ky = line[knee]
    canvas.path(
        f"M{kx},{ky - 8} L{kx + 8},{ky} L{kx},{ky + 8} L{kx - 8},{ky} Z",
        fill=WHITE,
        stroke=INK,
        width=1.5,
    )
    canvas.circle(kx, ky, 2.6)
    canvas.text(kx + 10, ky + 14, "knee: best value per money")
    return canvas.render()


@dataclass(frozen=True)
class RoleLoadBar:
    """A role's hours needed over hours available (1 = full), without and with the plan."""

    role: str
    without_plan: float
    with_plan: float


def role_load(rows: Sequence[RoleLoadBar], scenario: str) -> str | None:
    """Load per role under a growth scenario, without (light) and with (dark) the plan."""
    rows = [r for r in rows if all(0 <= v < float("inf") for v in (r.without_plan, r.with_plan))]
    if not rows:
        return None
    left, row_h, top = 170.0, 30.0, 30.0
    bottom = top + row_h * len(rows)
    height = bottom + 60
    ticks = nice_ticks(0, max(1.0, *(max(r.without_plan, r.with_plan) for r in rows)) * 100, 5)
    xs = Scale(0, ticks[-1], left, WIDTH - 20)
    words = f"{scenario}: " + "; ".join(
        f"{r.role} {r.without_plan:.0%} without the plan, {r.with_plan:.0%} with it" for r in rows
    )
    canvas = Canvas(WIDTH, height, f"Load per role: {scenario}", words)
    for tick in ticks:
        canvas.line(xs(tick), top, xs(tick), bottom, stroke=GRID, width=0.8)
        canvas.text(xs(tick), bottom + 13, f"{plain(tick)}%", anchor="middle")
    canvas.text(left, top - 10, "Hours needed / hours available (%)", bold=True)
    for i, r in enumerate(rows):
        y = top + i * row_h
        for n, line in enumerate(wrap(r.role, left - 12, lines=2)):
            canvas.text(left - 6, y + 12 + 11 * n, line, anchor="end")
        canvas.rect(
            left,
            y + 4,
            xs(r.without_plan * 100) - left,
            10,
            LIGHT,
            label=f"{r.role} without the plan: {r.without_plan:.0%}",
        )
        canvas.rect(
            left,
            y + 15,
            xs(r.with_plan * 100) - left,
            10,
            DARK,
            label=f"{r.role} with the plan: {r.with_plan:.0%}",
        )
    canvas.line(left, top, left, bottom, stroke=INK, width=0.8)
    canvas.line(xs(100), top - 4, xs(100), bottom, stroke=INK, width=1.5, dash="5 3")
    keys = [
        Key("without the plan", "box", LIGHT),
        Key("with the plan", "box", DARK),
        Key("100% of capacity", "line", INK, "5 3"),
    ]
    legend(canvas, 10, height - 12, keys, WIDTH - 20)
    return canvas.render()
