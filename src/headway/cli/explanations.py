"""How the command line prints explanations, the same for `plan` and `explain`: one initiative's
decision, what each binding limit is worth, and a plan that could not be made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from headway.cli.app import console, fail
from headway.cli.layout import say
from headway.errors import Problem

if TYPE_CHECKING:
    from headway.portfolio.results import Decision, Plan, Sensitivity
    from headway.report.numbers import Numbers


def require_plan(result: Plan, file: str) -> None:
    """Stop with exit 2, naming each cause, when no plan satisfies every constraint of `file`
    (under --json the problems are printed as JSON)."""
    if result.status == "infeasible":
        causes = result.infeasible_causes or (result.verdict,)
        fail([Problem(f"no plan fits: {cause}", (), file) for cause in causes])


def show_decision(decision: Decision) -> None:
    """Print one initiative's decision: a chosen one with its start, go-live and reasons; one
    left out with its reasons and each change that would bring it in."""
    d = decision
    if d.selected:
        say(console, f"{d.start_label} -> live {d.live_label}", lead=d.initiative,
            style="green", indent=2)  # fmt: skip
        for reason in d.reasons:
            say(console, reason, indent=6)
        return
    say(console, "; ".join(d.reasons), lead=f"{d.initiative}:", style="yellow", indent=2)
    for change in d.changes:
        say(console, f"to bring it in: {change.text}", indent=6)


def show_binding(sensitivities: Sequence[Sensitivity], f: Numbers) -> None:
    """Print each binding limit: its size, the plan's value with it lifted and with it cut by
    its cut share, and what the cut plan drops (values as shares of the weighted gap)."""
    binding = [s for s in sensitivities if s.binding]
    if binding:
        console.print("\n[bold]Binding limits[/bold] (plan value in % of the weighted gap)")
    for s in binding:
        dropped = f", dropping {', '.join(s.dropped_if_cut)}" if s.dropped_if_cut else ""
        say(
            console,
            f"{s.label} ({f.number(s.limit, 1)} {s.unit}): lifted -> {f.gap(s.value_if_lifted)}; "
            f"cut by {f.percent(s.cut_share)} -> {f.gap(s.value_if_cut)}{dropped}",
            indent=2,
            hang=4,
        )
