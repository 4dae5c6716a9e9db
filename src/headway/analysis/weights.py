"""Weights: direct weights normalised, or derived from AHP pairwise judgments (Saaty 1980).

AHP (the Analytic Hierarchy Process, Saaty 1980): a positive reciprocal matrix `A` holds
judgments `a_ij` = how many times element i matters more than element j (Saaty's 1/9..9 scale).
The weights are its principal right eigenvector normalised to sum 1; `lambda_max` is the
matching eigenvalue, the consistency index `CI = (lambda_max - n) / (n - 1)` and the consistency
ratio `CR = CI / RI(n)` with a random index `RI`. Headway's RI is Saaty's own table
(Saaty 2005, *Theory and Applications of the Analytic Network Process*, p. 31); other published
tables are available by name because published CRs differ by the table used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from headway.strategy.model import Strategy, Weighting

FloatArray = NDArray[np.float64]
AhpMethod = Literal["eigenvector", "geometric", "column"]

CR_ACCEPTABLE = 0.10
"""Saaty's threshold: a consistency ratio above 0.10 means the judgments should be revisited."""

RANDOM_INDEX_TABLES: Mapping[str, tuple[float, ...]] = {
    # RI for n = 1..15 (index 0 is n = 1).
    "saaty_2005": (
        0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59
    ),
    "saaty_1980": (
        0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59
    ),
    "donegan_dodd_1991": (
        0.0, 0.0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055,
        1.4213, 1.4497, 1.4643, 1.4822, 1.4969,
    ),
    "tummala_ling_1998": (
        0.0, 0.0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882,
        1.5117, 1.5356, 1.5571, 1.5714, 1.5831,
    ),
    "changsheng_2013": (
        0.0, 0.0, 0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59
    ),
}  # fmt: skip
DEFAULT_RI_TABLE = "saaty_2005"


@dataclass(frozen=True)
class AhpResult:
    """Weights and consistency of one pairwise comparison matrix (all values dimensionless).

    `most_inconsistent` is the judgment (i, j) whose ratio `a_ij * w_j / w_i` is largest: the one
    that most disagrees with the weights the other judgments imply (Saaty 2003); `suggested_ratio`
    is `w_i / w_j`, the value that judgment would need to agree. Both are None when n <= 2.
    """

    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float
    random_index: float
    random_index_table: str
    method: AhpMethod
    most_inconsistent: tuple[int, int] | None
    suggested_ratio: float | None

    @property
    def consistent(self) -> bool:
        """True when CR <= 0.10 (Saaty's rule)."""
        return self.cr <= CR_ACCEPTABLE


def normalise(weights: Sequence[float] | ArrayLike) -> list[float]:
    """Weights scaled to sum 1 (dimensionless); raises ValueError if any is negative or all 0."""
    values = np.asarray(weights, dtype=float)
    if values.ndim != 1 or values.size == 0:
        raise ValueError("weights must be a non-empty list of numbers")
    if not np.all(np.isfinite(values)) or np.any(values < 0):
        raise ValueError("weights must be finite and not negative")
    total = float(values.sum())
    if total <= 0:
        raise ValueError("weights sum to 0 and cannot be normalised")
    return [float(v) for v in values / total]


def random_index(n: int, table: str = DEFAULT_RI_TABLE) -> float:
    """Random index RI(n) from a named table; above n = 15 the n = 15 value is used."""
    values = RANDOM_INDEX_TABLES[table]
    return values[min(n, len(values)) - 1]


def _check_matrix(matrix: ArrayLike) -> FloatArray:
    a = np.asarray(matrix, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise ValueError(f"a pairwise matrix must be square and non-empty, got shape {a.shape}")
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise ValueError("pairwise judgments must be positive numbers")
    if not np.allclose(a * a.T, 1.0, rtol=1e-6):
        raise ValueError("the pairwise matrix must be reciprocal: a[j][i] = 1 / a[i][j]")
    return a


def _eigenvector(a: FloatArray) -> tuple[FloatArray, float]:
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def _derived(a: FloatArray, method: AhpMethod) -> tuple[FloatArray, float]:
    if method == "eigenvector":
        return _eigenvector(a)
    if method == "geometric":
        w = np.exp(np.log(a).mean(axis=1))
    elif method == "column":
        w = (a / a.sum(axis=0)).mean(axis=1)
    else:
        raise ValueError(f"unknown AHP method {method!r}")
    w = w / w.sum()
    return w, float(np.mean(a @ w / w))


def ahp(
    matrix: ArrayLike, method: AhpMethod = "eigenvector", ri_table: str = DEFAULT_RI_TABLE
) -> AhpResult:
    """AHP weights (sum 1) and consistency of a positive reciprocal matrix (Saaty 1980).

    `method`: "eigenvector" (principal right eigenvector, Saaty 1980), "geometric" (normalised
    row geometric means, Crawford & Williams 1985) or "column" (row means of the column-normalised
    matrix, Saaty's approximation); for the last two `lambda_max = mean((A w)_i / w_i)`.
    CR = CI / RI(n) under `ri_table` (default Saaty 2005); CR is 0 for n <= 2.
    """
    a = _check_matrix(matrix)
    n = a.shape[0]
    w, lambda_max = _derived(a, method)
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 2 else 0.0
    ri = random_index(n, ri_table)
    cr = ci / ri if ri > 0 else 0.0
    pair: tuple[int, int] | None = None
    suggested: float | None = None
    if n > 2:
        disagreement = a * w[np.newaxis, :] / w[:, np.newaxis]
        i, j = np.unravel_index(int(np.argmax(disagreement)), disagreement.shape)
        pair, suggested = (int(i), int(j)), float(w[i] / w[j])
    return AhpResult(
        weights=tuple(float(x) for x in w),
        lambda_max=lambda_max,
        ci=ci,
        cr=cr,
        random_index=ri,
        random_index_table=ri_table,
        method=method,
        most_inconsistent=pair,
        suggested_ratio=suggested,
    )


def combine_judgments(matrices: Sequence[ArrayLike]) -> FloatArray:
    """Element-wise geometric mean of several people's pairwise matrices (Aczél & Saaty 1983).

    The result is again a positive reciprocal matrix.
    """
    if not matrices:
        raise ValueError("ahp_group needs at least one pairwise matrix")
    stack = np.stack([_check_matrix(m) for m in matrices])
    combined: FloatArray = np.exp(np.log(stack).mean(axis=0))
    return combined


def ahp_group(
    matrices: Sequence[ArrayLike],
    method: AhpMethod = "eigenvector",
    ri_table: str = DEFAULT_RI_TABLE,
) -> AhpResult:
    """AHP of a group: `ahp` of the element-wise geometric mean of everyone's matrices."""
    return ahp(combine_judgments(matrices), method=method, ri_table=ri_table)


@dataclass(frozen=True)
class DerivedWeights:
    """Weights of named items (goals or criteria), dimensionless, summing to 1.

    `method` says where they come from: "direct" (typed in, normalised), "equal" (none given) or
    "ahp" (pairwise judgments; `ahp` holds the consistency and `inconsistent_judgment` the pair of
    item ids to revisit when CR > 0.10).
    """

    weights: dict[str, float]
    method: Literal["direct", "equal", "ahp"]
    ahp: AhpResult | None = None
    respondents: int = 0
    inconsistent_judgment: tuple[str, str] | None = None


def judgment_matrix(weighting: Weighting, ids: Sequence[str], respondent: int) -> FloatArray:
    """One respondent's comparisons as a reciprocal matrix over `ids` (missing pairs count 1)."""
    index = {item: k for k, item in enumerate(ids)}
    a = np.ones((len(ids), len(ids)))
    for comparison in weighting.respondents[respondent].comparisons:
        i, j = index[comparison.a], index[comparison.b]
        a[i, j], a[j, i] = comparison.ratio, 1.0 / comparison.ratio
    return a


def derive_weights(
    weighting: Weighting, ids: Sequence[str], direct: Sequence[float | None]
) -> DerivedWeights:
    """Weights for `ids`: AHP over the respondents' judgments, or the direct values normalised."""
    if weighting.method == "ahp" and weighting.respondents:
        matrices = [judgment_matrix(weighting, ids, r) for r in range(len(weighting.respondents))]
        result = ahp_group(matrices)
        pair = None
        if not result.consistent and result.most_inconsistent is not None:
            i, j = result.most_inconsistent
            pair = (ids[i], ids[j])
        return DerivedWeights(
            weights=dict(zip(ids, result.weights, strict=True)),
            method="ahp",
            ahp=result,
            respondents=len(matrices),
            inconsistent_judgment=pair,
        )
    given = [w for w in direct if w is not None]
    if len(given) == len(ids) and sum(given) > 0:
        return DerivedWeights(dict(zip(ids, normalise(given), strict=True)), "direct")
    return DerivedWeights({item: 1.0 / len(ids) for item in ids}, "equal")


def goal_weighting(strategy: Strategy) -> DerivedWeights:
    """Goal weights with their provenance (direct, equal or AHP with consistency)."""
    ids = [goal.id for goal in strategy.goals]
    return derive_weights(strategy.goal_weighting, ids, [goal.weight for goal in strategy.goals])


def criteria_weighting(strategy: Strategy) -> DerivedWeights:
    """Evaluation-criterion weights (keys are criterion names) with their provenance."""
    items = strategy.criteria.items
    ids = [item.id.value for item in items]
    return derive_weights(strategy.criteria.weighting, ids, [item.weight for item in items])


def goal_weights(strategy: Strategy) -> dict[str, float]:
    """Goal id -> weight (dimensionless, sums to 1), direct or from AHP judgments."""
    return goal_weighting(strategy).weights


def criteria_weights(strategy: Strategy) -> dict[str, float]:
    """Criterion name -> weight (dimensionless, sums to 1), direct or from AHP judgments."""
    return criteria_weighting(strategy).weights
