"""Commands for monitoring: `track import|add|status|example`, `status` and `diff`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from headway.cli.app import app, console, current_settings, fail, open_strategy, print_json, today
from headway.cli.stores import folder_store
from headway.monitoring.alignment_index import AlignmentVerdict
from headway.monitoring.measurements import parse_date
from headway.monitoring.projection import Track
from headway.monitoring.realignment import Action, Realignment, realign
from headway.monitoring.realization import Verdict
from headway.monitoring.records import Status, StatusRecord
from headway.monitoring.status import StatusReport
from headway.monitoring.tables import read_table
from headway.workspace import (
    add_measurement,
    import_measurements,
    realign_workspace,
    record_status,
    workspace_status,
)
from headway.workspace.example import install_example
from headway.workspace.folder import STRATEGY_FILE

track = typer.Typer(help="Record KPI measurements and initiative status in a workspace.")
app.add_typer(track, name="track")

DIR_HELP = "Workspace folder (holds headway.yaml)."
SPARKS = "▁▂▃▄▅▆▇█"
COLOURS = {
    AlignmentVerdict.aligned: "green",
    AlignmentVerdict.at_risk: "yellow",
    AlignmentVerdict.misaligned: "red",
    Verdict.delivering: "green",
    Verdict.ramping: "green",
    Verdict.not_yet_clear: "yellow",
    Verdict.not_delivering: "red",
    Track.on_track: "green",
    Track.off_track: "red",
    Track.no_data: "dim",
}


def _day(text: str, what: str = "date") -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        fail(f"{what}: {exc}")


@track.command("import")
def import_(
    file: str = typer.Argument(..., help="CSV or XLSX: kpi, date, value[, source, note]."),
    directory: str = typer.Option(".", "--dir", "-d", help=DIR_HELP),
    source: str = typer.Option("import", help="Source for rows that name none."),
) -> None:
    """Import measurements; the whole file is checked first and nothing is written on error.

    Long format (one measurement a row) or wide (a date column and one column per KPI id).
    Re-importing a file changes nothing; a new value for the same KPI, date and source replaces
    the old one and is logged in replacements.csv.
    """
    table = read_table(file, current_settings())
    result = import_measurements(folder_store(directory), table, source=source)
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
) -> None:
    """Record one measurement of a KPI."""
    result = add_measurement(folder_store(directory), kpi, day, value, source=source, note=note)
    what = "added" if result.added else "replaced" if result.replaced else "unchanged"
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
) -> None:
    """Record an initiative's status change, with its actual costs and owner."""
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
        initiative, parsed, _day(day), owner, actual_upfront, actual_recurring, note
    )
    written = record_status(folder_store(directory), record)
    state = "recorded" if written else "already recorded"
    console.print(f"[green]{state}[/green]: {initiative} {parsed.value} on {record.date}")


@track.command()
def example(directory: str = typer.Argument(..., help="New folder for the example.")) -> None:
    """Create the bakery's worked example: a year of measurements and initiative records."""
    try:
        root = install_example(directory)
    except FileExistsError as exc:
        fail(str(exc))
    console.print(f"[green]created[/green] {root}: try `headway status {root}`")


@app.command()
def status(
    directory: str = typer.Argument(".", help=DIR_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the status as JSON."),
    as_of: str | None = typer.Option(None, help="Day to report for (default: today or later)."),
) -> None:
    """The Alignment Index, benefit realization and off-track KPIs of a workspace."""
    day = _day(as_of, "--as-of") if as_of else None
    report = workspace_status(folder_store(directory), day, today=today())
    if as_json:
        print_json(report.to_dict())
        return
    _print_status(report)


@app.command()
def diff(
    old: str = typer.Argument(..., help="Old strategy (file or workspace folder)."),
    new: str = typer.Argument(..., help="New strategy (file or workspace folder)."),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
) -> None:
    """What changed between two strategy versions, and what to start, stop, continue or
    re-sequence when both are re-planned.

    When OLD is a workspace folder, its last approved plan (from `plan --approve`) is the old
    portfolio (else the optimal plan of its headway.yaml), and the initiatives tracked there as
    planned, in progress or live join it.
    """
    before, after = open_strategy(_document(old)), open_strategy(_document(new))
    if Path(old).is_dir():
        result = realign_workspace(folder_store(old), after)
    else:
        result = realign(before, after)
    if as_json:
        print_json(_plain(asdict(result)))
        return
    _print_diff(result)


def _document(path: str) -> str:
    return str(Path(path) / STRATEGY_FILE) if Path(path).is_dir() else path


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def _badge(verdict: Any) -> str:
    return f"[{COLOURS.get(verdict, 'white')}]{verdict.value}[/]"


def sparkline(values: list[float]) -> str:
    """Values as a row of block characters, lowest to highest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(SPARKS[round((v - low) / span * (len(SPARKS) - 1))] for v in values)


def _amount(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _print_status(report: StatusReport) -> None:
    index = report.index
    console.print(
        f"[bold]{report.business}[/bold] - status as of {report.as_of.isoformat()}\n"
        f"Alignment Index [bold]{index.score:.0f}[/bold]/100 {_badge(index.verdict)} "
        f"({index.mode.value}). {index.note}"
    )
    table = Table("aspect", "score", "verdict", "evidence", title="Alignment Index")
    for a in index.aspects:
        table.add_row(a.aspect, f"{a.score:.0f}", _badge(a.verdict), a.evidence)
    console.print(table)
    active = [s for s in report.initiatives if s.status is not Status.idea]
    if active:
        table = Table(
            "initiative",
            "status",
            "since",
            "owner",
            "upfront est. / actual",
            "monthly est. / actual",
            title=f"Initiatives ({report.currency})",
        )
        for s in active:
            table.add_row(
                s.initiative,
                s.status.value,
                s.since.isoformat() if s.since else "-",
                s.owner or "-",
                f"{s.estimated_upfront:,.0f} / {_amount(s.actual_upfront)}",
                f"{s.estimated_recurring_per_month:,.0f} / {_amount(s.actual_recurring_per_month)}",
            )
        console.print(table)
    if report.realizations:
        table = Table("initiative", "kpi", "verdict", "evidence", title="Benefit realization")
        for r in report.realizations:
            table.add_row(r.initiative, r.kpi, _badge(r.verdict), r.evidence)
        console.print(table)
    sparks = {s.kpi: sparkline(s.values) for s in report.series}
    table = Table("kpi", "trend", "latest", "target", "due", "verdict", "projection", title="KPIs")
    for p in report.projections:
        latest = "-" if p.latest is None else f"{p.latest:g}"
        table.add_row(
            p.kpi,
            sparks.get(p.kpi, ""),
            latest,
            f"{p.target:g}",
            p.due.isoformat(),
            _badge(p.verdict),
            p.evidence,
        )
    console.print(table)


def _print_diff(result: Realignment) -> None:
    table = Table("section", "item", "field", "old", "new", title="What changed")
    for c in result.changes:
        table.add_row(c.section, c.item, c.field, c.old or "-", c.new or "-")
    console.print(table)
    money: Callable[[float], str] = lambda v: f"{v:,.0f}"  # noqa: E731
    table = Table(
        "action",
        "initiative",
        "tracked",
        "old start",
        "new start",
        "value",
        "TCO",
        "NPV",
        title=f"Re-planned ({result.currency}; value: share of the new weighted gap)",
    )
    for m in result.moves:
        colour = {Action.start: "green", Action.stop: "red"}.get(m.action, "white")
        table.add_row(
            f"[{colour}]{m.action.value}[/]",
            m.initiative,
            m.status or "-",
            m.old_start or "-",
            m.new_start or "-",
            f"{m.value:.1%}",
            money(m.tco),
            money(m.npv),
        )
    console.print(table)
    console.print(
        f"Keeping the old plan closes {result.old_plan_value:.1%} of the new weighted gap; the "
        f"re-optimised plan closes {result.new_plan_value:.1%} ({result.value_at_stake:+.1%} at "
        f"stake). Started {money(result.money_started)}, stopped {money(result.money_stopped)} "
        f"{result.currency} of TCO."
    )
    for o in result.orphans:
        need = f"; still required by {', '.join(o.required_by)}" if o.required_by else ""
        console.print(f"[yellow]orphan[/yellow]: {o.initiative} serves no weighted goal{need}")
    for u in result.uncovered:
        hint = (
            f"candidates: {', '.join(u.candidates)}" if u.candidates else "no initiative serves it"
        )
        console.print(f"[yellow]uncovered goal[/yellow]: {u.goal} ({u.weight:.0%}); {hint}")
