"""Commands on the people side: the readiness survey and the ethics review."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
import yaml
from rich.table import Table
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from headway.analysis.approval import APPROVAL_FILE, approve
from headway.analysis.ethics import Finding, ethics_review, unmatched_resolutions
from headway.analysis.readiness import ReadinessResult, readiness_score
from headway.analysis.skills import TalentGap, talent_gaps
from headway.cli.app import app, console, errors, fail, open_strategy, print_json
from headway.files import write_atomic
from headway.portfolio.results import Plan
from headway.strategy.errors import StrategyError
from headway.strategy.load import format_of, parse_strategy
from headway.strategy.model import Strategy
from headway.strategy.survey import default_survey

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
    strategy = open_strategy(file)
    if add_remedies:
        strategy = _add_remedies(file, talent_gaps(strategy))
    elif not show:
        strategy = _survey_one(file, name, role)
    result = readiness_score(strategy)
    gaps = talent_gaps(strategy)
    if as_json:
        print_json({"readiness": asdict(result), "talent_gaps": [_gap_data(g) for g in gaps]})
    else:
        _print_readiness(result)
        _print_gaps(gaps, strategy.business.currency)


def _survey_one(file: str, name: str | None, role: str) -> Strategy:
    survey = default_survey()
    labels = ", ".join(f"{k} = {v}" for k, v in sorted(survey.scale.labels.items()))
    respondent = name or typer.prompt("Your name")
    console.print(f"How much do you agree? ({labels})")
    answers: dict[str, int] = {}
    for number, question in enumerate(survey.questions, start=1):
        answers[question.id] = typer.prompt(
            f"{number}/{len(survey.questions)} {question.text}", value_proc=_answer
        )

    def record(data: Any) -> None:
        section = data.setdefault("readiness", CommentedMap())
        people = section.setdefault("respondents", CommentedSeq())
        entry = CommentedMap([("name", respondent), ("role", role)])
        entry["answers"] = CommentedMap(answers)
        for index, person in enumerate(people):
            if person.get("name") == respondent:
                people[index] = entry
                return
        people.append(entry)

    strategy = edit_document(file, record)
    console.print(f"[green]saved[/green] {respondent}'s answers to {file}")
    return strategy


def _add_remedies(file: str, gaps: list[TalentGap]) -> Strategy:
    new = [g for g in gaps if not g.already_planned]

    def add(data: Any) -> None:
        items = data.setdefault("initiatives", CommentedSeq())
        for gap in new:
            items.append(_block(gap.suggestion.model_dump(mode="json", exclude_defaults=True)))
        for item in items:
            needed = [g.suggestion.id for g in gaps if item["id"] in g.needed_by]
            missing = [r for r in needed if r not in item.get("requires", [])]
            if missing:
                item.setdefault("requires", CommentedSeq()).extend(missing)

    strategy = edit_document(file, add)
    added = ", ".join(g.suggestion.id for g in new) or "nothing new"
    console.print(f"[green]added[/green] {added} to {file}")
    return strategy


def _block(data: dict[str, Any]) -> CommentedMap:
    """A mapping for the YAML document, its three-point estimates written on one line."""
    result = CommentedMap()
    for key, value in data.items():
        if isinstance(value, dict):
            value = CommentedMap(value)
            value.fa.set_flow_style()
        result[key] = value
    return result


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


def _print_gaps(gaps: list[TalentGap], currency: str) -> None:
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
            f"{item.name}; {currency} {cost.likely:,.0f} ({cost.low:,.0f}-{cost.high:,.0f}), "
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
    strategy = open_strategy(file)
    if resolve is not None:
        strategy = _resolve(file, strategy, resolve, why, by, on)
    findings = ethics_review(strategy)
    if as_json:
        print_json([_finding_data(f) for f in findings])
    else:
        _print_findings(findings)
        for initiative, record in unmatched_resolutions(strategy):
            console.print(
                f"[yellow]note:[/yellow] {initiative}: resolution of '{record.rule}' no longer "
                "matches a finding (the facts changed); it can be removed"
            )
    if any(f.blocks_approval for f in findings):
        raise typer.Exit(1)


def _resolve(
    file: str, strategy: Strategy, finding_id: str, why: str | None, by: str | None, on: str | None
) -> Strategy:
    if not why or not why.strip() or not by or not by.strip():
        fail("--resolve needs --why (the mitigation or reason) and --by (who decides)")
    findings = {f.id: f for f in ethics_review(strategy)}
    if finding_id not in findings:
        listed = ", ".join(findings) or "none"
        fail(f"no finding '{finding_id}' in {file} (findings: {listed})")
    try:
        day = dt.date.fromisoformat(on) if on else dt.date.today()
    except ValueError:
        fail(f"--date must be YYYY-MM-DD, got '{on}'")
    finding = findings[finding_id]
    record = CommentedMap(
        [("rule", finding.rule), ("by", by.strip()), ("why", why.strip()), ("date", day)]
    )

    def add(data: Any) -> None:
        item = next(i for i in data["initiatives"] if i["id"] == finding.initiative)
        facts = item.setdefault("ethics", CommentedMap())
        if hasattr(facts, "fa"):
            facts.fa.set_block_style()
        records = facts.setdefault("resolutions", CommentedSeq())
        kept = [r for r in records if r.get("rule") != finding.rule]
        records.clear()
        records.extend([*kept, record])

    updated = edit_document(file, add)
    console.print(f"[green]resolved[/green] {finding_id} by {by.strip()}")
    return updated


def _print_findings(findings: list[Finding]) -> None:
    if not findings:
        console.print("No ethics findings.")
        return
    table = Table(title="Ethics review")
    for column in ("finding", "severity", "message", "resolution"):
        table.add_column(column)
    colours = {"high": "red", "medium": "yellow", "low": "cyan"}
    for f in findings:
        severity = f"[{colours[f.severity.value]}]{f.severity.value}[/]"
        if f.resolution is not None:
            r = f.resolution
            resolution = f"resolved by {r.by} on {r.date.isoformat()}: {r.why}"
        else:
            resolution = "[red]unresolved[/red]" if f.blocks_approval else "open"
        table.add_row(f.id, severity, f.message, resolution)
    console.print(table)


def _finding_data(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "rule": f.rule,
        "severity": f.severity.value,
        "initiative": f.initiative,
        "message": f.message,
        "blocks_approval": f.blocks_approval,
        "resolution": f.resolution.model_dump(mode="json") if f.resolution else None,
    }


def edit_document(file: str, change: Callable[[Any], None]) -> Strategy:
    """Apply `change` to the document's plain data, validate, and replace the file atomically.

    YAML is edited as a round trip (ruamel.yaml), so comments, key order and layout elsewhere in
    the file stay as the user wrote them. Nothing is written when the result does not validate.
    """
    try:
        with open(file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    if format_of(file) == "json":
        data = json.loads(text)
        change(data)
        new_text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    else:
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096  # never re-wrap the user's long lines
        offset = _sequence_offset(text)
        yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
        data = yaml.load(text)
        change(data)
        out = io.StringIO()
        yaml.dump(data, out)
        new_text = out.getvalue()
    try:
        strategy = parse_strategy(new_text, file=file, format=format_of(file))
    except StrategyError as exc:
        fail(exc.problems)
    write_atomic(file, new_text)
    return strategy


def _sequence_offset(text: str) -> int:
    """How far the document indents a list under its key (`key:` then `  - item` is 2)."""
    found = re.search(r"^[A-Za-z_]+:[ \t]*(?:#.*)?\n( *)- ", text, flags=re.MULTILINE)
    return len(found.group(1)) if found else 2


def record_approval(file: str, strategy: Strategy, plan: Plan, by: str | None) -> Path:
    """`headway plan --approve`: refuse (exit 1, saying why) when a chosen initiative has an
    unresolved high ethics finding; otherwise write the approved plan beside the document
    (`approved-plan.yaml`, replaced atomically) and return its path."""
    approver = (by or "").strip() or typer.prompt("Approved by (name and role)").strip()
    if not approver:
        fail("--approve needs the name of the person approving (--by NAME)")
    try:
        with open(file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    approval = approve(
        strategy, plan, by=approver, on=dt.date.today(), document_text=text, document_name=file
    )
    target = Path(file).parent / APPROVAL_FILE
    header = (
        f"# Plan approved by {approver} on {approval.approved_on.isoformat()}, written by "
        "`headway plan --approve`.\n# document_sha256 is the SHA-256 of the strategy document "
        "it was planned from.\n"
    )
    body = yaml.safe_dump(approval.to_data(), sort_keys=False, allow_unicode=True, width=100)
    write_atomic(target, header + body)
    # On stderr, so `headway plan --approve --json` still prints one JSON document.
    errors.print(f"[green]approved[/green]: plan recorded in {target}")
    return target


def show_plan_ethics(strategy: Strategy, plan: Plan) -> None:
    """Print the ethics findings of the plan's chosen initiatives (for `headway plan`)."""
    chosen = {d.initiative for d in plan.selected}
    findings = [f for f in ethics_review(strategy) if f.initiative in chosen]
    if not findings:
        return
    console.print("\n[bold]Ethics findings in the plan[/bold]")
    for f in findings:
        if f.resolution is not None:
            status = f"resolved by {f.resolution.by}"
        else:
            status = "[red]unresolved: blocks approval[/red]" if f.blocks_approval else "open"
        console.print(f"  {f.id} ({f.severity.value}, {status}): {f.message}")
