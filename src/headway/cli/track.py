"""Commands that record monitoring data: `track import|add|status|example` (the workspace's
measurements and initiative records); `status` and `diff` read them (`headway.cli.status`)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from headway.cli.app import ReflowedGroup, app, console, current_settings, fail, print_json
from headway.cli.stores import folder_store

if TYPE_CHECKING:
    pass

track = typer.Typer(
    cls=ReflowedGroup, help="Record KPI measurements and initiative status in a workspace."
)
app.add_typer(track, name="track")

DIR_HELP = "Workspace folder (holds headway.yaml)."
JSON_HELP = "Print what was recorded as JSON."


def parse_day(text: str, what: str = "date") -> date:
    """`text` (YYYY-MM-DD) as a day; a bad date stops the command naming `what`."""
    from headway.monitoring.measurements import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        fail(f"{what}: {exc}")


@track.command("import")
def import_(
    file: str = typer.Argument(..., help="CSV or XLSX: kpi, date, value[, source, note]."),
    directory: str = typer.Option(".", "--dir", "-d", help=DIR_HELP),
    source: str = typer.Option("import", help="Source for rows that name none."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Import measurements; the whole file is checked first and nothing is written on error.

    Long format (one measurement a row) or wide (a date column and one column per KPI id).
    Re-importing a file changes nothing; a new value for the same KPI, date and source replaces
    the old one and is logged in replacements.csv.
    """
    from headway.monitoring.tables import read_table
    from headway.workspace import import_measurements

    table = read_table(file, current_settings())
    result = import_measurements(folder_store(directory), table, source=source)
    if as_json:
        print_json({"file": Path(file).name, **asdict(result)})
        return
    console.print(
        f"[green]imported[/green] {Path(file).name}: {result.added} added, "
        f"{result.replaced} replaced, {result.unchanged} unchanged"
    )
    for r in result.replacements:
        console.print(
            f"  replaced {r.kpi} {r.date} ({r.source}): {r.old_value:g} -> {r.new_value:g}"
        )


@track.command()
def add(
    kpi: str = typer.Argument(..., help="KPI id."),
    day: str = typer.Argument(..., metavar="DATE", help="YYYY-MM-DD."),
    value: str = typer.Argument(..., help="Value in the KPI's unit."),
    directory: str = typer.Option(".", "--dir", "-d", help=DIR_HELP),
    source: str = typer.Option("manual", help="Where the value comes from."),
    note: str = typer.Option("", help="A note kept with the value."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Record one measurement of a KPI."""
    from headway.workspace import add_measurement

    result = add_measurement(folder_store(directory), kpi, day, value, source=source, note=note)
    what = "added" if result.added else "replaced" if result.replaced else "unchanged"
    if as_json:
        print_json({"kpi": kpi, "date": day, "value": value, "outcome": what, **asdict(result)})
        return
    console.print(f"[green]{what}[/green]: {kpi} {day} = {value}")


@track.command("status")
def status_(
    initiative: str = typer.Argument(..., help="Initiative id."),
    status: str = typer.Argument(..., help="idea, planned, 'in progress', live or retired."),
    day: str = typer.Option(..., "--date", help="Day of the change, YYYY-MM-DD."),
    owner: str = typer.Option("", help="Who is responsible."),
    actual_upfront: float | None = typer.Option(None, help="One-off money spent so far."),
    actual_recurring: float | None = typer.Option(None, help="Running cost per month."),
    note: str = typer.Option("", help="A note kept with the record."),
    directory: str = typer.Option(".", "--dir", "-d", help=DIR_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Record an initiative's status change, with its actual costs and owner."""
    from headway.monitoring.records import Status, StatusRecord
    from headway.workspace import record_status

    try:
        parsed = Status.parse(status)
    except ValueError:
        fail(f"status: '{status}' is not one of {', '.join(s.value for s in Status)}")
    for name, amount in (
        ("actual-upfront", actual_upfront),
        ("actual-recurring", actual_recurring),
    ):
        if amount is not None and not amount >= 0:
            fail(f"--{name}: expected an amount >= 0, got {amount}")
    record = StatusRecord(
        initiative, parsed, parse_day(day), owner, actual_upfront, actual_recurring, note
    )
    written = record_status(folder_store(directory), record)
    state = "recorded" if written else "already recorded"
    if as_json:
        print_json({"outcome": state, **asdict(record)})
        return
    console.print(f"[green]{state}[/green]: {initiative} {parsed.value} on {record.date}")


@track.command()
def example(
    directory: str = typer.Argument(..., help="New folder for the example."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Create the bakery's worked example: a year of measurements and initiative records."""
    from headway.workspace.example import install_example

    try:
        root = install_example(directory)
    except FileExistsError as exc:
        fail(str(exc))
    if as_json:
        print_json({"folder": str(root), "strategy": str(root / "headway.yaml")})
        return
    console.print(f"[green]created[/green] {root}: try `headway status {root}`")
