"""The analysis computations the web app runs as background jobs: each a thin wrapper over one
engine call, its options plain JSON (so they hash into the job's key), its result the engine's
own `to_dict()` (as the command line's `--json`)."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import asdict
from typing import Any

from headway.analysis.evaluate import evaluate
from headway.monitoring.realignment import realign
from headway.portfolio.on_request import continue_plan, explain_limits
from headway.portfolio.planner import explain, plan
from headway.portfolio.robustness import robustness
from headway.portfolio.scenarios import scenario_result
from headway.report.build import build_report
from headway.report.html import render_html
from headway.report.pdf import render_pdf
from headway.report.workbook import report_to_xlsx
from headway.strategy.load import validate_data
from headway.strategy.model import Strategy
from headway.web.analysis import report_answer
from headway.web.job_task import Progress, kind
from headway.web.what_if import apply_what_if, plan_settings, planner_settings
from headway.workspace import guided


@kind("evaluation", "Evaluation with Monte Carlo")
def evaluation_job(
    strategy: Strategy, options: dict[str, Any], progress: Progress
) -> dict[str, Any]:
    """`headway evaluate --json` with options `seed` and `scenarios` (Monte Carlo draws)."""
    scenarios = int(options.get("scenarios", 2000))
    progress(0.1, f"Evaluating with {scenarios:,} Monte Carlo scenarios")
    return evaluate(strategy, seed=int(options.get("seed", 0)), scenarios=scenarios).to_dict()


@kind("plan", "Optimal plan")
def plan_job(strategy: Strategy, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """`headway plan --json`: the current version's optimal plan with its explanations."""
    progress(0.1, "Solving the plan and explaining each decision")
    return plan(strategy, planner_settings()).to_dict()


CONTINUE_FACTOR = 10
"""A continued proof may take this many times the plan's own time limit per solve."""


@kind("continue_plan", "The plan's proof, continued")
def continue_job(strategy: Strategy, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """`headway.continue_plan` of the plan under the options' what-if: solved again as the
    plan page solves it (stopped by its time limit), then planned on from that schedule for up
    to `CONTINUE_FACTOR` times the limit per solve. The continued plan's proof in words, its
    value and the stopped one's (0-1), and what it changes (`scenario_result`)."""
    what_if = options.get("what_if", {})
    changed = apply_what_if(strategy, what_if)
    progress(0.05, "Solving the plan again up to its time limit")
    stopped = plan(changed, plan_settings(what_if, planner_settings(explain=False)))
    limit = stopped.settings.time_limit
    longer = None if limit is None else CONTINUE_FACTOR * limit
    progress(0.3, "Continuing the proof" + (f" (up to {longer:g} s per solve)" if longer else ""))
    continued = continue_plan(changed, stopped, longer)
    return {
        "proof": continued.proof,
        "proven_optimal": continued.proven_optimal,
        "value": continued.value,
        "stopped_value": stopped.value,
        "change": asdict(scenario_result("continued", continued, stopped)),
    }


@kind("robustness", "Robustness under uncertainty")
def robustness_job(
    strategy: Strategy, options: dict[str, Any], progress: Progress
) -> dict[str, Any]:
    """How often each initiative is chosen over `scenarios` seeded Monte Carlo re-solves
    (`headway robustness --json`) of the plan under the options' what-if; solved in the
    worker's own process."""
    what_if = options.get("what_if", {})
    changed = apply_what_if(strategy, what_if)
    progress(0.05, "Solving the plan")
    chosen = plan(changed, plan_settings(what_if, planner_settings(explain=False)))
    scenarios = int(options.get("scenarios", 200))
    progress(0.2, f"Re-solving the plan in {scenarios} uncertain scenarios")
    seed = int(options.get("seed", 0))
    found = robustness(changed, chosen, scenarios=scenarios, seed=seed, workers=0)
    return found.to_dict()


@kind("report", "Evaluation, plan and frontier")
def report_job(strategy: Strategy, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The report's sections (evaluation, plan, frontier, growth, tracking) under the options'
    what-if (`headway.web.analysis.report_answer`)."""
    progress(0.1, "Evaluating (Monte Carlo), solving the plan, tracing the frontier")
    return report_answer(strategy, options)


@kind("explain", "Why an initiative is in or out")
def explain_job(strategy: Strategy, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """One initiative's full explanation (`headway.explain`) under the options' what-if: the
    plan's reasons and, for one left out, the smallest change that would bring it in."""
    what_if = options.get("what_if", {})
    changed = apply_what_if(strategy, what_if)
    progress(0.1, "Solving the plan")
    chosen = plan(changed, plan_settings(what_if, planner_settings(explain=False)))
    progress(0.5, "Re-solving with each limit raised")
    return asdict(explain(changed, chosen, str(options["initiative"])))


@kind("explain_limits", "Which limits bind")
def explain_limits_job(
    strategy: Strategy, options: dict[str, Any], progress: Progress
) -> dict[str, Any]:
    """`headway explain --limits --json` for the plan under the options' what-if: the plan's
    `value` (0-1) and each limit family's `Sensitivity` (`headway.explain_limits`), which a
    big plan leaves to this request."""
    what_if = options.get("what_if", {})
    changed = apply_what_if(strategy, what_if)
    progress(0.1, "Solving the plan")
    chosen = plan(changed, plan_settings(what_if, planner_settings(explain=False)))
    progress(0.3, "Re-solving with each limit lifted and cut")
    found = explain_limits(changed, chosen)
    return {"value": chosen.value, "sensitivities": [asdict(s) for s in found]}


@kind("compare", "Scenarios side by side")
def compare_job(strategy: Strategy, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The best plan of each named what-if in `scenarios`, compared with the first."""
    scenarios = list(options["scenarios"])
    settings = planner_settings(explain=False)
    plans = []
    for n, scenario in enumerate(scenarios):
        progress(0.1 + 0.8 * n / len(scenarios), f"Planning {scenario['name']}")
        what_if = scenario["what_if"]
        plans.append(plan(apply_what_if(strategy, what_if), plan_settings(what_if, settings)))
    results = [
        scenario_result(s["name"], p, plans[0]) for s, p in zip(scenarios, plans, strict=True)
    ]
    names = {i.id: i.name for i in strategy.initiatives}
    return {
        "currency": strategy.business.currency,
        "names": names,
        "results": [asdict(r) for r in results],
    }


@kind("realign", "Realignment with the previous version")
def realign_job(strategy: Strategy, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """`headway diff OLD NEW --json`: what the new version changes, and what to start, stop,
    continue or re-sequence given the initiatives under way (`tracked`)."""
    old = validate_data(options["old"], file="previous version")
    progress(0.1, "Planning both versions")
    tracked = dict(options.get("tracked", {}))
    found = realign(old, strategy, lambda s: plan(s, planner_settings(explain=False)), tracked)
    names = {i.id: i.name for i in [*old.initiatives, *strategy.initiatives]}
    return {"realignment": asdict(found), "names": names}


BANK_FORMATS = ("html", "pdf")
"""The formats of the bank page alone (its figures as formulas are the workbook's bank sheet)."""
REPORT_FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@kind("report_file", "Report file")
def report_file_job(
    strategy: Strategy, options: dict[str, Any], progress: Progress
) -> dict[str, Any]:
    """The report as `format` (html, pdf or xlsx, as `headway report`), base64 in `content`;
    with `part` "bank", only its page for the bank (html or pdf). The PDF needs WeasyPrint
    (a missing one is a failure saying what to install)."""
    progress(0.1, "Evaluating, planning and tracing the frontier")
    made_on = dt.date.fromisoformat(options["made_on"])
    report = build_report(strategy, settings=planner_settings(), made_on=made_on)
    chosen = str(options["format"])
    only = ("bank",) if options.get("part") == "bank" else None
    progress(0.7, f"Writing the {chosen.upper()} file")
    if chosen == "xlsx":
        content = report_to_xlsx(report)
    elif chosen == "pdf":
        content = render_pdf(render_html(report, only))
    else:
        content = render_html(report, only).encode("utf-8")
    return {"content": base64.b64encode(content).decode("ascii"), "format": chosen}


@kind("assumptions", "Which template figures move the plan most")
def assumptions_job(
    strategy: Strategy, options: dict[str, Any], progress: Progress
) -> dict[str, Any]:
    """The template figures still assumed in the draft `options["draft"]` (the raw document:
    its figures are moved one at a time), ranked by how much each moves the plan
    (`headway.workspace.guided.assumption_swings`), under `swings`."""
    progress(0.1, "Moving each template figure 25 % down and up")
    return {"swings": [asdict(s) for s in guided.assumption_swings(options["draft"])]}
