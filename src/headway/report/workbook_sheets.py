"""The report workbook's sheets: each section's headers (with units) and rows of real values.

Rows hold the engine's numbers unchanged (money in the currency, shares 0-1, hours, days).
"""

from __future__ import annotations

from typing import Any, Literal

from headway.report.build import Report

Kind = Literal["text", "money", "share", "number", "whole", "bool", "auto"]
Header = tuple[str, Kind]
Sheet = tuple[str, list[Header], list[list[Any]]]


def sections(report: Report) -> list[Sheet]:
    """Every sheet of the report workbook, in order: name, headers with kinds, rows."""
    cur = report.strategy.business.currency
    return [
        _summary(report, cur),
        _goals(report),
        _gaps(report),
        _needs(report, cur),
        _initiatives(report, cur),
        _roadmap(report),
        _periods(report, cur),
        _limits(report),
        *([_robustness(report)] if report.robustness else []),
        *([_frontier(report, cur)] if report.frontier else []),
        *([_growth(report)] if report.growth else []),
        _readiness(report),
        _ethics(report),
        *([_scorecard(report)] if report.status else []),
        _assumptions(report),
    ]


def _summary(report: Report, cur: str) -> Sheet:
    plan, s = report.plan, report.strategy
    rows: list[list[Any]] = [
        ["Business", s.business.name, ""],
        ["Horizon", report.evaluation.horizon, ""],
        ["Plan status", plan.status, ""],
        ["Proven optimal", plan.proven_optimal, ""],
        ["Plan value", plan.value, "share of the weighted strategic gap (0-1)"],
        ["Gap closed at the end", plan.gap_closed_at_end, "share of the weighted strategic gap"],
        ["Value without budget limits", plan.unconstrained_value, "share of the weighted gap"],
        ["Upfront spend", plan.upfront_total, cur],
        ["Upfront budget", plan.budget_total, cur],
        ["NPV of the plan (likely)", plan.npv, cur],
        ["Initiatives chosen", len(plan.selected), "count"],
        ["Readiness used for planning", plan.readiness, "0-1"],
        ["Verdict", plan.verdict, ""],
        ["Monte Carlo scenarios", report.evaluation.scenarios, "count"],
        ["Seed", report.seed, ""],
        ["Made on", report.made_on.isoformat(), ""],
    ]
    return "summary", [("Item", "text"), ("Value", "auto"), ("Unit", "text")], rows


def _goals(report: Report) -> Sheet:
    weights = report.evaluation.goal_weights.weights
    rows = [
        [g.id, g.title, g.perspective.value, weights.get(g.id, 0.0)] for g in report.strategy.goals
    ]
    return (
        "goals",
        [("Goal", "text"), ("Title", "text"), ("Perspective", "text"), ("Weight (share)", "share")],
        rows,
    )


def _gaps(report: Report) -> Sheet:
    headers: list[Header] = [
        ("KPI", "text"),
        ("Name", "text"),
        ("Unit", "text"),
        ("Baseline (KPI unit)", "number"),
        ("Now (KPI unit)", "number"),
        ("Target (KPI unit)", "number"),
        ("Gap (KPI unit)", "number"),
        ("Achieved (share of gap)", "share"),
        ("Strategic weight (share)", "share"),
        ("Goals", "text"),
    ]
    rows = [
        [
            g.kpi,
            g.name,
            g.unit,
            g.baseline,
            g.current,
            g.target,
            g.gap,
            g.share_achieved,
            g.weight,
            ", ".join(g.goals),
        ]
        for g in report.evaluation.gaps
    ]
    return "kpi_gaps", headers, rows


def _needs(report: Report, cur: str) -> Sheet:
    headers: list[Header] = [
        ("Process", "text"),
        ("Name", "text"),
        ("Role", "text"),
        ("Hours a year", "number"),
        (f"Labour cost ({cur} a year)", "money"),
        (f"Error cost ({cur} a year)", "money"),
        ("Automation potential (share)", "share"),
        ("Automatable hours a year", "number"),
        ("Addressed by", "text"),
        ("Source", "text"),
    ]
    rows = [
        [
            n.process,
            n.name,
            n.role,
            n.hours_per_year,
            n.labour_cost_per_year,
            n.error_cost_per_year,
            n.automation_potential,
            n.automatable_hours_per_year,
            ", ".join(n.addressed_by),
            n.source.value,
        ]
        for n in report.evaluation.needs
    ]
    return "needs", headers, rows


def _initiatives(report: Report, cur: str) -> Sheet:
    criteria = (
        list(report.evaluation.initiatives[0].contributions)
        if report.evaluation.initiatives
        else []
    )
    headers: list[Header] = [
        ("Rank", "whole"),
        ("Initiative", "text"),
        ("Name", "text"),
        ("Score (0-1)", "number"),
        ("TOPSIS rank", "whole"),
        ("Alignment (share of weighted gap)", "share"),
        (f"Upfront ({cur})", "money"),
        (f"TCO ({cur})", "money"),
        (f"NPV likely ({cur})", "money"),
        (f"NPV P10 ({cur})", "money"),
        (f"NPV P50 ({cur})", "money"),
        (f"NPV P90 ({cur})", "money"),
        ("P(NPV > 0) (share)", "share"),
        ("Payback (months)", "number"),
        ("ROI (ratio)", "number"),
        ("Hours saved a year", "number"),
        *((f"Score part: {c} (0-1)", "number") for c in criteria),
        ("Verdict", "text"),
    ]
    rows = []
    for i in report.evaluation.initiatives:
        money, npv = i.financials, i.uncertainty.npv
        rows.append(
            [
                i.rank,
                i.initiative,
                i.name,
                i.score,
                i.topsis_rank,
                i.alignment.value,
                money.upfront,
                money.tco,
                money.npv,
                npv.p10,
                npv.p50,
                npv.p90,
                i.uncertainty.probability_npv_positive,
                money.payback_months,
                money.roi,
                money.hours_saved_per_year,
                *(i.contributions[c] for c in criteria),
                i.verdict,
            ]
        )
    return "initiatives", headers, rows


def _roadmap(report: Report) -> Sheet:
    headers: list[Header] = [
        ("Initiative", "text"),
        ("Name", "text"),
        ("In plan", "bool"),
        ("Starts (period)", "text"),
        ("Live from (period)", "text"),
        ("Alignment (share of weighted gap)", "share"),
        ("Why", "text"),
    ]
    rows = [
        [
            d.initiative,
            d.name,
            d.selected,
            d.start_label,
            d.live_label,
            d.alignment_value,
            "; ".join([*d.reasons, *(c.text for c in d.changes)]),
        ]
        for d in [*report.plan.selected, *report.plan.not_selected]
    ]
    return "roadmap", headers, rows


def _periods(report: Report, cur: str) -> Sheet:
    headers: list[Header] = [
        ("Period", "text"),
        ("Starting", "text"),
        ("In flight", "text"),
        (f"Upfront ({cur})", "money"),
        (f"Budget ({cur})", "money"),
        ("Effort (person-days)", "number"),
        ("Change capacity (person-days)", "number"),
        ("In flight (count)", "whole"),
        ("Max in flight (count)", "whole"),
        (f"Running costs ({cur} a month)", "money"),
        ("Gap closed (share)", "share"),
    ]
    rows = [
        [
            p.label,
            ", ".join(p.starting),
            ", ".join(p.in_flight),
            p.upfront,
            p.budget_per_period,
            p.effort_days,
            p.change_capacity_days,
            p.slots_used,
            p.max_in_flight,
            p.recurring_per_month,
            p.gap_closed,
        ]
        for p in report.plan.periods
    ]
    return "budget_by_period", headers, rows


def _limits(report: Report) -> Sheet:
    headers: list[Header] = [
        ("Limit", "text"),
        ("Available", "number"),
        ("Unit", "text"),
        ("Plan value if lifted (share)", "share"),
        ("Plan value if cut (share)", "share"),
        ("Cut by (share)", "share"),
        ("Binding", "bool"),
    ]
    rows = [
        [x.label, x.limit, x.unit, x.value_if_lifted, x.value_if_cut, x.cut_share, x.binding]
        for x in report.plan.sensitivities
    ]
    return "limits", headers, rows


def _robustness(report: Report) -> Sheet:
    assert report.robustness is not None
    headers: list[Header] = [
        ("Initiative", "text"),
        ("In plan", "bool"),
        ("Optimal in (share of scenarios)", "share"),
    ]
    rows = [[i.initiative, i.in_plan, i.share_of_scenarios] for i in report.robustness.items]
    return "robustness", headers, rows


def _frontier(report: Report, cur: str) -> Sheet:
    assert report.frontier is not None
    headers: list[Header] = [
        (f"Budget ({cur})", "money"),
        ("Plan value (share of weighted gap)", "share"),
        (f"Spent ({cur})", "money"),
        ("Initiatives (count)", "whole"),
        ("Proven optimal", "bool"),
        ("Chosen", "text"),
    ]
    rows = [
        [p.budget_total, p.value, p.spent, len(p.chosen), p.proven_optimal, ", ".join(p.chosen)]
        for p in report.frontier.points
    ]
    return "frontier", headers, rows


def _growth(report: Report) -> Sheet:
    headers: list[Header] = [
        ("Scenario", "text"),
        ("Role", "text"),
        ("Hours available per period", "number"),
        ("Hours needed per period", "number"),
        ("Load (share of capacity)", "share"),
        ("Hours needed with plan", "number"),
        ("Load with plan (share)", "share"),
    ]
    rows = [
        [
            g.scenario,
            r.role,
            r.capacity_hours,
            r.hours_needed,
            r.utilisation,
            r.hours_with_plan,
            r.utilisation_with_plan,
        ]
        for g in report.growth
        for r in g.roles
    ]
    return "growth", headers, rows


def _readiness(report: Report) -> Sheet:
    headers: list[Header] = [
        ("Dimension", "text"),
        ("Score (0-1)", "share"),
        ("Respondents", "whole"),
        ("Weak", "bool"),
        ("People disagree", "bool"),
    ]
    rows = [
        [d.name, d.score, d.respondents, d.weak, d.disagreement]
        for d in report.readiness.dimensions
    ]
    return "readiness", headers, rows


def _ethics(report: Report) -> Sheet:
    headers: list[Header] = [
        ("Initiative", "text"),
        ("Rule", "text"),
        ("Severity", "text"),
        ("Finding", "text"),
        ("Blocks approval", "bool"),
        ("Resolution", "text"),
    ]
    rows = [
        [
            x.initiative,
            x.rule,
            x.severity.value,
            x.message,
            x.blocks_approval,
            f"{x.resolution.by}, {x.resolution.date}: {x.resolution.why}" if x.resolution else None,
        ]
        for x in report.findings
    ]
    return "ethics", headers, rows


def _scorecard(report: Report) -> Sheet:
    assert report.status is not None
    index = report.status.index
    headers: list[Header] = [
        ("Aspect", "text"),
        ("Score (0-100)", "number"),
        ("Verdict", "text"),
        ("Evidence", "text"),
    ]
    rows: list[list[Any]] = [["Alignment Index", index.score, index.verdict.value, index.note]]
    rows += [[a.aspect, a.score, a.verdict.value, a.evidence] for a in index.aspects]
    return "alignment_scorecard", headers, rows


def _assumptions(report: Report) -> Sheet:
    s = report.strategy
    rows = [["assumption", text] for text in s.assumptions]
    rows += [["note", text] for text in report.evaluation.notes]
    rows += [["source", f"KPI baseline {k.id}: {k.baseline_source.value}"] for k in s.kpis]
    rows += [["source", f"process {p.id}: {p.source.value}"] for p in s.processes]
    return "assumptions", [("Kind", "text"), ("Text", "text")], rows
