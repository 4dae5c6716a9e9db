"""The appendix: every technical term the report uses, in plain words, and how the numbers were
made. The executive summary uses none of these terms; the tables name them and point here.
"""

from __future__ import annotations

from headway.report.build import Report
from headway.report.numbers import Numbers
from headway.report.parts import Section, Table

TERMS: tuple[tuple[str, str], ...] = (
    (
        "Weighted gap",
        "The distance from each KPI's value today to its target, each counted by how much its "
        "goal matters (goal weight × KPI weight within the goal). 100% is the whole distance.",
    ),
    (
        "Alignment",
        "The share of the weighted gap an initiative closes, as a percentage: its effect on "
        "each KPI divided by that KPI's gap (at most the whole gap), times the KPI's weight; a "
        "harm counts against it.",
    ),
    (
        "Plan value",
        "What the planner maximises: the share of the weighted gap the plan closes, averaged "
        "over the periods of the plan (closing it sooner is worth more), blended with part of "
        "its risk-adjusted NPV (the plan settings say how much), as a percentage.",
    ),
    (
        "Score (0-100)",
        "The weighted sum of the criteria (alignment, money, risk, ease, scalability, "
        "readiness fit), each scaled 0-100 before weighting.",
    ),
    (
        "TOPSIS",
        "A second ranking method (Hwang & Yoon 1981): ranks each initiative by how close it is "
        "to the ideal value on every criterion and how far from the worst; shown beside the "
        "score as a check.",
    ),
    (
        "NPV (net present value)",
        "Benefits minus costs over the plan, each discounted to today's money at the business's "
        "discount rate.",
    ),
    (
        "Risk-adjusted NPV",
        "The NPV times the chance the initiative is delivered as planned, given its risk and "
        "the team's readiness; the planner weighs this figure, the report shows the likely one.",
    ),
    (
        "Likely, P10, P50, P90",
        "Likely is the most likely value of a three-point estimate (low, likely, high). P10 and "
        "P90 bound the range in which 8 of 10 simulated outcomes fall (10% fall below P10, 10% "
        "above P90); P50 is the middle outcome.",
    ),
    (
        "Chance it pays back, P(NPV > 0)",
        "The share of simulated outcomes in which the initiative's NPV is above zero.",
    ),
    (
        "Monte Carlo",
        "Thousands of simulated outcomes, each drawing every estimate from a PERT distribution "
        "(a smooth curve from low to high, peaking at likely; Malcolm et al. 1959).",
    ),
    (
        "Payback",
        "Months from the start until the cumulative net cash (benefits minus costs, not "
        "discounted) turns positive.",
    ),
    (
        "Funding needed",
        "The lowest the plan's cumulative net cash goes below zero at the end of any period: "
        "the money to find before the plan pays for itself.",
    ),
    (
        "Efficient frontier",
        "The best plan value for each total budget: where more money starts buying less.",
    ),
    (
        "Alignment Index",
        "0-100: how aligned the automation effort is, from five aspects (resource use, "
        "productivity, decision-making, growth potential, employee morale).",
    ),
)
"""Each technical term the report uses and what it means, in plain words."""


def appendix(report: Report, f: Numbers) -> Section:
    """Terms explained, and how the numbers were made (simulation, solver, money, date)."""
    from headway import __version__

    s = report.strategy
    method = [
        f"Simulation: {f.number(report.evaluation.scenarios, 0)} outcomes from PERT "
        f"distributions of the three-point estimates, seed {report.evaluation.seed}.",
        "Plan: an exact mixed-integer program solved with HiGHS"
        + (
            ", proven optimal."
            if report.plan.proven_optimal
            else f", stopped by its time limit: {report.plan.proof}"
            if report.plan.status == "time_limit"
            else "."
        ),
        f"Money in {s.business.currency}; discount rate "
        f"{f.percent(s.horizon.discount_rate_per_year, 1)} a year. Figures are at the likely "
        "estimates unless a range or a risk adjustment is named.",
        f"Made on {f.date(report.made_on)} by Headway {__version__}.",
    ]
    return Section(
        "appendix",
        "Appendix: terms and methods",
        tables=[Table(("Term", "Meaning"), list(TERMS))],
        parts=[Section("method", "How the numbers were made", bullets=method)],
    )
