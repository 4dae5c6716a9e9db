"""Realignment: what changes when the strategy changes.

`realign(old, new)` compares two versions of a strategy — goals, weights, KPIs, constraints and
initiatives — then re-optimises both with the portfolio planner (`headway.portfolio.planner.plan`)
and sorts every initiative either plan chooses into start / stop / continue / re-sequence, with
its strategic value (share of the new weighted gap it closes alone, 0-1) and its money (TCO over
the horizon and NPV, in the currency, from `headway.analysis.finance`). It names orphans —
initiatives of the old plan that no longer close any weighted gap — and goals that the new plan
leaves uncovered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from headway.analysis.alignment import alignment_inputs, alignment_value, portfolio_alignment
from headway.analysis.finance import financials
from headway.analysis.gap import kpi_weights
from headway.analysis.weights import goal_weights
from headway.portfolio.planner import plan
from headway.portfolio.results import Plan, PlanSettings
from headway.strategy.calendar import period_label
from headway.strategy.model import Strategy

Planner = Callable[[Strategy], Plan]


class Action(StrEnum):
    """What to do with an initiative when moving from the old plan to the new one."""

    start = "start"
    stop = "stop"
    continue_ = "continue"
    resequence = "re-sequence"


@dataclass(frozen=True)
class Change:
    """One changed item: `section` (goal, weight, kpi, constraint, initiative), the item, the
    field, and the old and new values as text (None when added or removed)."""

    section: str
    item: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Move:
    """One initiative's move: start periods (labels) in the old and new plan, its alignment
    value under the new strategy (0-1), and TCO and NPV (currency) under the strategy whose plan
    holds it (the new one, or the old one for a stop). `status` is the initiative's tracked
    status in the workspace (planned, in progress, live) when the diff was given one."""

    initiative: str
    action: Action
    old_start: str | None
    new_start: str | None
    value: float
    tco: float
    npv: float
    status: str | None = None


@dataclass(frozen=True)
class Orphan:
    """An initiative of the old plan that closes no weighted gap under the new strategy."""

    initiative: str
    required_by: tuple[str, ...]


@dataclass(frozen=True)
class Uncovered:
    """A weighted goal of the new strategy that no initiative of the new plan moves.

    `candidates` lists initiatives of the catalogue that would move one of its KPIs.
    """

    goal: str
    weight: float
    candidates: tuple[str, ...]


@dataclass(frozen=True)
class Realignment:
    """The difference between two strategy versions and their optimal plans.

    `old_plan_value` is the share of the *new* weighted gap (0-1) the old plan's initiatives
    would close once live; `new_plan_value` the same for the new plan; `value_at_stake` their
    difference. `money_started` / `money_stopped` sum the TCO of started and stopped items.
    """

    changes: tuple[Change, ...]
    moves: tuple[Move, ...]
    orphans: tuple[Orphan, ...]
    uncovered: tuple[Uncovered, ...]
    old_plan_value: float
    new_plan_value: float
    value_at_stake: float
    money_started: float
    money_stopped: float
    currency: str


def default_planner(strategy: Strategy) -> Plan:
    """The optimal plan with the plan's default objective (strategic value blended with
    risk-adjusted NPV, as `headway plan` makes it), without explanations: the diff and the
    plan-only Alignment Index judge the plan the owner sees (they need choices and starts)."""
    return plan(strategy, PlanSettings(explain=False))


def realign(
    old: Strategy,
    new: Strategy,
    planner: Planner = default_planner,
    tracked: Mapping[str, str] | None = None,
    baseline: Mapping[str, int] | None = None,
) -> Realignment:
    """Compare `old` with `new` and their re-optimised plans; see the module docstring.

    `tracked` maps the initiatives under way in the workspace (planned, in progress, live) to
    their status: they join the old portfolio, so one the new plan leaves out is a stop and one
    already started continues rather than being re-sequenced. `baseline` is the old portfolio
    when it is known (initiative -> start period of `old`'s horizon, e.g. the approved plan's);
    without it the old portfolio is the optimal plan of `old`.
    """
    tracked = dict(tracked or {})
    if baseline is None:
        old_starts = {d.initiative: d.start or 0 for d in planner(old).selected}
    else:
        old_starts = dict(baseline)
    new_starts = {d.initiative: d.start or 0 for d in planner(new).selected}
    moves = _moves(old, new, old_starts, new_starts, tracked)
    new_ids = [i.id for i in new.initiatives]
    weights, gaps, improvement = alignment_inputs(new, "likely")

    def closed(ids: Mapping[str, int]) -> float:
        mask = np.array([i in ids for i in new_ids], dtype=bool)
        return portfolio_alignment(weights, gaps, improvement, mask) if mask.any() else 0.0

    old_value, new_value = closed(old_starts), closed(new_starts)
    return Realignment(
        changes=tuple(strategy_changes(old, new)),
        moves=tuple(moves),
        orphans=tuple(_orphans(new, [*old_starts, *tracked], new_starts)),
        uncovered=tuple(_uncovered(new, new_starts)),
        old_plan_value=old_value,
        new_plan_value=new_value,
        value_at_stake=new_value - old_value,
        money_started=sum(m.tco for m in moves if m.action is Action.start),
        money_stopped=sum(m.tco for m in moves if m.action is Action.stop),
        currency=new.business.currency,
    )


def _moves(
    old: Strategy,
    new: Strategy,
    old_starts: Mapping[str, int],
    new_starts: Mapping[str, int],
    tracked: Mapping[str, str],
) -> list[Move]:
    known = {i.id for i in new.initiatives}
    moves = []
    for initiative in sorted(set(old_starts) | set(new_starts) | set(tracked)):
        before, after = old_starts.get(initiative), new_starts.get(initiative)
        status = tracked.get(initiative)
        started = status in ("in progress", "live")
        if after is None:
            action = Action.stop
        elif before is None and status is None:
            action = Action.start
        elif before == after or started or before is None:
            action = Action.continue_
        else:
            action = Action.resequence
        money = financials(new, initiative, after) if after is not None else None
        if money is None:
            money = financials(old, initiative, before or 0)
        value = alignment_value(new, initiative).value if initiative in known else 0.0
        moves.append(
            Move(
                initiative=initiative,
                action=action,
                old_start=None if before is None else period_label(old.horizon, before),
                new_start=None if after is None else period_label(new.horizon, after),
                value=value,
                tco=money.tco,
                npv=money.npv,
                status=status,
            )
        )
    order = [Action.start, Action.stop, Action.resequence, Action.continue_]
    return sorted(moves, key=lambda m: (order.index(m.action), -m.value, m.initiative))


def _orphans(
    new: Strategy, portfolio: Sequence[str], new_starts: Mapping[str, int]
) -> list[Orphan]:
    known = {i.id: i for i in new.initiatives}
    orphans = []
    for initiative in sorted(set(portfolio)):
        if initiative in known and alignment_value(new, initiative).value > 0:
            continue
        required_by = tuple(sorted(i for i in new_starts if initiative in known[i].requires))
        orphans.append(Orphan(initiative, required_by))
    return orphans


def _uncovered(new: Strategy, new_starts: Mapping[str, int]) -> list[Uncovered]:
    goals = goal_weights(new)
    serves: dict[str, set[str]] = {}
    for initiative in new.initiatives:
        for part in alignment_value(new, initiative.id).kpis:
            if part.contribution > 0:
                serves.setdefault(part.kpi, set()).add(initiative.id)
    result = []
    for goal in new.goals:
        if goals.get(goal.id, 0.0) <= 0:
            continue
        movers = set().union(*(serves.get(link.kpi, set()) for link in goal.kpis))
        if not movers & set(new_starts):
            result.append(Uncovered(goal.id, goals[goal.id], tuple(sorted(movers))))
    return result


def strategy_changes(old: Strategy, new: Strategy) -> list[Change]:
    """Every change of goals, weights, KPIs, constraints and initiatives between two versions."""
    changes: list[Change] = []
    changes += _list_changes("goal", old.goals, new.goals, skip={"id"})
    for section, before, after in (
        ("goal weight", goal_weights(old), goal_weights(new)),
        ("kpi weight", kpi_weights(old), kpi_weights(new)),
    ):
        for key in sorted(set(before) | set(after)):
            a, b = before.get(key), after.get(key)
            if a is None or b is None or abs(a - b) > 1e-9:
                changes.append(Change(section, key, "weight", _share(a), _share(b)))
    changes += _list_changes("kpi", old.kpis, new.kpis, skip={"id"})
    limits_before = old.constraints.model_dump(mode="json")
    limits_after = new.constraints.model_dump(mode="json")
    for key, value in limits_before.items():
        if value != limits_after[key]:
            changes.append(Change("constraint", key, key, _text(value), _text(limits_after[key])))
    changes += _list_changes("initiative", old.initiatives, new.initiatives, skip={"id"})
    return changes


def _list_changes(section: str, before: Any, after: Any, skip: set[str]) -> list[Change]:
    a = {item.id: item.model_dump(mode="json") for item in before}
    b = {item.id: item.model_dump(mode="json") for item in after}
    changes = []
    for key in [*a, *(k for k in b if k not in a)]:
        if key not in b:
            changes.append(Change(section, key, "(removed)", a[key].get("name") or key, None))
        elif key not in a:
            changes.append(Change(section, key, "(added)", None, b[key].get("name") or key))
        else:
            for name in a[key]:
                if name not in skip and a[key][name] != b[key][name]:
                    changes.append(
                        Change(section, key, name, _text(a[key][name]), _text(b[key][name]))
                    )
    return changes


def _share(value: float | None) -> str | None:
    return None if value is None else f"{value:.1%}"


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list) and all(isinstance(v, dict) and "kpi" in v for v in value):
        return ", ".join(f"{v['kpi']}" for v in value)
    return str(value)
