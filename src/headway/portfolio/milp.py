"""A small sparse mixed-integer program builder over HiGHS (highspy), used by every model here.

Columns and rows are added in bulk from NumPy arrays; `solve` returns a typed `MilpResult`. The
builder sets HiGHS's relative MIP gap to 0 by default so that "optimal" means proven optimal
(HiGHS's default of 1e-4 stops short on large instances), and lets callers declare an objective
that only takes values on a grid (integral at some decimal scale) so the search stops as soon as
no better grid point can exist.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from typing import Literal

import highspy
import numpy as np
from numpy.typing import ArrayLike, NDArray

from headway.portfolio.coefficients import Guard, guard_model

Status = Literal["optimal", "time_limit", "infeasible", "error"]
FloatArray = NDArray[np.float64]
INF = float("inf")
#: HiGHS's primal heuristics that `MilpSolver.run` can leave out.
HEURISTICS = ("feasibility_jump", "rens", "rins")


@dataclass(frozen=True)
class MilpResult:
    """Outcome of one solve.

    `values` is None unless a feasible solution was found. `gap` is the relative gap between the
    best solution and the proven bound (0 when optimality is proven). `seconds` is wall time.
    """

    status: Status
    values: FloatArray | None
    objective: float
    bound: float
    gap: float
    seconds: float
    scaled: str = ""
    """What the coefficient guard scaled before the solve, in words ("" when nothing)."""

    @property
    def proven_optimal(self) -> bool:
        """True when HiGHS proved the solution optimal (within the requested gap of 0)."""
        return self.status == "optimal"


class MilpBuilder:
    """Collects columns, rows and coefficients, then solves once with HiGHS."""

    def __init__(self) -> None:
        self._cost: list[FloatArray] = []
        self._lower: list[FloatArray] = []
        self._upper: list[FloatArray] = []
        self._integer: list[NDArray[np.bool_]] = []
        self._row_lower: list[float] = []
        self._row_upper: list[float] = []
        self._entry_rows: list[NDArray[np.int64]] = []
        self._entry_cols: list[NDArray[np.int64]] = []
        self._entry_vals: list[FloatArray] = []
        self.num_cols = 0

    @property
    def num_rows(self) -> int:
        """Rows added so far."""
        return len(self._row_lower)

    def add_columns(
        self,
        count: int,
        cost: ArrayLike = 0.0,
        lower: ArrayLike = 0.0,
        upper: ArrayLike = 1.0,
        integer: bool = True,
    ) -> int:
        """Add `count` columns (binary by default); return the index of the first."""
        first = self.num_cols
        self._cost.append(np.broadcast_to(np.asarray(cost, dtype=float), (count,)).copy())
        self._lower.append(np.broadcast_to(np.asarray(lower, dtype=float), (count,)).copy())
        self._upper.append(np.broadcast_to(np.asarray(upper, dtype=float), (count,)).copy())
        self._integer.append(np.full(count, integer))
        self.num_cols += count
        return first

    def add_row(
        self, cols: ArrayLike, coefs: ArrayLike, lower: float = -INF, upper: float = INF
    ) -> int:
        """Add `lower <= sum(coefs * x[cols]) <= upper`; return the row index."""
        row = self.num_rows
        col_array = np.asarray(cols, dtype=np.int64).ravel()
        coef_array = np.broadcast_to(np.asarray(coefs, dtype=float), col_array.shape)
        keep = coef_array != 0.0
        self._entry_rows.append(np.full(int(keep.sum()), row, dtype=np.int64))
        self._entry_cols.append(col_array[keep])
        self._entry_vals.append(coef_array[keep].astype(float))
        self._row_lower.append(lower)
        self._row_upper.append(upper)
        return row

    def add_rows(
        self,
        row: ArrayLike,
        cols: ArrayLike,
        coefs: ArrayLike,
        lower: ArrayLike,
        upper: ArrayLike,
        count: int,
    ) -> int:
        """Add `count` rows at once: entry j puts `coefs[j] * x[cols[j]]` in row `row[j]` (0 is
        the first new row); `lower`/`upper` per row or one for all. Returns the first row."""
        first = self.num_rows
        row_array = np.asarray(row, dtype=np.int64).ravel()
        col_array = np.asarray(cols, dtype=np.int64).ravel()
        coef_array = np.broadcast_to(np.asarray(coefs, dtype=float), col_array.shape)
        keep = coef_array != 0.0
        self._entry_rows.append(first + row_array[keep])
        self._entry_cols.append(col_array[keep])
        self._entry_vals.append(coef_array[keep].astype(float))
        self._row_lower.extend(np.broadcast_to(np.asarray(lower, dtype=float), (count,)).tolist())
        self._row_upper.extend(np.broadcast_to(np.asarray(upper, dtype=float), (count,)).tolist())
        return first

    def add_entry(self, row: int, col: int, coef: float) -> None:
        """Add `coef * x[col]` to an existing row (e.g. a slack column that raises a limit)."""
        self._entry_rows.append(np.array([row], dtype=np.int64))
        self._entry_cols.append(np.array([col], dtype=np.int64))
        self._entry_vals.append(np.array([coef], dtype=float))

    def add_entries(self, rows: ArrayLike, cols: ArrayLike, coefs: ArrayLike) -> None:
        """Add `coefs[j] * x[cols[j]]` to the existing row `rows[j]`, for every j."""
        self._entry_rows.append(np.asarray(rows, dtype=np.int64).ravel())
        self._entry_cols.append(np.asarray(cols, dtype=np.int64).ravel())
        self._entry_vals.append(np.asarray(coefs, dtype=float).ravel())

    def objective_as_row(self, lower: float) -> int:
        """Turn the objective into the row `objective >= lower` and clear the objective."""
        costs = np.concatenate(self._cost) if self._cost else np.zeros(0)
        used = np.flatnonzero(costs)
        row = self.add_row(used, costs[used], lower=lower)
        self._cost = [np.zeros_like(block) for block in self._cost]
        return row

    def set_bounds(self, col: int, lower: float, upper: float) -> None:
        """Change the bounds of one column already added."""
        block, offset = self._locate(col)
        self._lower[block][offset] = lower
        self._upper[block][offset] = upper

    def _locate(self, col: int) -> tuple[int, int]:
        start = 0
        for block, costs in enumerate(self._cost):
            if col < start + len(costs):
                return block, col - start
            start += len(costs)
        raise IndexError(col)

    def row_activity(self, values: FloatArray) -> FloatArray:
        """Left-hand side of every row at `values` (to read slack)."""
        rows, cols, vals = self._entries()
        activity = np.zeros(self.num_rows)
        np.add.at(activity, rows, vals * values[cols])
        return activity

    def _entries(self) -> tuple[NDArray[np.int64], NDArray[np.int64], FloatArray]:
        if not self._entry_rows:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        return (
            np.concatenate(self._entry_rows),
            np.concatenate(self._entry_cols),
            np.concatenate(self._entry_vals),
        )

    def solve(
        self,
        *,
        maximize: bool = True,
        time_limit: float | None = None,
        objective_step: float | None = None,
        start: FloatArray | None = None,
    ) -> MilpResult:
        """Solve with HiGHS and return the result.

        `objective_step`: when every feasible objective value is a multiple of this step (e.g. 1
        for integer profits), the search stops once the bound is less than one step away.
        `start`: a known solution (every column) to start from; HiGHS checks it and ignores it
        when infeasible, so a good start only saves search, never changes the optimum.
        """
        solver = self.solver(
            maximize=maximize, time_limit=time_limit, objective_step=objective_step
        )
        return solver.run(start)

    def solver(
        self,
        *,
        maximize: bool = True,
        time_limit: float | None = None,
        objective_step: float | None = None,
    ) -> MilpSolver:
        """This model handed to HiGHS once, to be solved several times with changed bounds
        (arguments as for `solve`). Columns or rows added later are not in it."""
        highs = _quiet_highs()
        # One thread: these models are small, and parallel workers (robustness) each get a core.
        highs.setOptionValue("threads", 1)
        highs.setOptionValue("mip_rel_gap", 0.0)
        highs.setOptionValue("mip_abs_gap", 1e-9)
        lp = self._to_lp(maximize)
        guard = guard_model(lp)
        if objective_step is not None and objective_step > 0:
            step = objective_step * guard.objective_scale
            highs.setOptionValue("mip_abs_gap", step * (1.0 - 1e-6))
        if time_limit is not None:
            highs.setOptionValue("time_limit", float(time_limit))
        highs.passModel(lp)
        return MilpSolver(highs, guard, lp.col_lower_, lp.col_upper_, lp.row_upper_)

    def _to_lp(self, maximize: bool) -> highspy.HighsLp:
        rows, cols, vals = self._entries()
        order = np.lexsort((rows, cols))
        lp = highspy.HighsLp()
        lp.num_col_ = self.num_cols
        lp.num_row_ = self.num_rows
        lp.col_cost_ = np.concatenate(self._cost) if self._cost else np.zeros(0)
        lp.col_lower_ = np.concatenate(self._lower) if self._lower else np.zeros(0)
        lp.col_upper_ = np.concatenate(self._upper) if self._upper else np.zeros(0)
        lp.row_lower_ = np.asarray(self._row_lower, dtype=float)
        lp.row_upper_ = np.asarray(self._row_upper, dtype=float)
        lp.sense_ = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.num_col_ = self.num_cols
        lp.a_matrix_.num_row_ = self.num_rows
        counts = np.bincount(cols, minlength=self.num_cols)
        lp.a_matrix_.start_ = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
        lp.a_matrix_.index_ = rows[order].astype(np.int32)
        lp.a_matrix_.value_ = vals[order]
        integer = np.concatenate(self._integer) if self._integer else np.zeros(0, dtype=bool)
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
            for flag in integer
        ]
        return lp


class MilpSolver:
    """A model held by HiGHS: solve it, change column bounds or row upper bounds, solve again.

    Every `run` starts from scratch (no solution, basis or search carried over from an earlier
    run), so it finds what a freshly built model with the same bounds finds, without building
    and handing over the model again. Bounds are in the model's units (the guard's row scaling
    is applied here); `reset` puts every bound back as built.
    """

    def __init__(
        self,
        highs: highspy.Highs,
        guard: Guard,
        col_lower: ArrayLike,
        col_upper: ArrayLike,
        row_upper: ArrayLike,
    ) -> None:
        self._highs = highs
        self._guard = guard
        self._col_lower = np.array(col_lower, dtype=float)
        self._col_upper = np.array(col_upper, dtype=float)
        self._row_upper = np.array(row_upper, dtype=float)
        self._row_lower = np.array(highs.getLp().row_lower_, dtype=float)
        self._changed_cols: set[int] = set()
        self._changed_rows: set[int] = set()

    def set_col_bounds(self, col: int, lower: float, upper: float) -> None:
        """Bound one column to [lower, upper] until `reset`."""
        self._highs.changeColBounds(col, lower, upper)
        self._changed_cols.add(col)

    def set_row_upper(self, rows: list[int], upper: float) -> None:
        """Set the upper bound of each of `rows` to `upper` (model units) until `reset`."""
        factors = self._guard.row_factors
        for row in rows:
            factor = 1.0 if factors is None else float(factors[row])
            self._highs.changeRowBounds(row, self._row_lower[row], upper * factor)
            self._changed_rows.add(row)

    def reset(self) -> None:
        """Every bound changed since the model was handed over, back as built."""
        for col in sorted(self._changed_cols):
            self._highs.changeColBounds(col, self._col_lower[col], self._col_upper[col])
        for row in sorted(self._changed_rows):
            self._highs.changeRowBounds(row, self._row_lower[row], self._row_upper[row])
        self._changed_cols.clear()
        self._changed_rows.clear()

    def run(
        self,
        start: FloatArray | None = None,
        heuristics: bool = True,
        time_limit: float | None = None,
    ) -> MilpResult:
        """Solve as the bounds now are (`start`: as for `MilpBuilder.solve`; `heuristics`
        False: without HiGHS's searches for a first or better plan by feasibility jump, RENS
        and RINS, which cost more than they save when a good plan is known; `time_limit`:
        seconds for this run, None: as the solver was made)."""
        highs = self._highs
        highs.clearSolver()
        if time_limit is not None:
            highs.setOptionValue("time_limit", float(time_limit))
        for heuristic in HEURISTICS:
            highs.setOptionValue(f"mip_heuristic_run_{heuristic}", heuristics)
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = np.asarray(start, dtype=float).tolist()
            solution.value_valid = True
            highs.setSolution(solution)
        started = time.perf_counter()
        highs.run()
        seconds = time.perf_counter() - started
        return _result(highs, seconds, self._guard)


_banner_shown = False


def _quiet_highs() -> highspy.Highs:
    """A silent HiGHS instance.

    HiGHS prints a copyright banner on stdout when the first instance of a process is made,
    before any option can be set; that would corrupt `--json` output, so the first construction
    runs with file descriptor 1 pointed at /dev/null.
    """
    global _banner_shown
    if _banner_shown:
        highs = highspy.Highs()  # type: ignore[no-untyped-call]
    else:
        sys.stdout.flush()
        saved = os.dup(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            highs = highspy.Highs()  # type: ignore[no-untyped-call]
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
        _banner_shown = True
    highs.setOptionValue("output_flag", False)
    return highs


def _result(highs: highspy.Highs, seconds: float, guard: Guard) -> MilpResult:
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    has_solution = info.primal_solution_status == highspy.kSolutionStatusFeasible
    values = np.asarray(highs.getSolution().col_value, dtype=float) if has_solution else None
    status: Status
    if model_status == highspy.HighsModelStatus.kOptimal:
        status = "optimal"
    elif model_status == highspy.HighsModelStatus.kInfeasible:
        status = "infeasible"
    elif model_status == highspy.HighsModelStatus.kTimeLimit:
        status = "time_limit"
    else:
        status = "error"
    scale = guard.objective_scale
    objective = float(info.objective_function_value) / scale if has_solution else float("nan")
    bound = float(info.mip_dual_bound) / scale if info.mip_node_count >= 0 else objective
    if status == "optimal":
        gap = 0.0
    elif has_solution:
        gap = abs(bound - objective) / max(abs(objective), 1e-9)
    else:
        gap = INF
    return MilpResult(status, values, objective, bound, gap, seconds, guard.note)
