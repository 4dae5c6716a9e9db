"""The page for the bank: the plan's cash flow by year, funding needed and when, payback of the
whole plan, and the assumptions with their sources (`headway.portfolio.cashflow`).

The workbook's `bank` sheet (`headway.report.bank_sheet`) holds the same figures as formulas.
"""

from __future__ import annotations

from headway.portfolio.cashflow import PlanCashFlow
from headway.report.build import Report
from headway.report.numbers import DASH, Numbers
from headway.report.parts import Section, Table

ITEMS = (("upfront", "Upfront costs"), ("running", "Running costs"), ("benefits", "Benefits"))
"""The cash-flow lines in the order a business case lists them (then net and cumulative)."""


def funding_text(cash: PlanCashFlow, f: Numbers) -> str:
    """How much money the plan needs before it pays for itself, and by when."""
    if cash.funding_period is None:
        return "None: the plan's cumulative cash never goes below zero."
    return (
        f"{f.money(cash.funding_needed)}, needed by the end of "
        f"{cash.period_labels[cash.funding_period]}, when the plan's cumulative cash is lowest."
    )


def payback_text(cash: PlanCashFlow, f: Numbers) -> str:
    """When the whole plan has paid back what it cost (months from its first start)."""
    if cash.payback_months is None:
        return "Not within the planning horizon."
    return f"{f.months(cash.payback_months)} after the first initiative starts."


def bank(report: Report, f: Numbers) -> Section | None:
    """Cash flow by year, funding, payback and NPV of the plan at the likely estimates."""
    cash = report.cash
    if not cash.lines:
        return None
    rate = f.percent(report.strategy.horizon.discount_rate_per_year, 1)
    leads = [
        ("Funding needed.", funding_text(cash, f)),
        ("Payback of the whole plan.", payback_text(cash, f)),
        (
            "Net present value.",
            f"{f.money(cash.npv)} at the likely estimates, discounted at {rate} a year.",
        ),
    ]
    return Section(
        "bank",
        "Cash flow, funding and payback",
        leads=leads,
        tables=[_by_year(cash, f), _assumptions(cash, f)],
    )


def _by_year(cash: PlanCashFlow, f: Numbers) -> Table:
    totals = {
        "upfront": sum(y.upfront for y in cash.years),
        "running": sum(y.running for y in cash.years),
        "benefits": sum(y.benefits for y in cash.years),
    }
    rows = [
        (label, *(f.money(getattr(y, item)) for y in cash.years), f.money(totals[item]))
        for item, label in ITEMS
    ]
    rows.append(("Net", *(f.money(y.net) for y in cash.years), f.money(cash.net_total)))
    rows.append(("Cumulative", *(f.money(y.cumulative) for y in cash.years), DASH))
    columns = len(cash.years) + 2
    return Table(
        (f"Cash flow ({f.currency})", *(y.label for y in cash.years), "Total"),
        rows,
        frozenset(range(1, columns)),
        "At the likely value of every estimate, not discounted; costs are money out, net = "
        "benefits - upfront - running. The workbook's bank sheet holds the same figures as "
        "formulas.",
    )


def _assumptions(cash: PlanCashFlow, f: Numbers) -> Table:
    rows = [
        (
            a.label,
            f"{f.money(a.amount)} {a.per}".strip(),
            f"{f.money(a.low)} to {f.money(a.high)}" if a.low is not None else DASH,
            a.source,
        )
        for a in cash.assumptions
    ]
    return Table(
        ("Assumption", f"Likely ({f.currency})", f"Range ({f.currency})", "Source"),
        rows,
        frozenset({1, 2}),
        "What the cash flow rests on: each initiative's estimates and where its benefits come "
        "from (measured, estimated or assumed in the strategy document).",
    )
