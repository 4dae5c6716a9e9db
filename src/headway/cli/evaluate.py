"""`headway evaluate`: gaps, needs, alignment, money with uncertainty, rank and growth."""

from __future__ import annotations

import typer
from rich.table import Table

from headway.analysis.evaluate import DEFAULT_SCENARIOS, Evaluation, evaluate
from headway.analysis.ranking import CRITERIA
from headway.analysis.verdict import money
from headway.cli.app import app, console, current_settings, fail, open_strategy, print_json

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
    most = current_settings().evaluate_max_scenarios
    if scenarios > most:
        fail(
            f"--scenarios {scenarios:,} is more than the limit of {most:,} "
            "(setting evaluate_max_scenarios, see docs/settings.md)"
        )
    result = evaluate(open_strategy(file), seed=seed, scenarios=scenarios, max_scenarios=most)
    if as_json:
        print_json(result.to_dict())
        return
    _print_weights(result)
    _print_gaps(result)
    _print_needs(result)
    _print_ranking(result)
    _print_money(result)
    _print_verdicts(result)
    _print_sensitivity(result)
    _print_growth(result)
    for note in result.notes:
        console.print(f"[yellow]note:[/yellow] {note}", soft_wrap=True)
    console.print(f"[dim]{SOURCE_NOTE} Seed {result.seed}, {result.scenarios:,} scenarios.[/dim]")


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
        console.print(f"[bold]{label} weights[/bold] ({how}): {shares}", soft_wrap=True)


def _print_gaps(result: Evaluation) -> None:
    table = Table(title=f"{result.business}: KPI gaps ({result.horizon})")
    for column in ("KPI", "unit", "baseline", "source", "target", "gap", "weight", "left open"):
        table.add_column(column, justify="left" if column in ("KPI", "unit", "source") else "right")
    left = {c.kpi: c.remaining_weight for c in result.uncovered}
    for gap in result.gaps:
        table.add_row(
            gap.kpi, gap.unit, f"{gap.baseline:g}", gap.source.value, f"{gap.target:g}",
            f"{gap.gap:.3g}",
            f"{gap.weight:.1%}", f"{left.get(gap.kpi, 0.0):.1%}",
        )  # fmt: skip
    console.print(table)


def _print_needs(result: Evaluation) -> None:
    table = Table(title=f"Process needs per year ({result.currency})")
    for column in ("process", "role", "source", "hours", "labour", "errors", "potential",
                   "addressed by"):  # fmt: skip
        table.add_column(
            column, justify="right" if column in ("hours", "labour", "errors") else "left"
        )
    for need in result.needs:
        table.add_row(
            need.process, need.role, need.source.value, f"{need.hours_per_year:,.0f} h",
            money(need.labour_cost_per_year, result.currency),
            money(need.error_cost_per_year, result.currency),
            f"{need.automation_potential:.0%}", ", ".join(need.addressed_by) or "-",
        )  # fmt: skip
    console.print(table)


def _print_ranking(result: Evaluation) -> None:
    weights = result.criteria_weights.weights
    table = Table(title="Rank: weighted sum (points of 100 per criterion) and TOPSIS")
    table.add_column("#", justify="right")
    table.add_column("initiative")
    table.add_column("score", justify="right")
    for name in weights:
        table.add_column(f"{name}\n(w {weights[name]:.0%})", justify="right")
    table.add_column("TOPSIS #", justify="right")
    for item in result.initiatives:
        parts = [f"{100 * item.contributions[name]:.1f}" for name in weights]
        table.add_row(
            str(item.rank), item.initiative, f"{100 * item.score:.1f}", *parts,
            f"{item.topsis_rank} ({item.topsis_score:.2f})",
        )  # fmt: skip
    console.print(table)
    units = "; ".join(f"{n}: {CRITERIA[n].meaning} ({CRITERIA[n].unit})" for n in weights)
    console.print(f"[dim]Criteria - {units}.[/dim]", soft_wrap=True)


def _print_money(result: Evaluation) -> None:
    c = result.currency
    table = Table(title=f"Money over the horizon, started in the first period ({c})")
    for column in ("initiative", "alignment", "TCO", "NPV likely", "NPV P10", "NPV P50",
                   "NPV P90", "P(NPV>0)", "payback", "hours/yr"):  # fmt: skip
        table.add_column(column, justify="left" if column == "initiative" else "right")
    for item in result.initiatives:
        f, u = item.financials, item.uncertainty
        payback = "-" if f.payback_months is None else f"{f.payback_months:.0f} mo"
        table.add_row(
            item.initiative, f"{item.alignment.value:.1%}", money(f.tco, c), money(f.npv, c),
            money(u.npv.p10, c), money(u.npv.p50, c), money(u.npv.p90, c),
            f"{u.probability_npv_positive:.0%}", payback, f"{f.hours_saved_per_year:,.0f} h",
        )  # fmt: skip
    console.print(table)


def _print_verdicts(result: Evaluation) -> None:
    console.print("[bold]Verdicts[/bold]")
    for item in result.initiatives:
        console.print(
            f"  {item.rank:>2}. [bold]{item.name}[/bold] - {item.verdict}", soft_wrap=True
        )


def _print_sensitivity(result: Evaluation) -> None:
    if not result.sensitivity or not result.initiatives:
        return
    leader = result.initiatives[0].initiative
    table = Table(title=f"Weight sensitivity: range of each weight keeping {leader} on top")
    for column in ("criterion", "weight", "stays on top from", "to", "then leads"):
        table.add_column(
            column, justify="left" if column in ("criterion", "then leads") else "right"
        )
    for s in result.sensitivity:
        rivals = ", ".join(r for r in (s.overtaken_below_by, s.overtaken_above_by) if r) or "-"
        table.add_row(s.criterion, f"{s.weight:.0%}", f"{s.low:.0%}", f"{s.high:.0%}", rivals)
    console.print(table)


def _print_growth(result: Evaluation) -> None:
    for growth in result.growth:
        table = Table(title=f"Growth stress test: {growth.name} (hours per period)")
        for column in ("role", "capacity", "needed", "utilisation"):
            table.add_column(column, justify="left" if column == "role" else "right")
        for role in growth.roles:
            style = "red" if role.over_capacity else ""
            table.add_row(
                role.role, f"{role.capacity_hours:,.0f} h", f"{role.hours_needed:,.0f} h",
                f"{role.utilisation:.0%}", style=style,
            )  # fmt: skip
        console.print(table)
        over = [r.role for r in growth.roles if r.over_capacity]
        if not over:
            tight = growth.breaks_first[0].role if growth.breaks_first else "-"
            console.print(f"  Every role stays within capacity; tightest: {tight}.", soft_wrap=True)
            continue
        first = ", ".join(p.process for p in growth.breaks_first if p.role in over)
        helpers = [r for r in growth.relief if r.hours_saved_in(over) > 0][:3]
        relief = ", ".join(f"{r.initiative} (-{r.hours_saved_in(over):,.0f} h)" for r in helpers)
        console.print(
            f"  [red]Over capacity: {', '.join(over)}[/red]; breaks first: {first}; "
            f"relief on those roles: {relief or 'no candidate initiative'}",
            soft_wrap=True,
        )
