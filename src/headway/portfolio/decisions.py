"""One `Decision` per initiative: in or out, when, and the reasons in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from headway.portfolio.explain import smallest_changes
from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.limits import limit_uses
from headway.portfolio.model import solve_schedule
from headway.portfolio.results import Change, Decision, LimitUse
from headway.portfolio.usage import period_usage


@dataclass(frozen=True)
class DecisionContext:
    """What every decision needs: the inputs, the chosen schedule and its value, and labels."""

    inputs: PlanningInputs
    starts: Mapping[int, int]
    value: float
    labels: Sequence[str]
    uses: Sequence[LimitUse]
    alignment: Sequence[float]
    currency: str
    explain: bool
    time_limit: float | None
    explain_limit: int = 10


def earliest_start(ctx: DecisionContext, item: int) -> int:
    """The first period the item could start given its chosen predecessors' go-live."""
    inputs = ctx.inputs
    earliest = 0
    for successor, predecessor in inputs.requires:
        if successor == item and predecessor in ctx.starts:
            earliest = max(earliest, ctx.starts[predecessor] + int(inputs.duration[predecessor]))
    return earliest


def _tight_in(ctx: DecisionContext, periods: range) -> list[str]:
    return [
        use.label
        for use in ctx.uses
        if use.tight and (use.period is None or use.period in periods) and use.limit > 0
    ]


def chosen_decision(ctx: DecisionContext, item: int) -> Decision:
    """Why a chosen initiative is in, and why it starts when it does."""
    inputs, start = ctx.inputs, ctx.starts[item]
    live = start + int(inputs.duration[item])
    labels = ctx.labels
    reasons = [f"closes {100 * ctx.alignment[item]:.1f}% of the weighted strategic gap on its own"]
    if item in inputs.mandatory:
        reasons.insert(0, "mandatory in the strategy document")
    earliest = earliest_start(ctx, item)
    if start == earliest:
        reasons.append(f"starts as early as it can ({labels[start]})")
    else:
        reasons.append(_why_not_earlier(ctx, item, earliest))
    return Decision(
        initiative=inputs.ids[item],
        name=inputs.names[item],
        selected=True,
        start=start,
        start_label=labels[start],
        live=live,
        live_label=labels[live] if live < len(labels) else "after the horizon",
        alignment_value=ctx.alignment[item],
        reasons=tuple(reasons),
        tight_limits=tuple(_tight_in(ctx, range(start, live))),
    )


def _why_not_earlier(ctx: DecisionContext, item: int, earliest: int) -> str:
    """Moving only this initiative earlier: which limits it would break, period by period."""
    labels, start = ctx.labels, ctx.starts[item]
    broken: list[str] = []
    for period in range(earliest, start):
        moved = {**ctx.starts, item: period}
        usage = period_usage(ctx.inputs, moved)
        running = float(sum(ctx.inputs.recurring[i] for i in moved))
        uses = limit_uses(ctx.inputs, usage, running, labels, ctx.currency)
        broken.extend(u.label for u in uses if u.used > u.limit + 1e-6 and u.label not in broken)
    if broken:
        return (
            f"could start in {labels[earliest]} but waits until {labels[start]}: starting "
            f"earlier, with the rest of the plan as it is, would exceed the {', '.join(broken)}"
        )
    return (
        f"could start in {labels[earliest]}: an earlier start would fit every limit but add "
        "no value to the plan (a tie; the solver's choice)"
    )


def _structural_reasons(ctx: DecisionContext, item: int) -> list[str]:
    inputs = ctx.inputs
    reasons = []
    if item in inputs.excluded:
        reasons.append(inputs.excluded[item])
    if int(inputs.duration[item]) > inputs.periods:
        reasons.append(f"takes {inputs.duration[item]} periods: cannot go live within the horizon")
    for group in inputs.groups:
        rivals = [inputs.ids[j] for j in group if j != item and j in ctx.starts]
        if item in group and rivals:
            reasons.append(f"an alternative to {', '.join(rivals)}, which is in the plan")
    for successor, predecessor in inputs.requires:
        if successor == item and predecessor not in ctx.starts:
            reasons.append(f"requires {inputs.ids[predecessor]}, which is not in the plan")
    if ctx.alignment[item] <= 0 and (inputs.npv_weight == 0 or np.all(inputs.npv[item] <= 0)):
        reasons.append("closes no part of a weighted KPI gap")
    return reasons


def _blocked(inputs: PlanningInputs, item: int) -> bool:
    return item in inputs.excluded or int(inputs.duration[item]) > inputs.periods


def left_out_decision(ctx: DecisionContext, item: int, deep: bool = True) -> Decision:
    """Why an initiative is out, and (when `deep`) the smallest change that would bring it in."""
    inputs = ctx.inputs
    reasons = _structural_reasons(ctx, item)
    forced_value: float | None = None
    changes: list[Change] = []
    if ctx.explain and not deep and not _blocked(inputs, item):
        reasons.append(
            f"not explained in detail: only the {ctx.explain_limit} most aligned initiatives "
            "left out are"
        )
    if item in inputs.readiness_gates:
        now, needed = inputs.readiness_gates[item]
        changes.append(
            Change(
                "readiness",
                needed - now,
                "readiness (0-1)",
                f"raise readiness from {now:.2f} to {needed:.2f} (survey, training: "
                "docs/people.md)",
            )
        )
    if ctx.explain and deep and not _blocked(inputs, item):
        forced = solve_schedule(inputs, forced_in=frozenset({item}), time_limit=ctx.time_limit)
        if forced.result.values is None:
            reasons.append("no plan within the current limits can include it")
        else:
            forced_value = forced.objective
            reasons.append(_forced_reason(ctx, item, forced.starts, forced_value))
        changes += smallest_changes(
            inputs, item, ctx.value, forced_value, ctx.currency, ctx.time_limit
        )
    if not reasons:
        reasons.append("the chosen initiatives are worth more within the limits")
    return Decision(
        initiative=inputs.ids[item],
        name=inputs.names[item],
        selected=False,
        start=None,
        start_label=None,
        live=None,
        live_label=None,
        alignment_value=ctx.alignment[item],
        reasons=tuple(reasons),
        value_if_forced=forced_value,
        changes=tuple(changes),
    )


def _forced_reason(
    ctx: DecisionContext, item: int, forced: Mapping[int, int], forced_value: float
) -> str:
    inputs = ctx.inputs
    pushed_out = [inputs.ids[j] for j in sorted(set(ctx.starts) - set(forced))]
    lost = 100 * (ctx.value - forced_value)
    if lost <= 1e-5:
        return "a plan with it is worth the same: it adds no strategic value within the limits"
    text = f"forcing it in lowers the plan's value by {lost:.2f} points"
    if pushed_out:
        text += f" (it would push out {', '.join(pushed_out)})"
    saturated = _saturated_kpis(ctx, item)
    if saturated:
        text += f"; the plan already closes the whole gap of {', '.join(saturated)}"
    return text


def _saturated_kpis(ctx: DecisionContext, item: int) -> list[str]:
    inputs = ctx.inputs
    closure = period_usage(inputs, ctx.starts).closure[:, -1]
    return [
        inputs.kpi_ids[k]
        for k in range(len(inputs.kpi_ids))
        if inputs.closure[item, k] > 0 and closure[k] >= 1.0 - 1e-9
    ]


def decisions(ctx: DecisionContext) -> list[Decision]:
    """A decision for every initiative, in document order."""
    candidates = [
        i for i in range(ctx.inputs.size) if i not in ctx.starts and not _blocked(ctx.inputs, i)
    ]
    candidates.sort(key=lambda i: -ctx.alignment[i])
    deep = set(candidates[: ctx.explain_limit])
    return [
        chosen_decision(ctx, item)
        if item in ctx.starts
        else left_out_decision(ctx, item, item in deep)
        for item in range(ctx.inputs.size)
    ]
