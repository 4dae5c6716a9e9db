"""`plan(strategy)`: the provably best roadmap for a strategy, with totals and explanations."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

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
from headway.analysis.verdict import money
from headway.portfolio.change_items import with_change_items
from headway.portfolio.decisions import (
    DecisionContext,
    chosen_decision,
    decisions,
    left_out_decision,
)
from headway.portfolio.explain import sensitivities
from headway.portfolio.infeasibility import infeasibility_causes
from headway.portfolio.inputs import FloatArray, PlanningInputs, planning_inputs
from headway.portfolio.limits import limit_uses
from headway.portfolio.model import Schedule, npv_scale, solve_schedule
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
    held = [f"{inputs.ids[i]} {factor[i]:.0%}" for i in range(inputs.size) if 0 < factor[i] < 1]
    if held:
        note += "; high-risk benefits counted at " + ", ".join(held) + " (readiness below target)"
    return inputs, readiness, note


def plan(strategy: Strategy, settings: PlanSettings | None = None) -> Plan:
    """The optimal roadmap: which initiatives to start in which period, and why.

    Returns a `Plan` (value 0-1, money in the business's currency, periods 0-based with labels).
    """
    settings = settings or PlanSettings()
    inputs, readiness, note = prepare(strategy, settings)
    return plan_inputs(strategy, inputs, settings, readiness, note)


def plan_inputs(
    strategy: Strategy,
    inputs: PlanningInputs,
    settings: PlanSettings,
    readiness: float,
    note: str,
    alignment: Sequence[float] | None = None,
    start: Mapping[int, int] | None = None,
) -> Plan:
    """Solve and explain prepared inputs (`plan` after `prepare`; callers with their own inputs
    may use it directly, with each initiative's own `alignment` (0-1) when the inputs are not
    the strategy's initiatives; `start`: a known feasible schedule for the solver to start
    from, e.g. an earlier plan's)."""
    labels = tuple(period_label(strategy.horizon, p) for p in range(inputs.periods))
    currency = strategy.business.currency
    chosen = solve_schedule(inputs, time_limit=settings.time_limit, start=start)
    unconstrained = solve_schedule(
        inputs, inputs.limits.relaxed(), time_limit=settings.time_limit, start=chosen.starts
    )
    starts = chosen.starts
    usage = period_usage(inputs, starts)
    running = float(sum(inputs.recurring[i] for i in starts))
    uses = limit_uses(inputs, usage, running, labels, currency)
    value = chosen.objective if chosen.result.values is not None else 0.0
    found = (
        sensitivities(inputs, value, starts, currency, settings.time_limit, unconstrained)
        if resolves(settings, inputs) and chosen.result.values is not None
        else []
    )
    ctx = _decision_context(strategy, inputs, settings, starts, value, labels, uses, alignment)
    causes = (
        infeasibility_causes(inputs, currency, settings.time_limit)
        if chosen.result.status == "infeasible"
        else []
    )
    return Plan(
        business=strategy.business.name,
        currency=currency,
        period_labels=labels,
        status=chosen.result.status,
        proven_optimal=chosen.result.proven_optimal,
        gap=chosen.result.gap,
        seconds=chosen.result.seconds,
        value=value,
        alignment=alignment_achieved(inputs, starts),
        gap_closed_at_end=float(inputs.kpi_weights @ usage.closure[:, -1]),
        unconstrained_value=unconstrained.objective,
        npv=npv_achieved(inputs, starts),
        upfront_total=float(usage.upfront.sum()),
        budget_total=inputs.limits.budget_total,
        readiness=readiness,
        readiness_note=note,
        change_capacity_days=inputs.limits.change_capacity_days,
        decisions=tuple(decisions(ctx) if chosen.result.values is not None else ()),
        periods=tuple(period_totals(inputs, starts, labels)),
        limits=tuple(uses),
        sensitivities=tuple(found),
        verdict=verdict(
            inputs,
            chosen,
            unconstrained.objective,
            found,
            currency,
            causes,
            limits_on_request=settings.explain and not resolves(settings, inputs),
        ),
        settings=settings,
        proof=proof_in_words(chosen, settings.time_limit),
        value_bound=_bound(chosen),
        objective=objective_text(inputs, currency),
        infeasible_causes=tuple(causes),
    )


def resolves(settings: PlanSettings, inputs: PlanningInputs) -> bool:
    """True when the plan's explanations include those that re-solve the whole model (limits
    lifted and cut, initiatives forced in): asked for, and a portfolio of at most
    `settings.explain_solves_up_to` initiatives or the smallest changes asked for too."""
    small = inputs.size <= settings.explain_solves_up_to
    return settings.explain and (small or settings.smallest_changes)


def _bound(chosen: Schedule) -> float | None:
    result = chosen.result
    if result.proven_optimal:
        return result.objective
    proven = result.values is not None and math.isfinite(result.bound)
    return result.bound if proven else None


def proof_in_words(chosen: Schedule, time_limit: float | None) -> str:
    """How good the plan is known to be, for a person: proven optimal, or the best plan found
    in the time limit with the most a better plan could be worth (values in points, 0-100)."""
    result = chosen.result
    limit = f"the {time_limit:g} s time limit" if time_limit else "the time allowed"
    if result.proven_optimal:
        return "Proven optimal: no plan within the limits is worth more."
    if result.status == "infeasible":
        return "No plan satisfies every constraint."
    if result.values is None:
        return f"No plan was found within {limit}; allow more time."
    if not math.isfinite(result.bound):
        return (
            f"Best plan found within {limit}, worth {100 * result.objective:.2f} points; the "
            "time was too short to prove how far below the optimum it can be. Allow more time "
            "to prove it."
        )
    return (
        f"Best plan found within {limit}, worth {100 * result.objective:.2f} points; no plan "
        f"can be worth more than {100 * result.bound:.2f} points, so it is at most "
        f"{100 * result.gap:.2f}% below the optimum. Allow more time to prove it."
    )


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
        harms = [harm_phrases(a, strategy.kpis) for a in found]
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


def verdict(
    inputs: PlanningInputs,
    chosen: Schedule,
    unconstrained: float,
    found: Sequence[Sensitivity],
    currency: str = "",
    causes: Sequence[str] = (),
    limits_on_request: bool = False,
) -> str:
    """One paragraph a business owner can read: what the plan achieves and what limits it
    (`limits_on_request`: which limits bind was left to be worked out on request)."""
    result = chosen.result
    if result.values is None:
        forced = ", ".join(inputs.ids[i] for i in sorted(inputs.mandatory)) or "none"
        why = "; ".join(causes) if causes else f"the solver ended with status {result.status}"
        return f"No plan satisfies every constraint (mandatory initiatives: {forced}): {why}."
    objective = objective_text(inputs, currency)
    share = chosen.objective / unconstrained if unconstrained > 0 else 1.0
    proof = (
        "Proven optimal"
        if result.proven_optimal
        else f"Best plan found in the time limit (at most {100 * result.gap:.2f}% below optimal)"
        if math.isfinite(result.gap)
        else "Best plan found in the time limit (how far below optimal is not proven yet)"
    )
    binding = [s.label for s in found if s.binding]
    limited_by = f" Limited by: {', '.join(binding)}." if binding else ""
    if limits_on_request:
        limited_by = " Which limits bind is worked out on request (a re-solve per limit)."
    return (
        f"{objective} {proof}: {len(chosen.starts)} of {inputs.size} initiatives, worth "
        f"{100 * chosen.objective:.1f} points ({100 * share:.0f}% of the "
        f"{100 * unconstrained:.1f} reachable without budget and capacity limits).{limited_by}"
    )


def objective_text(inputs: PlanningInputs, currency: str) -> str:
    """What the plan maximises, in one sentence (every plan output shows it)."""
    value = "strategic value (the time-averaged weighted share of the strategic gap closed)"
    weight = inputs.npv_weight
    if weight <= 0:
        return f"The plan maximises {value} only; money does not count."
    scale = npv_scale(inputs)
    return (
        f"The plan maximises {100 * (1 - weight):.0f}% {value} + {100 * weight:.0f}% "
        f"risk-adjusted NPV ({money(scale, currency)}, the sum of the positive NPVs, counts as "
        "the whole strategic gap)."
    )
