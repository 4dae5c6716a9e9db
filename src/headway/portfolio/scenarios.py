"""Named what-if scenarios: variants of the constraints, goal weights and growth, side by side.

A `WhatIf` changes only what it names; `compare_scenarios` plans the base strategy and every variant
exactly and reports value, spend and what starts or stops compared with the base plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from headway.portfolio.deadline import budget_words, deadline_for, passed
from headway.portfolio.planner import plan
from headway.portfolio.results import Plan, PlanSettings
from headway.strategy.model import Strategy, Weighting


@dataclass(frozen=True)
class WhatIf:
    """A named variant. Unset fields keep the document's values.

    Money in the currency; `change_capacity_days_per_period` in person-days; `resources` maps a
    named resource id to its new amount per period; `goal_weights` sets direct goal weights
    (goal id -> relative weight); `growth` applies a growth scenario's volume multipliers to the
    processes (it moves NPV, so it matters when `npv_weight` > 0).
    """

    name: str
    budget_total: float | None = None
    budget_per_period: float | None = None
    recurring_budget_per_month: float | None = None
    change_capacity_days_per_period: float | None = None
    max_in_flight: int | None = None
    resources: Mapping[str, float] = field(default_factory=dict)
    goal_weights: Mapping[str, float] = field(default_factory=dict)
    growth: str | None = None
    readiness: float | None = None
    npv_weight: float | None = None


def apply(strategy: Strategy, what_if: WhatIf) -> Strategy:
    """The strategy with the variant's changes applied (the input is not changed)."""
    names = (
        "budget_total",
        "budget_per_period",
        "recurring_budget_per_month",
        "change_capacity_days_per_period",
        "max_in_flight",
    )
    update: dict[str, Any] = {
        name: getattr(what_if, name) for name in names if getattr(what_if, name) is not None
    }
    if what_if.resources:
        update["resources"] = [
            r.model_copy(update={"per_period": what_if.resources.get(r.id, r.per_period)})
            for r in strategy.constraints.resources
        ]
    changed = strategy.model_copy(
        update={"constraints": strategy.constraints.model_copy(update=update)}
    )
    if what_if.goal_weights:
        goals = [
            g.model_copy(update={"weight": what_if.goal_weights.get(g.id, g.weight or 0.0)})
            for g in changed.goals
        ]
        changed = changed.model_copy(
            update={"goals": goals, "goal_weighting": Weighting(method="direct")}
        )
    if what_if.growth is not None:
        changed = _grown(changed, what_if.growth)
    return changed


def _grown(strategy: Strategy, growth_id: str) -> Strategy:
    scenario = next((g for g in strategy.growth if g.id == growth_id), None)
    if scenario is None:
        known = ", ".join(g.id for g in strategy.growth) or "none"
        raise ValueError(f"unknown growth scenario '{growth_id}' (known: {known})")
    processes = [
        p.model_copy(
            update={
                "volume_per_period": p.volume_per_period
                * scenario.process_multipliers.get(p.id, scenario.volume_multiplier)
            }
        )
        for p in strategy.processes
    ]
    return strategy.model_copy(update={"processes": processes})


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario's best plan, compared with the base plan.

    `value` 0-1; `upfront_total` in the currency; `starts`/`stops`: initiatives in this plan but
    not in the base plan, and the reverse; `moved`: in both, started in another period.
    """

    name: str
    value: float
    alignment: float
    upfront_total: float
    proven_optimal: bool
    chosen: tuple[str, ...]
    starts: tuple[str, ...]
    stops: tuple[str, ...]
    moved: tuple[str, ...]


@dataclass(frozen=True)
class ScenarioComparison:
    """The base plan and each named scenario, side by side; `note` names the what-ifs the time
    budget left out ("" when none)."""

    currency: str
    results: tuple[ScenarioResult, ...]
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)


def scenario_result(name: str, chosen: Plan, base: Plan) -> ScenarioResult:
    """`chosen` (the plan of the scenario `name`) compared with the `base` plan."""
    mine = {d.initiative: d.start for d in chosen.selected}
    theirs = {d.initiative: d.start for d in base.selected}
    return ScenarioResult(
        name=name,
        value=chosen.value,
        alignment=chosen.alignment,
        upfront_total=chosen.upfront_total,
        proven_optimal=chosen.proven_optimal,
        chosen=tuple(mine),
        starts=tuple(i for i in mine if i not in theirs),
        stops=tuple(i for i in theirs if i not in mine),
        moved=tuple(i for i in mine if i in theirs and mine[i] != theirs[i]),
    )


def compare_scenarios(
    strategy: Strategy,
    what_ifs: Sequence[WhatIf],
    settings: PlanSettings | None = None,
    *,
    deadline: float | None = None,
) -> ScenarioComparison:
    """Plan the base strategy and every what-if exactly; compare_scenarios each with the base.
    Every plan's solves end by `deadline` (default: the settings' time budget from now, shared
    by all the plans; `portfolio.deadline`)."""
    settings = replace(settings or PlanSettings(), explain=False)
    deadline = deadline_for(settings) if deadline is None else deadline
    base = plan(strategy, settings, deadline=deadline)
    results = [scenario_result("base", base, base)]
    left_out: list[str] = []
    for what_if in what_ifs:
        if passed(deadline):
            left_out.append(what_if.name)
            continue
        own = settings
        if what_if.readiness is not None:
            own = replace(own, readiness=what_if.readiness)
        if what_if.npv_weight is not None:
            own = replace(own, npv_weight=what_if.npv_weight)
        found = plan(apply(strategy, what_if), own, deadline=deadline)
        if found.status == "time_limit" and not found.decisions:
            left_out.append(what_if.name)
        else:
            results.append(scenario_result(what_if.name, found, base))
    note = (
        f"Not planned within {budget_words(settings)}: {', '.join(left_out)}." if left_out else ""
    )
    return ScenarioComparison(strategy.business.currency, tuple(results), note)


def standard_what_ifs(strategy: Strategy) -> list[WhatIf]:
    """What-ifs every owner asks: 25 % more budget, one more person a day a week on change
    work, and each growth scenario of the document (e.g. a second location)."""
    c = strategy.constraints
    person_days = strategy.business.hours_per_fte_year / 8.0 / (12 / strategy.horizon.period.months)
    found = [
        WhatIf(
            "budget +25%",
            budget_total=c.budget_total * 1.25,
            budget_per_period=c.budget_per_period * 1.25,
        ),
        WhatIf(
            f"one more person, a day a week on change (+{0.2 * person_days:.0f} days/period)",
            change_capacity_days_per_period=c.change_capacity_days_per_period + 0.2 * person_days,
        ),
    ]
    found.extend(WhatIf(g.name, growth=g.id) for g in strategy.growth)
    return found
