"""An independent checker of roadmap schedules, written from the method text, not the model.

It re-states every rule in plain loops over periods so that a bug in the MILP's row building
cannot hide behind the same bug here.
"""

from __future__ import annotations

from collections.abc import Mapping

from headway.portfolio.inputs import Limits, PlanningInputs

EPS = 1e-6


def violations(
    inputs: PlanningInputs,
    starts: Mapping[int, int],
    limits: Limits | None = None,
    rollouts: Mapping[int, int] | None = None,
) -> list[str]:
    """Every broken rule of a schedule (item index -> start period; for an item with a pilot,
    its pilot's start, and `rollouts` item -> roll-out start, by default at the gate); empty
    when it is valid."""
    lim = limits or inputs.limits
    duration = {i: int(inputs.duration[i]) for i in range(inputs.size)}
    found = pilot_order(inputs, starts, rollouts or {})
    found += _structure(inputs, starts, duration)
    found += _period_limits(inputs, starts, duration, lim)
    running = sum(inputs.recurring[i] for i in starts)
    if running > lim.recurring_per_month + EPS:
        found.append(f"running costs {running} > {lim.recurring_per_month}")
    return found


def _structure(
    inputs: PlanningInputs, starts: Mapping[int, int], duration: dict[int, int]
) -> list[str]:
    """Broken rules of the chosen set: horizon, exclusions, mandatory items, predecessors and
    alternatives."""
    found: list[str] = []
    for i, t in starts.items():
        if not t >= 0 or t + duration[i] > inputs.periods:
            found.append(f"{i} does not go live within the horizon")
        if i in inputs.excluded:
            found.append(f"{i} is excluded")
    for i in inputs.mandatory:
        if i not in starts:
            found.append(f"mandatory {i} missing")
    for successor, predecessor in inputs.requires:
        if successor in starts:
            if predecessor not in starts:
                found.append(f"{successor} without its predecessor {predecessor}")
            elif starts[successor] < starts[predecessor] + duration[predecessor]:
                found.append(f"{successor} starts before {predecessor} is live")
    for group in inputs.groups:
        if sum(1 for i in group if i in starts) > 1:
            found.append(f"two alternatives of {group}")
    return found


def _period_limits(
    inputs: PlanningInputs, starts: Mapping[int, int], duration: dict[int, int], lim: Limits
) -> list[str]:
    """Broken limits of each period (budget, change capacity, items in flight, resources) and
    of the whole horizon's budget."""
    found: list[str] = []
    total = 0.0
    for p in range(inputs.periods):
        spend = effort = busy = 0.0
        used = [0.0] * len(inputs.resource_ids)
        for i, t in starts.items():
            if p >= t:
                spend += inputs.upfront[i, p - t]
                effort += inputs.effort[i, p - t]
            if t <= p < t + duration[i]:
                busy += 1
                for r in range(len(used)):
                    used[r] += inputs.resource_use[i, r]
        total += spend
        capacity = lim.change_capacity_days + sum(
            ri.capacity_gain
            for ri in inputs.readiness_items
            if ri.item in starts and starts[ri.item] + duration[ri.item] <= p
        )
        if spend > lim.budget_per_period + EPS:
            found.append(f"budget in period {p}: {spend} > {lim.budget_per_period}")
        if effort > capacity + EPS:
            found.append(f"capacity in period {p}: {effort} > {capacity}")
        if busy > lim.max_in_flight:
            found.append(f"{busy} in flight in period {p}")
        for r, amount in enumerate(used):
            if amount > lim.resources[r] + EPS:
                found.append(f"resource {r} in period {p}: {amount}")
    if total > lim.budget_total + EPS:
        found.append(f"total budget {total} > {lim.budget_total}")
    return found


def counted_share(inputs: PlanningInputs, i: int, k: int, shows: int) -> float:
    """Item i's share of KPI k's gap (at most 1, negative for a harm), halved when it shows
    after the KPI's due period."""
    share = min(1.0, float(inputs.closure[i, k]))
    if inputs.due is not None and shows > int(inputs.due[k]):
        share *= 0.5
    return share


def value(inputs: PlanningInputs, starts: Mapping[int, int]) -> float:
    """Time-averaged weighted gap closure (0-1), each KPI's closure capped at its whole gap;
    harms subtract; an effect showing after its KPI's due period counts half."""
    periods = inputs.periods
    result = 0.0
    for k in range(len(inputs.kpi_ids)):
        for p in range(periods):
            closed = 0.0
            for i, t in starts.items():
                shows = t + int(inputs.duration[i]) + int(inputs.lag[i, k])
                if shows <= p:
                    closed += counted_share(inputs, i, k, shows)
            closed += lifted(inputs, starts, k, p)
            result += inputs.kpi_weights[k] * min(1.0, closed) / periods
    return result


def lifted(inputs: PlanningInputs, starts: Mapping[int, int], k: int, p: int) -> float:
    """Closure of KPI k in period p that chosen change-management items add: for each chosen
    initiative whose effect shows by p, the gain of every such item live by p, at half after the
    KPI's due period, together at most the benefits readiness held back."""
    total = 0.0
    late = 0.5 if inputs.due is not None and p > int(inputs.due[k]) else 1.0
    for i, t in starts.items():
        if t + int(inputs.duration[i]) + int(inputs.lag[i, k]) > p:
            continue
        gain = sum(
            float(ri.closure_gain[i, k])
            for ri in inputs.readiness_items
            if ri.item in starts and starts[ri.item] + int(inputs.duration[ri.item]) <= p
        )
        room = float(inputs.closure_room[i, k]) if inputs.closure_room is not None else gain
        total += min(gain, room) * late
    return total


def pilot_order(
    inputs: PlanningInputs, starts: Mapping[int, int], rollouts: Mapping[int, int]
) -> list[str]:
    """Pilot -> gate -> roll-out: a roll-out starts when its pilot has ended (no earlier, and no
    later: the model rolls out at the gate), the pilot's cost sits in its first period and its
    effort over its periods, the roll-out's after them."""
    pilots = inputs.pilots
    found: list[str] = []
    for i, t in starts.items():
        lead = 0 if pilots is None else int(pilots.periods[i])
        rollout = rollouts.get(i, t + lead)
        if lead == 0:
            if rollout != t:
                found.append(f"{i} has no pilot but rolls out in {rollout}, not at its start {t}")
            continue
        assert pilots is not None
        if rollout < t + lead:
            found.append(f"roll-out of {i} in {rollout} starts before its gate in {t + lead}")
        elif rollout > t + lead:
            found.append(f"roll-out of {i} in {rollout} waits after its gate in {t + lead}")
        if abs(inputs.upfront[i, 0] - pilots.cost[i]) > EPS:
            found.append(f"pilot of {i} costs {inputs.upfront[i, 0]} in its first period")
        for offset in range(min(lead, inputs.periods)):
            if abs(inputs.effort[i, offset] - pilots.effort[i] / lead) > EPS:
                found.append(f"pilot effort of {i} at offset {offset} is not spread evenly")
    return found
