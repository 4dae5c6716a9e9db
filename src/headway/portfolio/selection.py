"""The pure 0-1 selection problem over arrays: which items to take, exactly (HiGHS).

maximise    sum_j values[j] * x[j]
subject to  usage @ x <= capacities          (any number of resource rows)
            x[j] <= x[i]                     for each (j, i) in `requires` (j requires i)
            sum_{j in g} x[j] <= 1           for each group g
            x[j] = 1 for mandatory j, x[j] = 0 for excluded j, x binary.

This is the multi-dimensional knapsack problem with precedence and choice constraints
(Petersen 1967 posed it for R&D project selection; Chu & Beasley 1998 for its test instances).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from headway.portfolio.milp import MilpBuilder, Status

#: Decimal scales tried when checking whether all values lie on a grid (1, 0.1, ..., 0.0001).
_GRID_DECIMALS = range(5)


@dataclass(frozen=True)
class Selection:
    """The chosen items and how sure the solver is.

    `objective` is the sum of the chosen values (in the values' unit); `proven_optimal` says
    whether HiGHS proved no better selection exists; `gap` is the relative distance to the proven
    bound when a time limit stopped the search (0 when proven); `seconds` is solve wall time.
    """

    chosen: tuple[int, ...]
    objective: float
    proven_optimal: bool
    gap: float
    status: Status
    bound: float
    seconds: float


def objective_step(values: ArrayLike) -> float | None:
    """The grid every sum of `values` lies on (1, 0.1, ...), or None when there is none."""
    array = np.asarray(values, dtype=float)
    for decimals in _GRID_DECIMALS:
        scaled = array * 10.0**decimals
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-9 * np.maximum(1.0, np.abs(scaled))):
            return float(10.0**-decimals)
    return None


def optimize_selection(
    values: ArrayLike,
    usage: ArrayLike,
    capacities: ArrayLike,
    *,
    requires: Iterable[tuple[int, int]] = (),
    groups: Iterable[Sequence[int]] = (),
    mandatory: Iterable[int] = (),
    excluded: Iterable[int] = (),
    time_limit: float | None = None,
) -> Selection:
    """Choose the subset of items with the largest total value that fits every capacity.

    `values`: shape (n,); `usage`: shape (m, n), resource r used by item j; `capacities`: (m,).
    `requires` holds pairs (j, i): item j may only be chosen with item i. `time_limit` in
    seconds; without it the result is proven optimal (relative gap 0). Infeasible inputs (e.g.
    mandatory items that do not fit) give status "infeasible" and no chosen items.
    """
    value_array = np.asarray(values, dtype=float)
    n = value_array.shape[0]
    usage_array = np.asarray(usage, dtype=float).reshape(-1, n)
    capacity_array = np.asarray(capacities, dtype=float).reshape(-1)
    if usage_array.shape[0] != capacity_array.shape[0]:
        raise ValueError(
            f"usage has {usage_array.shape[0]} rows but there are {capacity_array.shape[0]} "
            "capacities"
        )
    model = MilpBuilder()
    model.add_columns(n, cost=value_array)
    columns = np.arange(n)
    for row, capacity in zip(usage_array, capacity_array, strict=True):
        model.add_row(columns, row, upper=float(capacity))
    for successor, predecessor in requires:
        model.add_row([successor, predecessor], [1.0, -1.0], upper=0.0)
    for group in groups:
        model.add_row(list(group), 1.0, upper=1.0)
    for item in mandatory:
        model.set_bounds(int(item), 1.0, 1.0)
    for item in excluded:
        model.set_bounds(int(item), 0.0, 0.0)
    result = model.solve(time_limit=time_limit, objective_step=objective_step(value_array))
    chosen: tuple[int, ...] = ()
    objective = float("nan")
    if result.values is not None:
        chosen = tuple(int(j) for j in np.flatnonzero(result.values > 0.5))
        objective = float(value_array[list(chosen)].sum())
    return Selection(
        chosen=chosen,
        objective=objective,
        proven_optimal=result.proven_optimal,
        gap=result.gap,
        status=result.status,
        bound=result.bound,
        seconds=result.seconds,
    )
