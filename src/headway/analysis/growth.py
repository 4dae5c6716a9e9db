"""Growth stress test: the hours each role would need under a growth scenario, against capacity.

Hours per period of a process = volume per period x multiplier x minutes each / 60. A role's
hours = its processes' hours + its other work (`other_hours_per_week` x 52 x months per period /
12, grown by the scenario's volume multiplier), so every role's stated load counts, not only the
listed processes. A role's capacity per period = FTE x hours per FTE-year x months per period /
12. Utilisation = hours needed / capacity, under the scenario and today (a role already over
capacity today is flagged as such). An initiative relieves a process by its likely time-saved
share; several initiatives on one process combine as `1 - prod(1 - share)`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from headway.strategy.model import GrowthScenario, Strategy


@dataclass(frozen=True)
class RoleLoad:
    """One role's load under a scenario (hours per period) against its capacity.

    `hours_needed` counts the role's processes and its other work; `hours_today` and
    `utilisation_today` are the same at today's volumes (no growth, no plan).
    """

    role: str
    name: str
    capacity_hours: float
    hours_needed: float
    hours_with_plan: float
    utilisation: float
    utilisation_with_plan: float
    hours_today: float = 0.0
    utilisation_today: float = 0.0

    @property
    def over_capacity(self) -> bool:
        """True when the role needs more hours than it has under the scenario."""
        return self.utilisation > 1.0

    @property
    def over_capacity_today(self) -> bool:
        """True when the role is over capacity already at today's volumes."""
        return self.utilisation_today > 1.0


@dataclass(frozen=True)
class ProcessLoad:
    """One process under a scenario: hours per period and the growth headroom of its role.

    `headroom` is the factor by which all the role's volumes could still grow before it runs
    out of hours (< 1: already over capacity); processes with the smallest headroom break first.
    """

    process: str
    role: str
    hours: float
    role_utilisation: float
    headroom: float


@dataclass(frozen=True)
class Relief:
    """Hours per period an initiative saves under a scenario (in total and per role), and the
    over-capacity roles it brings back under capacity."""

    initiative: str
    hours_saved: float
    hours_saved_by_role: dict[str, float]
    roles_relieved: tuple[str, ...]

    def hours_saved_in(self, roles: Collection[str]) -> float:
        """Hours per period saved in the given roles."""
        return sum(h for role, h in self.hours_saved_by_role.items() if role in roles)


@dataclass(frozen=True)
class GrowthResult:
    """The stress test of one growth scenario (hours per period)."""

    scenario: str
    name: str
    roles: tuple[RoleLoad, ...]
    breaks_first: tuple[ProcessLoad, ...]
    relief: tuple[Relief, ...]
    plan: tuple[str, ...]


def _multiplier(scenario: GrowthScenario | None, process_id: str) -> float:
    if scenario is None:
        return 1.0
    return scenario.process_multipliers.get(process_id, scenario.volume_multiplier)


def process_hours(strategy: Strategy, scenario: GrowthScenario | None) -> dict[str, float]:
    """Process id -> hours per period under the scenario (None: today's volumes)."""
    return {
        p.id: p.volume_per_period * _multiplier(scenario, p.id) * p.minutes_each / 60.0
        for p in strategy.processes
    }


def saved_shares(strategy: Strategy, initiatives: Collection[str]) -> dict[str, float]:
    """Process id -> combined likely time-saved share (0-1) of the given initiatives."""
    kept: dict[str, float] = {}
    for item in strategy.initiatives:
        if item.id not in initiatives:
            continue
        for effect in item.process_effects:
            left = 1.0 - kept.get(effect.process, 0.0)
            kept[effect.process] = 1.0 - left * (1.0 - effect.time_saved.likely)
    return kept


def other_work_hours(strategy: Strategy, scenario: GrowthScenario | None) -> dict[str, float]:
    """Role id -> hours per period of work not listed as processes, grown by the scenario."""
    grown = 1.0 if scenario is None else scenario.volume_multiplier
    weeks = 52.0 * strategy.horizon.period.months / 12.0
    return {r.id: r.other_hours_per_week * weeks * grown for r in strategy.roles}


def _role_hours(
    strategy: Strategy,
    hours: dict[str, float],
    saved: dict[str, float],
    scenario: GrowthScenario | None,
) -> dict[str, float]:
    totals = other_work_hours(strategy, scenario)
    for p in strategy.processes:
        totals[p.role] = totals.get(p.role, 0.0) + hours[p.id] * (1.0 - saved.get(p.id, 0.0))
    return totals


def role_capacity(strategy: Strategy) -> dict[str, float]:
    """Role id -> hours per period the role has (FTE x hours per FTE-year x months / 12)."""
    months = strategy.horizon.period.months
    per_fte = strategy.business.hours_per_fte_year * months / 12.0
    return {r.id: r.fte * per_fte for r in strategy.roles}


def over_capacity_today(strategy: Strategy) -> list[str]:
    """ "admin needs 240 h a period of 206 h" for each role over capacity at today's volumes."""
    capacity = role_capacity(strategy)
    today = _role_hours(strategy, process_hours(strategy, None), {}, None)
    return [
        f"{r.id} needs {today[r.id]:,.0f} h a period of {capacity[r.id]:,.0f} h"
        for r in strategy.roles
        if today[r.id] > capacity[r.id]
    ]


def stress_test(
    strategy: Strategy, scenario: GrowthScenario, plan: Collection[str] = ()
) -> GrowthResult:
    """Role loads with and without `plan` (initiative ids), what breaks first, who relieves it."""
    capacity = role_capacity(strategy)
    hours = process_hours(strategy, scenario)
    without = _role_hours(strategy, hours, {}, scenario)
    with_plan = _role_hours(strategy, hours, saved_shares(strategy, plan), scenario)
    today = _role_hours(strategy, process_hours(strategy, None), {}, None)

    def use(role: str, needed: float) -> float:
        return needed / capacity[role] if capacity.get(role, 0.0) > 0 else float("inf")

    roles = tuple(
        RoleLoad(
            r.id, r.name, capacity[r.id], without[r.id], with_plan[r.id],
            use(r.id, without[r.id]), use(r.id, with_plan[r.id]),
            today[r.id], use(r.id, today[r.id]),
        )
        for r in strategy.roles
    )  # fmt: skip
    loads = [
        ProcessLoad(
            p.id, p.role, hours[p.id], use(p.role, without[p.role]),
            1.0 / use(p.role, without[p.role]) if without[p.role] > 0 else float("inf"),
        )
        for p in strategy.processes
    ]  # fmt: skip
    loads.sort(key=lambda load: (load.headroom, -load.hours))
    over = {r.role for r in roles if r.over_capacity}
    relief = []
    for item in strategy.initiatives:
        if not item.process_effects:
            continue
        after = _role_hours(strategy, hours, saved_shares(strategy, [item.id]), scenario)
        by_role = {
            role: without[role] - after[role] for role in without if after[role] < without[role]
        }
        relieved = tuple(role for role in sorted(over) if use(role, after[role]) <= 1.0)
        relief.append(Relief(item.id, sum(by_role.values()), by_role, relieved))
    relief.sort(key=lambda r: (-len(r.roles_relieved), -r.hours_saved_in(over), -r.hours_saved))
    return GrowthResult(
        scenario.id, scenario.name, roles, tuple(loads), tuple(relief), tuple(sorted(plan))
    )


def stress_tests(strategy: Strategy, plan: Collection[str] = ()) -> list[GrowthResult]:
    """`stress_test` of every growth scenario in the document, in document order."""
    return [stress_test(strategy, scenario, plan) for scenario in strategy.growth]
