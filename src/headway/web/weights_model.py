"""The view-model of the pairwise-judgment screen: one slider per pair, the person's own
consistency ratio with the judgment to revisit and the value that would repair it, and the group
result (geometric mean of everyone's judgments) with the pairs people disagree on most.

A slider's position p runs from -8 to 8: below 0 the left item matters more (p = -k: k+1 times
as much), above 0 the right item; so the judgment a/b is Saaty's scale value at -p.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from headway.analysis.judgments import best_repair, disagreements, scale_position, scale_ratio
from headway.analysis.weights import CR_ACCEPTABLE, ahp, ahp_group
from headway.workspace.judgments import weighting_of
from headway.workspace.store import Document

Pair = tuple[int, int]


@dataclass(frozen=True)
class Slider:
    """One pair on the screen: `name` of the form field, the two labels, the position."""

    i: int
    j: int
    name: str
    left: str
    right: str
    position: int

    @property
    def text(self) -> str:
        """The judgment in words, e.g. "Cut waste matters 3 times as much as Grow online"."""
        return judgment_text(self.left, self.right, self.position)


def judgment_text(left: str, right: str, position: int) -> str:
    """A slider position in words."""
    if position == 0:
        return f"{left} and {right} matter equally"
    more, less = (left, right) if position < 0 else (right, left)
    return f"{more} matters {abs(position) + 1} times as much as {less}"


def field_name(i: int, j: int) -> str:
    """The form field of pair (i, j)."""
    return f"pair_{i}_{j}"


def pairs(n: int) -> list[Pair]:
    """Every pair i < j of n items, in reading order."""
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def respondent_positions(
    document: Document, level: str, ids: Sequence[str], name: str
) -> dict[Pair, int]:
    """The saved slider positions of respondent `name` (pairs not judged sit at 0, equal)."""
    index = {item: k for k, item in enumerate(ids)}
    found: dict[Pair, int] = {}
    for person in weighting_of(document, level).get("respondents", []) or []:
        if person.get("name") != name:
            continue
        for c in person.get("comparisons", []):
            i, j, ratio = index.get(c["a"]), index.get(c["b"]), float(c["ratio"])
            if i is None or j is None or i == j:
                continue
            found[(i, j) if i < j else (j, i)] = -scale_position(ratio if i < j else 1 / ratio)
    return found


def positions_from_weights(weights: Sequence[float]) -> dict[Pair, int]:
    """Slider positions that reproduce the current weights as closely as the scale allows (the
    starting point of someone who has not judged yet): w_i / w_j, nearest on Saaty's scale."""
    return {
        (i, j): -scale_position(weights[i] / weights[j])
        for i, j in pairs(len(weights))
        if weights[i] > 0 and weights[j] > 0
    }


def matrix_of(n: int, positions: Mapping[Pair, int]) -> np.ndarray:
    """The reciprocal matrix of one person's slider positions (missing pairs count 1)."""
    a = np.ones((n, n))
    for (i, j), position in positions.items():
        a[i, j] = scale_ratio(-position)
        a[j, i] = 1.0 / a[i, j]
    return a


def judgments_of(ids: Sequence[str], positions: Mapping[Pair, int]) -> dict[tuple[str, str], float]:
    """Slider positions as the judgments the document stores ((a, b) -> a/b)."""
    return {(ids[i], ids[j]): scale_ratio(-p) for (i, j), p in sorted(positions.items())}


def screen(
    document: Document,
    level: str,
    ids: Sequence[str],
    labels: Sequence[str],
    me: str,
    positions: Mapping[Pair, int],
) -> dict[str, Any]:
    """Context of the screen for person `me` with their current `positions`."""
    n = len(ids)
    sliders = [
        Slider(i, j, field_name(i, j), labels[i], labels[j], positions.get((i, j), 0))
        for i, j in pairs(n)
    ]
    mine = matrix_of(n, positions)
    own = ahp(mine)
    flagged = None
    if not own.consistent and own.most_inconsistent is not None:
        i, j = sorted(own.most_inconsistent)
        repair = best_repair(mine, i, j)
        fix = -scale_position(repair.ratio if repair.i == i else 1 / repair.ratio)
        flagged = {
            "name": field_name(i, j),
            "now": judgment_text(labels[i], labels[j], positions.get((i, j), 0)),
            "fix": judgment_text(labels[i], labels[j], fix),
            "position": fix,
            "cr": repair.cr,
        }
    others = [
        matrix_of(n, respondent_positions(document, level, ids, str(p.get("name"))))
        for p in weighting_of(document, level).get("respondents", []) or []
        if p.get("name") != me
    ]
    group = ahp_group([*others, mine])
    spread = [
        {
            "pair": f"{labels[d.i]} vs {labels[d.j]}",
            "low": d.low,
            "high": d.high,
            "spread": d.spread,
        }
        for d in disagreements([*others, mine])[:3]
        if d.spread > 1e-9
    ]
    return {
        "sliders": sliders,
        "cr": own.cr,
        "consistent": own.cr <= CR_ACCEPTABLE,
        "threshold": CR_ACCEPTABLE,
        "flagged": flagged,
        "own_weights": list(zip(labels, own.weights, strict=True)),
        "group_weights": list(zip(labels, group.weights, strict=True)),
        "group_cr": group.cr,
        "people": len(others) + 1,
        "disagreements": spread,
    }
