"""Growth stress test: the hours each role would need under a growth scenario, against capacity.

Hours per period of a process = volume per period x multiplier x minutes each / 60. A role's
capacity per period = FTE x hours per FTE-year x months per period / 12. Utilisation = hours
needed / capacity (only the listed processes count, so it is a lower bound of the real load).
An initiative relieves a process by its likely time-saved share; several initiatives on one
process combine as `1 - prod(1 - share)`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from headway.strategy.model import GrowthScenario, Strategy


@dataclass(frozen=True)
class RoleLoad:
    """One role's load under a scenario (hours per period) against its capacity."""

    role: str
    name: str
    capacity_hours: float
    hours_needed: float
    hours_with_plan: float
    utilisation: float
    utilisation_with_plan: float

    @property
    def over_capacity(self) -> bool:
        """True when the listed processes alone need more hours than the role has."""
        return self.utilisation > 1.0


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


def _role_hours(
    strategy: Strategy, hours: dict[str, float], saved: dict[str, float]
) -> dict[str, float]:
    totals = {r.id: 0.0 for r in strategy.roles}
    for p in strategy.processes:
        totals[p.role] = totals.get(p.role, 0.0) + hours[p.id] * (1.0 - saved.get(p.id, 0.0))
    return totals


def stress_test(
    strategy: Strategy, scenario: GrowthScenario, plan: Collection[str] = ()
) -> GrowthResult:
    """Role loads with and without `plan` (initiative ids), what breaks first, who relieves it."""
    months = strategy.horizon.period.months
    capacity = {
        r.id: r.fte * strategy.business.hours_per_fte_year * months / 12.0 for r in strategy.roles
    }
    hours = process_hours(strategy, scenario)
    without = _role_hours(strategy, hours, {})
    with_plan = _role_hours(strategy, hours, saved_shares(strategy, plan))

    def use(role: str, needed: float) -> float:
        return needed / capacity[role] if capacity.get(role, 0.0) > 0 else float("inf")

    roles = tuple(
        RoleLoad(
            r.id, r.name, capacity[r.id], without[r.id], with_plan[r.id],
            use(r.id, without[r.id]), use(r.id, with_plan[r.id]),
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
        after = _role_hours(strategy, hours, saved_shares(strategy, [item.id]))
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
