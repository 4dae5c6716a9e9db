"""Report sections about the strategy itself: goals and gaps, ranking, assumptions.

Every number comes from the engine's results in `Report`; these functions only pick, order and
format them (locale and currency of the business) and add the words around them.
"""

from __future__ import annotations

from headway.report.build import Report
from headway.report.numbers import DASH, Numbers, Unit
from headway.report.parts import Section, Table


def goals_and_gaps(report: Report, f: Numbers) -> Section:
    """Goals with their weights, every KPI's gap, and where process time goes."""
    tables = [_goals_table(report, f), _kpis_table(report, f), _needs_table(report, f)]
    unmoved = [c.name for c in report.evaluation.uncovered if not c.moved_by]
    bullets = [f"No initiative moves: {', '.join(unmoved)}."] if unmoved else []
    return Section("gaps", "Goals and gaps", tables=tables, bullets=bullets)


def _goals_table(report: Report, f: Numbers) -> Table:
    """Each goal's perspective, weight and KPIs."""
    weights = report.evaluation.goal_weights.weights
    return Table(
        ("Goal", "Perspective", "Weight (%)", "KPIs"),
        [
            (
                g.title,
                g.perspective.value,
                f.percent(weights.get(g.id, 0.0), 1),
                ", ".join(k.kpi for k in g.kpis),
            )
            for g in report.strategy.goals
        ],
        frozenset({2}),
    )


def _kpis_table(report: Report, f: Numbers) -> Table:
    """Every KPI's baseline, current value, target, gap and weight."""
    return Table(
        ("KPI", "Unit", "Baseline", "Now", "Target", "Due", "Gap", "Achieved (%)", "Weight (%)"),
        [
            (
                g.name,
                g.unit,
                f.number(g.baseline, 2),
                f.number(g.current, 2),
                f.number(g.target, 2),
                _due(report, g.kpi),
                f.number(g.gap, 2),
                f.percent(g.share_achieved),
                f.percent(g.weight, 1),
            )
            for g in report.evaluation.gaps
        ],
        frozenset({2, 3, 4, 6, 7, 8}),
        "Weight = goal weight x KPI weight within the goal; the gap is measured in the "
        "improving direction.",
    )


def _needs_table(report: Report, f: Numbers) -> Table:
    """The needs assessment: each process's hours, costs and automation potential."""
    return Table(
        (
            "Process",
            "Role",
            "Hours a year",
            f"Labour ({f.currency} a year)",
            f"Errors ({f.currency} a year)",
            "Automation potential (%)",
            "Addressed by",
        ),
        [
            (
                n.name,
                n.role,
                f.number(n.hours_per_year, 0),
                f.money(n.labour_cost_per_year),
                f.money(n.error_cost_per_year),
                f.percent(n.automation_potential),
                ", ".join(n.addressed_by) or DASH,
            )
            for n in report.evaluation.needs
        ],
        frozenset({2, 3, 4, 5}),
        "Where the time goes today: needs assessment of every process.",
    )


def _due(report: Report, kpi: str) -> str:
    return next((k.due for k in report.strategy.kpis if k.id == kpi), DASH)


def initiatives(report: Report, f: Numbers) -> Section:
    """Every initiative in rank order with its money, uncertainty and the reasons for its rank."""
    figures, reasons = [], []
    for item in report.evaluation.initiatives:
        npv = item.uncertainty.npv
        best = sorted(item.contributions.items(), key=lambda kv: -kv[1])[:2]
        why = ", ".join(f"{name.replace('_', ' ')} {f.score(value)}" for name, value in best)
        shown = f.estimate(item.financials.npv, npv.p10, npv.p90, Unit.money)
        figures.append(
            (
                str(item.rank),
                item.name,
                f.score(item.score),
                f.gap(item.alignment.value),
                shown.likely.text,
                f"{shown.low.text} to {shown.high.text}",
                f.percent(item.uncertainty.probability_npv_positive),
                f.text(item.financials.payback_months, Unit.months, with_unit=False),
            )
        )
        reasons.append((str(item.rank), item.name, why, item.verdict))
    numbers = Table(
        (
            "Rank",
            "Initiative",
            "Score (0-100)",
            "Alignment (% of weighted gap)",
            f"NPV, likely ({f.currency})",
            f"NPV range, P10 to P90 ({f.currency})",
            "Chance it pays back (%)",
            "Payback (months)",
        ),
        figures,
        frozenset({0, 2, 3, 4, 5, 6, 7}),
        "Each started in the first period. Terms (score, alignment, NPV, P10 to P90) are "
        "explained in the appendix.",
    )
    explained = Table(
        ("Rank", "Initiative", "Largest parts of the score (points of 100)", "Verdict"),
        reasons,
        frozenset({0}),
        "Why each initiative ranks where it does.",
    )
    weights = report.evaluation.criteria_weights.weights
    listed = ", ".join(f"{k.replace('_', ' ')} {f.percent(v)}" for k, v in weights.items())
    return Section(
        "initiatives",
        "Initiatives, ranked",
        paragraphs=[f"Criteria weights: {listed}."],
        tables=[numbers, explained],
    )


def assumptions(report: Report, f: Numbers) -> Section:
    """The assumptions and sources behind the figures (the method is in the appendix)."""
    s = report.strategy
    sources = Table(
        ("Figure", "Source"),
        [(f"KPI baseline: {k.name}", k.baseline_source.value) for k in s.kpis]
        + [(f"Process figures: {p.name}", p.source.value) for p in s.processes],
    )
    return Section(
        "assumptions",
        "Assumptions and sources",
        bullets=list(s.assumptions) + list(report.evaluation.notes),
        tables=[sources],
    )
