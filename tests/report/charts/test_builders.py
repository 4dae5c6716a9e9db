"""Every chart builder draws a well-formed SVG with a text alternative, axis titles with units,
greys only, and names that are wrapped, never cut."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from headway.report.charts import (
    FlowEdge,
    FlowMap,
    GanttBar,
    IndexPoint,
    KpiTrend,
    RealizationRow,
    alignment_over_time,
    gantt,
    kpi_trend,
    process_map,
    realization,
)
from headway.report.charts.svg import nice_ticks, wrap
from tests.report.test_charts import greys_only

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    """The visible text of `svg` (its <text> elements), after checking it parses as XML."""
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def check_accessible(svg: str | None) -> str:
    """The SVG exists, is an image with a title and a description, uses greys only."""
    assert svg is not None and svg.startswith("<svg")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and len(desc.text or "") > 20
    assert set((root.get("aria-labelledby") or "").split()) == {title.get("id"), desc.get("id")}
    assert greys_only(svg) == []
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    return svg


STOCKOUTS = KpiTrend(
    "Ingredient stock-outs",
    "per month",
    [date(2027, 1, 1) + timedelta(days=30 * i) for i in range(8)],
    [6.0, 5.4, 5.1, 4.4, 4.1, 3.5, 3.0, 2.6],
    target=0.5,
    due=date(2027, 12, 31),
    baseline=3.0,
    projected=0.0,
    low=0.0,
    high=1.2,
)


def test_kpi_trend_has_its_unit_target_due_date_and_projection() -> None:
    svg = check_accessible(kpi_trend(STOCKOUTS))
    shown = texts(svg)
    assert "Ingredient stock-outs (per month)" in shown  # the value axis title, with the unit
    assert "Month" in shown
    assert {"measured", "target 0.5", "projection", "80% range", "due date"} <= set(shown)
    assert "due 2027-12-31" in shown
    ticks = [float(t) for t in shown if t.replace(".", "").isdigit()]
    assert min(ticks) == 0  # the axis starts at the bounded projection, not below 0
    assert "Projected 0 per month at the due date (80% range 0 to 1.2)" in svg


def test_kpi_trend_without_projection_or_data() -> None:
    bare = KpiTrend(
        "Waste", "%", [date(2027, 1, 1), date(2027, 2, 1)], [9, 8.5], 6, date(2028, 6, 30)
    )
    shown = texts(check_accessible(kpi_trend(bare)))
    assert "projection" not in shown and "Waste (%)" in shown
    assert kpi_trend(KpiTrend("Waste", "%", [], [], 6, date(2028, 6, 30))) is None


def test_realization_compares_measured_with_expected_in_the_kpi_unit() -> None:
    rows = [
        RealizationRow(
            "Online invoicing with automatic payment reminders",
            "Hours a week spent on paperwork",
            "hours/week",
            2,
            3,
            4,
            3.13,
            2.33,
            3.93,
            "delivering",
        ),
        RealizationRow(
            "Own online pre-ordering",
            "Share of revenue online",
            "%",
            4,
            8,
            11,
            None,
            None,
            None,
            "not yet clear",
        ),
    ]
    svg = check_accessible(realization(rows))
    shown = texts(svg)
    assert "Measured effect, % of the expected (likely) effect" in shown
    words = " ".join(shown)
    assert "3.13 of 3 hours/week" in words and "not yet measured" in shown
    assert "100%" in shown and "0%" in shown
    assert "Online invoicing with automatic payment reminders" in " ".join(words.split())
    assert realization([]) is None


def test_alignment_over_time_spans_0_to_100_with_verdict_zones() -> None:
    points = [IndexPoint(date(2027, m, 28), s) for m, s in ((1, 81.6), (2, 69.7), (3, 65.5))]
    shown = texts(check_accessible(alignment_over_time(points)))
    assert "Alignment Index (0-100)" in shown
    assert {"aligned", "at risk", "misaligned", "0", "100"} <= set(shown)
    assert "2027-01" in shown and "2027-03" in shown
    assert alignment_over_time(points[:1]) is None


def test_gantt_keeps_full_names_and_has_a_legend() -> None:
    long_name = "Stock tracking with automatic reorder suggestions for every supplier"
    bars = [GanttBar(long_name, 2, 4, 8), GanttBar("Cloud till", 0, 1, 8, gates=(1,))]
    labels = [f"2027-Q{q}" for q in range(1, 5)] + [f"2028-Q{q}" for q in range(1, 5)]
    shown = texts(check_accessible(gantt(bars, labels, "Quarter (start of each)")))
    assert " ".join(t for t in shown if t in long_name) == long_name
    assert {"being introduced", "live", "go/no-go decision", "Quarter (start of each)"} <= set(
        shown
    )
    assert set(labels) <= set(shown)
    assert gantt([], labels) is None


def test_wrap_never_cuts_a_word_and_ticks_are_round() -> None:
    assert wrap("Supercalifragilistic word", 30) == ["Supercalifragilistic", "word"]
    assert " ".join(wrap("a b c d e f g h i j", 20, lines=2)) == "a b c d e f g h i j"
    assert nice_ticks(0.3, 9.6) == [0, 2, 4, 6, 8, 10]
    assert nice_ticks(61.8, 100) == [60, 70, 80, 90, 100]


def test_process_map_emphasises_the_busiest_paths_and_says_what_it_left_out() -> None:
    flow = FlowMap(
        {"Receive": 100, "Check": 90, "Fix": 12, "Ship": 95, "Rare": 1},
        [
            FlowEdge("Receive", "Check", 90, 300.0),
            FlowEdge("Check", "Ship", 80, 7200.0),
            FlowEdge("Check", "Fix", 10, 600.0),
            FlowEdge("Fix", "Check", 10, 60.0),
            FlowEdge("Fix", "Fix", 2, 30.0),
            FlowEdge("Receive", "Rare", 1, 5.0),
        ],
        {"Receive": 100},
        {"Ship": 95},
    )
    svg = check_accessible(process_map(flow, max_nodes=4))
    shown = texts(svg)
    assert {"Receive", "Check", "Fix", "Ship", "▶ start", "■ end"} <= set(shown)
    assert "Rare" not in shown  # the least executed activity is left out, and said so
    assert "(1 activities and 1 paths left out)" in svg
    assert "90, 5 min" in shown and "80, 2.0 h" in shown and "10, 60 s" in shown
    root = ET.fromstring(svg)
    widths = {
        (p.findtext(f"{SVG}title") or "").split(":")[0]: float(p.get("stroke-width") or 0)
        for p in root.iter(f"{SVG}path")
        if p.findtext(f"{SVG}title")
    }
    assert widths["Receive → Check"] > widths["Check → Fix"] > widths["Fix → Fix"]
    assert "Fix → Check" in widths  # the step back is drawn too
    assert process_map(FlowMap({}, [])) is None


def test_alignment_over_time_labels_never_overlap() -> None:
    # Month ends and a last point two weeks later: the last label would sit on the one before.
    days = [date(2027, m, 28) for m in range(1, 13)] + [date(2028, 1, 28), date(2028, 2, 10)]
    svg = check_accessible(alignment_over_time([IndexPoint(d, 70.0) for d in days]))
    root = ET.fromstring(svg)
    xs = sorted(
        float(t.get("x") or 0)
        for t in root.iter(f"{SVG}text")
        if len(t.text or "") == 7 and (t.text or "")[4] == "-"
    )
    assert len(xs) >= 4
    assert all(b - a >= 50 for a, b in itertools.pairwise(xs))
