"""PERT (beta) distributions from three-point estimates (Malcolm, Roseboom, Clark & Fazar 1959).

A low / likely / high estimate (a, m, b) becomes `a + (b - a) * X` with `X ~ Beta(alpha, beta)`,
`alpha = 1 + 4 (m - a) / (b - a)`, `beta = 1 + 4 (b - m) / (b - a)`; its mean is
`(a + 4 m + b) / 6`. Sampling is by inverse transform: a uniform draw is mapped through the beta
quantile function, tabulated once per distinct shape on a fine grid (the beta density is bounded
for these shapes, so linear interpolation between 2,049 quantiles is accurate to ~1e-5 of the
range). This is several times faster than drawing beta variates one by one, and just as
reproducible: the same seed gives the same numbers.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

QUANTILES = 2049
_DENSITY_POINTS = 8193
_CHUNK = 256
_BLOCK_VALUES = 1 << 16


def pert_shape(low: ArrayLike, likely: ArrayLike, high: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Beta shape parameters (alpha, beta) of PERT estimates; (3, 3) where low == high."""
    a, m, b = (np.asarray(v, dtype=float) for v in (low, likely, high))
    width = b - a
    mode = np.divide(m - a, width, out=np.full(np.broadcast(a, b).shape, 0.5), where=width > 0)
    return 1.0 + 4.0 * mode, 1.0 + 4.0 * (1.0 - mode)


def _quantile_rows(modes: FloatArray) -> FloatArray:
    """Beta quantiles on a uniform grid of probabilities, one row per mode share (0-1)."""
    x = np.linspace(0.0, 1.0, _DENSITY_POINTS)
    probabilities = np.linspace(0.0, 1.0, QUANTILES)
    rows = np.empty((modes.size, QUANTILES))
    for first in range(0, modes.size, _CHUNK):
        mode = modes[first : first + _CHUNK, np.newaxis]
        density = np.power(x, 4.0 * mode) * np.power(1.0 - x, 4.0 * (1.0 - mode))
        steps = 0.5 * (density[:, 1:] + density[:, :-1])
        cdf = np.concatenate([np.zeros((mode.shape[0], 1)), np.cumsum(steps, axis=1)], axis=1)
        cdf /= cdf[:, -1:]
        for r in range(mode.shape[0]):
            rows[first + r] = np.interp(probabilities, cdf[r], x)
    return rows


def pert_sample(
    rng: np.random.Generator, low: ArrayLike, likely: ArrayLike, high: ArrayLike, n: int
) -> FloatArray:
    """`n` draws of each PERT estimate: shape [n, C] for C estimates given as 1-D arrays.

    Values are in the estimates' own unit; an estimate with low == high is that constant.
    Uniforms are drawn row by row in blocks (the same stream whatever the block size), so the
    work stays in cache.
    """
    a, m, b = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (low, likely, high))
    width = b - a
    out = np.empty((n, a.size))
    columns = np.flatnonzero(width > 0)
    every = columns.size == a.size
    if not every:
        out[:] = a
    if columns.size == 0:
        return out
    modes = np.round((m[columns] - a[columns]) / width[columns], 12)
    unique, row_of = np.unique(modes, return_inverse=True)
    table = _quantile_rows(unique)
    start = table[:, :-1].ravel()
    slope = np.diff(table, axis=1).ravel()
    offsets = (row_of * (QUANTILES - 1)).astype(np.intp)
    block = max(1, _BLOCK_VALUES // columns.size)
    for first in range(0, n, block):
        rows = min(block, n - first)
        u = rng.random((rows, columns.size))
        u *= QUANTILES - 1
        index = u.astype(np.intp)
        u -= index  # now the fraction between two tabulated quantiles
        index += offsets
        value = np.take(slope, index)
        value *= u
        value += np.take(start, index)
        value *= width[columns]
        value += a[columns]
        if every:
            out[first : first + rows] = value
        else:
            out[first : first + rows, columns] = value
    return out
