"""Pairwise judgments as people make them: Saaty's 1-9 scale, the value that would repair the
most inconsistent judgment, and where several people disagree most.

Saaty's scale (Saaty 1980, table 1.1): 1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme,
2/4/6/8 in between, and the reciprocals for the other direction: 17 values from 1/9 to 9.
Disagreement between people is measured on the log scale, where the geometric mean that combines
their judgments (Aczél & Saaty 1983) is an ordinary mean: the spread of one pair is the standard
deviation of the logarithms of everyone's judgments of it (0 when all agree).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from headway.analysis.weights import DEFAULT_RI_TABLE, ahp

SAATY_SCALE: tuple[float, ...] = tuple(
    [1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)
"""The 17 judgments a person can give, from 1/9 to 9 (dimensionless)."""


def scale_position(ratio: float) -> int:
    """The slider position of a judgment, -8..8: 0 is equal, +k means `a` is k+1 times as
    important as `b`, -k the reverse; a ratio between scale values goes to the nearest on the
    log scale."""
    logs = np.log(np.asarray(SAATY_SCALE))
    return int(np.argmin(np.abs(logs - np.log(ratio)))) - 8


def scale_ratio(position: int) -> float:
    """The judgment at slider position -8..8 (see `scale_position`); raises ValueError outside."""
    if not -8 <= position <= 8:
        raise ValueError(f"a slider position is between -8 and 8, got {position}")
    return SAATY_SCALE[position + 8]


@dataclass(frozen=True)
class Repair:
    """The scale value for judgment (i, j) that gives the lowest consistency ratio when the other
    judgments stay as they are: `ratio` (a_ij), `position` on the slider, the `cr` it gives."""

    i: int
    j: int
    ratio: float
    position: int
    cr: float


def best_repair(matrix: ArrayLike, i: int, j: int, ri_table: str = DEFAULT_RI_TABLE) -> Repair:
    """Try every value of Saaty's scale for judgment (i, j) (and its reciprocal at (j, i)) and
    return the one with the lowest consistency ratio (eigenvector method)."""
    base = np.array(matrix, dtype=float)
    best: Repair | None = None
    for position, ratio in enumerate(SAATY_SCALE, start=-8):
        trial = base.copy()
        trial[i, j], trial[j, i] = ratio, 1.0 / ratio
        cr = ahp(trial, ri_table=ri_table).cr
        if best is None or cr < best.cr - 1e-12:
            best = Repair(i, j, ratio, position, cr)
    assert best is not None
    return best


@dataclass(frozen=True)
class Disagreement:
    """How far people's judgments of pair (i, j) differ: `spread` is the standard deviation of
    their log judgments (0 = all agree; ln 3 ≈ 1.1 is about one "moderately" apart), `low` and
    `high` the smallest and largest judgment given (a_ij, dimensionless)."""

    i: int
    j: int
    spread: float
    low: float
    high: float


def disagreements(matrices: Sequence[ArrayLike]) -> list[Disagreement]:
    """Every pair i < j of several people's pairwise matrices, most disagreed first (ties keep
    the pair order). One person alone disagrees with nobody: every spread is 0."""
    if not matrices:
        raise ValueError("disagreements need at least one pairwise matrix")
    stack = np.log(np.stack([np.asarray(m, dtype=float) for m in matrices]))
    n = stack.shape[1]
    found = [
        Disagreement(
            i,
            j,
            float(np.std(stack[:, i, j])),
            float(np.exp(stack[:, i, j].min())),
            float(np.exp(stack[:, i, j].max())),
        )
        for i in range(n)
        for j in range(i + 1, n)
    ]
    return sorted(found, key=lambda d: -round(d.spread, 12))
