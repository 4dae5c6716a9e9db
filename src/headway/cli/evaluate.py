"""`headway evaluate`: gaps, needs, alignment, money with uncertainty, rank and growth."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from headway.analysis.defaults import DEFAULT_SCENARIOS

if TYPE_CHECKING:
    from headway.analysis.evaluate import Evaluation
    from headway.report.numbers import Numbers
from headway.cli.app import app, console, current_settings, errors, fail, open_strategy, print_json
from headway.cli.layout import Col, busy, say, show_table

SOURCE_NOTE = (
    "Inputs are the document's figures (each marked measured, estimated or assumed there); "
    "alignment, money and ranks are computed from them; P10/P50/P90 are Monte Carlo estimates."
)


@app.command("evaluate")
def evaluate_command(
    file: str = typer.Argument(
        ..., help="Strategy document (.yaml, .json, .xlsx) or workspace folder."
    ),
    seed: int = typer.Option(
        0, "--seed", help="Seed of the Monte Carlo (same seed, same numbers)."
    ),
    scenarios: int = typer.Option(
        DEFAULT_SCENARIOS,
        "--scenarios",
        min=100,
        help="Monte Carlo scenarios (at least 100; at most the evaluate_max_scenarios setting).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document (docs/method.md)."),
) -> None:
    """Evaluate every initiative: strategic gap closed, money with uncertainty, rank and why."""
    from headway.analysis.evaluate import evaluate
    from headway.report.numbers import Numbers

    most = current_settings().evaluate_max_scenarios
    if scenarios > most:
        fail(
            f"--scenarios {scenarios:,} is more than the limit of {most:,} "
            "(setting evaluate_max_scenarios, see docs/settings.md)"
        )
    strategy = open_strategy(file)
    with busy(errors, "evaluating (Monte Carlo)"):
        result = evaluate(strategy, seed=seed, scenarios=scenarios, max_scenarios=most)
    if as_json:
        print_json(result.to_dict())
        return
    f = Numbers(strategy.business.locale, strategy.business.currency)
    _print_weights(result)
    _print_gaps(result, f)
    _print_needs(result, f)
    _print_ranking(result, f)
    _print_money(result, f)
    _print_verdicts(result)
    _print_sensitivity(result, f)
    _print_growth(result, f)
    for note in result.notes:
        say(console, note, lead="note:", style="yellow")
    say(console, f"{SOURCE_NOTE} Seed {result.seed}, {f.number(result.scenarios, 0)} scenarios.")


def _print_weights(result: Evaluation) -> None:
    for label, derived in (("Goal", result.goal_weights), ("Criteria", result.criteria_weights)):
        shares = ", ".join(f"{name} {share:.0%}" for name, share in derived.weights.items())
        how: str = derived.method
        if derived.ahp is not None:
            verdict = "consistent" if derived.ahp.consistent else "INCONSISTENT"
            how = (
                f"AHP, {derived.respondents} respondent(s), CR {derived.ahp.cr:.3f} {verdict} "
                f"(Saaty 2005 random index)"
            )
        say(console, f"({how}): {shares}", lead=f"{label} weights", style="bold")


def _print_gaps(result: Evaluation, f: Numbers) -> None:
    left = {c.kpi: c.remaining_weight for c in result.uncovered}
    columns = [
        Col("KPI", "id"), Col("unit"), Col("baseline", "number"), Col("source"),
        Col("target", "number"), Col("gap", "number"), Col("weight (%)", "number"),
        Col("left open (%)", "number"),
    ]  # fmt: skip
    rows = [
        (
            gap.kpi,
            gap.unit,
            f.number(gap.baseline, 2),
            gap.source.value,
            f.number(gap.target, 2),
            f.number(gap.gap, 2),
            f.percent(gap.weight, 1),
            f.percent(left.get(gap.kpi, 0.0), 1),
        )
        for gap in result.gaps
    ]
    show_table(console, f"{result.business}: KPI gaps ({result.horizon})", columns, rows)


def _print_needs(result: Evaluation, f: Numbers) -> None:
    columns = [
        Col("process", "id"), Col("role", "id"), Col("source"), Col("hours a year", "number"),
        Col(f"labour ({f.currency} a year)", "money"),
        Col(f"errors ({f.currency} a year)", "money"), Col("potential (%)", "number"),
        Col("addressed by", "ids"),
    ]  # fmt: skip
    rows = [
        (
            need.process,
            need.role,
            need.source.value,
            f.hours(need.hours_per_year),
            f.money(need.labour_cost_per_year),
            f.money(need.error_cost_per_year),
            f.percent(need.automation_potential),
            ", ".join(need.addressed_by) or "-",
        )
        for need in result.needs
    ]
    show_table(console, "Process needs per year", columns, rows)


def _print_ranking(result: Evaluation, f: Numbers) -> None:
    from headway.analysis.ranking import CRITERIA

    weights = result.criteria_weights.weights
    columns = [
        Col("#", "number"), Col("initiative", "id"), Col("score (0-100)", "number"),
        *(Col(f"{name} (w {f.percent(weights[name])})", "number") for name in weights),
        Col("TOPSIS rank (closeness)", "number"),
    ]  # fmt: skip
    rows = [
        (
            str(item.rank),
            item.initiative,
            f.score(item.score),
            *(f.score(item.contributions[name]) for name in weights),
            f"{item.topsis_rank} ({f.number(item.topsis_score, 2)})",
        )
        for item in result.initiatives
    ]
    show_table(
        console, "Rank: weighted sum (points of 100 per criterion) and TOPSIS", columns, rows
    )
    units = "; ".join(f"{n}: {CRITERIA[n].meaning} ({CRITERIA[n].unit})" for n in weights)
    say(console, f"Criteria - {units}.", hang=2)


def _print_money(result: Evaluation, f: Numbers) -> None:
    from headway.report.numbers import Unit

    c = f.currency
    columns = [
        Col("initiative", "id"), Col("alignment (% of weighted gap)", "number"),
        Col(f"TCO ({c})", "money"), Col(f"NPV likely ({c})", "money"),
        Col(f"NPV P10 ({c})", "money"), Col(f"NPV P90 ({c})", "money"),
        Col("chance NPV > 0 (%)", "number"), Col("payback (months)", "number"),
        Col("hours saved a year", "number"),
    ]  # fmt: skip
    rows = []
    for item in result.initiatives:
        money, u = item.financials, item.uncertainty
        rows.append(
            (
                item.initiative,
                f.gap(item.alignment.value),
                f.money(money.tco),
                f.money(money.npv),
                f.money(u.npv.p10),
                f.money(u.npv.p90),
                f.percent(u.probability_npv_positive),
                f.text(money.payback_months, Unit.months, with_unit=False),
                f.hours(money.hours_saved_per_year),
            )
        )
    show_table(console, "Money over the horizon, started in the first period", columns, rows)


def _print_verdicts(result: Evaluation) -> None:
    console.print("[bold]Verdicts[/bold]")
    for item in result.initiatives:
        say(console, f"{item.name} - {item.verdict}", lead=f"{item.rank:>2}.", indent=2, hang=4)


def _print_sensitivity(result: Evaluation, f: Numbers) -> None:
    if not result.sensitivity or not result.initiatives:
        return
    leader = result.initiatives[0].initiative
    columns = [
        Col("criterion", "id"), Col("weight (%)", "number"), Col("on top from (%)", "number"),
        Col("to (%)", "number"), Col("then leads", "ids"),
    ]  # fmt: skip
    rows = [
        (
            s.criterion,
            f.percent(s.weight),
            f.percent(s.low),
            f.percent(s.high),
            ", ".join(r for r in (s.overtaken_below_by, s.overtaken_above_by) if r) or "-",
        )
        for s in result.sensitivity
    ]
    show_table(
        console, f"Weight sensitivity: range of each weight keeping {leader} on top", columns, rows
    )


def _print_growth(result: Evaluation, f: Numbers) -> None:
    for growth in result.growth:
        columns = [
            Col("role", "id"), Col("capacity (hours)", "number"),
            Col("needed (hours)", "number"), Col("load (%)", "number"),
        ]  # fmt: skip
        rows = [
            (
                r.role + (" (over)" if r.over_capacity else ""),
                f.hours(r.capacity_hours),
                f.hours(r.hours_needed),
                f.percent(r.utilisation),
            )
            for r in growth.roles
        ]
        show_table(console, f"Growth stress test: {growth.name} (per period)", columns, rows)
        over = [r.role for r in growth.roles if r.over_capacity]
        if not over:
            tight = growth.breaks_first[0].role if growth.breaks_first else "-"
            say(console, f"Every role stays within capacity; tightest: {tight}.", indent=2)
            continue
        first = ", ".join(p.process for p in growth.breaks_first if p.role in over)
        helpers = [r for r in growth.relief if r.hours_saved_in(over) > 0][:3]
        relief = ", ".join(f"{r.initiative} (-{f.hours(r.hours_saved_in(over))})" for r in helpers)
        say(
            console,
            f"{', '.join(over)}; breaks first: {first}; relief on those roles: "
            f"{relief or 'no candidate initiative'}",
            lead="Over capacity:",
            style="red",
            indent=2,
        )
