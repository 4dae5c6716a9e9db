"""Segmented regression of an interrupted time series (Wagner et al. 2002), vectorised.

The model for a series with interventions whose effects start at times s_1 < s_2 < ...:

    y_t = b0 + b1 t + sum_j [ c_j D_j(t) + d_j (t - s_j) D_j(t) ] + e_t,   D_j(t) = 1 if t >= s_j

The verdict uses the *level-shift* form (d_j = 0): one trend runs through the series before and
after go-live, fitted on both sides, and c_j is how far the series sits from that trend once the
effect has started. Fitting the trend on both sides keeps the counterfactual precise: with the
full form (a separate trend after go-live, d_j free) the effect is an extrapolation of the
earlier trend, whose error grows with every month after go-live. The full form is still fitted
as a check, and a trend change is reported (`slope_change`) so a ramping or fading effect is not
hidden. An effect known to ramp up over R_j months is fitted as a level plus a ramp (`ramps`):
its column is `clip((t - s_j) / R_j, 0, 1)` instead of `D_j(t)`, so c_j is its full size.

Standard errors follow from the OLS covariance, widened by sqrt((1 + r) / (1 - r)) when the
residuals' lag-1 autocorrelation r is positive (the AR(1) variance inflation; Bayley &
Hammersley 1946), which removes about half of the excess false alarms that serially correlated
noise causes. docs/monitoring.md gives the measured error rates. Times are in months; values in
the series' unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

MIN_BEFORE = 4
MIN_SEGMENT = 3

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class EffectFit:
    """Effects of the interventions, one row per intervention, one column per series.

    `estimate` and `std_error` are in the series' unit; `df` are the residual degrees of
    freedom; `points_before` counts points before the first intervention, `points_after[j]`
    the points at or after intervention j's start.
    """

    estimate: FloatArray
    std_error: FloatArray
    df: int
    points_before: int
    points_after: list[int]


class NotEstimableError(ValueError):
    """The series is too short, or interventions too close together, to estimate effects."""


def fit_effects(
    times: FloatArray,
    values: FloatArray,
    starts: Sequence[float],
    *,
    slope_change: bool = False,
    ramps: Sequence[float] = (),
) -> EffectFit:
    """Fit the segmented model to one series (`values` 1-D) or many sharing `times` (2-D,
    one column per series).

    Returns each intervention's level shift c_j, or with `slope_change=True` its trend change
    d_j per month (units per month). `ramps[j]` (months, default 0) makes intervention j's
    effect grow linearly from its start to full size c_j over that many months (the
    level-plus-ramp model: `c_j * clip((t - s_j) / R_j, 0, 1)`); c_j is then the full size.
    Raises `NotEstimableError` (with a reason in words) when
    there are fewer than 4 points before the first start, fewer than 3 in a segment, or the
    design is degenerate.
    """
    t = np.asarray(times, dtype=float)
    y = np.asarray(values, dtype=float)
    single = y.ndim == 1
    order = list(starts)
    if order != sorted(order):
        raise ValueError("starts must be sorted")
    _check_points(t, order)
    y = y.reshape(len(t), -1)
    per_step = 2 if slope_change else 1
    columns = [np.ones_like(t), t - t.mean()]
    for j, start in enumerate(order):
        after = (t >= start).astype(float)
        ramp = ramps[j] if j < len(ramps) else 0.0
        columns.append(np.clip((t - start) / ramp, 0.0, 1.0) * after if ramp > 0 else after)
        if slope_change:
            columns.append((t - start) * after)
    design = np.column_stack(columns)
    width = design.shape[1]
    df = len(t) - width
    if df < 2 or np.linalg.matrix_rank(design) < width:
        reason = "the interventions are too close together to tell their effects apart"
        raise NotEstimableError(reason)
    inverse = np.linalg.inv(design.T @ design)
    beta = inverse @ design.T @ y
    residuals = y - design @ beta
    pick = [2 + per_step * j + (1 if slope_change else 0) for j in range(len(order))]
    estimate = beta[pick, :]
    variance = np.diag(inverse)[pick][:, None] * (np.sum(residuals**2, axis=0) / df)[None, :]
    total = np.maximum(np.sum(residuals**2, axis=0), 1e-300)
    autocorrelation = np.clip(np.sum(residuals[1:] * residuals[:-1], axis=0) / total, 0.0, 0.9)
    inflation = (1.0 + autocorrelation) / (1.0 - autocorrelation)
    std_error = np.sqrt(np.maximum(variance, 0.0) * inflation[None, :])
    if single:
        estimate, std_error = estimate[:, :1], std_error[:, :1]
    return EffectFit(
        estimate=estimate,
        std_error=std_error,
        df=df,
        points_before=int(np.sum(t < order[0])) if order else len(t),
        points_after=[int(np.sum(t >= s)) for s in order],
    )


def _check_points(t: FloatArray, order: list[float]) -> None:
    before = int(np.sum(t < order[0])) if order else len(t)
    if before < MIN_BEFORE:
        reason = f"{before} measurements before go-live; at least {MIN_BEFORE} needed"
        raise NotEstimableError(reason)
    bounds = [*order, np.inf]
    for j, start in enumerate(order):
        inside = int(np.sum((t >= start) & (t < bounds[j + 1])))
        if inside < MIN_SEGMENT:
            raise NotEstimableError(
                f"{inside} measurements in the period the effect is measured over; "
                f"at least {MIN_SEGMENT} needed"
            )
