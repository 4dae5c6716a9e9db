"""Commands that read monitoring: `status` (Alignment Index, realization, off-track KPIs) and
`diff` (realignment between two strategy versions)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from headway.cli.app import app, console, open_strategy, print_json, today
from headway.cli.layout import Col, say, show_table
from headway.cli.stores import folder_store
from headway.cli.track import DIR_HELP, parse_day

if TYPE_CHECKING:
    from headway.monitoring.initiatives import InitiativeState
    from headway.monitoring.realignment import Realignment
    from headway.monitoring.status import StatusReport
    from headway.report.numbers import Numbers
    from headway.strategy.model import Initiative, Strategy

SPARKS = "▁▂▃▄▅▆▇█"
# Keyed by the verdicts' values (AlignmentVerdict, realization Verdict, projection Track are
# StrEnums, equal to these), so the command line loads no engine module to show its help.
COLOURS = {
    "aligned": "green",
    "at risk": "yellow",
    "misaligned": "red",
    "delivering": "green",
    "ramping, on course": "green",
    "not yet clear": "yellow",
    "not delivering": "red",
    "on track": "green",
    "off track": "red",
    "no data": "dim",
    "go": "green",
    "no go": "red",
    "not enough data yet": "yellow",
}


@app.command()
def status(
    directory: str = typer.Argument(".", help=DIR_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the status as JSON."),
    as_of: str | None = typer.Option(None, help="Day to report for (default: today or later)."),
) -> None:
    """The Alignment Index, benefit realization and off-track KPIs of a workspace."""
    from headway.workspace import workspace_status

    day = parse_day(as_of, "--as-of") if as_of else None
    report = workspace_status(folder_store(directory), day, today=today())
    if as_json:
        print_json(report.to_dict())
        return
    strategy = open_strategy(directory)
    _print_status(report, strategy)


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
    from headway.monitoring.realignment import realign
    from headway.workspace import realign_workspace

    before, after = open_strategy(_document(old)), open_strategy(_document(new))
    if Path(old).is_dir():
        result = realign_workspace(folder_store(old), after)
    else:
        result = realign(before, after)
    if as_json:
        print_json(_plain(asdict(result)))
        return
    _print_diff(result, after)


def _document(path: str) -> str:
    from headway.workspace.folder import STRATEGY_FILE

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


def _costs(f: Numbers, initiative: Initiative | None, s: InitiativeState) -> tuple[str, str]:
    """Likely and actual upfront and monthly running costs of a tracked initiative (the
    tracked estimate when the strategy no longer has it)."""
    upfront = initiative.upfront_cost.likely if initiative else s.estimated_upfront
    running = (
        initiative.recurring_cost_per_month.likely
        if initiative
        else s.estimated_recurring_per_month
    )
    return (
        f"{f.money(upfront)} / {f.money(s.actual_upfront)}",
        f"{f.money(running)} / {f.money(s.actual_recurring_per_month)}",
    )


def _print_status(report: StatusReport, strategy: Strategy) -> None:
    """The status with every estimate at its likely value, as in the plan and the report."""
    from headway.report.numbers import Numbers

    f = Numbers(strategy.business.locale, strategy.business.currency)
    index = report.index
    say(console, f"status as of {report.as_of.isoformat()}", lead=report.business, style="bold")
    say(
        console,
        f"{f.number(index.score, 0)}/100 {index.verdict.value} ({index.mode.value}). {index.note}",
        lead="Alignment Index",
        style="bold",
    )
    show_table(
        console,
        "Alignment Index",
        [Col("aspect", "id"), Col("score (0-100)", "number"), Col("verdict"), Col("evidence")],
        [(a.aspect, f.number(a.score, 0), a.verdict.value, a.evidence) for a in index.aspects],
    )
    _print_initiatives(report, strategy, f)
    if report.realizations:
        show_table(
            console,
            "Benefit realization",
            [Col("initiative", "id"), Col("kpi", "id"), Col("verdict"), Col("evidence")],
            [(r.initiative, r.kpi, r.verdict.value, r.evidence) for r in report.realizations],
        )
    if report.gates:
        show_table(
            console,
            "Go/no-go gates of pilots",
            [Col("initiative", "id"), Col("gate"), Col("decision"), Col("evidence")],
            [
                (g.initiative, str(g.gate_date or "not started"), g.decision.value, g.evidence)
                for g in report.gates
            ],
        )
    _print_learning(report, f)
    _print_kpis(report, f)


def _print_initiatives(report: StatusReport, strategy: Strategy, f: Numbers) -> None:
    """Initiatives past the idea stage, with their likely and actual costs."""
    from headway.monitoring.records import Status

    active = [s for s in report.initiatives if s.status is not Status.idea]
    if not active:
        return
    likely = {i.id: i for i in strategy.initiatives}
    c = f.currency
    columns = [
        Col("initiative", "id"), Col("status"), Col("since", "id"), Col("owner"),
        Col(f"upfront likely / actual ({c})", "money"),
        Col(f"running likely / actual ({c} a month)", "money"),
    ]  # fmt: skip
    rows = [
        (
            s.initiative,
            s.status.value,
            s.since.isoformat() if s.since else "-",
            s.owner or "-",
            *_costs(f, likely.get(s.initiative), s),
        )
        for s in active
    ]
    show_table(console, "Initiatives", columns, rows)


def _print_learning(report: StatusReport, f: Numbers) -> None:
    """Estimates against what was realised, when monitoring has revised any."""
    if not report.learning:
        return
    show_table(
        console,
        "Estimates vs realised (headway plan --learn re-plans with the updated ones)",
        [
            Col("initiative", "id"), Col("estimate", "id"), Col("unit"),
            Col("estimated likely", "number"), Col("realised", "number"),
            Col("credibility (0-1)", "number"), Col("updated likely", "number"),
        ],
        [
            (
                u.initiative, u.estimate, u.unit, f.number(u.prior[1], 2),
                f.number(u.realised, 2), f.number(u.weight, 2), f.number(u.posterior[1], 2),
            )
            for u in report.learning
        ],
    )  # fmt: skip


def _print_kpis(report: StatusReport, f: Numbers) -> None:
    """Each KPI's trend, latest value, target and projection."""
    sparks = {s.kpi: sparkline(s.values) for s in report.series}
    kpi_columns = [
        Col("kpi", "id"), Col("trend"), Col("latest", "number"),
        Col("target", "number"), Col("unit"), Col("due", "id"), Col("verdict"),
        Col("projection"),
    ]  # fmt: skip
    kpi_rows = [
        (
            p.kpi,
            sparks.get(p.kpi, ""),
            f.number(p.latest, 2),
            f.number(p.target, 2),
            p.unit,
            p.due.isoformat(),
            p.verdict.value,
            p.evidence,
        )
        for p in report.projections
    ]
    show_table(console, "KPIs", kpi_columns, kpi_rows)


def _print_diff(result: Realignment, after: Strategy) -> None:
    from headway.numbers import Numbers, Unit

    f = Numbers.of(after.business)

    show_table(
        console,
        "What changed",
        [Col("section"), Col("item", "id"), Col("field", "id"), Col("old", "id"), Col("new", "id")],
        [(c.section, c.item, c.field, c.old or "-", c.new or "-") for c in result.changes],
    )
    show_table(
        console,
        "Re-planned against the new strategy",
        [
            Col("action"), Col("initiative", "id"), Col("tracked"), Col("old start", "id"),
            Col("new start", "id"), Col(f.header("value", Unit.gap), "number"),
            Col(f.header("TCO", Unit.money), "money"), Col(f.header("NPV", Unit.money), "money"),
        ],
        [
            (
                m.action.value,
                m.initiative, m.status or "-", m.old_start or "-", m.new_start or "-",
                f.gap(m.value), f.money(m.tco), f.money(m.npv),
            )
            for m in result.moves
        ],
    )  # fmt: skip
    console.print(
        f"Keeping the old plan closes {f.gap(result.old_plan_value)} of the new weighted gap; "
        f"the re-optimised plan closes {f.gap(result.new_plan_value)} "
        f"({f.gap(result.value_at_stake)} at stake). Started {f.money(result.money_started)}, "
        f"stopped {f.money(result.money_stopped)} of TCO."
    )
    for o in result.orphans:
        need = f"; still required by {', '.join(o.required_by)}" if o.required_by else ""
        console.print(f"[yellow]orphan[/yellow]: {o.initiative} serves no weighted goal{need}")
    for u in result.uncovered:
        hint = (
            f"candidates: {', '.join(u.candidates)}" if u.candidates else "no initiative serves it"
        )
        weight = f.text(u.weight, Unit.share)
        console.print(f"[yellow]uncovered goal[/yellow]: {u.goal} ({weight}); {hint}")
