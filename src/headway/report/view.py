"""The report's content in reading order, shared by the HTML and PDF renderings."""

from __future__ import annotations

from typing import Any

from headway.report.appendix import appendix
from headway.report.bank import bank
from headway.report.build import Report
from headway.report.numbers import Numbers
from headway.report.plan_sections import budget, frontier, growth, people, roadmap
from headway.report.strategy_sections import assumptions, goals_and_gaps, initiatives
from headway.report.summary import summary
from headway.report.tracking_sections import scorecard


def numbers_for(report: Report) -> Numbers:
    """The number formatter for the report: the business's locale and currency, the report's
    language (separate settings)."""
    business = report.strategy.business
    return Numbers(business.locale, business.currency, report.language)


def context(report: Report) -> dict[str, Any]:
    """Everything the template needs: cover facts and the sections in reading order."""
    from headway import __version__  # at call time: the package imports this module

    f = numbers_for(report)
    s = report.strategy
    sections = [
        summary(report, f),
        goals_and_gaps(report, f),
        initiatives(report, f),
        roadmap(report, f),
        budget(report, f),
        bank(report, f),
        frontier(report, f),
        growth(report, f),
        people(report, f),
        scorecard(report, f),
        assumptions(report, f),
        appendix(report, f),
    ]
    return {
        "business": s.business.name,
        "industry": s.business.industry,
        "horizon": report.evaluation.horizon,
        "made_on": f.date(report.made_on),
        "currency": s.business.currency,
        "version": __version__,
        "lang": f.language,
        "sections": [section for section in sections if section is not None],
    }
