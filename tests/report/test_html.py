"""The HTML report: self-contained, every section, the engine's words and numbers."""

from __future__ import annotations

import re

from headway.report import Report, render_html


def test_report_is_one_self_contained_file(bakery_report: Report) -> None:
    html = render_html(bakery_report)
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["'](https?:|//)""", html)
    assert "@import" not in html and "url(" not in html
    assert html.count("<svg") >= 4


def test_every_section_is_present_with_the_engines_results(bakery_report: Report) -> None:
    html = render_html(bakery_report)
    for title in (
        "Executive summary",
        "Goals and gaps",
        "Initiatives, ranked",
        "Roadmap",
        "Budget and capacity by period",
        "Value against budget",
        "Growth stress test",
        "People: readiness and ethics",
        "Assumptions and sources",
    ):
        assert f">{title}" in html
    assert bakery_report.plan.verdict in html
    assert "€14,800" in html  # the plan's upfront total, in the bakery's locale (en_IE)
    assert "The plan maximises 80% strategic value" in html
    for assumption in bakery_report.strategy.assumptions:
        assert assumption.replace("&", "&amp;") in html


def test_user_text_is_escaped(bakery_report: Report) -> None:
    from dataclasses import replace

    business = bakery_report.strategy.business.model_copy(update={"name": "<b>Crust</b>"})
    strategy = bakery_report.strategy.model_copy(update={"business": business})
    html = render_html(replace(bakery_report, strategy=strategy))
    assert "&lt;b&gt;Crust&lt;/b&gt;" in html
    assert "<b>Crust</b>" not in html
