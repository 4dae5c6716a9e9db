"""`headway mine`: profile an event log, show the automation candidates, merge into a strategy."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import typer

from headway.cli.app import app, console, current_settings, fail, print_json
from headway.cli.mine_show import show_profile
from headway.cli.progress import Progress
from headway.cli.stores import document_store
from headway.files import check_output

if TYPE_CHECKING:
    from headway.mining import ColumnMapping, ProcessProfile
    from headway.mining.eventlog import EventLog
    from headway.workspace import Saved


@app.command("mine")
def mine_command(
    log: str = typer.Argument(..., help="Event log: .xes, .xes.gz, .parquet or .csv."),
    case: str | None = typer.Option(None, "--case", help="Column with the case id (CSV/Parquet)."),
    activity: str | None = typer.Option(None, "--activity", help="Column with the activity."),
    timestamp: str | None = typer.Option(None, "--timestamp", help="Column with the time."),
    resource: str | None = typer.Option(None, "--resource", help="Column with the resource."),
    lifecycle: str | None = typer.Option(
        None, "--lifecycle", help="Column with the lifecycle transition (start/complete)."
    ),
    cost: str | None = typer.Option(None, "--cost", help="Column with the cost of an event."),
    timestamp_format: list[str] = typer.Option(
        [],
        "--timestamp-format",
        help="strptime format of the time column, e.g. '%d/%m/%Y %H:%M' (repeatable); "
        "'unix' or 'unix_ms' for epoch numbers. Default: ISO 8601.",
    ),
    timezone: str = typer.Option(
        "UTC", "--timezone", help="Time zone of timestamps written without an offset."
    ),
    delimiter: str | None = typer.Option(None, "--delimiter", help="CSV delimiter (detected)."),
    period: str = typer.Option("month", "--period", help="day, week, month, quarter or year."),
    top: int = typer.Option(10, "--top", min=1, help="Candidates and variants to show."),
    json_output: bool = typer.Option(False, "--json", help="Print the profile as JSON."),
    into: str | None = typer.Option(
        None, "--into", help="Merge chosen activities as processes into this headway.yaml."
    ),
    role: str | None = typer.Option(None, "--role", help="Role doing the merged processes."),
    pick: list[str] = typer.Option(
        [], "--pick", help="Activity to merge with --into (repeatable; default: the top 3)."
    ),
    map_file: str | None = typer.Option(
        None, "--map", help="Also write the process map (directly-follows graph) as SVG here."
    ),
) -> None:
    """Profile an event log: activities, flow, variants, times and automation candidates."""
    from headway.mining import MiningError

    if into is not None and role is None:
        fail("--into needs --role: the id of the role that does this work")
    mapping = _mapping(
        case, activity, timestamp, resource, lifecycle, cost, timestamp_format, timezone
    )
    if map_file is not None:
        check_output(map_file, [log] + ([into] if into else []))
    try:
        profile = _profile(log, mapping, delimiter, period)
        if into is not None and role is not None:
            result = _merge(into, profile, pick, role)
    except MiningError as exc:
        fail(str(exc))
    if map_file is not None:
        _write_map(map_file, profile, quiet=json_output)
    if json_output:
        print_json(profile.to_dict(variants=top))
    else:
        show_profile(profile, top)
    if into is not None and not json_output:
        _show_merge(into, result)


def _profile(
    path: str, mapping: ColumnMapping | None, delimiter: str | None, period: str
) -> ProcessProfile:
    """Read the log and measure it, with progress on stderr past a second; release the log."""
    from headway.mining import mine

    size = os.path.getsize(path) if os.path.isfile(path) else 0
    name = os.path.basename(path)
    with Progress("mine", f"reading {name}", size) as progress:
        loaded = _read(path, mapping, delimiter, progress)
        try:
            progress.next_phase("measuring activities, flow and variants", loaded.event_count)
            return mine(loaded, period=period)
        finally:
            loaded.close()


def _write_map(path: str, profile: ProcessProfile, quiet: bool) -> None:
    """Write the process map of `profile` as an SVG file (replaced only once it is drawn)."""
    from headway.workspace.exports import write_process_map

    if not write_process_map(profile, path):
        fail("the log has no activities to draw a process map of")
    if not quiet:
        console.print(f"[green]wrote[/green] process map {path}")


def _merge(into: str, profile: ProcessProfile, pick: list[str], role: str) -> Saved:
    """Merge the picked activities (default: the top 3 candidates) into the strategy."""
    from headway.workspace import merge_mined_processes

    chosen = list(pick) or [c.activity for c in profile.candidates[:3]]
    return merge_mined_processes(document_store(into), profile, chosen, role)


def _show_merge(into: str, result: Saved) -> None:
    """Say which processes the merge added to and updated in the strategy."""
    if result.added:
        console.print(f"[green]added[/green] to {into}: {', '.join(result.added)}")
    if result.updated:
        console.print(f"[green]updated[/green] in {into}: {', '.join(result.updated)}")


def _mapping(
    case: str | None,
    activity: str | None,
    timestamp: str | None,
    resource: str | None,
    lifecycle: str | None,
    cost: str | None,
    formats: list[str],
    timezone: str,
) -> ColumnMapping | None:
    from headway.mining import ColumnMapping

    given = (case, activity, timestamp, resource, lifecycle, cost)
    if all(value is None for value in given) and not formats and timezone == "UTC":
        return None
    defaults = ColumnMapping()
    return ColumnMapping(
        case=case or defaults.case,
        activity=activity or defaults.activity,
        timestamp=timestamp or defaults.timestamp,
        resource=resource,
        lifecycle=lifecycle,
        cost=cost,
        timestamp_formats=tuple(formats),
        timezone=timezone,
    )


def _read(
    path: str, mapping: ColumnMapping | None, delimiter: str | None, progress: Progress
) -> EventLog:
    from headway.mining import read_log

    chosen = current_settings()
    return read_log(
        path,
        mapping,
        delimiter=delimiter,
        memory_limit=chosen.mining_memory_limit,
        scanner=chosen.xes_scanner,
        max_events=chosen.mining_max_events,
        progress=progress.bytes_read,
        events_read=progress.events_read,
    )
