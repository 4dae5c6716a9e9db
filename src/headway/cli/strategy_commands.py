"""Commands on the strategy document: templates, init, validate, schema, show."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from headway.cli.app import app, console, fail, open_strategy, print_json
from headway.cli.stores import folder_store

if TYPE_CHECKING:
    from headway.strategy.model import Strategy

FILE_HELP = "Strategy document (.yaml, .json, .xlsx) or workspace folder."
JSON = typer.Option(False, "--json", help="Print the result as JSON.")


@app.command()
def templates(as_json: bool = JSON) -> None:
    """List the industry templates `headway init --template NAME` can start from."""
    from headway.strategy.templates import list_templates

    if as_json:
        print_json(
            [
                {
                    "name": i.name,
                    "business": i.business,
                    "industry": i.industry,
                    "summary": i.summary,
                }
                for i in list_templates()
            ]
        )
        return
    table = Table(title="Industry templates")
    for column in ("name", "business", "industry", "summary"):
        table.add_column(column)
    for info in list_templates():
        table.add_row(info.name, info.business, info.industry, info.summary)
    console.print(table)


@app.command()
def init(
    directory: Path = typer.Argument(Path("."), help="Workspace folder (created if missing)."),
    template: str = typer.Option(..., "--template", "-t", help="Template name (see templates)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing headway.yaml."),
    as_json: bool = JSON,
) -> None:
    """Start a workspace: write an editable headway.yaml (with comments) from a template."""
    from dataclasses import asdict

    from headway.analysis.pricing import pricing_hints
    from headway.strategy.templates import TEMPLATE_DIR, UnknownTemplateError
    from headway.workspace import create_workspace

    target = directory / "headway.yaml"
    try:
        create_workspace(folder_store(directory), template, replace=force)
    except UnknownTemplateError:
        names = sorted(path.stem for path in TEMPLATE_DIR.glob("*.yaml"))
        fail(f"unknown template '{template}'; choose one of: {', '.join(names)}")
    strategy = open_strategy(str(target))
    hints = pricing_hints(strategy)
    if as_json:
        pricing = [asdict(h) for h in hints]
        print_json({"wrote": str(target), "template": template, "pricing": pricing})
        return
    console.print(f"wrote [bold]{target}[/bold] from the {template} template.")
    console.print("Every number in it is an assumption to edit. Price the KPIs that matter most")
    console.print("(money per unit per year: revenue_per_unit_per_year or cost_per_unit_per_year,")
    console.print(
        "with value_source); an unpriced KPI counts in the strategy but not in the money:"
    )
    for h in hints:
        value = (
            f"{_money(strategy, h.money_per_unit_year)} a year per {h.unit} ({h.source})"
            if h.priced
            else "not priced"
        )
        weight = _share(strategy, h.weight)
        console.print(f"  {h.kpi} (weight {weight}): {value}")
    console.print("Then run:")
    console.print(f"  headway validate {target}")


@app.command()
def validate(
    file: str = typer.Argument(..., help=FILE_HELP),
    as_json: bool = JSON,
) -> None:
    """Check a strategy document; exit 0 when valid, 2 with every problem listed otherwise
    (with --json: the problems as RFC 9457 problem details on stdout)."""
    strategy = open_strategy(file)
    counts = {
        "goals": len(strategy.goals),
        "kpis": len(strategy.kpis),
        "processes": len(strategy.processes),
        "initiatives": len(strategy.initiatives),
    }
    if as_json:
        print_json({"valid": True, "business": strategy.business.name, "counts": counts})
        return
    console.print(
        f"[green]valid[/green]: {strategy.business.name} - {len(strategy.goals)} goals, "
        f"{len(strategy.kpis)} KPIs, {len(strategy.processes)} processes, "
        f"{len(strategy.initiatives)} initiatives"
    )


class SchemaFormat(StrEnum):
    """Output formats of `headway schema`."""

    json = "json"
    markdown = "markdown"


@app.command()
def schema(
    output_format: SchemaFormat = typer.Option(
        SchemaFormat.json, "--format", help="json: JSON Schema; markdown: field reference."
    ),
) -> None:
    """Print the strategy document's JSON Schema (or its field-by-field reference)."""
    from headway.strategy.schema import json_schema, schema_markdown

    if output_format is SchemaFormat.markdown:
        typer.echo(schema_markdown(), nl=False)
    else:
        typer.echo(json.dumps(json_schema(), indent=2))


@app.command()
def show(file: str = typer.Argument(..., help=FILE_HELP), as_json: bool = JSON) -> None:
    """Summarise a strategy: business, goals and KPIs, processes, initiatives and limits."""
    strategy = open_strategy(file)
    if as_json:
        print_json(
            {
                "document": strategy.model_dump(mode="json"),
                "processes_per_year": [asdict(p) for p in _process_figures(strategy)],
                "likely_upfront_total": _likely_upfront(strategy),
            }
        )
        return
    _print_summary(strategy)


def _money(strategy: Strategy, amount: float) -> str:
    from headway.numbers import Numbers

    return Numbers.of(strategy.business).money(amount)


def _share(strategy: Strategy, share: float) -> str:
    from headway.numbers import Numbers, Unit

    return Numbers.of(strategy.business).text(share, Unit.share)


def _print_summary(s: Strategy) -> None:
    from headway.strategy.calendar import period_label

    b, h = s.business, s.horizon
    console.rule(f"[bold]{b.name}[/bold] ({b.industry})")
    console.print(
        f"{b.employees} people, revenue {_money(s, b.annual_revenue)} a year, gross margin "
        f"{_share(s, b.gross_margin)}. Horizon: {h.periods} {h.period.value}s from "
        f"{period_label(h, 0)} to {period_label(h, h.periods - 1)}, discount rate "
        f"{_share(s, h.discount_rate_per_year)} a year."
    )
    kpis = {k.id: k for k in s.kpis}
    goals = Table(title="Goals and the KPIs that show them")
    for column in ("goal", "perspective", "weight", "KPI", "baseline -> target", "due"):
        goals.add_column(column)
    for goal in s.goals:
        weight = "AHP" if s.goal_weighting.method == "ahp" else f"{goal.weight or 0:g}"
        for n, link in enumerate(goal.kpis):
            kpi = kpis[link.kpi]
            arrow = "up" if kpi.direction.value == "increase" else "down"
            goals.add_row(
                goal.title if n == 0 else "",
                goal.perspective.value if n == 0 else "",
                weight if n == 0 else "",
                f"{kpi.name} ({arrow})",
                f"{kpi.baseline:g} -> {kpi.target:g} {kpi.unit}",
                kpi.due,
            )
    console.print(goals)
    _print_processes(s)
    _print_initiatives(s)
    c = s.constraints
    console.print(
        f"Limits: one-off budget {_money(s, c.budget_total)} in total and "
        f"{_money(s, c.budget_per_period)} per {h.period.value}; running costs "
        f"{_money(s, c.recurring_budget_per_month)} a month; change capacity "
        f"{c.change_capacity_days_per_period:g} person-days per {h.period.value}; at most "
        f"{c.max_in_flight} initiatives under way at once."
    )
    wanted = _likely_upfront(s)
    if wanted > c.budget_total:
        console.print(
            f"The initiatives' likely one-off costs add up to {_money(s, wanted)}: "
            "not everything fits, so the plan has to choose."
        )


def _likely_upfront(s: Strategy) -> float:
    """The likely one-off cost of every initiative not excluded, in the business's currency."""
    return sum(i.upfront_cost.likely for i in s.initiatives if not i.excluded)


@dataclass(frozen=True)
class _ProcessFigures:
    """A process's load per year from the document's figures: hours, labour and error cost."""

    process: str
    name: str
    role: str
    hours: float
    labour_cost: float
    error_cost: float


def _process_figures(s: Strategy) -> list[_ProcessFigures]:
    per_year = 12 / s.horizon.period.months
    roles = {r.id: r for r in s.roles}
    figures = []
    for p in s.processes:
        hours = p.volume_per_period * p.minutes_each / 60 * per_year
        rate = roles[p.role].cost_per_hour or s.business.labor_cost_per_hour
        errors = p.volume_per_period * p.error_rate * p.cost_per_error * per_year
        figures.append(_ProcessFigures(p.id, p.name, p.role, hours, hours * rate, errors))
    return figures


def _print_processes(s: Strategy) -> None:
    from headway.numbers import Numbers, Unit

    table = Table(title="Processes today (figures are the document's, per year)")
    for column in ("process", "role", "hours/year", "labour cost/year", "error cost/year"):
        table.add_column(column, justify="right" if column != "process" else "left")
    for f in _process_figures(s):
        table.add_row(
            f.name,
            f.role,
            Numbers.of(s.business).text(f.hours, Unit.hours, with_unit=False),
            _money(s, f.labour_cost),
            _money(s, f.error_cost),
        )
    console.print(table)


def _print_initiatives(s: Strategy) -> None:
    table = Table(title="Initiatives (likely estimates)")
    for column in ("initiative", "one-off", "per month", "effort days", "periods", "needs"):
        table.add_column(column, justify="left" if column in ("initiative", "needs") else "right")
    for i in s.initiatives:
        needs = ", ".join(i.requires)
        if i.alternative_group:
            needs += f"{'; ' if needs else ''}one of '{i.alternative_group}'"
        table.add_row(
            i.name,
            _money(s, i.upfront_cost.likely),
            _money(s, i.recurring_cost_per_month.likely),
            f"{i.effort_days.likely:g}",
            f"{i.duration_periods.likely:g}",
            needs,
        )
    console.print(table)
