"""The report workbook's sheets: each section's headers (with units) and rows of real values.

Rows hold the engine's numbers unchanged (money in the currency, shares 0-1, hours, days); a
header's `Unit` gives the cell its format and scale (`headway.report.numbers.xlsx_cell`).
"""

from __future__ import annotations

from typing import Any, Literal

from headway.report.build import Report
from headway.report.gates_sheet import gates_sheet
from headway.report.numbers import Unit

Kind = Literal["text", "number", "bool", "auto"] | Unit
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
        *([gates_sheet(report)] if report.plan.gates else []),
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
    gap = "% of the weighted strategic gap"
    rows: list[list[Any]] = [
        ["Business", s.business.name, ""],
        ["Horizon", report.evaluation.horizon, ""],
        ["Plan status", plan.status, ""],
        ["Proven optimal", plan.proven_optimal, ""],
        ["How good the plan is known to be", plan.proof, ""],
        ["Plan value", (plan.value, Unit.gap), gap],
        ["Gap closed at the end", (plan.gap_closed_at_end, Unit.gap), gap],
        ["Value without budget limits", (plan.unconstrained_value, Unit.gap), gap],
        ["Upfront spend", (plan.upfront_total, Unit.money), cur],
        ["Upfront budget", (plan.budget_total, Unit.money), cur],
        ["NPV of the plan (risk-adjusted)", (plan.npv, Unit.money), cur],
        ["Initiatives chosen", (len(plan.selected), Unit.count), "count"],
        ["Readiness used for planning", (plan.readiness, Unit.share), "%"],
        ["Verdict", plan.verdict, ""],
        ["Monte Carlo scenarios", (report.evaluation.scenarios, Unit.count), "count"],
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
        [("Goal", "text"), ("Title", "text"), ("Perspective", "text"), ("Weight (%)", Unit.share)],
        rows,
    )


def _gaps(report: Report) -> Sheet:
    headers: list[Header] = [
        ("KPI", "text"),
        ("Name", "text"),
        ("Unit", "text"),
        ("Baseline (KPI unit)", Unit.kpi),
        ("Now (KPI unit)", Unit.kpi),
        ("Target (KPI unit)", Unit.kpi),
        ("Gap (KPI unit)", Unit.kpi),
        ("Achieved (% of gap)", Unit.share),
        ("Strategic weight (%)", Unit.share),
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
        ("Hours a year", Unit.hours),
        (f"Labour cost ({cur} a year)", Unit.money),
        (f"Error cost ({cur} a year)", Unit.money),
        ("Automation potential (%)", Unit.share),
        ("Automatable hours a year", Unit.hours),
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
        ("Rank", Unit.count),
        ("Initiative", "text"),
        ("Name", "text"),
        ("Score (0-100)", Unit.score),
        ("TOPSIS rank", Unit.count),
        ("Alignment (% of weighted gap)", Unit.gap),
        (f"Upfront ({cur})", Unit.money),
        (f"TCO ({cur})", Unit.money),
        (f"NPV likely ({cur})", Unit.money),
        (f"NPV P10 ({cur})", Unit.money),
        (f"NPV P50 ({cur})", Unit.money),
        (f"NPV P90 ({cur})", Unit.money),
        ("P(NPV > 0) (%)", Unit.share),
        ("Payback (months)", Unit.months),
        ("ROI (ratio)", "number"),
        ("Hours saved (hours a year)", Unit.hours),
        *((f"Score part: {c} (0-100)", Unit.score) for c in criteria),
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
        ("Alignment (% of weighted gap)", Unit.gap),
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
        (f"Upfront ({cur})", Unit.money),
        (f"Budget ({cur})", Unit.money),
        ("Effort (person-days)", Unit.days),
        ("Change capacity (person-days)", Unit.days),
        ("In flight (count)", Unit.count),
        ("Max in flight (count)", Unit.count),
        (f"Running costs ({cur} a month)", Unit.money),
        ("Gap closed (% of weighted gap)", Unit.gap),
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
        ("Plan value if lifted (% of weighted gap)", Unit.gap),
        ("Plan value if cut (% of weighted gap)", Unit.gap),
        ("Cut by (%)", Unit.share),
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
        ("Optimal in (% of scenarios)", Unit.share),
    ]
    rows = [[i.initiative, i.in_plan, i.share_of_scenarios] for i in report.robustness.items]
    if report.robustness.note:
        rows.append([report.robustness.note, None, None])
    return "robustness", headers, rows


def _frontier(report: Report, cur: str) -> Sheet:
    assert report.frontier is not None
    headers: list[Header] = [
        (f"Budget ({cur})", Unit.money),
        ("Plan value (% of weighted gap)", Unit.gap),
        (f"Spent ({cur})", Unit.money),
        ("Initiatives (count)", Unit.count),
        ("Proven optimal", "bool"),
        ("Chosen", "text"),
    ]
    rows = [
        [p.budget_total, p.value, p.spent, len(p.chosen), p.proven_optimal, ", ".join(p.chosen)]
        for p in report.frontier.points
    ]
    if report.frontier.note:
        rows.append([None, None, None, None, None, report.frontier.note])
    return "frontier", headers, rows


def _growth(report: Report) -> Sheet:
    headers: list[Header] = [
        ("Scenario", "text"),
        ("Role", "text"),
        ("Hours available per period", Unit.hours),
        ("Hours needed per period", Unit.hours),
        ("Load (% of capacity)", Unit.share),
        ("Hours needed with plan", Unit.hours),
        ("Load with plan (%)", Unit.share),
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
        ("Score (%)", Unit.share),
        ("Respondents", Unit.count),
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
