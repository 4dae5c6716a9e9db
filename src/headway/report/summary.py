"""The executive summary in plain words: what to do, what it costs, what it returns, when, what
could go wrong and what is not delivering. No technical term appears here (no TOPSIS, P10,
Monte Carlo or weighted gap): those are explained in the appendix (`report.appendix`).

Every figure comes from the engine's results in `Report`; money at the likely estimates.
"""

from __future__ import annotations

from headway.monitoring.projection import Track
from headway.monitoring.realization import Verdict
from headway.report.bank import funding_text
from headway.report.build import Report
from headway.report.numbers import Numbers
from headway.report.numbers import sentence as _sentence
from headway.report.parts import Section

Lead = tuple[str, str]


def summary(report: Report, f: Numbers) -> Section:
    """The executive summary: one short paragraph per question an owner or a bank asks."""
    leads = [_where(report, f), ("What to do.", _what_to_do(report, f))]
    if report.plan.selected:
        leads += [
            ("What it costs.", _costs(report, f)),
            ("What it returns.", _returns(report, f)),
            ("When.", _when(report, f)),
        ]
    leads.append(("What could go wrong.", _risks(report, f)))
    if report.status is not None:
        leads.append(("What is not delivering.", _not_delivering(report, f)))
    leads.append(
        (
            "How to read the figures.",
            "Money is at the likely value of each estimate; where a range is given, 8 in 10 "
            "simulated outcomes fall within it. The appendix explains every term and method.",
        )
    )
    return Section("summary", "Executive summary", leads=leads)


def _where(report: Report, f: Numbers) -> Lead:
    """The three targets that matter most and how far the business is from each."""
    top = sorted(report.evaluation.gaps, key=lambda g: -g.weight)[:3]
    listed = "; ".join(
        f"{g.name} from {f.number(g.current, 2)} to {f.number(g.target, 2)} {g.unit}" for g in top
    )
    return (
        "Where the business stands.",
        f"The strategy sets {len(report.evaluation.gaps)} targets under "
        f"{len(report.strategy.goals)} goals. The ones that matter most: {listed}.",
    )


def _what_to_do(report: Report, f: Numbers) -> str:
    plan = report.plan
    if not plan.selected:
        return _sentence(plan.verdict)
    order = ", ".join(f"{d.name} (from {d.start_label})" for d in plan.selected)
    return (
        f"Introduce {len(plan.selected)} of the {len(plan.decisions)} automation ideas, in this "
        f"order: {order}. Together they close {f.gap(plan.gap_closed_at_end)} of the distance "
        "to the targets by the end of the plan, counting each target by how much it matters."
    )


def _costs(report: Report, f: Numbers) -> str:
    plan = report.plan
    last = plan.periods[-1] if plan.periods else None
    running = f.money(last.recurring_per_month if last else None)
    return (
        f"{f.money(plan.upfront_total)} to set up, within a budget of "
        f"{f.money(plan.budget_total)}, then running costs of {running} a month once "
        f"everything is live. Money needed before the plan pays for itself: "
        f"{funding_text(report.cash, f)}"
    )


def _returns(report: Report, f: Numbers) -> str:
    cash = report.cash
    years = len(cash.years)
    by_id = {i.initiative: i for i in report.evaluation.initiatives}
    chances = [
        by_id[d.initiative].uncertainty.probability_npv_positive for d in report.plan.selected
    ]
    return (
        f"Likely {f.money(cash.net_total)} more cash than costs over the {years} "
        f"year{'s' if years != 1 else ''} planned, worth {f.money(cash.npv)} in today's money. "
        f"Each chosen initiative has a {f.percent(min(chances))} to {f.percent(max(chances))} "
        "chance of paying for itself within the plan."
    )


def _when(report: Report, f: Numbers) -> str:
    plan, cash = report.plan, report.cash
    lives = [d for d in plan.selected if d.live is not None]
    last = max(lives, key=lambda d: d.live or 0).live_label if lives else None
    payback = (
        "The whole plan does not pay back within the planning horizon."
        if cash.payback_months is None
        else f"The whole plan has paid back {f.months(cash.payback_months)} after the first "
        "initiative starts."
    )
    return (
        f"The first initiative starts in {plan.selected[0].start_label}"
        + (f" and the last is working from {last}" if last else "")
        + f". {payback}"
    )


def _risks(report: Report, f: Numbers) -> str:
    plan = report.plan
    parts: list[str] = []
    by_id = {i.initiative: i for i in report.evaluation.initiatives}
    if plan.selected:
        weakest = min(
            plan.selected, key=lambda d: by_id[d.initiative].uncertainty.probability_npv_positive
        )
        chance = by_id[weakest.initiative].uncertainty.probability_npv_positive
        parts.append(
            f"The least certain is {weakest.name}: its chance of paying for itself is "
            f"{f.percent(chance)}."
        )
    parts.append(_ethics_text(report))
    parts.append(_robust_text(report, f))
    if plan.status == "time_limit":
        parts.append(plan.proof)
    parts.append(_sentence(plan.readiness_note))
    return " ".join(p for p in parts if p)


def _robust_text(report: Report, f: Numbers) -> str:
    """How often the same choice stays best when the estimates turn out differently."""
    found = report.robustness
    if found is None:
        return ""
    names = {d.initiative: d.name for d in report.plan.decisions}
    fragile = ", ".join(names.get(i, i) for i in found.fragile_items)
    return (
        f"Re-planned in {found.scenarios} simulated scenarios, the same set of initiatives is "
        f"best in {f.percent(found.same_plan_share)} of them"
        + (f"; chosen but often not best: {fragile}." if fragile else ".")
    )


def _ethics_text(report: Report) -> str:
    """Findings on the planned initiatives only: those left out cannot block this plan."""
    chosen = {d.initiative for d in report.plan.selected}
    findings = [x for x in report.findings if x.initiative in chosen]
    blocking = [x for x in findings if x.blocks_approval]
    if not findings:
        return "The people-and-ethics review raises nothing on the planned initiatives."
    must = (
        f"{len(blocking)} must be resolved before the plan can be approved"
        if blocking
        else "none blocks approving the plan"
    )
    return (
        f"The people-and-ethics review raises {len(findings)} point"
        f"{'s' if len(findings) != 1 else ''} on the planned initiatives; {must}."
    )


def _not_delivering(report: Report, f: Numbers) -> str:
    """Initiatives whose measured effect falls short, and KPIs heading to miss their target."""
    status = report.status
    assert status is not None
    names = {d.initiative: d.name for d in report.plan.decisions}
    kpis = {k.id: k.name for k in report.strategy.kpis}
    failing = [
        f"{names.get(r.initiative, r.initiative)} on {kpis.get(r.kpi, r.kpi)} (measured "
        f"{f.number(r.improvement, 2)} {r.unit} against {f.number(r.expected.likely, 2)} "
        f"{r.unit} expected)"
        for r in status.realizations
        if r.verdict is Verdict.not_delivering
    ]
    off = [kpis.get(p.kpi, p.kpi) for p in status.projections if p.verdict is Track.off_track]
    parts = []
    if failing:
        parts.append(f"Not delivering: {'; '.join(failing)}.")
    if off:
        parts.append(f"Heading to miss the target by its date: {', '.join(off)}.")
    return " ".join(parts) or (
        f"Nothing measured so far falls short (data up to {f.date(status.as_of)})."
    )
