"""Readers for OR-Library multi-dimensional knapsack files (Beasley 1990), for tests and bench.

`mknap1.txt` (Petersen 1967) and `mknapcb*.txt` (Chu & Beasley 1998) share one layout: the number
of problems, then per problem `n m value`, the n profits, the m x n constraint matrix row by
row, and the m capacities. The third header number is the optimum in `mknap1` and a 1998
heuristic value in `mknapcb*` (use the best-known values from `optima.csv` instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class KnapsackInstance:
    """One multi-dimensional knapsack problem: maximise profits @ x s.t. weights @ x <= caps."""

    name: str
    profits: NDArray[np.float64]
    weights: NDArray[np.float64]
    capacities: NDArray[np.float64]
    header_value: float


def read_orlib_mknap(path: str | Path) -> list[KnapsackInstance]:
    """Every problem in an OR-Library mknap file, named `<file>#<index>`."""
    file = Path(path)
    numbers = file.read_text().split()
    position = 0

    def take(count: int) -> NDArray[np.float64]:
        nonlocal position
        chunk = np.asarray(numbers[position : position + count], dtype=float)
        position += count
        return chunk

    problems = int(take(1)[0])
    instances = []
    for index in range(problems):
        n_items, n_rows, header_value = take(3)
        n, m = int(n_items), int(n_rows)
        profits = take(n)
        weights = take(m * n).reshape(m, n)
        capacities = take(m)
        instances.append(
            KnapsackInstance(f"{file.name}#{index}", profits, weights, capacities, header_value)
        )
    return instances
