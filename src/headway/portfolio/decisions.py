"""One `Decision` per initiative: in or out, when, and the reasons in words."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import cached_property, partial

import numpy as np

from headway.analysis.alignment import LATE_EFFECT_SHARE
from headway.portfolio.change_items import gain_phrases
from headway.portfolio.deadline import passed
from headway.portfolio.explain import (
    both_in_parallel,
    forced_schedule,
    in_parallel,
    sensitivity_tasks,
    smallest_changes,
)
from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.limits import limit_uses
from headway.portfolio.model import Schedule
from headway.portfolio.resolve import Resolvers
from headway.portfolio.results import Change, Decision, LimitUse, Sensitivity
from headway.portfolio.usage import PeriodUsage, period_usage

#: The value and schedule of the best plan forced to contain an initiative (None: no plan can).
Forced = tuple[float, Mapping[int, int]] | None


@dataclass(frozen=True)
class DecisionContext:
    """What every decision needs: the inputs, the chosen schedule and its value, and labels.

    `smallest_changes`: also compute, for each deeply explained initiative left out, the least
    raise of each limit that would bring it in (a MILP per limit: `planner.explain` asks for it
    one initiative at a time; `plan` does not). `forced` holds the best plan forced to contain
    an initiative (value, schedule; None when none can), each computed once. `resolve`: False
    when the plan leaves the forced-in solves to be computed on request (a big portfolio).
    `resolvers`: the plan's model built once for these solves (made on first use when None).
    """

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
    smallest_changes: bool = False
    resolve: bool = True
    forced: dict[int, Forced] = field(default_factory=dict)
    harms: Sequence[Sequence[str]] = ()
    resolvers: Resolvers | None = None

    @cached_property
    def resolver_pool(self) -> Resolvers:
        """The plan's model built once for the forced-in solves (given, or made once)."""
        return self.resolvers or Resolvers(self.inputs, self.time_limit)

    @cached_property
    def usage(self) -> PeriodUsage:
        """What the chosen schedule uses and closes, period by period (computed once)."""
        return period_usage(self.inputs, self.starts)

    @cached_property
    def running_cost(self) -> float:
        """Running cost per month of everything chosen, once live (currency)."""
        chosen = np.fromiter(self.starts, dtype=np.int64, count=len(self.starts))
        return float(self.inputs.recurring[chosen].sum())

    @cached_property
    def predecessors(self) -> dict[int, list[int]]:
        """Item -> the items it requires."""
        found: dict[int, list[int]] = {}
        for successor, predecessor in self.inputs.requires:
            found.setdefault(successor, []).append(predecessor)
        return found

    @cached_property
    def groups_of(self) -> dict[int, list[tuple[int, ...]]]:
        """Item -> the alternative groups it belongs to."""
        found: dict[int, list[tuple[int, ...]]] = {}
        for group in self.inputs.groups:
            for item in group:
                found.setdefault(item, []).append(group)
        return found


#: The reason a big plan gives for an initiative whose forced-in plan it did not solve.
ON_REQUEST = (
    "what a plan with it would be worth is worked out on request, as it re-solves the whole "
    'portfolio (ask: headway explain FILE ID, or click it under "Why each initiative is in or '
    'out" on the web plan page; plan --changes works out every one)'
)

#: Said of an initiative when the call's time budget ran out while its smallest changes were
#: worked out: the ones not proven in time are left out rather than shown unproven.
CHANGES_CUT = (
    "the time budget ran out while its smallest changes were worked out: some may be missing "
    "(setting plan_time_budget, docs/portfolio.md)"
)


def earliest_start(ctx: DecisionContext, item: int) -> int:
    """The first period the item could start given its chosen predecessors' go-live."""
    live = [
        ctx.starts[p] + int(ctx.inputs.duration[p])
        for p in ctx.predecessors.get(item, [])
        if p in ctx.starts
    ]
    return max(live, default=0)


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
    shown = inputs.numbers
    reasons = [f"closes {shown.gap(ctx.alignment[item])} of the weighted strategic gap on its own"]
    reasons += harm_reasons(ctx, item) + late_reasons(ctx, item, live)
    reasons += gain_phrases(inputs, item, ctx.starts)
    if item in inputs.mandatory:
        reasons.insert(0, "mandatory in the strategy document")
    npv = float(inputs.npv[item, start])
    if npv < 0:
        weighed = (
            f"at the plan's {shown.percent(inputs.npv_weight)} weight on money"
            if inputs.npv_weight > 0
            else "as the plan weighs strategic value only"
        )
        outweighs = (
            "what it lets the rest of the plan deliver outweighs its cost"
            if any(ri.item == item for ri in inputs.readiness_items)
            else "its strategic value outweighs the loss"
        )
        reasons.append(
            f"in the plan although its risk-adjusted NPV is {shown.money(npv)}: "
            f"{outweighs} {weighed}"
        )
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


def harm_reasons(ctx: DecisionContext, item: int) -> list[str]:
    """ "worsens driver-turnover by 2 % of drivers (-1.3% of the weighted gap)": harms lower the
    plan's value as they lower the initiative's."""
    return list(ctx.harms[item]) if item < len(ctx.harms) else []


def late_reasons(ctx: DecisionContext, item: int, live: int) -> list[str]:
    """For each KPI effect of a chosen initiative that shows after its KPI's due date: it
    counts at `LATE_EFFECT_SHARE` of its size in the plan's value."""
    inputs = ctx.inputs
    if inputs.due is None:
        return []
    found = []
    for k in np.flatnonzero(inputs.closure[item] > 0):
        shows, due = live + int(inputs.lag[item, k]), int(inputs.due[k])
        if shows > due:
            when = ctx.labels[shows] if shows < len(ctx.labels) else "after the horizon"
            by = ctx.labels[due] if 0 <= due < len(ctx.labels) else "before the plan starts"
            found.append(
                f"its effect on {inputs.kpi_ids[k]} shows in {when}, after the KPI's due date "
                f"({by}): counted at {100 * LATE_EFFECT_SHARE:.0f}% of its size"
            )
    return found


def _why_not_earlier(ctx: DecisionContext, item: int, earliest: int) -> str:
    """Moving only this initiative earlier: which limits it would break, period by period."""
    labels, start = ctx.labels, ctx.starts[item]
    broken: list[str] = []
    for period in range(earliest, start):
        moved = {**ctx.starts, item: period}
        usage = period_usage(ctx.inputs, moved)
        uses = limit_uses(ctx.inputs, usage, ctx.running_cost, labels, ctx.currency)
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
    for group in ctx.groups_of.get(item, []):
        rivals = [inputs.ids[j] for j in group if j != item and j in ctx.starts]
        if rivals:
            reasons.append(f"an alternative to {', '.join(rivals)}, which is in the plan")
    for predecessor in ctx.predecessors.get(item, []):
        if predecessor not in ctx.starts:
            reasons.append(f"requires {inputs.ids[predecessor]}, which is not in the plan")
    reasons += harm_reasons(ctx, item)
    changes_readiness = any(ri.item == item for ri in inputs.readiness_items)
    if (
        ctx.alignment[item] <= 0
        and not changes_readiness
        and (inputs.npv_weight == 0 or np.all(inputs.npv[item] <= 0))
    ):
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
    if ctx.explain and deep and not _blocked(inputs, item) and not ctx.resolve:
        reasons.append(ON_REQUEST)
    elif ctx.explain and deep and not _blocked(inputs, item):
        if item not in ctx.forced:
            ctx.forced[item] = forced_schedule(
                inputs, item, ctx.value, ctx.starts, ctx.time_limit, ctx.resolver_pool
            )
        forced = ctx.forced[item]
        if forced is None:
            reasons.append("no plan within the current limits can include it")
        else:
            forced_value = forced[0]
            reasons.append(_forced_reason(ctx, item, forced[1], forced_value))
        if ctx.smallest_changes:
            changes += smallest_changes(
                inputs, item, ctx.value, forced_value, ctx.currency, ctx.time_limit
            )
            if passed(inputs.deadline):
                reasons.append(CHANGES_CUT)
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
    lost = ctx.value - forced_value
    if lost <= 1e-7:
        return "a plan with it is worth the same: it adds no strategic value within the limits"
    text = (
        f"forcing it in lowers the plan's value by {inputs.numbers.gap(lost)} of the weighted gap"
    )
    if pushed_out:
        text += f" (it would push out {', '.join(pushed_out)})"
    saturated = _saturated_kpis(ctx, item)
    if saturated:
        text += f"; the plan already closes the whole gap of {', '.join(saturated)}"
    return text


def _saturated_kpis(ctx: DecisionContext, item: int) -> list[str]:
    inputs = ctx.inputs
    full = (inputs.closure[item] > 0) & (ctx.usage.closure[:, -1] >= 1.0 - 1e-9)
    return [inputs.kpi_ids[k] for k in np.flatnonzero(full)]


def _deep(ctx: DecisionContext) -> list[int]:
    """The initiatives left out that are explained in depth: the `explain_limit` most aligned
    of those that could be in a plan."""
    candidates = [
        i for i in range(ctx.inputs.size) if i not in ctx.starts and not _blocked(ctx.inputs, i)
    ]
    candidates.sort(key=lambda i: -ctx.alignment[i])
    return candidates[: ctx.explain_limit]


def _forced_tasks(ctx: DecisionContext) -> tuple[list[int], list[Callable[[], Forced]]]:
    """The deeply explained initiatives whose forced-in plan is still to be found, and the
    task that finds each (none when the plan leaves them to requests)."""
    if not (ctx.explain and ctx.resolve):
        return [], []
    todo = [i for i in _deep(ctx) if i not in ctx.forced]
    inputs, value, starts = ctx.inputs, ctx.value, ctx.starts
    pool = ctx.resolver_pool
    tasks: list[Callable[[], Forced]] = [
        partial(forced_schedule, inputs, i, value, starts, ctx.time_limit, pool) for i in todo
    ]
    return todo, tasks


def resolve_plan(ctx: DecisionContext) -> tuple[list[Sensitivity], Schedule]:
    """Every re-solving explanation of a plan in one batch of parallel solves: what each
    limit is worth (`explain.sensitivities`, returned) and the best plan forced to contain
    each deeply explained initiative left out (kept in `ctx.forced` for `decisions`), with the
    plan's optimum without budget and capacity limits (returned too), solved first in the
    batch: the limits' tasks wait for it only after their own cut solve. The forced plans go
    before the limits (no start, so they are the longest solves: started early, they leave
    the short ones to fill the end)."""
    inputs = ctx.inputs
    relaxed: Future[Schedule] = Future()

    def unconstrained() -> None:
        try:
            relaxed.set_result(ctx.resolver_pool.solve(inputs.limits.relaxed(), start=ctx.starts))
        except BaseException as error:  # the tasks waiting for it raise it too
            relaxed.set_exception(error)
            raise

    limits = sensitivity_tasks(
        inputs, ctx.value, ctx.starts, ctx.currency, ctx.resolver_pool, relaxed.result
    )
    todo, tasks = _forced_tasks(ctx)
    forced, found = both_in_parallel(tasks, limits, lead=unconstrained)
    ctx.forced.update(zip(todo, forced, strict=True))
    return found, relaxed.result()


def decisions(ctx: DecisionContext) -> list[Decision]:
    """A decision for every initiative, in document order."""
    deep = set(_deep(ctx))
    todo, tasks = _forced_tasks(ctx)
    ctx.forced.update(zip(todo, in_parallel(tasks), strict=True))
    return [
        chosen_decision(ctx, item)
        if item in ctx.starts
        else left_out_decision(ctx, item, item in deep)
        for item in range(ctx.inputs.size)
    ]
