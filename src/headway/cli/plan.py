"""Commands `plan` and `frontier`: the optimal roadmap and the value-for-money curve."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich import box
from rich.table import Table

from headway.analysis.defaults import DEFAULT_NPV_WEIGHT

if TYPE_CHECKING:
    from headway.portfolio.frontier import Frontier
    from headway.portfolio.results import Plan, PlanSettings
    from headway.portfolio.robustness import Robustness
    from headway.portfolio.scenarios import ScenarioComparison
    from headway.report.numbers import Numbers
    from headway.strategy.model import Strategy
from headway.cli.app import (
    app,
    console,
    errors,
    fail,
    open_strategy,
    print_json,
    solve_settings,
    today,
)
from headway.cli.explanations import require_plan, show_binding, show_decision
from headway.cli.layout import Col, busy, say, show_table
from headway.cli.people import show_plan_ethics
from headway.cli.stores import document_store
from headway.errors import Problem

FILE = typer.Argument(..., help="Strategy document (headway.yaml or .json).")
JSON = typer.Option(False, "--json", help="Print the result as JSON.")
NPV_WEIGHT_OPTION = typer.Option(
    DEFAULT_NPV_WEIGHT,
    "--npv-weight",
    min=0.0,
    max=1.0,
    help="Share of the objective from risk-adjusted NPV (0-1; 0 = strategic value only).",
)
READINESS_OPTION = typer.Option(
    None,
    "--readiness",
    min=0.0,
    max=1.0,
    help="Readiness (0-1) checked against the high-risk threshold, instead of the survey's; "
    "change capacity still follows the survey.",
)
TIME_LIMIT_OPTION = typer.Option(
    None,
    "--time-limit",
    min=0.0,
    help="Seconds per solve; default: the plan_time_limit setting (0: prove optimality, "
    "however long it takes). All the solves share the plan_time_budget setting.",
)
SCENARIOS_OPTION = typer.Option(
    0, "--robustness", min=0, help="Re-plan in this many Monte Carlo scenarios (e.g. 200)."
)
EXPLAIN_OPTION = typer.Option(
    True, "--explain/--no-explain", help="Explain each decision (a few extra solves each)."
)
CHANGES_OPTION = typer.Option(
    False,
    "--changes",
    help="Also compute, for each initiative left out, the smallest raise of each limit that "
    "would bring it in (a solve per limit and initiative: slower).",
)
WHAT_IF_OPTION = typer.Option(
    False, "--what-if", help="Also plan standard what-ifs: more budget, one more person."
)
APPROVE_OPTION = typer.Option(
    False,
    "--approve",
    help="Record the plan as approved (approved-plan.yaml beside FILE); "
    "refused while a chosen initiative has an unresolved high ethics finding.",
)
APPROVED_BY_OPTION = typer.Option(None, "--by", help="Who approves (with --approve).")
LEARN_OPTION = typer.Option(
    False,
    "--learn",
    help="Plan a workspace with its estimates revised from what monitoring realised "
    "(measured KPI effects, actual costs; shown by headway status).",
)


@app.command()
def plan(
    file: str = FILE,
    as_json: bool = JSON,
    npv_weight: float = NPV_WEIGHT_OPTION,
    readiness: float | None = READINESS_OPTION,
    time_limit: float | None = TIME_LIMIT_OPTION,
    scenarios: int = SCENARIOS_OPTION,
    explain: bool = EXPLAIN_OPTION,
    changes: bool = CHANGES_OPTION,
    what_if: bool = WHAT_IF_OPTION,
    approve: bool = APPROVE_OPTION,
    approved_by: str | None = APPROVED_BY_OPTION,
    learn: bool = LEARN_OPTION,
) -> None:
    """The provably best roadmap: what to start when, totals per period, and why."""
    from headway.portfolio.deadline import deadline_for
    from headway.portfolio.planner import plan as make_plan
    from headway.portfolio.robustness import robustness
    from headway.portfolio.scenarios import compare_scenarios, standard_what_ifs
    from headway.report.numbers import Numbers

    strategy = open_strategy(file)
    settings = replace(
        solve_settings(time_limit),
        readiness=readiness,
        npv_weight=npv_weight,
        explain=explain,
        smallest_changes=changes,
    )
    deadline = deadline_for(settings)  # one time budget for every solve of the command
    if learn:
        strategy = _learned(file, quiet=as_json)
    if approve:
        result = _approve(file, settings, approved_by)
    else:
        with busy(errors, "planning: proving the best roadmap"):
            result = make_plan(strategy, settings, deadline=deadline)
    require_plan(result, file)
    robust = (
        robustness(strategy, result, scenarios=scenarios, deadline=deadline) if scenarios else None
    )
    compared = (
        compare_scenarios(strategy, standard_what_ifs(strategy), settings, deadline=deadline)
        if what_if
        else None
    )
    if as_json:
        print_json(_plan_json(strategy, result, robust, compared))
        return
    shown = Numbers.of(strategy.business)
    show_plan(result, shown)
    show_plan_ethics(strategy, result)
    if robust:
        show_robustness(robust, shown)
    if compared:
        show_comparison(compared, shown)


def _plan_json(
    strategy: Strategy,
    result: Plan,
    robust: Robustness | None,
    compared: ScenarioComparison | None,
) -> dict[str, Any]:
    """`plan --json`: the plan, its robustness and what-ifs, and the chosen ones' findings."""
    from headway.analysis.ethics import ethics_review

    data: dict[str, Any] = result.to_dict()
    data["robustness"] = robust.to_dict() if robust else None
    data["what_if"] = compared.to_dict() if compared else None
    chosen = set(data["selected"])
    data["ethics"] = [f.to_dict() for f in ethics_review(strategy) if f.initiative in chosen]
    return data


def _approve(file: str, settings: PlanSettings, by: str | None) -> Plan:
    """`plan --approve`: approve the plan, or exit 1 naming what blocks it."""
    from headway.workspace import approve_plan
    from headway.workspace.approval import ApprovalRefusedError
    from headway.workspace.folder import APPROVAL_FILE

    approver = (by or "").strip() or typer.prompt("Approved by (name and role)").strip()
    if not approver:
        fail("--approve needs the name of the person approving (--by NAME)")
    outcome = approve_plan(document_store(file), by=approver, on=today(), settings=settings)
    if outcome.approval is None:
        raise ApprovalRefusedError(list(outcome.blockers), file)
    # On stderr, so `headway plan --approve --json` still prints one JSON document.
    errors.print(f"[green]approved[/green]: plan recorded in {APPROVAL_FILE} beside {file}")
    return outcome.plan


def _short(label: str) -> str:
    """`2027-Q1` -> `27Q1`, `2027-01` -> `27-01`: narrow Gantt columns."""
    return label[2:].replace("-Q", "Q")


GANTT_LEGEND = "### being introduced (in flight); === live and delivering."
PILOT_LEGEND = "~~~ pilot, with its go/no-go gate at its end; "


def gantt(result: Plan) -> Table | None:
    """A text Gantt chart: '~~~' pilot, '###' being introduced (in flight), '===' live, per
    period; None when the periods do not fit the terminal beside the longest id."""
    longest = max((len(d.initiative) for d in result.selected), default=0)
    if longest + 2 + 6 * len(result.period_labels) > console.width:
        return None
    table = Table(title="Roadmap", title_justify="left", box=box.SIMPLE, padding=(0, 1))
    table.add_column("initiative", no_wrap=True, min_width=longest)
    for label in result.period_labels:
        table.add_column(_short(label), justify="center", no_wrap=True)
    gates = {g.initiative: g.period for g in result.gates}
    for decision in result.selected:
        start, live = decision.start or 0, decision.live or 0
        rollout = gates.get(decision.initiative, start)
        cells = [
            "" if p < start else "~~~" if p < rollout else "###" if p < live else "==="
            for p in range(len(result.period_labels))
        ]
        table.add_row(decision.initiative, *cells)
    return table


def totals_table(result: Plan, f: Numbers) -> None:
    """Per period: upfront spend, change effort, slots, running costs, gap closed."""
    c = f.currency
    columns = [
        Col("period", "id"), Col(f"upfront / budget ({c})", "money"),
        Col("effort / capacity (person-days)", "number"), Col("in flight / max", "number"),
        Col(f"running ({c} a month)", "money"), Col("gap closed (% of weighted gap)", "number"),
    ]  # fmt: skip
    rows = [
        (
            p.label,
            f"{f.money(p.upfront)} / {f.money(p.budget_per_period)}",
            f"{f.number(p.effort_days, 1)} / {f.number(p.change_capacity_days, 1)}",
            f"{p.slots_used} / {p.max_in_flight}",
            f.money(p.recurring_per_month),
            f.gap(p.gap_closed),
        )
        for p in result.periods
    ]
    show_table(console, "Totals per period, used / limit", columns, rows)


def show_plan(result: Plan, f: Numbers) -> None:
    """Print the plan for a person: verdict, Gantt, totals, decisions and binding limits."""
    say(console, result.readiness_note, lead=f"{result.business} —", style="bold")
    say(console, result.verdict)
    if not result.proven_optimal and result.proof:
        say(console, result.proof)
    if not result.decisions:
        return
    chart = gantt(result)
    if chart is not None:
        console.print(chart)
        say(console, (PILOT_LEGEND if result.gates else "") + GANTT_LEGEND, indent=2)
    for gate in result.gates:
        say(
            console,
            f"{gate.initiative}: pilot from {gate.pilot_start_label}, go/no-go gate at the start "
            f"of {gate.label} ({gate.month}); go when " + "; ".join(gate.criteria) + ".",
            lead="Gate",
            indent=2,
        )
    totals_table(result, f)
    say(
        console,
        f"Upfront {f.money(result.upfront_total)} of {f.money(result.budget_total)}; gap closed "
        f"by the last period {f.gap(result.gap_closed_at_end)} of the weighted gap; NPV of the "
        f"chosen initiatives (risk-adjusted) {f.money(result.npv)}.",
    )
    console.print("\n[bold]In the plan[/bold]")
    for d in result.selected:
        show_decision(d)
    console.print("\n[bold]Left out[/bold]")
    for d in result.not_selected:
        show_decision(d)
    if result.not_selected and result.settings.explain and not result.settings.smallest_changes:
        say(console, "(the smallest change that would bring each in: add --changes)", indent=2)
    show_binding(result.sensitivities, f)


def show_robustness(robust: Robustness, f: Numbers) -> None:
    """Print how often each initiative is optimal across Monte Carlo scenarios (shares as the
    report writes them)."""
    flag = "[red]fragile[/red]" if robust.fragile else "[green]robust[/green]"
    console.print(
        f"\n[bold]Robustness[/bold] over {robust.scenarios} scenarios (seed {robust.seed}): "
        f"{flag}; the same set is optimal in {f.percent(robust.same_plan_share)} of them"
    )
    for item in sorted(robust.items, key=lambda x: -x.share_of_scenarios):
        mark = "in " if item.in_plan else "out"
        console.print(f"  {mark} {item.initiative:<28} {f.percent(item.share_of_scenarios):>5}")
    if robust.note:
        say(console, robust.note)


def show_comparison(compared: ScenarioComparison, f: Numbers) -> None:
    """Print the what-if scenarios side by side (figures by the number model `f`)."""
    from headway.report.numbers import Unit

    table = Table(title="What-if scenarios", title_justify="left")
    value, upfront = f.header("value", Unit.gap), f.header("upfront", Unit.money)
    for name in ("scenario", value, upfront, "starts", "stops"):
        table.add_column(name)
    for r in compared.results:
        table.add_row(
            r.name,
            f.gap(r.value),
            f.money(r.upfront_total),
            ", ".join(r.starts),
            ", ".join(r.stops),
        )
    console.print(table)
    if compared.note:
        say(console, compared.note)


@app.command(name="frontier")
def frontier_command(
    file: str = FILE,
    as_json: bool = JSON,
    points: int = typer.Option(11, "--points", min=2, max=101, help="Budget levels to solve."),
) -> None:
    """Optimal value across total budgets (the efficient frontier) and its knee."""
    from headway.portfolio.frontier import frontier
    from headway.report.numbers import Numbers

    strategy = open_strategy(file)
    curve = frontier(strategy, replace(solve_settings(), explain=False), points)
    if as_json:
        print_json(curve.to_dict())
        return
    show_frontier(curve, Numbers.of(strategy.business))


def show_frontier(curve: Frontier, f: Numbers) -> None:
    """Print the frontier as a table with a bar per point (figures by the number model `f`):
    value as a share of the weighted gap, and what each 1,000 more of the budget adds to it."""
    from headway.report.numbers import Unit

    top = max((p.value for p in curve.points), default=0.0) or 1.0
    rows = []
    for index, p in enumerate(curve.points):
        marks = ["knee"] if index == curve.knee else []
        marks += ["yours"] if p.budget_total == curve.current_budget else []
        marginal = "" if p.value_per_thousand is None else f.percent(p.value_per_thousand, 2)
        budget = f.money(p.budget_total) + (f" ({', '.join(marks)})" if marks else "")
        bar = "█" * round(12 * p.value / top)
        rows.append((budget, f.gap(p.value), bar, f.money(p.spent), marginal, str(len(p.chosen))))
    columns = [
        Col(f.header("total budget", Unit.money), "money"),
        Col(f.header("value", Unit.gap), "number"),
        Col(""),
        Col(f.header("spent", Unit.money), "money"),
        Col("value per 1,000 more", "number"),
        Col("initiatives", "number"),
    ]
    show_table(console, "Efficient frontier", columns, rows)
    if curve.note:
        say(console, curve.note)
    last = curve.points[-1] if curve.points else None
    if last is not None and curve.current_budget > last.budget_total:
        console.print(
            f"Your total budget ({f.money(curve.current_budget)}) is beyond "
            f"{f.money(last.budget_total)}: more money buys nothing under the other limits."
        )


def _learned(file: str, *, quiet: bool) -> Strategy:
    """The workspace's strategy with estimates revised from what was realised (--learn)."""
    from headway.cli.stores import folder_store
    from headway.workspace import learned_workspace_strategy

    if not Path(file).is_dir():
        fail([Problem("--learn needs a workspace folder (its tracking records)", (), file)])
    strategy, updates = learned_workspace_strategy(folder_store(file), today=today())
    if not quiet:
        say(console, f"{len(updates)} estimates revised from what was realised", lead="learning")
    return strategy
