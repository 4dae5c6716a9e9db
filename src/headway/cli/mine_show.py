"""What `headway mine` prints: totals, activities, top variants, busiest paths, candidates.

Names a user may copy (activity names for `--pick`) wrap inside their column, never cut;
every column says its unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table

from headway.cli.app import console

if TYPE_CHECKING:
    from headway.mining import ProcessProfile

BUSIEST_EDGES = 10


def show_profile(profile: ProcessProfile, top: int) -> None:
    """Print the profile for a person: `top` variants and candidates, the busiest paths."""
    from headway.report.charts.process_map import duration_text

    totals = profile.totals
    span = ""
    if totals.first_event and totals.last_event:
        span = f", {totals.first_event.date()} to {totals.last_event.date()}"
    console.print(
        f"[bold]{profile.source}[/bold]: {totals.events:,} events, {totals.cases:,} cases, "
        f"{totals.activities} activities, {totals.variants:,} variants{span}",
        soft_wrap=False,
    )
    if profile.throughput:
        t = profile.throughput
        console.print(
            f"case throughput: median {duration_text(t.median_s)}, P90 "
            f"{duration_text(t.p90_s)}, mean {duration_text(t.mean_s)}"
        )
    console.print(_activities(profile))
    console.print(_variants(profile, top))
    console.print(_paths(profile))
    console.print(_candidates(profile, top))
    _notes(profile, top)


def _table(title: str, *columns: str) -> Table:
    """A table whose first column (names) folds long words instead of cutting them."""
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    for n, column in enumerate(columns):
        if n == 0:
            table.add_column(column, overflow="fold", min_width=18)
        else:
            table.add_column(column, justify="right", no_wrap=True)
    return table


def _activities(profile: ProcessProfile) -> Table:
    from headway.report.charts.process_map import duration_text

    table = _table(
        "Activities",
        "activity",
        "events",
        "cases",
        "rework\n% cases",
        "service\nmedian",
        "wait\nmedian",
        "wait\nP90",
    )
    for a in profile.activities:
        table.add_row(
            a.activity,
            f"{a.events:,}",
            f"{a.cases:,}",
            f"{a.rework_rate:.0%}",
            duration_text(a.service_median_s),
            duration_text(a.waiting_median_s),
            duration_text(a.waiting_p90_s),
        )
    return table


def _variants(profile: ProcessProfile, top: int) -> Table:
    """The most frequent variants: their cases, share and steps in order."""
    from headway.report.charts.process_map import duration_text

    shown = min(top, len(profile.variants))
    title = f"Most frequent variants ({shown} of {profile.totals.variants:,})"
    table = _table(title, "steps", "cases", "share", "mean time")
    for v in profile.variants[:top]:
        table.add_row(
            " → ".join(v.activities),
            f"{v.cases:,}",
            f"{v.share:.1%}",
            duration_text(v.mean_throughput_s),
        )
    return table


def _paths(profile: ProcessProfile) -> Table:
    """The busiest directly-follows edges of the process map."""
    from headway.report.charts.process_map import duration_text

    busiest = sorted(profile.edges, key=lambda e: (-e.count, e.source, e.target))
    table = _table(f"Busiest paths (top {BUSIEST_EDGES})", "from → to", "times", "median time")
    for e in busiest[:BUSIEST_EDGES]:
        table.add_row(f"{e.source} → {e.target}", f"{e.count:,}", duration_text(e.median_s))
    return table


def _candidates(profile: ProcessProfile, top: int) -> Table:
    table = _table(
        f"Top {top} automation candidates",
        "activity",
        "kind",
        "score\n/100",
        "runs\n/year",
        "min\neach",
        "hours\n/year",
        "hours/year\nat stake",
    )
    for c in profile.candidates[:top]:
        table.add_row(
            c.activity,
            "system" if c.kind == "system event" else c.kind.replace("not measured", "?"),
            f"{c.score:.0f}",
            f"{c.executions_per_year:,.0f}",
            f"{c.minutes_each:.1f}" + ("" if c.minutes_measured else "*"),
            f"{c.hours_per_year:,.0f}",
            f"{c.hours_at_stake:,.0f}",
        )
    return table


def _notes(profile: ProcessProfile, top: int) -> None:
    """Say where minutes were assumed and why system events rank last, then any warnings."""
    shown = profile.candidates[:top]
    if any(not c.minutes_measured for c in shown):
        console.print(
            "* assumed minutes: the log has no start/complete pairs for the activity "
            "(check them with the people who do the work)"
        )
    if any(c.kind == "system event" for c in shown):
        console.print(
            "system: a system event, no measured working time in a log that times its work; "
            "ranked after measured work"
        )
    if any(c.kind == "not measured" for c in shown):
        console.print("?: no durations in this log, so work cannot be told from system events")
    for warning in profile.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
