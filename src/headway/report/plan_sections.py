"""Report sections about the plan and the people: roadmap, budget, frontier, growth, readiness.

Every number comes from the engine's results in `Report`; these functions only format them.
"""

from __future__ import annotations

from collections.abc import Sequence

from headway.portfolio.results import Sensitivity
from headway.report import charts
from headway.report.build import Report
from headway.report.charts.from_results import (
    frontier_points,
    roadmap_bars,
    role_load_bars,
    usage_panels,
)
from headway.report.numbers import DASH, Numbers
from headway.report.numbers import sentence as _sentence
from headway.report.parts import Section, Table


def roadmap(report: Report, f: Numbers) -> Section:
    """The optimal roadmap as a chart and every decision with its reasons."""
    plan = report.plan
    rows = []
    for d in [*plan.selected, *plan.not_selected]:
        reasons = list(d.reasons) + [c.text for c in d.changes]
        rows.append(
            (
                d.name,
                "in" if d.selected else "out",
                d.start_label or DASH,
                d.live_label or DASH,
                f.gap(d.alignment_value),
                "; ".join(reasons),
            )
        )
    table = Table(
        ("Initiative", "In plan", "Starts", "Live from", "Alignment (% of weighted gap)", "Why"),
        rows,
        frozenset({4}),
    )
    tables = [table]
    gates = gates_table(report, f)
    if gates is not None:
        tables.append(gates)
    if report.robustness is not None:
        found = report.robustness
        names = {d.initiative: d.name for d in plan.decisions}
        tables.append(
            Table(
                ("Initiative", "In plan", "Optimal in (share of scenarios)"),
                [
                    (
                        names.get(i.initiative, i.initiative),
                        "in" if i.in_plan else "out",
                        f.percent(i.share_of_scenarios),
                    )
                    for i in found.items
                ],
                frozenset({2}),
                f"Robustness: the plan re-solved in {found.scenarios} Monte Carlo scenarios "
                f"(seed {found.seed}). {found.note}".strip(),
            )
        )
    return Section(
        "roadmap",
        "Roadmap",
        paragraphs=[plan.verdict, *([plan.proof] if plan.status == "time_limit" else [])],
        chart=charts.gantt(
            roadmap_bars(plan),
            plan.period_labels,
            f"{report.strategy.horizon.period.value.capitalize()} (start of each)",
        ),
        chart_caption="Each initiative is dark while being introduced and light once live"
        + ("; a pilot is mid-grey, its go/no-go gate a diamond." if plan.gates else "."),
        tables=tables,
    )


def gates_table(report: Report, f: Numbers) -> Table | None:
    """The plan's go/no-go gates: pilot, gate, criteria and, with tracking data, the decision
    (docs/method.md §12); None when the plan has no pilot."""
    plan = report.plan
    if not plan.gates:
        return None
    decided = {g.initiative: g for g in report.status.gates} if report.status else {}
    rows = []
    for gate in plan.gates:
        found = decided.get(gate.initiative)
        decision = found.evidence if found else "not tracked yet"
        rows.append(
            (
                gate.name,
                gate.pilot_start_label,
                f"{gate.label} ({gate.month})",
                f.money(gate.pilot_cost),
                f.percent(gate.scope),
                "; ".join(gate.criteria),
                decision,
            )
        )
    return Table(
        (
            "Initiative",
            "Pilot from",
            "Go/no-go gate",
            f"Pilot cost ({f.currency})",
            "Scope (share of the full effect)",
            "Go when",
            "Decision",
        ),
        rows,
        frozenset({3, 4}),
        "Decision gates: each pilot runs to its gate; the roll-out starts there on a go.",
    )


def budget(report: Report, f: Numbers) -> Section:
    """Budget and capacity used in each period, and what each limit is worth."""
    plan = report.plan
    rows = [
        (
            p.label,
            ", ".join(p.starting) or DASH,
            f.money(p.upfront),
            f.money(p.budget_per_period),
            f.number(p.effort_days, 1),
            f.number(p.change_capacity_days, 1),
            f"{p.slots_used} / {p.max_in_flight}",
            f.money(p.recurring_per_month),
            f.gap(p.gap_closed),
        )
        for p in plan.periods
    ]
    periods = Table(
        (
            "Period",
            "Starting",
            f"Upfront ({f.currency})",
            f"Budget ({f.currency})",
            "Effort (person-days)",
            "Capacity (person-days)",
            "In flight / max",
            f"Running ({f.currency} a month)",
            "Gap closed (% of weighted gap)",
        ),
        rows,
        frozenset({2, 3, 4, 5, 6, 7, 8}),
    )
    limits = limits_table(plan.sensitivities, plan.value, f)
    return Section(
        "budget",
        "Budget and capacity by period",
        chart=charts.usage(usage_panels(plan, f.currency), lambda v: f.number(v, 0)),
        chart_caption="Bars: used by the plan; dashed marks: available in the period.",
        tables=[periods, limits],
    )


def limits_table(found: Sequence[Sensitivity], value: float, f: Numbers) -> Table:
    """What each limit is worth to a plan of `value` (0-1): its size and unit, the plan's value
    with it lifted (% of the weighted gap) and whether it binds (the report's budget section,
    and the web plan page's answer when the plan left it to a request)."""
    return Table(
        ("Limit", "Available", "Unit", "Plan value if lifted (% of weighted gap)", "Binding"),
        [
            (
                x.label,
                f.number(x.limit, 1),
                x.unit,
                f.gap(x.value_if_lifted),
                "yes" if x.binding else "no",
            )
            for x in found
        ],
        frozenset({1, 3}),
        f"The plan is worth {f.gap(value)} of the weighted gap; a binding limit is one "
        "whose lifting raises that.",
    )


FRONTIER_TITLE = "Value against budget (efficient frontier)"


def frontier(report: Report, f: Numbers) -> Section | None:
    """The efficient frontier: the best plan value at each total budget."""
    found = report.frontier
    if found is None or not found.points:
        return (
            Section("frontier", FRONTIER_TITLE, paragraphs=[found.note])
            if found and found.note
            else None
        )
    rows = [
        (
            f.money(p.budget_total),
            f.gap(p.value),
            f.money(p.spent),
            str(len(p.chosen)),
            f.gap(p.value_per_thousand) if p.value_per_thousand is not None else DASH,
        )
        for p in found.points
    ]
    knee = found.points[found.knee]
    return Section(
        "frontier",
        FRONTIER_TITLE,
        paragraphs=[
            ("Each point is the best plan found for that total upfront budget. " + found.note)
            if found.note
            else "Each point is the proven best plan for that total upfront budget.",
            f"The knee, where more money starts buying less, is at "
            f"{f.money(knee.budget_total)} ({f.gap(knee.value)} of the weighted gap); your "
            f"budget is {f.money(found.current_budget)}.",
        ],
        chart=charts.frontier_chart(
            frontier_points(found), found.knee, found.current_budget, f.currency, f.money
        ),
        chart_caption="Diamond: the knee; dashed line: the budget in the strategy.",
        tables=[
            Table(
                (
                    f"Budget ({f.currency})",
                    "Plan value (% of weighted gap)",
                    f"Spent ({f.currency})",
                    "Initiatives",
                    f"Value per 1,000 {f.currency} (% of weighted gap)",
                ),
                rows,
                frozenset({0, 1, 2, 3, 4}),
            )
        ],
    )


def growth(report: Report, f: Numbers) -> Section | None:
    """The growth stress test: hours each role needs under each scenario, with and without plan."""
    if not report.growth:
        return None
    parts = []
    for result in report.growth:
        rows = [
            (
                r.name,
                f.number(r.capacity_hours, 0),
                f.number(r.hours_needed, 0),
                f.percent(r.utilisation),
                f.number(r.hours_with_plan, 0),
                f.percent(r.utilisation_with_plan),
            )
            for r in result.roles
        ]
        first = [
            f"{p.process} ({p.role}): can grow x{f.number(p.headroom, 1)} more"
            for p in result.breaks_first[:3]
        ]
        parts.append(
            Section(
                f"growth-{result.scenario}",
                result.name,
                chart=charts.role_load(role_load_bars(result), result.name),
                chart_caption="Light: without the plan; dark: with it; dashed: 100% of capacity.",
                tables=[
                    Table(
                        (
                            "Role",
                            "Hours available per period",
                            "Hours needed",
                            "Load (%)",
                            "Hours needed with plan",
                            "Load with plan (%)",
                        ),
                        rows,
                        frozenset({1, 2, 3, 4, 5}),
                    )
                ],
                bullets=["Breaks first: " + "; ".join(first) + "."] if first else [],
            )
        )
    return Section(
        "growth",
        "Growth stress test",
        paragraphs=[
            "Hours each role would need per period under each growth scenario, against its "
            "capacity (listed processes only)."
        ],
        parts=parts,
    )


def people(report: Report, f: Numbers) -> Section:
    """Readiness, talent gaps and ethics findings."""
    tables = []
    if report.readiness.assessed:
        tables.append(_readiness_table(report, f))
    if report.talent_gaps:
        tables.append(_talent_gaps_table(report, f))
    if report.findings:
        tables.append(_findings_table(report))
    return Section(
        "people",
        "People: readiness and ethics",
        paragraphs=[_readiness_paragraph(report, f)],
        bullets=list(report.readiness.notes),
        tables=tables,
    )


def _readiness_paragraph(report: Report, f: Numbers) -> str:
    """Overall readiness (or that it was not assessed) and the planned change capacity."""
    readiness = report.readiness
    return (
        (
            f"Organisational readiness: {f.percent(readiness.overall)} overall"
            if readiness.assessed
            else "Organisational readiness has not been assessed (nobody has answered the survey)"
        )
        + f"; change capacity is planned at {f.percent(readiness.change_capacity_factor)} "
        "of what the "
        f"team offers. {_sentence(report.plan.readiness_note)}"
    )


def _readiness_table(report: Report, f: Numbers) -> Table:
    """Each readiness dimension's score, respondents and whether it is weak or disputed."""
    return Table(
        ("Dimension", "Score (%)", "Respondents", "Note"),
        [
            (
                d.name,
                f.percent(d.score),
                str(d.respondents),
                "; ".join(
                    x for x, on in (("weak", d.weak), ("people disagree", d.disagreement)) if on
                )
                or DASH,
            )
            for d in report.readiness.dimensions
        ],
        frozenset({1, 2}),
    )


def _talent_gaps_table(report: Report, f: Numbers) -> Table:
    """Skills the initiatives need that no role has, with a suggested remedy and cost."""
    return Table(
        (
            "Skill missing",
            "Needed by",
            "Remedy",
            "For role",
            f"Suggested cost ({f.currency})",
        ),
        [
            (
                g.skill,
                ", ".join(g.needed_by),
                g.kind,
                g.role or DASH,
                f.money(g.suggestion.upfront_cost.likely),
            )
            for g in report.talent_gaps
        ],
        frozenset({4}),
        "Talent gaps: skills the initiatives need that no role has.",
    )


def _findings_table(report: Report) -> Table:
    """The ethics review's findings and how each was resolved (or that it is open)."""
    return Table(
        ("Initiative", "Rule", "Severity", "Finding", "Resolution"),
        [
            (
                x.initiative,
                x.rule,
                x.severity.value,
                x.message,
                f"{x.resolution.by}, {x.resolution.date}: {x.resolution.why}"
                if x.resolution
                else ("open - blocks approval" if x.blocks_approval else "open"),
            )
            for x in report.findings
        ],
        caption="Ethics review: personal data, automated decisions about people, displaced hours.",
    )
