"""Multi-criteria ranking: TOPSIS, weighted sum, ranks and weight sensitivity.

Rows of a decision matrix are alternatives, columns criteria; `directions[j]` is +1 for a benefit
criterion (more is better) and -1 for a cost criterion. Weights are normalised to sum 1.
TOPSIS follows Hwang & Yoon (1981), *Multiple Attribute Decision Making*, Springer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from headway.analysis.weights import normalise

FloatArray = NDArray[np.float64]
TopsisNormalisation = Literal["vector", "minmax", "none"]
SumNormalisation = Literal["minmax", "sum", "none"]


@dataclass(frozen=True)
class TopsisResult:
    """TOPSIS closeness (0-1, higher is better), competition ranks (1 = best) and distances."""

    scores: tuple[float, ...]
    ranks: tuple[int, ...]
    distance_to_ideal: tuple[float, ...]
    distance_to_anti_ideal: tuple[float, ...]


@dataclass(frozen=True)
class WeightedSumResult:
    """Weighted-sum scores, ranks and each criterion's contribution (`contributions[i][j]`).

    With min-max normalisation every criterion is rescaled to 0-1 (1 = best alternative on it),
    so a score is between 0 and 1 and is the sum of its row of contributions.
    """

    scores: tuple[float, ...]
    ranks: tuple[int, ...]
    contributions: tuple[tuple[float, ...], ...]
    normalised: tuple[tuple[float, ...], ...]


def _inputs(
    matrix: ArrayLike, weights: Sequence[float], directions: Sequence[int] | None
) -> tuple[FloatArray, FloatArray, FloatArray]:
    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"a decision matrix must be 2-D and non-empty, got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("the decision matrix must hold finite numbers")
    w = np.array(normalise(weights))
    d = np.ones(x.shape[1]) if directions is None else np.asarray(directions, dtype=float)
    if w.size != x.shape[1] or d.size != x.shape[1]:
        raise ValueError("need one weight and one direction per criterion (column)")
    if not np.all(np.abs(d) == 1):
        raise ValueError("directions must be +1 (benefit) or -1 (cost)")
    return x, w, d


def minmax_benefit(x: FloatArray, directions: FloatArray) -> FloatArray:
    """Rescale each column to 0-1 with 1 = best (cost columns flipped); a constant column is 1."""
    low, high = x.min(axis=0), x.max(axis=0)
    width = high - low
    up = np.divide(x - low, width, out=np.ones_like(x), where=width > 0)
    down = np.divide(high - x, width, out=np.ones_like(x), where=width > 0)
    result: FloatArray = np.where(directions > 0, up, down)
    return result


def ranks(scores: Sequence[float] | FloatArray, higher_is_better: bool = True) -> tuple[int, ...]:
    """Competition ranks (1 = best; ties share the better rank, e.g. 1, 1, 3) up to 1e-9."""
    s = np.asarray(scores, dtype=float) * (1.0 if higher_is_better else -1.0)
    tolerance = 1e-9 * max(1.0, float(np.max(np.abs(s))) if s.size else 1.0)
    return tuple(int(np.sum(s > value + tolerance)) + 1 for value in s)


def topsis(
    matrix: ArrayLike,
    weights: Sequence[float],
    directions: Sequence[int] | None = None,
    normalisation: TopsisNormalisation = "vector",
) -> TopsisResult:
    """Classic TOPSIS (Hwang & Yoon 1981): closeness to the ideal, 0-1, higher is better.

    `normalisation`: "vector" (x / column 2-norm, the classic; scores are unchanged when a
    column is rescaled), "minmax" (0-1 with cost columns flipped) or "none". Weighted values
    `v = w * r`; ideal = best value per column, anti-ideal = worst; Euclidean distances
    `d+`, `d-`; score `d- / (d+ + d-)` (0.5 when every alternative is identical).
    """
    x, w, d = _inputs(matrix, weights, directions)
    if normalisation == "vector":
        norms = np.linalg.norm(x, axis=0)
        r = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    elif normalisation == "minmax":
        r, d = minmax_benefit(x, d), np.ones_like(d)
    elif normalisation == "none":
        r = x
    else:
        raise ValueError(f"unknown normalisation {normalisation!r}")
    v = r * w
    ideal = np.where(d > 0, v.max(axis=0), v.min(axis=0))
    anti = np.where(d > 0, v.min(axis=0), v.max(axis=0))
    plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    total = plus + minus
    scores = np.divide(minus, total, out=np.full_like(total, 0.5), where=total > 0)
    return TopsisResult(
        scores=tuple(float(s) for s in scores),
        ranks=ranks(scores),
        distance_to_ideal=tuple(float(p) for p in plus),
        distance_to_anti_ideal=tuple(float(m) for m in minus),
    )


def weighted_sum(
    matrix: ArrayLike,
    weights: Sequence[float],
    directions: Sequence[int] | None = None,
    normalisation: SumNormalisation = "minmax",
) -> WeightedSumResult:
    """Weighted sum model (Fishburn 1967): `score_i = sum_j w_j * r_ij`, higher is better.

    `normalisation`: "minmax" (each column to 0-1, 1 = best; the default, so contributions are
    comparable), "sum" (cost columns inverted to 1/x, then each column divided by its sum, as in
    MOORA-style examples) or "none" (raw values; a cost column enters negatively).
    """
    x, w, d = _inputs(matrix, weights, directions)
    if normalisation == "minmax":
        r = minmax_benefit(x, d)
    elif normalisation == "sum":
        if np.any(x[:, d < 0] == 0):
            raise ValueError("sum normalisation inverts cost criteria (1/x): they must not be 0")
        inverted = np.where(d < 0, 1.0 / np.where(x == 0, 1.0, x), x)
        sums = inverted.sum(axis=0)
        r = np.divide(inverted, sums, out=np.zeros_like(x), where=sums != 0)
    elif normalisation == "none":
        r = x * d
    else:
        raise ValueError(f"unknown normalisation {normalisation!r}")
    contributions = r * w
    scores = contributions.sum(axis=1)
    return WeightedSumResult(
        scores=tuple(float(s) for s in scores),
        ranks=ranks(scores),
        contributions=tuple(tuple(float(c) for c in row) for row in contributions),
        normalised=tuple(tuple(float(c) for c in row) for row in r),
    )


@dataclass(frozen=True)
class WeightRange:
    """Range of one criterion's weight (0-1) over which the current leader stays on top.

    The other weights keep their proportions and fill the rest. `taken_over_below` /
    `taken_over_above` name (by index) the alternative that overtakes at each end, if any.
    """

    criterion: int
    weight: float
    low: float
    high: float
    taken_over_below: int | None
    taken_over_above: int | None


def weight_sensitivity(normalised: ArrayLike, weights: Sequence[float]) -> list[WeightRange]:
    """Exact leader-stability range of each weight for a weighted sum of 0-1 benefit values.

    With criterion c's weight set to t and the others scaled to (1 - t), every score is linear in
    t: `s_i(t) = t r_ic + (1 - t) B_i`, so the range where the leader's score stays highest is an
    interval found from one crossing point per rival (Triantaphyllou & Sánchez 1997).
    """
    r = np.asarray(normalised, dtype=float)
    w = np.array(normalise(weights))
    leader = int(np.argmax(r @ w))
    if w.size == 1:
        return [WeightRange(0, 1.0, 1.0, 1.0, None, None)]
    found = []
    for c in range(w.size):
        others = np.delete(w, c)
        rest = others / others.sum() if others.sum() > 0 else np.full(others.size, 1 / others.size)
        base = np.delete(r, c, axis=1) @ rest
        low, high, below, above = 0.0, 1.0, None, None
        for i in range(r.shape[0]):
            if i == leader:
                continue
            offset = base[leader] - base[i]
            slope = (r[leader, c] - r[i, c]) - offset
            if slope > 1e-12 and -offset / slope > low:
                low, below = -offset / slope, i
            elif slope < -1e-12 and -offset / slope < high:
                high, above = -offset / slope, i
        found.append(
            WeightRange(c, float(w[c]), float(max(0.0, low)), float(min(1.0, high)), below, above)
        )
    return found
