"""Commands on the people side: the readiness survey and the ethics review."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from headway.analysis.ethics import Finding
    from headway.analysis.readiness import ReadinessResult
    from headway.analysis.skills import TalentGap
    from headway.portfolio.results import Plan
    from headway.report.numbers import Numbers
    from headway.strategy.model import Strategy
from headway.cli.app import app, console, fail, open_strategy, print_json, today
from headway.cli.layout import say
from headway.cli.stores import document_store

FILE_HELP = "Strategy document (headway.yaml or .json)."


@app.command()
def readiness(
    file: str = typer.Argument(..., help=FILE_HELP),
    name: str | None = typer.Option(None, help="Respondent's name (asked when not given)."),
    role: str = typer.Option("staff", help="Respondent's role, e.g. owner, manager, staff."),
    show: bool = typer.Option(False, "--show", help="Only show the current scores; ask nothing."),
    add_remedies: bool = typer.Option(
        False,
        "--add-remedies",
        help="Ask nothing; add each talent gap's suggested training or hiring initiative to the "
        "document, required by the initiatives that need the skill, so the plan can schedule it.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Ask one respondent the readiness survey and save the answers into the document.

    Answers use 1 = strongly disagree ... 5 = strongly agree. A respondent with the same name is
    replaced. With --show, print the team's readiness scores without asking. The talent gaps
    (skills initiatives need that no role has) follow, each with a suggested remedy.
    """
    from headway.analysis.readiness import readiness_score
    from headway.analysis.skills import talent_gaps

    strategy = open_strategy(file)
    if add_remedies:
        strategy = _add_remedies(file)
    elif not show:
        strategy = _survey_one(file, name, role)
    result = readiness_score(strategy)
    gaps = talent_gaps(strategy)
    if as_json:
        print_json({"readiness": asdict(result), "talent_gaps": [_gap_data(g) for g in gaps]})
    else:
        _print_readiness(result)
        from headway.report.numbers import Numbers

        _print_gaps(gaps, Numbers.of(strategy.business))


def _survey_one(file: str, name: str | None, role: str) -> Strategy:
    from headway.strategy.survey import default_survey
    from headway.workspace import record_answers

    survey = default_survey()
    labels = ", ".join(f"{k} = {v}" for k, v in sorted(survey.scale.labels.items()))
    respondent = name or typer.prompt("Your name")
    console.print(f"How much do you agree? ({labels})")
    answers: dict[str, int] = {}
    for number, question in enumerate(survey.questions, start=1):
        answers[question.id] = typer.prompt(
            f"{number}/{len(survey.questions)} {question.text}", value_proc=_answer
        )
    saved = record_answers(document_store(file), respondent, answers, role)
    console.print(f"[green]saved[/green] {respondent}'s answers to {file}")
    return saved.strategy


def _add_remedies(file: str) -> Strategy:
    from headway.workspace import add_remedies

    saved = add_remedies(document_store(file))
    console.print(f"[green]added[/green] {', '.join(saved.added) or 'nothing new'} to {file}")
    return saved.strategy


def _gap_data(gap: TalentGap) -> dict[str, Any]:
    item = gap.suggestion
    return {
        "skill": gap.skill,
        "needed_by": list(gap.needed_by),
        "kind": gap.kind,
        "role": gap.role,
        "already_planned": gap.already_planned,
        "suggestion": item.model_dump(mode="json", exclude_defaults=True),
    }


def _print_gaps(gaps: list[TalentGap], f: Numbers) -> None:
    if not gaps:
        console.print("Talent gaps: none - every skill the initiatives need is in a role.")
        return
    console.print("Talent gaps (skills no role has):")
    for gap in gaps:
        item = gap.suggestion
        cost, days = item.upfront_cost, item.effort_days
        planned = " (already in the document)" if gap.already_planned else ""
        console.print(
            f"- {gap.skill}, needed by {', '.join(gap.needed_by)}: {item.id}{planned} - "
            f"{item.name}; {f.money(cost.likely)} ({f.money(cost.low)} to {f.money(cost.high)}), "
            f"{days.likely:g} person-days, {item.duration_periods.likely:g} period(s)"
        )


def _answer(text: str) -> int:
    # Raising BadParameter makes the prompt say why and ask again.
    value = text.strip()
    if value not in {"1", "2", "3", "4", "5"}:
        raise typer.BadParameter("answer with a whole number from 1 to 5")
    return int(value)


def _print_readiness(result: ReadinessResult) -> None:
    table = Table(title="Readiness (0 = not ready, 1 = ready)")
    for column in ("dimension", "score", "answered by", "note"):
        table.add_column(column)
    for d in result.dimensions:
        note = "weak" if d.weak else ""
        if d.disagreement:
            note = (note + ", " if note else "") + f"people disagree ({d.spread:.2f})"
        score = "-" if d.score is None else f"{d.score:.2f}"
        table.add_row(d.name, score, str(d.respondents), note)
    overall = "not assessed" if result.overall is None else f"{result.overall:.2f}"
    table.add_row("[bold]overall[/bold]", overall, str(len(result.respondents)), "")
    console.print(table)
    console.print(
        f"Change capacity the plan may use: {result.change_capacity_factor:.0%} of the stated days."
    )
    for note in result.notes:
        console.print(f"- {note}")


@app.command()
def ethics(
    file: str = typer.Argument(..., help=FILE_HELP),
    resolve: str | None = typer.Option(
        None, "--resolve", help="Finding id to resolve, as listed: initiative/rule."
    ),
    why: str | None = typer.Option(None, "--why", help="Mitigation or reason (with --resolve)."),
    by: str | None = typer.Option(None, "--by", help="Who decides (with --resolve)."),
    on: str | None = typer.Option(
        None, "--date", help="Day of the decision, YYYY-MM-DD (default today)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
) -> None:
    """List the ethics findings of every initiative, or record a resolution of one.

    Exit 1 when a high finding is unresolved (it blocks approval of a plan that contains it).
    """
    from headway.analysis.ethics import ethics_review, unmatched_resolutions

    strategy = open_strategy(file)
    if resolve is not None:
        strategy = _resolve(file, resolve, why, by, on)
    findings = ethics_review(strategy)
    if as_json:
        print_json([f.to_dict() for f in findings])
    else:
        _print_findings(findings)
        for initiative, record in unmatched_resolutions(strategy):
            say(
                console,
                f"{initiative}: resolution of '{record.rule}' no longer matches a finding (the "
                "facts changed); it can be removed",
                lead="note:",
                style="yellow",
            )
    if any(f.blocks_approval for f in findings):
        raise typer.Exit(1)


def _resolve(
    file: str, finding_id: str, why: str | None, by: str | None, on: str | None
) -> Strategy:
    from headway.workspace import resolve_finding

    if not why or not why.strip() or not by or not by.strip():
        fail("--resolve needs --why (the mitigation or reason) and --by (who decides)")
    try:
        day = dt.date.fromisoformat(on) if on else today()
    except ValueError:
        fail(f"--date must be YYYY-MM-DD, got '{on}'")
    saved = resolve_finding(document_store(file), finding_id, by=by, why=why, on=day)
    console.print(f"[green]resolved[/green] {finding_id} by {by.strip()}")
    return saved.strategy


def _print_findings(findings: list[Finding]) -> None:
    """One block per finding: its id whole on the first line (`--resolve` needs it), then the
    message and the resolution under a hanging indent."""
    if not findings:
        console.print("No ethics findings.")
        return
    console.print("[bold]Ethics review[/bold] (resolve with --resolve ID)")
    colours = {"high": "red", "medium": "yellow", "low": "cyan"}
    for f in findings:
        if f.resolution is not None:
            r = f.resolution
            state = f"resolved by {r.by} on {r.date.isoformat()}: {r.why}"
        else:
            state = "unresolved: blocks approval" if f.blocks_approval else "open"
        console.print(Text(f.id, style="bold"), soft_wrap=True)
        say(console, f.message, lead=f"{f.severity.value}:", style=colours[f.severity.value],
            indent=2, hang=2)  # fmt: skip
        say(console, state, indent=2, hang=2)


def show_plan_ethics(strategy: Strategy, plan: Plan) -> None:
    """Print the ethics findings of the plan's chosen initiatives (for `headway plan`)."""
    from headway.analysis.ethics import ethics_review

    chosen = {d.initiative for d in plan.selected}
    findings = [f for f in ethics_review(strategy) if f.initiative in chosen]
    if not findings:
        return
    console.print("\n[bold]Ethics findings in the plan[/bold]")
    for f in findings:
        if f.resolution is not None:
            status = f"resolved by {f.resolution.by}"
        else:
            status = "unresolved: blocks approval" if f.blocks_approval else "open"
        say(console, f"({f.severity.value}, {status}): {f.message}", lead=f.id, indent=2, hang=4)
