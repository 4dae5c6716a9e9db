"""Command `explain`: what a plan leaves to requests, asked for — each named initiative's full
explanation, and which limits bind (a plan of more than `plan_explain_solves_up_to` initiatives,
or one whose time budget ran out, carries neither)."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

import typer

from headway.cli.app import app, console, errors, fail, open_strategy, print_json, solve_settings
from headway.cli.explanations import require_plan, show_binding, show_decision
from headway.cli.layout import busy, say
from headway.cli.plan import FILE, JSON, NPV_WEIGHT_OPTION, READINESS_OPTION, TIME_LIMIT_OPTION
from headway.errors import Problem

if TYPE_CHECKING:
    from headway.portfolio.results import Decision, Plan, Sensitivity
    from headway.strategy.model import Strategy

INITIATIVES = typer.Argument(
    None, help="Ids of the initiatives to explain, each in full.", show_default=False
)
LIMITS_OPTION = typer.Option(
    False,
    "--limits",
    help="Work out which limits bind: the plan's value with each limit lifted and cut by 10% "
    "(a solve or two per limit).",
)
CHANGES_OPTION = typer.Option(
    True,
    "--changes/--no-changes",
    help="For an initiative left out, also the smallest raise of each limit that would bring "
    "it in (a solve per limit); --no-changes: only the best plan with it (one solve).",
)


@app.command()
def explain(
    file: str = FILE,
    initiatives: list[str] | None = INITIATIVES,
    limits: bool = LIMITS_OPTION,
    changes: bool = CHANGES_OPTION,
    as_json: bool = JSON,
    npv_weight: float = NPV_WEIGHT_OPTION,
    readiness: float | None = READINESS_OPTION,
    time_limit: float | None = TIME_LIMIT_OPTION,
) -> None:
    """Ask what a big plan leaves to requests: why an initiative is out, which limits bind.

    Each initiative named gets its full explanation, in the words of `plan` (for one left out,
    the best plan with it and the smallest changes that would bring it in); --limits works out
    what each limit is worth. Quicker than `plan --changes`, which re-solves for every
    initiative."""
    from headway.portfolio.on_request import explain_limits
    from headway.portfolio.planner import explain as explain_one
    from headway.portfolio.planner import plan as make_plan

    asked = list(dict.fromkeys(initiatives or ()))
    if not asked and not limits:
        fail("name the initiatives to explain (their ids), or ask for --limits")
    strategy = open_strategy(file)
    _known(strategy, asked, file)
    settings = replace(
        solve_settings(time_limit), readiness=readiness, npv_weight=npv_weight, explain=False
    )
    with busy(errors, "planning: proving the best roadmap"):
        result = make_plan(strategy, settings)
    require_plan(result, file)
    with busy(errors, "explaining: re-solving the plan"):
        made = [explain_one(strategy, result, i, smallest_changes=changes) for i in asked]
        found = explain_limits(strategy, result) if limits else None
    if as_json:
        print_json(_explain_json(result, made, found))
        return
    _show(strategy, result, made, found)


def _known(strategy: Strategy, asked: list[str], file: str) -> None:
    """Stop with exit 2 naming each id in `asked` that is no initiative of the document."""
    ids = [i.id for i in strategy.initiatives]
    unknown = [i for i in asked if i not in set(ids)]
    if unknown:
        fail(
            [
                Problem(f"no initiative '{i}'", ("initiatives",), file, expected=", ".join(ids))
                for i in unknown
            ]
        )


def _explain_json(
    result: Plan, made: list[Decision], found: tuple[Sensitivity, ...] | None
) -> dict[str, Any]:
    """`explain --json`: the plan's value and proof, each asked initiative's decision and the
    limits."""
    return {
        "value": result.value,
        "proof": result.proof,
        "decisions": [asdict(d) for d in made],
        "sensitivities": None if found is None else [asdict(s) for s in found],
    }


def _show(
    strategy: Strategy,
    result: Plan,
    made: list[Decision],
    found: tuple[Sensitivity, ...] | None,
) -> None:
    """Print each decision as `plan` does, then the binding limits."""
    from headway.report.numbers import Numbers

    shown = Numbers.of(strategy.business)
    say(console, f"{shown.gap(result.value)} of the weighted gap.", lead="The plan is worth")
    if not result.proven_optimal and result.proof:
        say(console, result.proof)
    for decision in made:
        show_decision(decision)
    if found is None:
        return
    show_binding(found, shown)
    if result.proven_optimal and not any(s.binding for s in found):
        say(console, "No limit binds: lifting any one alone leaves the plan's value as it is.")
