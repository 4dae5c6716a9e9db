"""`plan(strategy)`: the provably best roadmap for a strategy, with totals and explanations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from headway.analysis.alignment import alignment_values, harm_phrases
from headway.analysis.finance import npv_by_start
from headway.analysis.readiness import (
    ReadinessResult,
    delivery_confidence,
    readiness_adjusted,
    readiness_score,
    risk_score,
)
from headway.portfolio.change_items import with_change_items
from headway.portfolio.deadline import budget_words, deadline_for, passed, within
from headway.portfolio.decisions import (
    DecisionContext,
    chosen_decision,
    decisions,
    left_out_decision,
    resolve_plan,
)
from headway.portfolio.infeasibility import infeasibility_causes
from headway.portfolio.inputs import FloatArray, PlanningInputs, planning_inputs
from headway.portfolio.limits import limit_uses
from headway.portfolio.model import Schedule, solve_schedule
from headway.portfolio.pilots import plan_gates
from headway.portfolio.plan_words import objective_text, proof_in_words, value_bound, verdict
from headway.portfolio.resolve import Resolvers
from headway.portfolio.results import (
    Decision,
    LimitUse,
    PeriodTotals,
    Plan,
    PlanSettings,
    Sensitivity,
)
from headway.portfolio.usage import alignment_achieved, npv_achieved, period_usage
from headway.strategy.calendar import period_label
from headway.strategy.model import Strategy


def risk_scores(strategy: Strategy, result: ReadinessResult | None = None) -> list[float]:
    """Each initiative's continuous risk score (1 low .. 3 high) after readiness
    (`analysis.readiness.risk_score`), in document order."""
    result = result or readiness_score(strategy)
    return [risk_score(item, result) for item in strategy.initiatives]


def risk_adjusted_npv(
    strategy: Strategy, point: str = "likely", scores: Sequence[float] | None = None
) -> FloatArray:
    """NPV by start period [initiatives, periods] (currency) times the delivery confidence of
    each initiative's continuous risk score (`analysis.readiness.delivery_confidence`)."""
    raw = npv_by_start(strategy, point="mean" if point == "mean" else "likely")
    scores = risk_scores(strategy) if scores is None else scores
    factor = np.array([delivery_confidence(score) for score in scores])
    adjusted: FloatArray = raw * factor[:, None]
    return adjusted


def prepare(strategy: Strategy, settings: PlanSettings) -> tuple[PlanningInputs, float, str]:
    """Planning inputs as the planner sees the strategy (readiness applied), the readiness used
    and a note on where it came from."""
    result = readiness_score(strategy)
    readiness = result.for_planning if settings.readiness is None else settings.readiness
    adjusted = readiness_adjusted(strategy, result, settings.readiness)
    if settings.readiness is not None:
        note = f"readiness {readiness:.2f} given for this plan"
    elif result.assessed:
        note = f"readiness {readiness:.2f} from the survey"
    else:
        note = f"readiness not assessed: {readiness:.2f} assumed"
    declared = strategy.constraints.change_capacity_days_per_period
    planned = adjusted.constraints.change_capacity_days_per_period
    if planned != declared:
        note += f"; change capacity {planned:.4g} of the {declared:.4g} person-days per period"
    scores = risk_scores(strategy, result)
    inputs = planning_inputs(
        adjusted,
        readiness=readiness,
        point=settings.point,
        npv=risk_adjusted_npv(adjusted, settings.point, scores),
        npv_weight=settings.npv_weight,
        risk_scores=scores,
    )
    inputs = with_change_items(strategy, result, inputs, readiness, settings.point)
    factor = inputs.benefit_factor if inputs.benefit_factor is not None else np.ones(inputs.size)
    shown = inputs.numbers
    held = [
        f"{inputs.ids[i]} {shown.percent(factor[i])}"
        for i in range(inputs.size)
        if 0 < factor[i] < 1
    ]
    if held:
        note += "; high-risk benefits counted at " + ", ".join(held) + " (readiness below target)"
    return inputs, readiness, note


def plan(
    strategy: Strategy, settings: PlanSettings | None = None, *, deadline: float | None = None
) -> Plan:
    """The optimal roadmap: which initiatives to start in which period, and why.

    Every solve ends by `deadline` (on `time.monotonic()`; default: the settings' time budget
    from now, `portfolio.deadline`), so a caller that solves more can share one deadline.
    Returns a `Plan` (value 0-1, money in the business's currency, periods 0-based with labels).
    """
    settings = settings or PlanSettings()
    inputs, readiness, note = prepare(strategy, settings)
    return plan_inputs(strategy, inputs, settings, readiness, note, deadline=deadline)


def plan_inputs(
    strategy: Strategy,
    inputs: PlanningInputs,
    settings: PlanSettings,
    readiness: float,
    note: str,
    alignment: Sequence[float] | None = None,
    start: Mapping[int, int] | None = None,
    deadline: float | None = None,
) -> Plan:
    """Solve and explain prepared inputs (`plan` after `prepare`; callers with their own inputs
    may use it directly, with each initiative's own `alignment` (0-1) when the inputs are not the
    strategy's initiatives; `start`: a known feasible schedule to start from, e.g. an earlier
    plan's; `deadline` as for `plan`). The explanations that re-solve come last: when the deadline
    passes before they are done, they are left to requests (`on_request`) and the verdict says
    why, so what a plan says is exact or absent, never cut short."""
    inputs = replace(inputs, deadline=deadline_for(settings) if deadline is None else deadline)
    labels = tuple(period_label(strategy.horizon, p) for p in range(inputs.periods))
    currency = strategy.business.currency
    limit, chosen, resolvers = _solved(inputs, settings, start)
    starts = chosen.starts
    usage = period_usage(inputs, starts)
    running = float(sum(inputs.recurring[i] for i in starts))
    uses = limit_uses(inputs, usage, running, labels, currency)
    found, made, cut, unconstrained = _explanations(
        strategy, inputs, settings, chosen, resolvers, labels, uses, alignment
    )
    reachable = _reachable(chosen, unconstrained)
    said = _in_words(inputs, settings, chosen, reachable, found, cut, limit, currency)
    return Plan(
        business=strategy.business.name,
        currency=currency,
        period_labels=labels,
        status=chosen.result.status,
        proven_optimal=chosen.result.proven_optimal,
        gap=chosen.result.gap,
        seconds=chosen.result.seconds,
        value=chosen.objective if chosen.result.values is not None else 0.0,
        alignment=alignment_achieved(inputs, starts),
        gap_closed_at_end=float(inputs.kpi_weights @ usage.closure[:, -1]),
        unconstrained_value=reachable,
        npv=npv_achieved(inputs, starts),
        upfront_total=float(usage.upfront.sum()),
        budget_total=inputs.limits.budget_total,
        readiness=readiness,
        readiness_note=note,
        change_capacity_days=inputs.limits.change_capacity_days,
        decisions=tuple(made),
        periods=tuple(period_totals(inputs, starts, labels)),
        limits=tuple(uses),
        sensitivities=tuple(found),
        verdict=said.verdict,
        settings=settings,
        proof=said.proof,
        value_bound=value_bound(chosen),
        objective=said.objective,
        infeasible_causes=said.causes,
        gates=plan_gates(strategy, inputs.ids, starts, labels),
        limits_on_request=said.limits_on_request,
    )


def _solved(
    inputs: PlanningInputs, settings: PlanSettings, start: Mapping[int, int] | None
) -> tuple[float | None, Schedule, Resolvers]:
    """The time limit of the plan's solve (within the deadline), the plan, and the re-solver
    its explanations and its optimum without budget and capacity limits share."""
    limit = within(settings.time_limit, inputs.deadline)
    chosen = solve_schedule(inputs, time_limit=limit, start=start)
    return limit, chosen, Resolvers(inputs, settings.time_limit)


def _unconstrained(inputs: PlanningInputs, chosen: Schedule, resolvers: Resolvers) -> Schedule:
    """The plan without budget and capacity limits, from the chosen plan (it stays feasible)."""
    return resolvers.solve(inputs.limits.relaxed(), start=chosen.starts)


@dataclass(frozen=True)
class _Said:
    """What a plan says in words: its verdict, proof and objective, why none fits, and
    whether it leaves which limits bind to a request."""

    verdict: str
    proof: str
    objective: str
    causes: tuple[str, ...]
    limits_on_request: bool


def _in_words(
    inputs: PlanningInputs,
    settings: PlanSettings,
    chosen: Schedule,
    reachable: float,
    found: Sequence[Sensitivity],
    cut: bool,
    limit: float | None,
    currency: str,
) -> _Said:
    """The plan's sentences (`cut`: the deadline left the re-solving explanations out;
    `limit`: the time limit its solve had)."""
    causes = (
        infeasibility_causes(inputs, currency, settings.time_limit)
        if chosen.result.status == "infeasible"
        else []
    )
    on_request = chosen.result.values is not None and (
        settings.explain and (cut or not resolves(settings, inputs))
    )
    said = verdict(
        inputs,
        chosen,
        reachable,
        found,
        causes,
        limits_on_request=on_request,
        out_of_time=budget_words(settings) if cut else "",
    )
    proof = proof_in_words(chosen, limit, inputs.numbers)
    return _Said(said, proof, objective_text(inputs), tuple(causes), on_request)


def _explanations(
    strategy: Strategy,
    inputs: PlanningInputs,
    settings: PlanSettings,
    chosen: Schedule,
    resolvers: Resolvers,
    labels: Sequence[str],
    uses: Sequence[LimitUse],
    alignment: Sequence[float] | None,
) -> tuple[list[Sensitivity], list[Decision], bool, Schedule]:
    """The plan's sensitivities and decisions, whether the deadline cut the re-solving ones
    (those are then left to requests, so what a plan says is exact or absent, never cut short)
    and the plan without budget and capacity limits: solved alone, or first in the batch of
    the re-solving explanations when there is one. `resolvers`: the plan's model held for the
    re-solves.
    """
    if chosen.result.values is None:
        return [], [], False, _unconstrained(inputs, chosen, resolvers)
    resolve = resolves(settings, inputs)
    starts, value = chosen.starts, chosen.objective
    now = resolve and not passed(inputs.deadline)
    ctx = _decision_context(strategy, inputs, settings, starts, value, labels, uses, alignment, now)
    ctx = replace(ctx, resolvers=resolvers)
    if now:
        found, unconstrained = resolve_plan(ctx)
    else:
        found, unconstrained = [], _unconstrained(inputs, chosen, resolvers)
    made = decisions(ctx)
    if not resolve or not passed(inputs.deadline):
        return found, made, False, unconstrained
    # a re-solve was skipped or may have been cut short by the deadline
    made = decisions(replace(ctx, resolve=False, forced={})) if ctx.resolve else made
    return [], made, True, unconstrained


def _reachable(chosen: Schedule, unconstrained: Schedule) -> float:
    """The value reachable with every budget and capacity lifted (0-1): the unconstrained
    optimum, or the best plan known when its solve was stopped before finding one."""
    if unconstrained.result.values is None:
        return chosen.objective if chosen.result.values is not None else 0.0
    return unconstrained.objective


def resolves(settings: PlanSettings, inputs: PlanningInputs) -> bool:
    """True when the plan's explanations include those that re-solve the whole model (limits
    lifted and cut, initiatives forced in): asked for, and a portfolio of at most
    `settings.explain_solves_up_to` initiatives or the smallest changes asked for too."""
    small = inputs.size <= settings.explain_solves_up_to
    return settings.explain and (small or settings.smallest_changes)


def _decision_context(
    strategy: Strategy,
    inputs: PlanningInputs,
    settings: PlanSettings,
    starts: Mapping[int, int],
    value: float,
    labels: Sequence[str],
    uses: Sequence[LimitUse],
    alignment: Sequence[float] | None = None,
    resolve: bool | None = None,
) -> DecisionContext:
    """What the per-initiative decisions are explained from (`resolve`: whether left-out
    initiatives get their forced-in solve; by default as `resolves` says for a plan)."""
    harms: list[list[str]] = []
    if alignment is None:
        found = alignment_values(strategy, settings.point)
        alignment = [a.value for a in found]
        harms = [harm_phrases(a, strategy.kpis, inputs.numbers) for a in found]
    return DecisionContext(
        inputs,
        starts,
        value,
        labels,
        uses,
        alignment,
        strategy.business.currency,
        settings.explain,
        settings.time_limit,
        settings.explain_limit,
        settings.smallest_changes,
        resolve=resolves(settings, inputs) if resolve is None else resolve,
        harms=harms,
    )


def schedule_of(strategy: Strategy, plan: Plan) -> tuple[PlanningInputs, dict[int, int]]:
    """The planning inputs `plan` was made from and its schedule (initiative index -> start
    period; empty for a plan without a solution); ValueError when the plan was made from other
    initiatives."""
    inputs, _, _ = prepare(strategy, plan.settings)
    if plan.decisions and tuple(d.initiative for d in plan.decisions) != inputs.ids:
        raise ValueError("the plan was not made from this strategy's initiatives: plan it again")
    index = {item_id: i for i, item_id in enumerate(inputs.ids)}
    return inputs, {index[d.initiative]: d.start for d in plan.selected if d.start is not None}


def explain(
    strategy: Strategy, plan: Plan, initiative_id: str, *, smallest_changes: bool = True
) -> Decision:
    """One initiative's full explanation, computed on request (the web asks when a user clicks
    it): the plan's reasons and, for one left out, the best plan forced to contain it (one
    solve) and, unless `smallest_changes` is False, the smallest change of each kind that would
    bring it in (a solve per limit family, two at a time: seconds on big portfolios).

    `plan` must come from `plan(strategy, settings)`; raises KeyError naming an unknown
    initiative, ValueError when the plan was made from other initiatives.
    """
    inputs, starts = schedule_of(strategy, plan)
    if initiative_id not in inputs.ids:
        raise KeyError(
            f"unknown initiative '{initiative_id}': the plan has {', '.join(inputs.ids)}"
        )
    index = {item_id: i for i, item_id in enumerate(inputs.ids)}
    settings = replace(plan.settings, explain=True, smallest_changes=smallest_changes)
    ctx = _decision_context(
        strategy, inputs, settings, starts, plan.value, plan.period_labels, plan.limits, None, True
    )
    item = index[initiative_id]
    return chosen_decision(ctx, item) if item in starts else left_out_decision(ctx, item)


def period_totals(
    inputs: PlanningInputs, starts: Mapping[int, int], labels: Sequence[str]
) -> list[PeriodTotals]:
    """What starts, runs and is live in each period, and the limits used."""
    usage = period_usage(inputs, starts)
    limits = inputs.limits
    live_from = {i: t + int(inputs.duration[i]) for i, t in starts.items()}
    starting: dict[int, list[str]] = {}
    for i, t in sorted(starts.items()):
        starting.setdefault(t, []).append(inputs.ids[i])
    totals = []
    for p, label in enumerate(labels):
        totals.append(
            PeriodTotals(
                period=p,
                label=label,
                starting=tuple(starting.get(p, ())),
                in_flight=tuple(inputs.ids[i] for i, t in starts.items() if t <= p < live_from[i]),
                live=tuple(inputs.ids[i] for i in starts if live_from[i] <= p),
                upfront=float(usage.upfront[p]),
                budget_per_period=limits.budget_per_period,
                effort_days=float(usage.effort[p]),
                change_capacity_days=limits.change_capacity_days + float(usage.capacity_gain[p]),
                slots_used=round(usage.in_flight[p]),
                max_in_flight=limits.max_in_flight,
                recurring_per_month=float(usage.recurring_per_month[p]),
                resources={
                    r: (float(usage.resources[k, p]), limits.resources[k])
                    for k, r in enumerate(inputs.resource_ids)
                },
                gap_closed=float(inputs.kpi_weights @ usage.closure[:, p]),
            )
        )
    return totals
