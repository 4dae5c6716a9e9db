"""Monte Carlo over PERT estimates: costs, timing, effects and NPV of every initiative.

Every three-point estimate of the document (upfront cost, recurring cost, effort, duration,
process time saved and errors avoided, KPI change) is an independent PERT distribution
(Malcolm et al. 1959; see `headway.analysis.pert`). `simulate` draws `n` scenarios with a seeded
NumPy Generator, vectorised over scenarios and initiatives, and keeps the draws so that the
portfolio's robustness step can re-solve across them. The cash-flow conventions are those of
`headway.analysis.finance`; NPVs use the closed form `live_sum`, so no per-period loop is run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from headway.analysis.alignment import LATE_EFFECT_SHARE
from headway.analysis.finance import effect_money_per_unit_year, live_sum, timing
from headway.analysis.gap import kpi_gaps
from headway.analysis.pert import pert_sample
from headway.strategy.model import Strategy
from headway.strategy.pilot import pilot_periods
from headway.strategy.types import ThreePoint

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
_BLOCK_VALUES = 1 << 16


@dataclass(frozen=True, eq=False)
class Design:
    """The document flattened into arrays (one entry per initiative, process or KPI effect)."""

    initiative_ids: tuple[str, ...]
    kpi_ids: tuple[str, ...]
    estimates: dict[str, FloatArray]  # name -> [3, C] low / likely / high
    process_initiative: IntArray  # [P] initiative index of each process effect
    hours_per_saved_share: FloatArray  # [P] hours per period at 100 % time saved
    value_per_saved_share: FloatArray  # [P] currency per period at 100 % time saved
    value_per_avoided_share: FloatArray  # [P] currency per period at 100 % errors avoided
    effect_initiative: IntArray  # [E] initiative index of each KPI effect
    effect_kpi: IntArray  # [E] KPI index
    effect_sign: FloatArray  # [E] +1 / -1: direction in which the KPI improves
    effect_lag: FloatArray  # [E] periods after go-live
    effect_money: FloatArray  # [E] currency per period per unit of improvement
    draw_order: dict[str, IntArray] = field(default_factory=dict)  # name -> [C] column order
    pilot_periods: FloatArray | None = None  # [N] whole periods of each pilot (0: none)
    pilot_cost: FloatArray | None = None  # [N] currency, paid at the start


def _three(estimates: list[ThreePoint]) -> FloatArray:
    values = [(e.low, e.likely, e.high) for e in estimates]
    return np.array(values, dtype=float).reshape(-1, 3).T


def design(strategy: Strategy) -> Design:
    """Flatten the initiatives' estimates and effects into arrays for simulation."""
    items = strategy.initiatives
    processes = {p.id: p for p in strategy.processes}
    default_rate = strategy.business.labor_cost_per_hour
    rates = {
        r.id: default_rate if r.cost_per_hour is None else r.cost_per_hour for r in strategy.roles
    }
    kpi_index = {k.id: i for i, k in enumerate(strategy.kpis)}
    kpis = {k.id: k for k in strategy.kpis}
    months = strategy.horizon.period.months
    # each kind of estimate: (its key: initiative id, then process or KPI id; the estimate)
    drawn: dict[str, list[tuple[tuple[str, str], ThreePoint]]] = {
        name: []
        for name in ("upfront", "recurring", "effort", "duration", "saved", "avoided", "change")
    }
    process_rows: list[tuple[int, float, float, float]] = []
    effect_rows: list[tuple[int, int, float, float, float]] = []
    for i, item in enumerate(items):
        for name, est in (
            ("upfront", item.upfront_cost),
            ("recurring", item.recurring_cost_per_month),
            ("effort", item.effort_days),
            ("duration", item.duration_periods),
        ):
            drawn[name].append(((item.id, ""), est))
        for effect in item.process_effects:
            proc = processes[effect.process]
            hours = proc.volume_per_period * proc.minutes_each / 60.0
            errors = proc.volume_per_period * proc.error_rate * proc.cost_per_error
            process_rows.append((i, hours, hours * rates.get(proc.role, default_rate), errors))
            for name, est in (("saved", effect.time_saved), ("avoided", effect.errors_avoided)):
                drawn[name].append(((item.id, effect.process), est))
        for kpi_effect in item.kpi_effects:
            kpi = kpis[kpi_effect.kpi]
            money = effect_money_per_unit_year(strategy, kpi_effect) * months / 12.0
            row = (i, kpi_index[kpi.id], kpi.direction.sign, float(kpi_effect.lag_periods), money)
            effect_rows.append(row)
            drawn["change"].append(((item.id, kpi.id), kpi_effect.change))
    pro = np.array(process_rows, dtype=float).reshape(-1, 4)
    eff = np.array(effect_rows, dtype=float).reshape(-1, 5)
    return Design(
        initiative_ids=tuple(item.id for item in items),
        kpi_ids=tuple(kpi_index),
        estimates={name: _three([e for _, e in found]) for name, found in drawn.items()},
        draw_order={name: _sorted_order([k for k, _ in found]) for name, found in drawn.items()},
        process_initiative=pro[:, 0].astype(np.intp),
        hours_per_saved_share=pro[:, 1],
        value_per_saved_share=pro[:, 2],
        value_per_avoided_share=pro[:, 3],
        effect_initiative=eff[:, 0].astype(np.intp),
        effect_kpi=eff[:, 1].astype(np.intp),
        effect_sign=eff[:, 2],
        effect_lag=eff[:, 3],
        effect_money=eff[:, 4],
        pilot_periods=np.array([float(pilot_periods(i.pilot, months)) for i in items]),
        pilot_cost=np.array([i.pilot.cost if i.pilot else 0.0 for i in items]),
    )


def _sorted_order(keys: list[tuple[str, str]]) -> IntArray:
    """The columns in the order of their keys (initiative id, then process or KPI id)."""
    return np.array(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.intp)


def per_initiative(values: FloatArray, owner: IntArray, count: int) -> FloatArray:
    """Sum columns of `values` [n, E] into their owning initiative: result [n, count]."""
    out = np.zeros((values.shape[0], count))
    if owner.size:
        if np.all(owner[1:] >= owner[:-1]):  # effects are listed initiative by initiative
            ordered, owners = values, owner
        else:
            order = np.argsort(owner, kind="stable")
            ordered, owners = values[:, order], owner[order]
        firsts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        out[:, owners[firsts]] = np.add.reduceat(ordered, firsts, axis=1)
    return out


@dataclass(frozen=True, eq=False)
class Scenarios:
    """Monte Carlo draws, one row per scenario (shape [n, N] unless stated; N initiatives).

    Money in the currency, time in periods, effort in person-days. `npv`, `tco` and `benefit`
    assume a start in period 0 (use `npv_at` for another start). KPI changes are kept sparse:
    `kpi_improvement[n, E]` (KPI unit, + = better) for the E KPI effects listed by
    `effect_initiative[E]` and `effect_kpi[E]`.
    """

    design: Design
    seed: int
    upfront: FloatArray
    recurring_per_month: FloatArray
    effort_days: FloatArray
    duration_periods: FloatArray
    process_value_per_period: FloatArray
    hours_saved_per_period: FloatArray
    kpi_improvement: FloatArray
    npv: FloatArray
    tco: FloatArray
    benefit: FloatArray
    start_factors: FloatArray
    end_factors: FloatArray
    months_per_period: int

    @property
    def n(self) -> int:
        """Number of scenarios."""
        return int(self.upfront.shape[0])

    @property
    def initiative_ids(self) -> tuple[str, ...]:
        """Initiative ids of the columns, in document order."""
        return self.design.initiative_ids

    @property
    def kpi_ids(self) -> tuple[str, ...]:
        """KPI ids, in document order (the columns of `improvement_matrix`)."""
        return self.design.kpi_ids

    @property
    def effect_initiative(self) -> IntArray:
        """Initiative index of each KPI effect column."""
        return self.design.effect_initiative

    @property
    def effect_kpi(self) -> IntArray:
        """KPI index of each KPI effect column."""
        return self.design.effect_kpi

    def npv_at(self, start: int) -> FloatArray:
        """NPV (currency) of every initiative in every scenario when started in `start`: [n, N]."""
        npv = np.empty_like(self.upfront)
        for rows in _blocks(self.n, self.upfront.shape[1]):
            npv[rows] = _money(
                self, rows, float(start), self.end_factors, self.start_factors[start]
            )[0]
        return npv

    def npv_by_start(self, scenario: int) -> FloatArray:
        """NPV (currency) of every initiative for every start period in one scenario: [N, P]."""
        rows = slice(scenario, scenario + 1)
        columns = [
            _money(self, rows, float(start), self.end_factors, self.start_factors[start])[0][0]
            for start in range(self.start_factors.size)
        ]
        return np.stack(columns, axis=1)

    def improvement_matrix(self, scenario: int) -> FloatArray:
        """KPI improvements of one scenario as a dense [N, K] matrix (KPI units, + = better)."""
        dense = np.zeros((len(self.design.initiative_ids), len(self.design.kpi_ids)))
        np.add.at(dense, (self.effect_initiative, self.effect_kpi), self.kpi_improvement[scenario])
        return dense

    def alignment(
        self, weights: FloatArray, gaps: FloatArray, due: IntArray | None = None
    ) -> FloatArray:
        """Alignment value (-1 to 1) of each initiative in each scenario: [n, N].

        Harms count against the value. With `due` [K] (`alignment.due_periods` in KPI order),
        an effect showing after its KPI's due date (start in period 0, the drawn duration in
        whole periods plus the lag) counts as `LATE_EFFECT_SHARE` of its size.
        """
        gap = gaps[self.effect_kpi]
        improvement = self.kpi_improvement
        if due is not None:
            duration = self.duration_periods[:, self.effect_initiative]
            shows = np.maximum(1, np.floor(duration + 0.5)) + self.design.effect_lag
            if self.design.pilot_periods is not None:
                shows = shows + self.design.pilot_periods[self.effect_initiative]
            late = shows > due[self.effect_kpi]
            improvement = np.where(late, LATE_EFFECT_SHARE * improvement, improvement)
        share = np.divide(improvement, gap, out=np.zeros_like(improvement), where=gap > 0)
        parts = weights[self.effect_kpi] * np.clip(share, -1.0, 1.0)
        count = len(self.design.initiative_ids)
        return np.clip(per_initiative(parts, self.effect_initiative, count), -1.0, 1.0)


def _blocks(n: int, width: int) -> list[slice]:
    """Row blocks of about `_BLOCK_VALUES` values, so temporaries stay in cache."""
    step = max(1, _BLOCK_VALUES // max(1, width))
    return [slice(first, min(n, first + step)) for first in range(0, n, step)]


def _money(
    s: Scenarios, rows: slice, start: float, factors: FloatArray, upfront_factor: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(value, costs, benefit) of scenarios `rows` for one start, per-period `factors` applied."""
    d = s.design
    lead = d.pilot_periods if d.pilot_periods is not None else 0.0
    go_live = start + lead + s.duration_periods[rows]
    live = live_sum(go_live, factors)
    costs = s.upfront[rows] * upfront_factor * _deferred(factors, lead)
    if d.pilot_cost is not None:  # a pilot is paid at the start, its roll-out at the gate
        costs += d.pilot_cost * upfront_factor
    costs += s.recurring_per_month[rows] * s.months_per_period * live
    benefit = s.process_value_per_period[rows] * live
    money = np.flatnonzero(d.effect_money != 0)
    if money.size:
        owner = d.effect_initiative[money]
        on = go_live[:, owner] + d.effect_lag[money]
        flows = s.kpi_improvement[rows][:, money] * d.effect_money[money] * live_sum(on, factors)
        benefit += per_initiative(flows, owner, benefit.shape[1])
    return benefit - costs, costs, benefit


def _deferred(factors: FloatArray, lead: FloatArray | float) -> FloatArray | float:
    """The discount of a payment `lead` periods later, from per-period `factors` (1 when they
    do not discount: all equal)."""
    if factors.size < 2 or factors[0] == factors[1]:
        return 1.0
    deferred: FloatArray = (factors[1] / factors[0]) ** np.asarray(lead, dtype=float)
    return deferred


def simulate(strategy: Strategy, n: int = 10_000, seed: int = 0) -> Scenarios:
    """Draw `n` PERT scenarios of every initiative (seeded: same seed, same numbers).

    Draws are made in a fixed order (upfront, recurring, effort, duration, time saved, errors
    avoided, KPI change) from `numpy.random.default_rng(seed)`, each family's columns in the
    order of their initiative (then process or KPI) ids: reordering the document's lists does
    not change any initiative's draws.
    """
    d = design(strategy)
    rng = np.random.default_rng(seed)
    draws = {name: _drawn(rng, est, d.draw_order.get(name), n) for name, est in d.estimates.items()}
    count = len(d.initiative_ids)
    saved, value = draws["saved"], draws["avoided"]  # reused in place: fewer fresh pages
    value *= d.value_per_avoided_share
    value += saved * d.value_per_saved_share
    saved *= d.hours_per_saved_share
    draws["change"] *= d.effect_sign
    t = timing(strategy)
    result = Scenarios(
        design=d,
        seed=seed,
        upfront=draws["upfront"],
        recurring_per_month=draws["recurring"],
        effort_days=draws["effort"],
        duration_periods=draws["duration"],
        process_value_per_period=per_initiative(value, d.process_initiative, count),
        hours_saved_per_period=per_initiative(saved, d.process_initiative, count),
        kpi_improvement=draws["change"],
        npv=np.empty((n, count)),
        tco=np.empty((n, count)),
        benefit=np.empty((n, count)),
        start_factors=t.start_factors,
        end_factors=t.end_factors,
        months_per_period=t.months_per_period,
    )
    ones = np.ones(t.periods)
    for rows in _blocks(n, count):
        result.npv[rows] = _money(result, rows, 0.0, t.end_factors, float(t.start_factors[0]))[0]
        _, result.tco[rows], result.benefit[rows] = _money(result, rows, 0.0, ones, 1.0)
    return result


def _drawn(rng: np.random.Generator, est: FloatArray, order: IntArray | None, n: int) -> FloatArray:
    """`n` draws of each estimate in `est` [3, C], made in the columns' `order` (by their keys:
    the same draws whatever order the document lists its initiatives and effects in), returned
    in `est`'s own column order."""
    if order is None or np.array_equal(order, np.arange(order.size)):
        return pert_sample(rng, est[0], est[1], est[2], n)
    drawn = pert_sample(rng, est[0][order], est[1][order], est[2][order], n)
    out = np.empty_like(drawn)
    out[:, order] = drawn
    return out


@dataclass(frozen=True)
class Spread:
    """P10 / P50 / P90 of a quantity across scenarios (its unit is stated by the holder)."""

    p10: float
    p50: float
    p90: float
    mean: float


@dataclass(frozen=True)
class Uncertainty:
    """Monte Carlo summary of one initiative started in period 0 (money in the currency)."""

    initiative: str
    tco: Spread
    benefit: Spread
    npv: Spread
    probability_npv_positive: float


def spread(values: FloatArray) -> Spread:
    """P10, P50, P90 and mean of a 1-D array of draws (in the draws' unit)."""
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return Spread(float(p10), float(p50), float(p90), float(values.mean()))


def summarise(scenarios: Scenarios) -> list[Uncertainty]:
    """P10/P50/P90 of TCO, benefit and NPV and P(NPV > 0) per initiative, in document order."""
    return [
        Uncertainty(
            initiative=initiative,
            tco=spread(scenarios.tco[:, i]),
            benefit=spread(scenarios.benefit[:, i]),
            npv=spread(scenarios.npv[:, i]),
            probability_npv_positive=float(np.mean(scenarios.npv[:, i] > 0)),
        )
        for i, initiative in enumerate(scenarios.design.initiative_ids)
    ]


def kpi_gap_arrays(strategy: Strategy) -> tuple[FloatArray, FloatArray]:
    """(KPI weights [K], gaps [K]) in document order, for `Scenarios.alignment`."""
    gaps = kpi_gaps(strategy)
    return np.array([g.weight for g in gaps]), np.array([g.gap for g in gaps])
