"""SVG drawing for the charts: a canvas of shapes and text, linear scales and axes, in greys.

Pure Python and offline: a chart is a string of SVG that any browser, WeasyPrint and the web
pages show as it is. Every drawing carries a `<title>` and a `<desc>` (its text alternative)
and `role="img"`; marks are told apart by grey level, outline and dash pattern, never by hue.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

INK, DARK, MID, LIGHT, GRID = "#000000", "#404040", "#8c8c8c", "#d9d9d9", "#e6e6e6"
WHITE = "#ffffff"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
FONT_SIZE = 10.0
CHAR_WIDTH = 0.6
"""Average advance of a DejaVu Sans character as a share of the font size (for layout)."""


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The approximate width of `text` in user units at font `size`."""
    return len(text) * size * CHAR_WIDTH


def wrap(text: str, width: float, size: float = FONT_SIZE, lines: int = 3) -> list[str]:
    """`text` broken at spaces into at most `lines` lines that fit `width`; a word longer than
    the width stays whole (never cut), the last line takes whatever remains."""
    words, line = text.split(), ""
    out: list[str] = []
    for word in words:
        trial = f"{line} {word}".strip()
        if line and text_width(trial, size) > width and len(out) < lines - 1:
            out.append(line)
            line = word
        else:
            line = trial
    return [*out, line] if line else out


def num(value: float) -> str:
    """A coordinate as short text: at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


class Canvas:
    """An SVG drawing of `width` x `height` user units with a title and a text alternative."""

    def __init__(self, width: float, height: float, title: str, description: str) -> None:
        self.width, self.height = width, height
        self.title, self.description = title, description
        self.parts: list[str] = []

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        stroke: str = INK,
        width: float = 1.0,
        dash: str | None = None,
    ) -> None:
        """A straight line; `dash` is an SVG dash pattern such as "4 2"."""
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(
            f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
            f'stroke="{stroke}" stroke-width="{num(width)}"{dashed}/>'
        )

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str,
        stroke: str | None = INK,
        stroke_width: float = 0.6,
        label: str | None = None,
    ) -> None:
        """A rectangle; `label` becomes its tooltip and accessible name."""
        outline = f' stroke="{stroke}" stroke-width="{num(stroke_width)}"' if stroke else ""
        tip = f"<title>{escape(label)}</title>" if label else ""
        self.parts.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(w, 0))}" '
            f'height="{num(max(h, 0))}" fill="{fill}"{outline}>{tip}</rect>'
        )

    def path(
        self,
        d: str,
        fill: str = "none",
        stroke: str | None = INK,
        width: float = 1.0,
        dash: str | None = None,
        label: str | None = None,
        arrow: bool = False,
    ) -> None:
        """An SVG path `d`; `arrow` ends it with an arrowhead."""
        attrs = f' fill="{fill}"'
        if stroke:
            attrs += f' stroke="{stroke}" stroke-width="{num(width)}"'
        if dash:
            attrs += f' stroke-dasharray="{dash}"'
        if arrow:
            attrs += f' marker-end="url(#{self.ident}-arrow)"'
        tip = f"<title>{escape(label)}</title>" if label else ""
        self.parts.append(f'<path d="{d}"{attrs}>{tip}</path>')

    def polyline(
        self,
        points: Sequence[tuple[float, float]],
        stroke: str = INK,
        width: float = 1.5,
        dash: str | None = None,
    ) -> None:
        """Straight segments through `points`."""
        if len(points) < 2:
            return
        self.path(_segments(points), stroke=stroke, width=width, dash=dash)

    def polygon(self, points: Sequence[tuple[float, float]], fill: str, label: str = "") -> None:
        """A filled polygon without outline (a band)."""
        self.path(_segments(points) + " Z", fill=fill, stroke=None, label=label or None)

    def circle(
        self, x: float, y: float, r: float, fill: str = INK, label: str | None = None
    ) -> None:
        """A dot, with an outline so a white one still shows."""
        tip = f"<title>{escape(label)}</title>" if label else ""
        self.parts.append(
            f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="{fill}" '
            f'stroke="{INK}" stroke-width="0.8">{tip}</circle>'
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = FONT_SIZE,
        anchor: str = "start",
        bold: bool = False,
        rotate: float | None = None,
        fill: str = INK,
    ) -> None:
        """Text whose baseline starts (or is centred or ends, by `anchor`) at (x, y)."""
        weight = ' font-weight="bold"' if bold else ""
        turn = f' transform="rotate({num(rotate)} {num(x)} {num(y)})"' if rotate else ""
        self.parts.append(
            f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" '
            f'text-anchor="{anchor}" fill="{fill}"{weight}{turn}>{escape(text)}</text>'
        )

    @property
    def ident(self) -> str:
        """An id unique to this chart's title and text (several charts share one page)."""
        seed = f"{self.title}\n{self.description}".encode()
        return "c" + hashlib.sha1(seed, usedforsecurity=False).hexdigest()[:10]

    def render(self) -> str:
        """The SVG element; it scales to its container's width and keeps its proportions."""
        ident = self.ident
        arrow = (
            f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" '
            'orient="auto-start-reverse">'
            f'<path d="M0,1 L10,5 L0,9 Z" fill="{DARK}"/></marker></defs>'
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(self.width)} '
            f'{num(self.height)}" role="img" aria-labelledby="{ident}-t {ident}-d" '
            f'style="width:100%;height:auto;max-width:{num(self.width * 1.5)}px" '
            f"font-family={quoteattr(FONT)}>"
            f'<title id="{ident}-t">{escape(self.title)}</title>'
            f'<desc id="{ident}-d">{escape(self.description)}</desc>{arrow}'
            f'<rect width="100%" height="100%" fill="{WHITE}"/>' + "".join(self.parts) + "</svg>"
        )


def _segments(points: Sequence[tuple[float, float]]) -> str:
    first, *rest = points
    return f"M{num(first[0])},{num(first[1])}" + "".join(f" L{num(x)},{num(y)}" for x, y in rest)


@dataclass(frozen=True)
class Scale:
    """A linear map from data values (`low`-`high`) to positions (`start`-`end`)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering `low`-`high` (steps of 1, 2 or 5 times a power of ten)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    ticks, value = [], first
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def plain(value: float) -> str:
    """A tick label: grouped thousands, no trailing zeros."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def y_axis(
    canvas: Canvas,
    scale: Scale,
    ticks: Sequence[float],
    x: float,
    right: float,
    title: str,
    label: Callable[[float], str] = plain,
) -> None:
    """A value axis on the left at `x`: grid lines to `right`, tick labels and a title."""
    for tick in ticks:
        y = scale(tick)
        canvas.line(x, y, right, y, stroke=GRID, width=0.8)
        canvas.text(x - 4, y + 3.5, label(tick), anchor="end")
    canvas.line(x, scale.start, x, scale.end, stroke=INK, width=0.8)
    canvas.text(x, scale.end - 8, title, anchor="start", bold=True)


def x_axis_title(canvas: Canvas, x: float, y: float, title: str) -> None:
    """The title under a horizontal axis, centred at `x`."""
    canvas.text(x, y, title, anchor="middle", bold=True)


@dataclass(frozen=True)
class Key:
    """One entry of a legend: a `box` (filled), a `line` (with `dash`) or a `band`."""

    label: str
    kind: str
    fill: str = DARK
    dash: str | None = None


def legend(canvas: Canvas, x: float, y: float, keys: Sequence[Key], width: float) -> float:
    """Draw `keys` in rows starting at (x, y) within `width`; return the y below the legend."""
    cursor, row = x, y
    for key in keys:
        size = 22 + text_width(key.label) + 14
        if cursor > x and cursor + size > x + width:
            cursor, row = x, row + 16
        if key.kind == "line":
            canvas.line(
                cursor, row - 3.5, cursor + 16, row - 3.5, stroke=key.fill, width=2, dash=key.dash
            )
        else:
            stroke = INK if key.kind == "box" else None
            canvas.rect(cursor, row - 9, 16, 10, key.fill, stroke=stroke)
        canvas.text(cursor + 22, row, key.label)
        cursor += size
    return row + 12
