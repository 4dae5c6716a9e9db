"""What a plan leaves to be asked for: the limits' explanations of a big plan, and more time
for a plan stopped by its time limit (the web app runs these as background jobs).

`planner.explain` (one initiative's full explanation) is the third request of this kind.
"""

from __future__ import annotations

from dataclasses import replace

from headway.portfolio.explain import sensitivities
from headway.portfolio.planner import plan_inputs, prepare, schedule_of
from headway.portfolio.resolve import Resolvers
from headway.portfolio.results import Plan, Sensitivity
from headway.strategy.model import Strategy


def explain_limits(strategy: Strategy, plan: Plan) -> tuple[Sensitivity, ...]:
    """What each limit is worth to `plan` (the optimum with it lifted and cut by 10 %), the
    same `sensitivities` a plan of at most `explain_solves_up_to` initiatives carries; a solve
    or two per limit family, each with the plan's time limit.

    `plan` must come from `plan(strategy, settings)`; ValueError when it was made from other
    initiatives.
    """
    inputs, starts = schedule_of(strategy, plan)
    limit = plan.settings.time_limit
    resolvers = Resolvers(inputs, limit)
    unconstrained = resolvers.solve(inputs.limits.relaxed(), start=starts)
    value, currency = plan.value, plan.currency
    return tuple(sensitivities(inputs, value, starts, currency, limit, unconstrained, resolvers))


def continue_plan(strategy: Strategy, plan: Plan, time_limit: float | None = None) -> Plan:
    """Plan again from `plan`'s schedule for up to `time_limit` seconds per solve (None: until
    proven optimal): the way to carry on the proof of a plan stopped by its time limit.

    HiGHS keeps no search tree between runs, so the search starts over, with the earlier plan
    as its first incumbent: the result is never worse than `plan`, and its bound and gap are
    proven anew. The returned plan has `plan`'s settings with the new time limit.
    """
    inputs, starts = schedule_of(strategy, plan)
    settings = replace(plan.settings, time_limit=time_limit)
    _, readiness, note = prepare(strategy, settings)
    return plan_inputs(strategy, inputs, settings, readiness, note, start=starts)
