"""The guard between a model and HiGHS: no solve with a coefficient HiGHS does not handle well.

HiGHS drops matrix values below 1e-9 (`small_matrix_value`), warns above 1e15
(`large_matrix_value`) and treats 1e20 as infinite; its tolerances are absolute (1e-7 on a row's
activity), so a row of money in the billions next to one of shares meets them at very different
precisions. Before every solve `guard_model` therefore:

- refuses a coefficient, cost or bound that is NaN, and a coefficient or cost that is infinite;
- scales each row whose entries leave `[ROW_LOW, ROW_HIGH]` by the power of two nearest to
  1 / sqrt(largest * smallest) of its entries (with its bounds): exact in binary floating point,
  so the solution is the same, and it brings the row's entries around 1;
- scales the objective the same way when its largest cost is above `OBJECTIVE_HIGH` (the
  objective and bound HiGHS reports are scaled back by the caller);
- refuses a row or an objective whose entries span more than `MAX_RATIO` (largest over smallest):
  no scaling can put both ends within HiGHS's range, and the solver would silently ignore the
  small ones.

The outcome says which: nothing, what was scaled, or (as a `CoefficientError`) what is refused.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from headway.errors import HeadwayError, Problem

ROW_LOW = 1e-3
ROW_HIGH = 1e3
OBJECTIVE_HIGH = 1e6
MAX_RATIO = 1e12
"""Largest spread (largest / smallest magnitude) of one row's or the objective's coefficients."""


class CoefficientError(HeadwayError):
    """A model with a coefficient outside what HiGHS handles well, refused before any solve."""

    def __init__(self, message: str) -> None:
        hint = (
            "check the strategy's money and volumes for a figure far out of scale with the rest "
            "(docs/portfolio.md, 'Coefficients HiGHS is given')"
        )
        problem = Problem(message, (), "(the plan's model)", hint=hint)
        super().__init__([problem], f"the plan cannot be solved reliably: {message}; {hint}")


@dataclass(frozen=True)
class Guard:
    """What the guard did: rows scaled, the objective's scale (1.0: unscaled), in words;
    `row_factors` the factor of each row (1.0 where unscaled), for bounds changed later."""

    rows_scaled: int
    objective_scale: float
    row_factors: NDArray[np.float64] | None = None

    @property
    def note(self) -> str:
        """What was scaled, in words ("" when nothing was)."""
        parts = []
        if self.rows_scaled:
            parts.append(f"{self.rows_scaled} row(s) of the model scaled")
        if self.objective_scale != 1.0:
            parts.append(f"objective scaled by {self.objective_scale:g}")
        return "; ".join(parts)


def guard_model(lp: highspy.HighsLp) -> Guard:
    """Check `lp`'s coefficients and scale its rows and objective in place (see the module)."""
    values = np.asarray(lp.a_matrix_.value_, dtype=float)
    rows = np.asarray(lp.a_matrix_.index_, dtype=np.int64)
    cost = np.asarray(lp.col_cost_, dtype=float)
    lower = np.asarray(lp.row_lower_, dtype=float)
    upper = np.asarray(lp.row_upper_, dtype=float)
    _refuse_non_finite(values, cost, lower, upper, np.asarray(lp.col_lower_, dtype=float))
    factors = _row_factors(values, rows, len(lower))
    scaled = factors != 1.0
    if scaled.any():
        lp.a_matrix_.value_ = values * factors[rows]
        lp.row_lower_ = lower * factors
        lp.row_upper_ = upper * factors
    objective_scale = _objective_scale(cost)
    if objective_scale != 1.0:
        lp.col_cost_ = cost * objective_scale
    return Guard(int(scaled.sum()), objective_scale, factors)


def _refuse_non_finite(
    values: NDArray[np.float64],
    cost: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    col_lower: NDArray[np.float64],
) -> None:
    for name, array in (("a coefficient", values), ("an objective value", cost)):
        if not np.isfinite(array).all():
            raise CoefficientError(f"{name} is not a finite number")
    for name, array in (("a limit", lower), ("a limit", upper), ("a bound", col_lower)):
        if np.isnan(array).any():
            raise CoefficientError(f"{name} is not a number")


def _row_factors(
    values: NDArray[np.float64], rows: NDArray[np.int64], count: int
) -> NDArray[np.float64]:
    """A power-of-two factor per row: 1 for rows within range, else one that centres it on 1."""
    magnitude = np.abs(values)
    nonzero = magnitude > 0
    largest = np.zeros(count)
    smallest = np.full(count, np.inf)
    np.maximum.at(largest, rows[nonzero], magnitude[nonzero])
    np.minimum.at(smallest, rows[nonzero], magnitude[nonzero])
    used = largest > 0
    out = used & ((largest > ROW_HIGH) | (smallest < ROW_LOW))
    factors = np.ones(count)
    if not out.any():
        return factors
    spread = largest[out] / smallest[out]
    if (spread > MAX_RATIO).any():
        worst = int(np.flatnonzero(out)[int(np.argmax(spread))])
        raise CoefficientError(
            f"one limit (row {worst + 1} of the model) weighs items from "
            f"{smallest[worst]:.3g} to {largest[worst]:.3g}, a spread over {MAX_RATIO:.0e}"
        )
    centre = np.sqrt(largest[out] * smallest[out])
    factors[out] = np.exp2(-np.round(np.log2(centre)))
    return factors


def _objective_scale(cost: NDArray[np.float64]) -> float:
    """A power of two that brings the largest cost near 1 when it is above `OBJECTIVE_HIGH`."""
    magnitude = np.abs(cost[cost != 0.0])
    if magnitude.size == 0 or magnitude.max() <= OBJECTIVE_HIGH:
        return 1.0
    largest, smallest = float(magnitude.max()), float(magnitude.min())
    if largest / smallest > MAX_RATIO:
        raise CoefficientError(
            f"the objective weighs items from {smallest:.3g} to {largest:.3g}, "
            f"a spread over {MAX_RATIO:.0e}"
        )
    return math.ldexp(1.0, -round(math.log2(largest)))
