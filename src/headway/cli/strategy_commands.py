"""Commands on the strategy document: validate."""

from __future__ import annotations

import typer

from headway.cli.app import app, console, open_strategy


@app.command()
def validate(
    file: str = typer.Argument(..., help="Strategy document (headway.yaml or .json)."),
) -> None:
    """Check a strategy document; exit 0 when valid, 2 with every problem listed otherwise."""
    strategy = open_strategy(file)
    console.print(
        f"[green]valid[/green]: {strategy.business.name} - {len(strategy.goals)} goals, "
        f"{len(strategy.kpis)} KPIs, {len(strategy.processes)} processes, "
        f"{len(strategy.initiatives)} initiatives"
    )
