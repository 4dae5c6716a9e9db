"""Charts read in black and white: every colour they use is a grey."""

from __future__ import annotations

import re

from headway.report import Report, charts

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


def test_every_chart_is_drawn_in_greys(bakery_report: Report) -> None:
    drawn = [
        charts.roadmap(bakery_report.plan, "en-IE"),
        charts.budget_and_capacity(bakery_report.plan, "EUR", "en-IE"),
        charts.frontier(bakery_report.frontier, "en-IE") if bakery_report.frontier else None,
        *(charts.growth(result, "en-IE") for result in bakery_report.growth),
    ]
    assert all(svg is not None for svg in drawn)
    for svg in drawn:
        assert svg is not None
        assert svg.startswith("<svg")
        assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
            'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
        )
        assert greys_only(svg) == []


def test_an_unknown_locale_falls_back_to_the_default_format(bakery_report: Report) -> None:
    assert charts.roadmap(bakery_report.plan, "xx-YY") is not None
