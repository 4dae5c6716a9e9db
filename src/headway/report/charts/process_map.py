"""The process map: a directly-follows graph with frequencies and times, busiest paths first.

Like the maps Disco and PM4Py show first: one box per activity (darker = more executions), an
arrow from each activity to the one that directly follows it in a case, thicker and darker the
more often it is taken, labelled with how often and the median time between the two. To stay
readable the map keeps the busiest activities and paths (`max_nodes`, `max_edges`) and says
how many it left out. Activities are placed top to bottom in the order cases run through them
(longest path from the start, loops and back steps drawn as curves on the right).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from headway.report.charts.svg import DARK, INK, LIGHT, MID, WHITE, Canvas, Key, legend, num, wrap

BOX_W, BOX_H, GAP_X, LAYER_H, MARGIN = 150.0, 34.0, 44.0, 74.0, 24.0
START, END = "▶ start", "■ end"


@dataclass(frozen=True)
class FlowEdge:
    """`target` directly follows `source` in a case `count` times, `median_s` seconds later."""

    source: str
    target: str
    count: int
    median_s: float | None = None


@dataclass(frozen=True)
class FlowMap:
    """What the map shows: executions per activity, the directly-follows edges, and how many
    cases start and end at each activity."""

    activities: Mapping[str, int]
    edges: Sequence[FlowEdge]
    starts: Mapping[str, int] = field(default_factory=dict)
    ends: Mapping[str, int] = field(default_factory=dict)


def duration_text(seconds: float | None) -> str:
    """A time span for people: seconds, minutes, hours or days ("-" when unknown)."""
    if seconds is None:
        return "-"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def busiest(flow: FlowMap, max_nodes: int, max_edges: int) -> tuple[list[str], list[FlowEdge]]:
    """The `max_nodes` most executed activities and the `max_edges` busiest edges among them
    (with the start and end edges), busiest first."""
    kept = sorted(flow.activities, key=lambda a: (-flow.activities[a], a))[:max_nodes]
    inside = set(kept)
    edges = [e for e in flow.edges if e.source in inside and e.target in inside]
    edges += [FlowEdge(START, a, n) for a, n in flow.starts.items() if a in inside]
    edges += [FlowEdge(a, END, n) for a, n in flow.ends.items() if a in inside]
    edges.sort(key=lambda e: (-e.count, e.source, e.target))
    return kept, edges[:max_edges]


def process_map(flow: FlowMap, max_nodes: int = 16, max_edges: int = 32) -> str | None:
    """The map as SVG (None for an empty log); see the module docstring."""
    nodes, edges = busiest(flow, max_nodes, max_edges)
    if not nodes:
        return None
    layers = _layers([START, *nodes, END], edges)
    rows = _order(layers, edges)
    width = max(560.0, max(len(r) for r in rows) * (BOX_W + GAP_X) + 2 * MARGIN + 60)
    height = len(rows) * LAYER_H + 2 * MARGIN + 40
    place = _positions(rows, width)
    inner = sum(e.source != START and e.target != END for e in edges)
    hidden = (len(flow.activities) - len(nodes), len(flow.edges) - inner)
    canvas = Canvas(width, height, "Process map", _description(flow, nodes, edges, hidden))
    top = max((e.count for e in edges), default=1)
    for edge in sorted(edges, key=lambda e: e.count):
        _edge(canvas, place, layers, edge, top)
    most = max(flow.activities[n] for n in nodes)
    for name, (x, y) in place.items():
        _node(canvas, name, x, y, flow.activities.get(name), most)
    keys = [
        Key("busier activity (darker)", "box", DARK),
        Key("busier path (thicker, darker)", "line", INK),
        Key("label: times taken, median time", "line", MID, "2 2"),
    ]
    legend(canvas, MARGIN, height - 10, keys, width - 2 * MARGIN)
    return canvas.render()


def _layers(names: list[str], edges: list[FlowEdge]) -> dict[str, int]:
    """Each node's layer: the longest path from the start over forward edges, where the edges
    closing a loop (found by a depth-first walk taking busy edges first) are left out."""
    out: dict[str, list[FlowEdge]] = defaultdict(list)
    for e in sorted(edges, key=lambda e: -e.count):
        out[e.source].append(e)
    state: dict[str, int] = {}
    forward: list[FlowEdge] = []

    def walk(node: str) -> None:
        state[node] = 1
        for e in out[node]:
            if state.get(e.target) == 1 or e.target == node:
                continue  # closes a loop
            forward.append(e)
            if e.target not in state:
                walk(e.target)
        state[node] = 2

    for name in names:
        if name not in state:
            walk(name)
    layer = dict.fromkeys(names, 0)
    for _ in names:  # longest path by relaxation; at most one pass per node in a DAG
        changed = False
        for e in forward:
            if layer[e.target] < layer[e.source] + 1:
                layer[e.target], changed = layer[e.source] + 1, True
        if not changed:
            break
    for name in names[1:-1]:
        layer[name] = max(layer[name], 1)  # only the start is on the first row
    layer[END] = max(layer[n] for n in names[:-1]) + 1  # and only the end on the last
    return layer


def _order(layers: dict[str, int], edges: list[FlowEdge]) -> list[list[str]]:
    """Nodes per layer, ordered by the mean position of their predecessors (two sweeps)."""
    rows: list[list[str]] = [[] for _ in range(max(layers.values()) + 1)]
    for name in layers:
        rows[layers[name]].append(name)
    rows = [r for r in rows if r]
    into: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        into[e.target].append(e.source)
    for _ in range(2):
        where = {n: i for row in rows for i, n in enumerate(row)}
        for row in rows[1:]:
            row.sort(key=lambda n: sum(where.get(p, 0) for p in into[n]) / max(len(into[n]), 1))
            where.update({n: i for i, n in enumerate(row)})
    return rows


def _positions(rows: list[list[str]], width: float) -> dict[str, tuple[float, float]]:
    """The centre of each node's box: rows top to bottom, each row centred."""
    place = {}
    for r, row in enumerate(rows):
        span = len(row) * BOX_W + (len(row) - 1) * GAP_X
        left = (width - 60 - span) / 2
        for i, name in enumerate(row):
            place[name] = (left + i * (BOX_W + GAP_X) + BOX_W / 2, MARGIN + r * LAYER_H + BOX_H / 2)
    return place


def _node(canvas: Canvas, name: str, x: float, y: float, count: int | None, most: int) -> None:
    """An activity's box, grey by how often it runs, with its name and executions."""
    if count is None:  # the start or end of the cases
        canvas.text(x, y + 4, name, anchor="middle", bold=True)
        return
    share = count / most if most else 0.0
    fill = ("#f2f2f2", LIGHT, MID, DARK)[min(3, int(share * 4))]
    ink = WHITE if fill in (MID, DARK) else INK
    canvas.rect(
        x - BOX_W / 2, y - BOX_H / 2, BOX_W, BOX_H, fill, label=f"{name}: {count:,} executions"
    )
    lines = wrap(name, BOX_W - 8, size=8.5, lines=2)
    for n, line in enumerate(lines):
        canvas.text(
            x, y - 4 + 10 * n - 5 * (len(lines) - 1), line, size=8.5, anchor="middle", fill=ink
        )
    canvas.text(x, y + 12, f"{count:,}", size=8, anchor="middle", fill=ink)


def _edge(
    canvas: Canvas,
    place: Mapping[str, tuple[float, float]],
    layers: Mapping[str, int],
    edge: FlowEdge,
    top: int,
) -> None:
    """A path from source to target: down-going curve, or around the right for a loop."""
    (x1, y1), (x2, y2) = place[edge.source], place[edge.target]
    share = edge.count / top
    width = 0.7 + 4.5 * share
    colour = INK if share > 0.5 else DARK if share > 0.15 else MID
    label = f"{edge.count:,}" + (
        f", {duration_text(edge.median_s)}" if edge.median_s is not None else ""
    )
    tip = f"{edge.source} → {edge.target}: {label}"
    right = BOX_W / 2
    if edge.source == edge.target:
        curve = [(x1 + right, y1 - 6), (x1 + right + 28, y1 - 22), (x1 + right + 28, y1 + 22)]
        end, (lx, ly) = (x1 + right, y1 + 6), (x1 + right + 24, y1 - 14)
    elif layers[edge.target] > layers[edge.source]:
        ys, yt = y1 + BOX_H / 2, y2 - BOX_H / 2
        bend = (yt - ys) / 2
        curve = [(x1, ys), (x1, ys + bend), (x2, yt - bend)]
        end, (lx, ly) = (x2, yt), ((x1 + x2) / 2 + 4, (ys + yt) / 2)
    else:
        out = max(x1, x2) + right + 30 + 6 * (layers[edge.source] - layers[edge.target])
        curve = [(x1 + right, y1), (out, y1), (out, y2)]
        end, (lx, ly) = (x2 + right, y2), (out - 4, (y1 + y2) / 2)
    (a, b), (c, e), (f, g) = curve
    d = f"M{num(a)},{num(b)} C{num(c)},{num(e)} {num(f)},{num(g)} {num(end[0])},{num(end[1])}"
    canvas.path(d, stroke=colour, width=width, label=tip, arrow=True)
    canvas.text(lx, ly, label, size=7.5, fill=INK)


def _description(
    flow: FlowMap, nodes: list[str], edges: list[FlowEdge], hidden: tuple[int, int]
) -> str:
    inner = [e for e in edges if e.source != START and e.target != END][:5]
    busiest_paths = "; ".join(
        f"{e.source} to {e.target} {e.count:,} times"
        + (f", median {duration_text(e.median_s)}" if e.median_s is not None else "")
        for e in inner
    )
    return (
        f"Process map of the {len(nodes)} most executed activities and the {len(edges)} busiest "
        f"paths between them, the start and the end ({hidden[0]} activities and {hidden[1]} "
        f"paths left out). Busiest paths: {busiest_paths}."
    )
