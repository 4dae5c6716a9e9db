"""The roadmap model built once and solved again for each question an explanation asks.

An explanation re-solves the plan's model with one change: a limit family lifted or cut, an
initiative forced in. Building the model and handing it to HiGHS cost as much Python as a
small model's solve; here the model is built and handed over once per worker, and each question
only changes bounds (the rows of one limit family, the "has started by its last chance" column
of the forced initiative) before a solve from scratch. The model HiGHS solves is the one a fresh
build with those limits would give, bound for bound, so the answers are the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from queue import Empty, SimpleQueue

from headway.portfolio.deadline import within
from headway.portfolio.inputs import Limits, PlanningInputs
from headway.portfolio.limits import families, limit_value
from headway.portfolio.model import (
    Schedule,
    build_model,
    solution_values,
    solve_schedule,
    starts_of,
)


class Resolver:
    """One built model of `inputs` held by HiGHS (not thread-safe: one per worker)."""

    def __init__(self, inputs: PlanningInputs, time_limit: float | None) -> None:
        self.model = build_model(inputs)
        self.time_limit = time_limit
        self.solver = self.model.milp.solver(time_limit=time_limit)

    def solve(
        self,
        limits: Limits | None = None,
        forced_in: int | None = None,
        start: Mapping[int, int] | None = None,
    ) -> Schedule:
        """The best schedule under `limits` (default: the inputs' own), with `forced_in` in
        the plan when given, from the known schedule `start` when given; each solve for at most
        the time limit and never past the inputs' `deadline`."""
        model, solver = self.model, self.solver
        inputs = model.inputs
        solver.reset()
        if limits is not None:
            for family in families(inputs):
                solver.set_row_upper(model.rows[family], limit_value(limits, inputs, family))
        if forced_in is not None:
            last = int(model.last[forced_in])
            solver.set_col_bounds(int(model.started[forced_in, last]), 1.0, 1.0)
        hint = solution_values(model, start) if start is not None else None
        limit = within(self.time_limit, inputs.deadline)
        result = solver.run(hint, heuristics=hint is None, time_limit=limit)
        starts = starts_of(model, result.values) if result.values is not None else {}
        return Schedule(starts, result.objective, result)


class Resolvers:
    """Resolvers of one plan's inputs for any number of threads: each solve takes a free
    resolver, or builds one when every one is busy (so at most one per worker thread)."""

    def __init__(self, inputs: PlanningInputs, time_limit: float | None) -> None:
        self.inputs = inputs
        self.time_limit = time_limit
        self._free: SimpleQueue[Resolver] = SimpleQueue()

    def solve(
        self,
        limits: Limits | None = None,
        forced_in: int | None = None,
        start: Mapping[int, int] | None = None,
    ) -> Schedule:
        """As `Resolver.solve`. An initiative that can never start (excluded, or too long
        for the horizon) forced in: the model is infeasible, solved as built for it."""
        if forced_in is not None and forced_in in _never_starts(self.inputs):
            return solve_schedule(
                self.inputs,
                limits,
                forced_in=frozenset({forced_in}),
                time_limit=self.time_limit,
                start=start,
            )
        try:
            resolver = self._free.get_nowait()
        except Empty:
            resolver = Resolver(self.inputs, self.time_limit)
        try:
            return resolver.solve(limits, forced_in, start)
        finally:
            self._free.put(resolver)


def _never_starts(inputs: PlanningInputs) -> set[int]:
    too_long = {i for i in range(inputs.size) if int(inputs.duration[i]) > inputs.periods}
    return set(inputs.excluded) | too_long
