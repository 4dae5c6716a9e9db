"""Why each initiative is in or out, and what each limit is worth — by re-solving, not guessing.

- A limit is *binding* when lifting it alone raises the optimal value (re-solved, exact).
- For an initiative left out, the smallest change of each kind that makes a plan containing it
  at least as good as the chosen plan: the least raise of one limit (a MILP that minimises the
  raise subject to "the initiative is in" and "value >= the current optimum"), or the value it
  would have to add (the optimum minus the best plan forced to contain it).
"""

from __future__ import annotations

from collections.abc import Mapping

from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.limits import (
    cut_value,
    describe,
    families,
    limit_value,
    with_limit,
)
from headway.portfolio.model import build_model, solve_schedule
from headway.portfolio.results import Change, Sensitivity

INF = float("inf")
CUT_SHARE = 0.10
TOLERANCE = 1e-7


def sensitivities(
    inputs: PlanningInputs,
    value: float,
    starts: Mapping[int, int],
    currency: str,
    time_limit: float | None = None,
) -> list[Sensitivity]:
    """For each finite limit family: the optimal value if lifted and if cut by 10 %.

    A limit can bind without being used to the full (a knapsack with room left for nothing
    valuable), so every family is re-solved, not only the tight ones.
    """
    found = []
    for family in families(inputs):
        limits = inputs.limits
        if limit_value(limits, inputs, family) == INF:
            continue
        lifted = solve_schedule(
            inputs, with_limit(limits, inputs, family, INF), time_limit=time_limit
        )
        cut = cut_value(limits, inputs, family, CUT_SHARE)
        after = solve_schedule(
            inputs, with_limit(limits, inputs, family, cut), time_limit=time_limit
        )
        name, unit = describe(family, currency)
        dropped = tuple(inputs.ids[i] for i in sorted(set(starts) - set(after.starts)))
        found.append(
            Sensitivity(
                family=family,
                label=name,
                limit=limit_value(limits, inputs, family),
                unit=unit,
                value_if_lifted=lifted.objective,
                cut_share=CUT_SHARE,
                value_if_cut=after.objective if after.result.values is not None else 0.0,
                dropped_if_cut=dropped,
                binding=lifted.objective > value + TOLERANCE,
            )
        )
    return found


def least_raise(
    inputs: PlanningInputs, item: int, family: str, target: float, time_limit: float | None
) -> float | None:
    """The least raise of one limit family (its unit, per period for per-period families) with
    which a plan containing `item` is worth at least `target`; None when no raise does it."""
    model = build_model(inputs, forced_in=frozenset({item}))
    model.milp.objective_as_row(lower=target - TOLERANCE)
    integral = family == "in_flight"
    raise_col = model.milp.add_columns(1, cost=1.0, lower=0.0, upper=INF, integer=integral)
    for row in model.rows[family]:
        model.milp.add_entry(row, raise_col, -1.0)
    result = model.milp.solve(maximize=False, time_limit=time_limit)
    if result.values is None:
        return None
    return float(result.values[raise_col])


def smallest_changes(
    inputs: PlanningInputs,
    item: int,
    value: float,
    value_if_forced: float | None,
    currency: str,
    time_limit: float | None = None,
) -> list[Change]:
    """The smallest change of each kind that brings `item` into an equally good plan."""
    changes = []
    if value_if_forced is not None and value - value_if_forced > TOLERANCE:
        lost = value - value_if_forced
        changes.append(
            Change(
                "value",
                lost,
                "plan value",
                f"it would have to add {100 * lost:.2f} points more of the weighted gap "
                "closed (time-averaged) to be chosen",
            )
        )
    for family in families(inputs):
        amount = least_raise(inputs, item, family, value, time_limit)
        if amount is None or amount <= TOLERANCE:
            continue
        name, unit = describe(family, currency)
        current = limit_value(inputs.limits, inputs, family)
        changes.append(
            Change(
                family,
                amount,
                unit,
                f"raise the {name} by {amount:,.4g} {unit} (from {current:,.4g})",
            )
        )
    money_first = {"value": 0, "budget_total": 1, "budget_per_period": 2, "recurring": 3}
    return sorted(changes, key=lambda change: money_first.get(change.kind, 4))
