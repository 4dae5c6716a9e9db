"""Gather everything a report shows from the engine's typed results; nothing is computed here.

A report renders results the engine computed: the evaluation (`headway.analysis.evaluate`), the
optimal plan and the efficient frontier (`headway.portfolio`), the growth stress test with the
plan, the readiness survey, the ethics review and talent gaps. The HTML, PDF and XLSX renderers
only format what `build_report` collects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from headway.analysis.defaults import DEFAULT_SCENARIOS
from headway.analysis.ethics import Finding, ethics_review
from headway.analysis.evaluate import Evaluation, evaluate
from headway.analysis.growth import GrowthResult, stress_tests
from headway.analysis.readiness import ReadinessResult, readiness_score
from headway.analysis.skills import TalentGap, talent_gaps
from headway.monitoring.history import IndexAt, index_history
from headway.monitoring.status import StatusReport, Tracking, tracking_status
from headway.portfolio.cashflow import PlanCashFlow, plan_cash_flow
from headway.portfolio.deadline import deadline_for, part_of
from headway.portfolio.frontier import Frontier, frontier
from headway.portfolio.planner import plan
from headway.portfolio.results import Plan, PlanSettings
from headway.portfolio.robustness import Robustness, robustness
from headway.strategy.model import Strategy

PLAN_SHARE = 2 / 3
"""Share of the time budget a report's plan may take with its explanations (docs/portfolio.md)."""


@dataclass(frozen=True)
class Report:
    """The results one report shows, and when and how they were made.

    `growth` is the stress test with the chosen plan in place (and, in each `RoleLoad`, without
    it); `cash` the chosen plan's cash flow by period and year at the likely estimates (the bank
    page); `frontier` is None when the strategy has no initiatives; `status` (the Alignment Index,
    benefit realization and KPI projections) only when the strategy is a workspace's with
    tracking data, with the `tracking` itself (for the KPI trend charts) and `index_history`
    (the Alignment Index at each month end); `robustness` (how often each initiative stays
    optimal across Monte Carlo scenarios) only when asked for, as it re-solves the plan once
    per scenario.
    """

    strategy: Strategy
    evaluation: Evaluation
    plan: Plan
    frontier: Frontier | None
    growth: tuple[GrowthResult, ...]
    readiness: ReadinessResult
    findings: tuple[Finding, ...]
    talent_gaps: tuple[TalentGap, ...]
    cash: PlanCashFlow
    made_on: dt.date
    seed: int
    status: StatusReport | None = None
    robustness: Robustness | None = None
    tracking: Tracking | None = None
    index_history: tuple[IndexAt, ...] = ()
    language: str = "en"


def build_report(
    strategy: Strategy,
    *,
    seed: int = 0,
    scenarios: int = DEFAULT_SCENARIOS,
    settings: PlanSettings | None = None,
    made_on: dt.date,
    frontier_points: int = 11,
    tracking: Tracking | None = None,
    robustness_scenarios: int = 0,
    workers: int | None = None,
    language: str = "en",
) -> Report:
    """Run the engine on `strategy` and collect the results a report shows.

    `seed` makes the Monte Carlo reproducible; `made_on` is the date printed on the cover
    (the caller's today); `settings` are the planner's (default: explained, proven optimal);
    `frontier_points` the number of budget levels the frontier is solved at; `tracking` (a
    workspace's measurements and status records) adds the monitoring status, scoped to this
    plan when no initiative is tracked;
    `robustness_scenarios` > 0 re-solves the plan in that many scenarios (`workers` processes,
    default the machine's cores, 0 in this process); `language` is the report's words' language
    (setting `report_language`), separate from the business locale of its numbers and dates.
    The plan, the frontier and the robustness share one deadline: the settings' time budget
    (`headway.portfolio.deadline`); the plan may take `PLAN_SHARE` of it (at least one solve's
    time limit), so the frontier always keeps some.
    """
    settings = settings or PlanSettings()
    deadline = deadline_for(settings)
    chosen_plan = plan(strategy, settings, deadline=part_of(deadline, settings, PLAN_SHARE))
    chosen = [d.initiative for d in chosen_plan.selected]
    report = Report(
        strategy=strategy,
        evaluation=evaluate(strategy, seed=seed, scenarios=scenarios),
        plan=chosen_plan,
        frontier=(
            frontier(strategy, replace(settings, explain=False), frontier_points, deadline=deadline)
            if strategy.initiatives
            else None
        ),
        growth=tuple(stress_tests(strategy, chosen)),
        readiness=readiness_score(strategy),
        findings=tuple(ethics_review(strategy)),
        talent_gaps=tuple(talent_gaps(strategy)),
        cash=plan_cash_flow(strategy, chosen_plan),
        made_on=made_on,
        language=language,
        seed=seed,
        robustness=_robust(strategy, chosen_plan, robustness_scenarios, seed, workers, deadline),
    )
    return report if tracking is None else with_tracking(report, tracking)


def _robust(
    strategy: Strategy,
    chosen_plan: Plan,
    scenarios: int,
    seed: int,
    workers: int | None,
    deadline: float | None,
) -> Robustness | None:
    """The plan re-solved in `scenarios` Monte Carlo draws, when asked and the plan chose any."""
    if scenarios <= 0 or not chosen_plan.selected:
        return None
    return robustness(
        strategy, chosen_plan, scenarios=scenarios, seed=seed, workers=workers, deadline=deadline
    )


def with_tracking(report: Report, tracking: Tracking) -> Report:
    """`report` with a workspace's tracking data: the monitoring status as of the report's
    `made_on`, scoped to the report's plan when no initiative is tracked, and the Alignment
    Index at each month end. Only this part changes when a measurement arrives, so a caller
    holding the report of the same strategy need not run the rest of the engine again."""
    strategy, made_on = report.strategy, report.made_on
    chosen = [d.initiative for d in report.plan.selected]
    status = tracking_status(
        strategy, tracking, made_on, planner_scope=lambda _: chosen, today=made_on
    )
    history = index_history(strategy, tracking, as_of=made_on, planner_scope=lambda _: chosen)
    return replace(report, status=status, tracking=tracking, index_history=tuple(history))
