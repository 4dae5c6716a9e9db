"""The plan's cash flow as a bank reads it: by year, funding needed and payback of the whole plan.

Each chosen initiative's flows come from `analysis.finance.cash_flows` at its planned start and
at one point of its three-point estimates (the likely values by default): upfront at the start of
its start period, running costs and benefits from go-live (a KPI effect after its lag). The plan's
flows are their sums. Money in the currency; costs are positive numbers; net = benefits - upfront
- running. Funding needed is the deepest the cumulative net cash goes below zero at the end of any
period (the money the business must find before the plan pays for itself), not discounted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from headway.analysis.alignment import Point
from headway.analysis.finance import (
    CashFlows,
    FloatArray,
    cash_flows,
    estimate_at,
    payback_months,
    timing,
    value_streams,
)
from headway.portfolio.results import Plan
from headway.strategy.calendar import month_number, month_text, period_label
from headway.strategy.model import Strategy


@dataclass(frozen=True)
class FlowLine:
    """One line of the cash flow: an initiative's upfront, running or benefit money per period.

    `item` is `upfront`, `running` or `benefits`; `per_period` in the currency per period.
    """

    initiative: str
    name: str
    item: str
    per_period: tuple[float, ...]


@dataclass(frozen=True)
class YearFlow:
    """One plan year (12 months from the horizon's start month): sums in the currency.

    `cumulative` is the net cash from the horizon's start to the end of this year.
    """

    year: int
    label: str
    periods: tuple[int, ...]
    upfront: float
    running: float
    benefits: float
    net: float
    cumulative: float


@dataclass(frozen=True)
class Assumption:
    """A money figure the cash flow rests on and where it comes from.

    `amount` (currency, `per` says per what: "", "a month", "a period at full effect") is the
    point used; `low`/`high` the estimate's range when it has one; `source` is measured,
    estimated or assumed and what says so.
    """

    label: str
    amount: float
    per: str
    source: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class PlanCashFlow:
    """The whole plan's cash flow (currency, undiscounted except `npv`).

    `funding_needed` (>= 0) is the deepest cumulative shortfall at a period end and
    `funding_period` its 0-based period (None when the cumulative never goes below zero);
    `payback_months` counts from the first start until the cumulative net turns non-negative
    (None: not within the horizon); `npv` discounts the flows at the strategy's rate.
    """

    currency: str
    point: Point
    period_labels: tuple[str, ...]
    period_years: tuple[int, ...]
    lines: tuple[FlowLine, ...]
    years: tuple[YearFlow, ...]
    funding_needed: float
    funding_period: int | None
    payback_months: float | None
    npv: float
    assumptions: tuple[Assumption, ...]

    @property
    def net_total(self) -> float:
        """Net cash over the horizon (currency)."""
        return self.years[-1].cumulative if self.years else 0.0


def plan_cash_flow(strategy: Strategy, plan: Plan, point: Point = "likely") -> PlanCashFlow:
    """The cash flow of `plan`'s chosen initiatives at their planned starts, by period and year."""
    t = timing(strategy)
    flows = [cash_flows(strategy, d.initiative, d.start or 0, point) for d in plan.selected]
    names = {d.initiative: d.name for d in plan.selected}
    lines = tuple(
        FlowLine(f.initiative, names[f.initiative], item, values)
        for f in flows
        for item, values in (
            ("upfront", f.upfront),
            ("running", f.recurring),
            ("benefits", f.benefit),
        )
    )
    upfront, running, benefits = (
        _sum(lines, item, t.periods) for item in ("upfront", "running", "benefits")
    )
    net = benefits - upfront - running
    cumulative = np.cumsum(net)
    low = int(np.argmin(cumulative)) if len(cumulative) else 0
    short = len(cumulative) > 0 and cumulative[low] < 0
    per_year = max(1, 12 // t.months_per_period)
    years_of = tuple(p // per_year for p in range(t.periods))
    whole = CashFlows(
        "plan", min((f.start_period for f in flows), default=0), 0.0,
        tuple(upfront), tuple(running), tuple(benefits), (0.0,) * t.periods, tuple(net),
    )  # fmt: skip
    operating = benefits - running
    return PlanCashFlow(
        currency=strategy.business.currency,
        point=point,
        period_labels=tuple(period_label(strategy.horizon, p) for p in range(t.periods)),
        period_years=tuple(y + 1 for y in years_of),
        lines=lines,
        years=_years(strategy, years_of, upfront, running, benefits),
        funding_needed=float(-cumulative[low]) if short else 0.0,
        funding_period=low if short else None,
        payback_months=payback_months(whole, t.months_per_period) if flows else None,
        npv=float(operating @ t.end_factors - upfront @ t.start_factors),
        assumptions=_assumptions(strategy, plan, point),
    )


def _sum(lines: tuple[FlowLine, ...], item: str, periods: int) -> FloatArray:
    total = np.zeros(periods)
    for line in lines:
        if line.item == item:
            total += np.asarray(line.per_period)
    return total


def _years(
    strategy: Strategy,
    years_of: tuple[int, ...],
    upfront: FloatArray,
    running: FloatArray,
    benefits: FloatArray,
) -> tuple[YearFlow, ...]:
    first = month_number(strategy.horizon.start)
    out: list[YearFlow] = []
    cumulative = 0.0
    for year in sorted(set(years_of)):
        periods = tuple(p for p, y in enumerate(years_of) if y == year)
        sums = [float(sum(a[p] for p in periods)) for a in (upfront, running, benefits)]
        net = sums[2] - sums[0] - sums[1]
        cumulative += net
        start = first + 12 * year
        label = (
            f"{start // 12}"
            if start % 12 == 0
            else f"{month_text(start)} to {month_text(start + 11)}"
        )
        out.append(YearFlow(year + 1, label, periods, sums[0], sums[1], sums[2], net, cumulative))
    return tuple(out)


def _assumptions(strategy: Strategy, plan: Plan, point: Point) -> tuple[Assumption, ...]:
    """The estimates behind each chosen initiative's flows, and the sources of its benefits."""
    by_id = {i.id: i for i in strategy.initiatives}
    processes = {p.id: p for p in strategy.processes}
    kpis = {k.id: k for k in strategy.kpis}
    found: list[Assumption] = []
    for d in plan.selected:
        item = by_id[d.initiative]
        up, run = item.upfront_cost, item.recurring_cost_per_month
        found.append(
            Assumption(
                f"{item.name}: upfront", estimate_at(up, point), "", "estimated", up.low, up.high
            )
        )
        found.append(
            Assumption(
                f"{item.name}: running",
                estimate_at(run, point),
                "a month",
                "estimated",
                run.low,
                run.high,
            )
        )
        for stream in value_streams(strategy, item, point):
            if stream.value_per_period <= 0:
                continue
            if stream.kind == "kpi":
                kpi = kpis[stream.source]
                label, source = f"effect on {kpi.name}", kpi.value_source.value
            else:
                process = processes[stream.source]
                what = "time saved" if stream.kind == "hours" else "errors avoided"
                label, source = f"{what} in {process.name}", process.source.value
            found.append(
                Assumption(
                    f"{item.name}: {label}",
                    stream.value_per_period,
                    "a period at full effect",
                    source,
                )
            )
    return tuple(found)
