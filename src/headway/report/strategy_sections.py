"""Report sections about the strategy itself: summary, goals and gaps, ranking, assumptions.

Every number comes from the engine's results in `Report`; these functions only pick, order and
format them (locale and currency of the business) and add the words around them.
"""

from __future__ import annotations

from headway.report.build import Report
from headway.report.numbers import DASH, Numbers
from headway.report.numbers import sentence as _sentence
from headway.report.parts import Section, Table


def summary(report: Report, f: Numbers) -> Section:
    """The executive summary in plain words: gap, plan, cost, return, certainty."""
    plan = report.plan
    leads = [_gap_lead(report, f), ("The plan.", plan.verdict)]
    if plan.selected:
        leads.extend(_chosen_leads(report, f))
        leads.append(_certainty_lead(report, f))
    if report.findings:
        leads.append(_ethics_lead(report))
    return Section("summary", "Executive summary", leads=leads)


def _gap_lead(report: Report, f: Numbers) -> tuple[str, str]:
    """How many KPIs and goals the strategy weighs, and its three largest weighted gaps."""
    evaluation = report.evaluation
    top = sorted(evaluation.gaps, key=lambda g: -g.weight)[:3]
    gaps = "; ".join(
        f"{g.name}: from {f.number(g.current, 2)} to {f.number(g.target, 2)} {g.unit} "
        f"(weight {f.percent(g.weight)})"
        for g in top
    )
    return (
        "The gap.",
        f"The strategy weighs {len(evaluation.gaps)} KPIs across "
        f"{len(report.strategy.goals)} goals. The largest gaps by strategic weight are: "
        f"{gaps}.",
    )


def _chosen_leads(report: Report, f: Numbers) -> list[tuple[str, str]]:
    """The chosen initiatives in order of start, what they cost and what they return."""
    plan = report.plan
    last = plan.periods[-1] if plan.periods else None
    starts = ", ".join(f"{d.name} ({d.start_label})" for d in plan.selected)
    running = f.money(last.recurring_per_month) if last else DASH
    return [
        ("In order of start:", f"{starts}."),
        (
            "What it costs.",
            f"{f.money(plan.upfront_total)} upfront of a "
            f"{f.money(plan.budget_total)} budget, and running costs of {running} a month "
            f"once everything is live ({last.label if last else DASH}).",
        ),
        (
            "What it returns.",
            f"The chosen initiatives' net present value is "
            f"{f.money(plan.npv)} at the likely estimates, discounted at "
            f"{f.percent(report.strategy.horizon.discount_rate_per_year, 1)} a year.",
        ),
    ]


def _certainty_lead(report: Report, f: Numbers) -> tuple[str, str]:
    """How likely the chosen initiatives pay back, and how sure the solver is of the plan."""
    plan, evaluation = report.plan, report.evaluation
    by_id = {i.initiative: i for i in evaluation.initiatives}
    sure = [by_id[d.initiative].uncertainty.probability_npv_positive for d in plan.selected]
    return (
        "How sure we are.",
        f"Across {f.number(evaluation.scenarios, 0)} simulated scenarios "
        f"(seed {evaluation.seed}), the chance that a chosen initiative pays back "
        "(NPV > 0) "
        f"ranges from {f.percent(min(sure))} to {f.percent(max(sure))}. "
        + ("The plan is proven optimal." if plan.proven_optimal else _gap_text(plan.gap, f))
        + _robust_text(report, f),
    )


def _ethics_lead(report: Report) -> tuple[str, str]:
    """How many ethics findings there are and how many block approval."""
    blocking = [x for x in report.findings if x.blocks_approval]
    return (
        "People and ethics.",
        f"{len(report.findings)} ethics findings, "
        f"{len(blocking)} of them blocking approval until resolved. "
        f"{_sentence(report.plan.readiness_note)}",
    )


def _robust_text(report: Report, f: Numbers) -> str:
    found = report.robustness
    if found is None:
        return ""
    fragile = ", ".join(found.fragile_items)
    return (
        f" Re-planned in {found.scenarios} simulated scenarios, the same set of initiatives is "
        f"optimal in {f.percent(found.same_plan_share)} of them"
        + (f"; chosen but often not optimal: {fragile}." if fragile else ".")
    )


def _gap_text(gap: float, f: Numbers) -> str:
    return f"The solver stopped at its time limit within {f.percent(gap, 1)} of the optimum."


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
        why = ", ".join(f"{name.replace('_', ' ')} {f.number(value, 3)}" for name, value in best)
        figures.append(
            (
                str(item.rank),
                item.name,
                f.number(item.score, 3),
                f.gap(item.alignment.value),
                f.money(npv.p10),
                f.money(npv.p50),
                f.money(npv.p90),
                f.percent(item.uncertainty.probability_npv_positive),
                f.number(item.financials.payback_months, 1),
            )
        )
        reasons.append((str(item.rank), item.name, why, item.verdict))
    numbers = Table(
        (
            "Rank",
            "Initiative",
            "Score (0-1)",
            "Alignment (% of weighted gap)",
            f"NPV P10 ({f.currency})",
            f"NPV P50 ({f.currency})",
            f"NPV P90 ({f.currency})",
            "P(NPV > 0)",
            "Payback (months)",
        ),
        figures,
        frozenset({0, 2, 3, 4, 5, 6, 7, 8}),
        "Weighted-sum score over the criteria; alignment as a percentage of the weighted "
        "strategic gap (100% = the whole gap); NPV spread (P10-P90) from the Monte Carlo.",
    )
    explained = Table(
        ("Rank", "Initiative", "Largest parts of the score", "Verdict"),
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
    """The assumptions and sources behind the figures, and how the numbers were made."""
    from headway import __version__

    s = report.strategy
    sources = Table(
        ("Figure", "Source"),
        [(f"KPI baseline: {k.name}", k.baseline_source.value) for k in s.kpis]
        + [(f"Process figures: {p.name}", p.source.value) for p in s.processes],
    )
    method = [
        f"Monte Carlo: {f.number(report.evaluation.scenarios, 0)} scenarios from PERT "
        "distributions of "
        f"the three-point estimates, seed {report.evaluation.seed}.",
        "Portfolio: exact mixed-integer program solved with HiGHS"
        + (
            ", proven optimal."
            if report.plan.proven_optimal
            else f", stopped within {f.percent(report.plan.gap, 1)}."
        ),
        f"Money in {s.business.currency}; discount rate "
        f"{f.percent(s.horizon.discount_rate_per_year, 1)} a year.",
        f"Made on {f.date(report.made_on)} by Headway {__version__}.",
    ]
    return Section(
        "assumptions",
        "Assumptions and sources",
        bullets=list(s.assumptions) + list(report.evaluation.notes),
        tables=[sources],
        parts=[Section("method", "How the numbers were made", bullets=method)],
    )
