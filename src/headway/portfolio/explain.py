"""Why each initiative is in or out, and what each limit is worth — by re-solving, not guessing.

- A limit is *binding* when lifting it alone raises the optimal value (re-solved, exact).
- For an initiative left out, the smallest change of each kind that makes a plan containing it
  at least as good as the chosen plan: the least raise of one limit (a MILP that minimises the
  raise subject to "the initiative is in" and "value >= the current optimum"), or the value it
  would have to add (the optimum minus the best plan forced to contain it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

import numpy as np

from headway.portfolio.deadline import passed, within
from headway.portfolio.inputs import Limits, PlanningInputs
from headway.portfolio.limits import (
    amount_text,
    cut_value,
    describe,
    families,
    limit_value,
    most_use,
    with_limit,
)
from headway.portfolio.model import Schedule, build_model
from headway.portfolio.resolve import Resolvers
from headway.portfolio.results import Change, Sensitivity
from headway.portfolio.usage import blended_value, fits_alone, fits_limits

INF = float("inf")
CUT_SHARE = 0.10
TOLERANCE = 1e-7
#: Threads for independent explanation solves (two: most small-business machines have them,
#: and the web app serves other requests meanwhile).
WORKERS = min(2, os.cpu_count() or 1)
T = TypeVar("T")
U = TypeVar("U")


def sensitivities(
    inputs: PlanningInputs,
    value: float,
    starts: Mapping[int, int],
    currency: str,
    time_limit: float | None = None,
    unconstrained: Schedule | None = None,
    resolvers: Resolvers | None = None,
) -> list[Sensitivity]:
    """For each finite limit family: the optimal value if lifted and if cut by 10 %.

    A limit can bind without being used to the full (a knapsack with room left for nothing
    valuable), so every family is settled exactly, by a solve unless a known plan proves it:
    `unconstrained` (the optimum with every limit lifted) bounds every lifted value, and is the
    lifted optimum when it fits the other limits; the chosen plan is the cut optimum when it
    fits the cut limit. Solves start from the chosen plan where it is feasible; `resolvers`
    holds the plan's model built once (made here when not given).
    """
    resolvers = resolvers or Resolvers(inputs, time_limit)
    tasks = sensitivity_tasks(inputs, value, starts, currency, resolvers, lambda: unconstrained)
    return in_parallel(tasks)


def sensitivity_tasks(
    inputs: PlanningInputs,
    value: float,
    starts: Mapping[int, int],
    currency: str,
    resolvers: Resolvers,
    unconstrained: Callable[[], Schedule | None],
) -> list[Callable[[], Sensitivity]]:
    """The work of `sensitivities`, one task per finite limit family, to run in parallel;
    `unconstrained` gives the optimum with every limit lifted (it may wait for another task
    that solves it: each task asks only after its own cut solve)."""
    return [
        partial(_sensitivity, inputs, family, value, starts, currency, resolvers, unconstrained)
        for family in families(inputs)
        if limit_value(inputs.limits, inputs, family) != INF
    ]


def in_parallel(tasks: Sequence[Callable[[], T]]) -> list[T]:
    """The results of independent solves, in order: in `WORKERS` threads when there are
    several (HiGHS releases the GIL while it solves; each solve uses one thread)."""
    return both_in_parallel(tasks, [])[0]


def both_in_parallel(
    first: Sequence[Callable[[], T]],
    second: Sequence[Callable[[], U]],
    lead: Callable[[], object] | None = None,
) -> tuple[list[T], list[U]]:
    """The results of two lists of independent solves, each in order, run as one batch (no
    worker waits for the first list to end before starting on the second). `lead`, when
    given, is started before every task (a solve whose result some tasks wait for)."""
    if WORKERS < 2 or len(first) + len(second) + (lead is not None) < 2:
        if lead is not None:
            lead()
        return [task() for task in first], [task() for task in second]
    with ThreadPoolExecutor(WORKERS) as pool:
        if lead is not None:
            pool.submit(lead)
        done_first = pool.map(_call, first)
        done_second = pool.map(_call, second)
        return list(done_first), list(done_second)


def _call(task: Callable[[], T]) -> T:
    return task()


def _sensitivity(
    inputs: PlanningInputs,
    family: str,
    value: float,
    starts: Mapping[int, int],
    currency: str,
    resolvers: Resolvers,
    unconstrained: Callable[[], Schedule | None],
) -> Sensitivity:
    """What one limit family is worth: the optimum with it cut and with it lifted."""
    limits = inputs.limits
    cut_limits = with_limit(limits, inputs, family, cut_value(limits, inputs, family, CUT_SHARE))
    if fits_limits(inputs, starts, cut_limits):
        value_if_cut, kept = value, starts
    else:
        after = resolvers.solve(cut_limits)
        value_if_cut = after.objective if after.result.values is not None else 0.0
        kept = after.starts
    if limit_value(limits, inputs, family) >= most_use(inputs, family):
        lifted = value  # no plan can exceed the limit: lifting it changes nothing
    else:
        lifted_limits = with_limit(limits, inputs, family, INF)
        lifted = _lifted_value(inputs, lifted_limits, value, starts, unconstrained(), resolvers)
    name, unit = describe(family, currency)
    return Sensitivity(
        family=family,
        label=name,
        limit=limit_value(limits, inputs, family),
        unit=unit,
        value_if_lifted=lifted,
        cut_share=CUT_SHARE,
        value_if_cut=value_if_cut,
        dropped_if_cut=tuple(inputs.ids[i] for i in sorted(set(starts) - set(kept))),
        binding=lifted > value + TOLERANCE,
    )


def _lifted_value(
    inputs: PlanningInputs,
    lifted_limits: Limits,
    value: float,
    starts: Mapping[int, int],
    unconstrained: Schedule | None,
    resolvers: Resolvers,
) -> float:
    """The optimum with one limit family lifted (known without a solve when a plan proves it)."""
    if unconstrained is not None and unconstrained.result.proven_optimal:
        if value >= unconstrained.objective - TOLERANCE:
            return value
        if fits_limits(inputs, unconstrained.starts, lifted_limits):
            return unconstrained.objective
    return resolvers.solve(lifted_limits, start=starts).objective


def forced_schedule(
    inputs: PlanningInputs,
    item: int,
    value: float,
    starts: Mapping[int, int],
    time_limit: float | None = None,
    resolvers: Resolvers | None = None,
) -> tuple[float, Mapping[int, int]] | None:
    """The value and schedule of the best plan forced to contain `item` (None when no plan
    within the limits can).

    When the chosen plan has room for the item as it is (every rule and limit kept), that plan
    with the item is optimal: forcing an item in never raises the optimum, and the value check
    makes sure it is not lower. No solve either when the item, or one it requires, fits the
    limits in no period even alone (`_never_fits`); otherwise the model is solved with the item
    in (by `resolvers`, the plan's model built once, when given).
    """
    added = _with_item(inputs, starts, item)
    if added is not None and blended_value(inputs, added) >= value - TOLERANCE:
        return value, added
    if _never_fits(inputs, item):
        return None
    forced = (resolvers or Resolvers(inputs, time_limit)).solve(forced_in=item)
    return (forced.objective, forced.starts) if forced.result.values is not None else None


def _never_fits(inputs: PlanningInputs, item: int) -> bool:
    """True when no plan within the limits can contain `item`: it, or an initiative it requires
    (directly or through others), is excluded, or fits the limits in no start period even alone
    in a plan (`usage.fits_alone`)."""
    chain = inputs.with_required([item])
    if any(i in inputs.excluded for i in chain):
        return True
    items = np.fromiter(sorted(chain), dtype=np.int64, count=len(chain))
    return not bool(fits_alone(inputs, items, inputs.limits).any(axis=1).all())


def _with_item(
    inputs: PlanningInputs, starts: Mapping[int, int], item: int
) -> dict[int, int] | None:
    """The chosen schedule with `item` added at its earliest start that keeps every rule and
    limit, or None when there is none."""
    if item in inputs.excluded:
        return None
    earliest = 0
    for successor, predecessor in inputs.requires:
        if successor == item:
            if predecessor not in starts:
                return None
            earliest = max(earliest, starts[predecessor] + int(inputs.duration[predecessor]))
    if any(item in group and any(j in starts for j in group) for group in inputs.groups):
        return None
    for start in range(earliest, inputs.periods - int(inputs.duration[item]) + 1):
        added = {**starts, item: start}
        if fits_limits(inputs, added, inputs.limits):
            return added
    return None


def least_raise(
    inputs: PlanningInputs, item: int, family: str, target: float, time_limit: float | None
) -> float | None:
    """The least raise of one limit family (its unit, per period for per-period families) with
    which a plan containing `item` is worth at least `target`; None when no raise does it, or
    when the least one is not proven within the time limit and the call's deadline."""
    if passed(inputs.deadline):
        return None
    model = build_model(inputs, forced_in=frozenset({item}))
    model.milp.objective_as_row(lower=target - TOLERANCE)
    integral = family == "in_flight"
    raise_col = model.milp.add_columns(1, cost=1.0, lower=0.0, upper=INF, integer=integral)
    for row in model.rows[family]:
        model.milp.add_entry(row, raise_col, -1.0)
    result = model.milp.solve(maximize=False, time_limit=within(time_limit, inputs.deadline))
    if result.values is None or not result.proven_optimal:
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
                f"it would have to add {inputs.numbers.gap(lost)} more of the weighted gap "
                "closed (time-averaged) to be chosen",
            )
        )
    kinds = families(inputs)
    tasks = [partial(least_raise, inputs, item, family, value, time_limit) for family in kinds]
    for family, amount in zip(kinds, in_parallel(tasks), strict=True):
        if amount is None or amount <= TOLERANCE:
            continue
        name, unit = describe(family, currency)
        current = limit_value(inputs.limits, inputs, family)
        changes.append(
            Change(
                family,
                amount,
                unit,
                f"raise the {name} by {amount_text(inputs.numbers, family, amount)} "
                f"(from {amount_text(inputs.numbers, family, current)})",
            )
        )
    money_first = {"value": 0, "budget_total": 1, "budget_per_period": 2, "recurring": 3}
    return sorted(changes, key=lambda change: money_first.get(change.kind, 4))
