"""The peer heuristic: what spreadsheets and ranking tools do — sort by value per cost, take
what still fits. Used only as a benchmark baseline, never to produce Headway's plan."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from headway.portfolio.inputs import FloatArray, PlanningInputs


def value_per_cost_order(values: ArrayLike, usage: ArrayLike, capacities: ArrayLike) -> list[int]:
    """Items by value divided by their cost, best first.

    The cost of an item is its use of each resource as a share of that resource's capacity,
    summed over resources (the usual normalisation of the ratio rule for several resources).
    """
    value_array = np.asarray(values, dtype=float)
    usage_array = np.asarray(usage, dtype=float).reshape(-1, value_array.shape[0])
    caps = np.asarray(capacities, dtype=float).reshape(-1, 1)
    cost: NDArray[np.float64] = (usage_array / np.where(caps > 0, caps, 1.0)).sum(axis=0)
    ratio = value_array / np.maximum(cost, 1e-12)
    return [int(j) for j in np.argsort(-ratio, kind="stable")]


def greedy_selection(
    values: ArrayLike,
    usage: ArrayLike,
    capacities: ArrayLike,
    *,
    requires: Iterable[tuple[int, int]] = (),
    groups: Iterable[Sequence[int]] = (),
    mandatory: Iterable[int] = (),
    excluded: Iterable[int] = (),
) -> tuple[int, ...]:
    """Greedy value/cost selection honouring every constraint; returns the chosen indices.

    Mandatory items go first; then, best ratio first, an item is taken when its prerequisites
    are already taken, no item of its group is, and it fits the remaining capacity.
    Repeated passes pick up items whose prerequisites entered later.
    """
    value_array = np.asarray(values, dtype=float)
    usage_array = np.asarray(usage, dtype=float).reshape(-1, value_array.shape[0])
    remaining = np.asarray(capacities, dtype=float).reshape(-1).copy()
    needs: dict[int, set[int]] = {}
    for successor, predecessor in requires:
        needs.setdefault(successor, set()).add(predecessor)
    group_of = {item: index for index, group in enumerate(groups) for item in group}
    banned = set(excluded)
    chosen: list[int] = []
    used_groups: set[int] = set()
    order = list(mandatory) + value_per_cost_order(value_array, usage_array, remaining)
    changed = True
    while changed:
        changed = False
        for item in order:
            if item in chosen or item in banned or not needs.get(item, set()) <= set(chosen):
                continue
            if group_of.get(item) in used_groups or np.any(usage_array[:, item] > remaining):
                continue
            chosen.append(item)
            remaining -= usage_array[:, item]
            if item in group_of:
                used_groups.add(group_of[item])
            changed = True
    return tuple(sorted(chosen))


def _standalone_alignment(inputs: PlanningInputs) -> FloatArray:
    value: FloatArray = np.minimum(inputs.closure, 1.0) @ inputs.kpi_weights
    return value


def greedy_schedule(inputs: PlanningInputs) -> dict[int, int]:
    """The ranking-tool roadmap: by alignment value per unit of upfront cost, best first, each
    initiative started in the earliest period where it still fits every limit and rule.

    Returns item index -> start period. Never better than the exact model; used as its peer.
    """
    ratio = _standalone_alignment(inputs) / np.maximum(inputs.upfront.sum(axis=1), 1.0)
    order = sorted(inputs.mandatory) + [int(i) for i in np.argsort(-ratio, kind="stable")]
    state = _Usage(inputs)
    group_of = {item: g for g, group in enumerate(inputs.groups) for item in group}
    used_groups: set[int] = set()
    changed = True
    while changed:
        changed = False
        for item in order:
            if item in state.starts or item in inputs.excluded or group_of.get(item) in used_groups:
                continue
            earliest = state.earliest(item)
            if earliest is None:
                continue
            for start in range(earliest, inputs.periods - int(inputs.duration[item]) + 1):
                if state.fits(item, start):
                    state.add(item, start)
                    if item in group_of:
                        used_groups.add(group_of[item])
                    changed = True
                    break
    return dict(state.starts)


class _Usage:
    """Running totals of a greedy schedule, to test whether one more start fits."""

    def __init__(self, inputs: PlanningInputs) -> None:
        self.inputs = inputs
        periods = inputs.periods
        self.starts: dict[int, int] = {}
        self.upfront = np.zeros(periods)
        self.effort = np.zeros(periods)
        self.slots = np.zeros(periods)
        self.resources = np.zeros((len(inputs.resource_ids), periods))
        self.recurring = 0.0

    def earliest(self, item: int) -> int | None:
        start = 0
        for successor, predecessor in self.inputs.requires:
            if successor == item:
                if predecessor not in self.starts:
                    return None
                live = self.starts[predecessor] + int(self.inputs.duration[predecessor])
                start = max(start, live)
        return start

    def _rows(self, item: int, start: int) -> tuple[FloatArray, FloatArray, FloatArray]:
        periods = self.inputs.periods
        upfront, effort, busy = np.zeros(periods), np.zeros(periods), np.zeros(periods)
        upfront[start:] = self.inputs.upfront[item, : periods - start]
        effort[start:] = self.inputs.effort[item, : periods - start]
        busy[start : start + int(self.inputs.duration[item])] = 1.0
        return upfront, effort, busy

    def fits(self, item: int, start: int) -> bool:
        limits = self.inputs.limits
        upfront, effort, busy = self._rows(item, start)
        use = self.resources + self.inputs.resource_use[item][:, None] * busy[None, :]
        caps = np.asarray(limits.resources, dtype=float).reshape(-1, 1)
        return bool(
            np.all(self.upfront + upfront <= limits.budget_per_period + 1e-9)
            and self.upfront.sum() + upfront.sum() <= limits.budget_total + 1e-9
            and np.all(self.effort + effort <= limits.change_capacity_days + 1e-9)
            and np.all(self.slots + busy <= limits.max_in_flight)
            and np.all(use <= caps + 1e-9)
            and self.recurring + self.inputs.recurring[item] <= limits.recurring_per_month + 1e-9
        )

    def add(self, item: int, start: int) -> None:
        upfront, effort, busy = self._rows(item, start)
        self.upfront += upfront
        self.effort += effort
        self.slots += busy
        self.resources += self.inputs.resource_use[item][:, None] * busy[None, :]
        self.recurring += float(self.inputs.recurring[item])
        self.starts[item] = start
