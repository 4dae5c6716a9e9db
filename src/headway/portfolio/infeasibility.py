"""Why no plan fits: the mandatory initiatives against readiness, durations, dependencies,
alternatives and each limit of the plan.

A plan is infeasible only through the mandatory initiatives (without them the empty plan
fits). Causes that need no solver come first, each naming its initiative and the field to
change: a mandatory item held back by the readiness threshold or excluded, one that cannot go
live within the horizon (its duration, plus those of the items it requires), two mandatory
alternatives. Otherwise each limit family is lifted on its own and the model solved again; a
limit whose lifting makes the plan feasible is a cause by itself. When none is alone, the
limits are too tight together.
"""

from __future__ import annotations

from dataclasses import replace

from headway.portfolio.inputs import Limits, PlanningInputs
from headway.portfolio.limits import amount_text, describe, families, limit_value, with_limit
from headway.portfolio.model import solve_schedule

UNLIMITED = float("inf")
UNLIMITED_IN_FLIGHT = 10**6


def infeasibility_causes(
    inputs: PlanningInputs, currency: str, time_limit: float | None = None
) -> list[str]:
    """Sentences saying which initiative and which limit make the mandatory set impossible,
    and what to change; empty when the plan is feasible."""
    causes = _structural_causes(inputs)
    if causes:
        return causes
    if _feasible(inputs, inputs.limits, time_limit):
        return []
    names = _mandatory_names(inputs)
    single = []
    for family in families(inputs):
        lifted = _lift(inputs, family)
        if _feasible(inputs, lifted, time_limit):
            name, _ = describe(family, currency)
            value = amount_text(inputs.numbers, family, limit_value(inputs.limits, inputs, family))
            single.append(
                f"the {name} ({value}) is too small for the mandatory initiatives "
                f"({names}); raise it, or make one of them optional"
            )
    if single:
        return single
    if _feasible(inputs, inputs.limits.relaxed(), time_limit):
        return [
            f"no single limit is the cause: budgets and capacities together are too small for "
            f"the mandatory initiatives ({names}); raise several, or make one of them optional"
        ]
    return [
        f"the mandatory initiatives ({names}) cannot all go live within the horizon of "
        f"{inputs.periods} periods with their dependencies; lengthen the horizon or make one "
        "of them optional"
    ]


def _structural_causes(inputs: PlanningInputs) -> list[str]:
    causes: list[str] = []
    needed = inputs.with_required(inputs.mandatory)
    for item in sorted(needed):
        name = inputs.ids[item]
        forced = "mandatory" if item in inputs.mandatory else "required by a mandatory initiative"
        if item in inputs.readiness_gates:
            now, required = inputs.readiness_gates[item]
            causes.append(
                f"{name} is {forced} but high-risk, and readiness {now:.2f} is below the "
                f"{required:.2f} required (constraints.min_readiness_for_high_risk); raise "
                "readiness (the survey) or lower that threshold"
            )
        elif item in inputs.excluded:
            causes.append(f"{name} is {forced} but {inputs.excluded[item]}")
        elif item in inputs.mandatory:  # its chain holds the items it requires
            chain = _longest_chain(inputs, item)
            periods = sum(int(inputs.duration[i]) for i in chain)
            if periods > inputs.periods:
                path = " then ".join(inputs.ids[i] for i in chain)
                causes.append(
                    f"{name} is {forced} but cannot go live within the horizon: {path} take "
                    f"{periods} periods (duration_periods) and the horizon has "
                    f"{inputs.periods}; lengthen the horizon or shorten the durations"
                )
    for group in inputs.groups:
        both = [inputs.ids[i] for i in group if i in needed]
        if len(both) > 1:
            causes.append(
                f"{' and '.join(both)} are alternatives (alternative_group: pick at most one) "
                "but all are needed; make all but one optional"
            )
    return causes


def _longest_chain(inputs: PlanningInputs, item: int) -> list[int]:
    """The requirement chain ending at `item` with the most periods in flight (the document's
    checks refuse cycles). Depth-first with memory, without recursion."""
    before: dict[int, list[int]] = {}
    for successor, predecessor in inputs.requires:
        before.setdefault(successor, []).append(predecessor)
    best: dict[int, tuple[int, list[int]]] = {}
    stack = [item]
    while stack:
        node = stack[-1]
        waiting = [p for p in before.get(node, []) if p not in best]
        if waiting:
            stack.extend(waiting)
            continue
        stack.pop()
        longest = max((best[p] for p in before.get(node, [])), default=(0, []))
        best[node] = (longest[0] + int(inputs.duration[node]), [*longest[1], node])
    return best[item][1]


def _mandatory_names(inputs: PlanningInputs) -> str:
    return ", ".join(inputs.ids[i] for i in sorted(inputs.mandatory))


def _lift(inputs: PlanningInputs, family: str) -> Limits:
    if family == "in_flight":
        return replace(inputs.limits, max_in_flight=UNLIMITED_IN_FLIGHT)
    return with_limit(inputs.limits, inputs, family, UNLIMITED)


def _feasible(inputs: PlanningInputs, limits: Limits, time_limit: float | None) -> bool:
    schedule = solve_schedule(inputs, limits, time_limit=time_limit)
    return schedule.result.values is not None
