"""Benefit realization: is a live initiative moving the KPIs it was expected to move?

For each live initiative and each KPI it was expected to improve, the KPI's series is fitted with
a segmented regression (`headway.monitoring.its`) and the effect measured since go-live (plus the
effect's lag) is compared with zero and with the expected three-point change:

- **delivering**: the measured improvement is above zero with 95% confidence (one-sided t-test)
  and could still be as large as the cautious (low) estimate;
- **not delivering**: with 95% confidence the improvement is below the cautious estimate (or
  below zero when the cautious estimate is no improvement);
- **ramping, on course**: the effect is still ramping up (its ramp, `ramp_months` likely, has
  not ended by the latest measurement) and would be "delivering": the improvement so far is
  above zero with 95% confidence and its full size could still reach the cautious estimate;
- **not yet clear**: neither, or too few measurements.

The effect is fitted as a level plus a ramp: it grows linearly from the day it should show to
its full size over the ramp's likely months (`its.fit_effects(..., ramps=...)`), so an effect
that builds up is judged against that ramp, not against an instant jump.

Improvements are in the KPI's unit and positive when the KPI moves in its better direction, so
lower-is-better KPIs read the same way as higher-is-better ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from headway.monitoring.initiatives import InitiativeState
from headway.monitoring.its import MIN_SEGMENT, EffectFit, NotEstimableError, fit_effects
from headway.monitoring.records import Measurement, Status
from headway.numbers import Numbers, Unit, signed
from headway.strategy.model import Kpi, KpiEffect, Strategy
from headway.strategy.templates import ramp_months

CONFIDENCE = 0.95
DAYS_PER_MONTH = 30.4375

_Step = tuple[date, date, str, KpiEffect, float]
"""When the effect should show, go-live, initiative id, the effect, its ramp in months."""


class Verdict(StrEnum):
    """The outcome of the realization test."""

    delivering = "delivering"
    ramping = "ramping, on course"
    not_yet_clear = "not yet clear"
    not_delivering = "not delivering"


@dataclass(frozen=True)
class Expected:
    """Expected improvement in the KPI's better direction (KPI unit): cautious, likely, bold."""

    low: float
    likely: float
    high: float

    @property
    def mean(self) -> float:
        """PERT mean (low + 4 likely + high) / 6."""
        return (self.low + 4 * self.likely + self.high) / 6


@dataclass(frozen=True)
class Realization:
    """The realization test of one initiative on one KPI.

    `improvement` is the measured average effect since `effect_from` (KPI unit, positive =
    better); `lower`/`upper` bound it with 95% confidence each side (a 90% interval), from its
    standard error `std_error`; `ratio` is improvement / expected PERT mean. All None when there
    were too few measurements.
    """

    initiative: str
    kpi: str
    unit: str
    verdict: Verdict
    go_live: date
    effect_from: date
    expected: Expected
    improvement: float | None
    lower: float | None
    upper: float | None
    p_value: float | None
    points_before: int
    points_after: int
    evidence: str
    ramp_months: float = 0.0
    std_error: float | None = None

    @property
    def ratio(self) -> float | None:
        """Measured over expected improvement (1 = as planned), None without a measurement."""
        if self.improvement is None or self.expected.mean == 0:
            return None
        return self.improvement / self.expected.mean


def judge(
    improvement: NDArray[np.float64],
    std_error: NDArray[np.float64],
    df: int,
    expected_low: float,
) -> NDArray[np.str_]:
    """Verdicts for arrays of measured improvements and their standard errors (vectorised)."""
    from scipy import stats  # imported when used: it is slow to import

    critical = float(stats.t.ppf(CONFIDENCE, df))
    lower = improvement - critical * std_error
    upper = improvement + critical * std_error
    floor = max(expected_low, 0.0)
    verdict = np.full(np.shape(improvement), Verdict.not_yet_clear.value, dtype=object)
    verdict[(lower > 0) & (upper >= floor)] = Verdict.delivering.value
    verdict[upper < floor] = Verdict.not_delivering.value
    return verdict.astype(str)


def expected_improvement(kpi: Kpi, effect: KpiEffect) -> Expected:
    """An effect's three-point change turned into improvements in the KPI's better direction."""
    # `+ 0.0` turns a negative zero (from flipping the sign of 0) into a plain zero.
    points = sorted(v * kpi.direction.sign + 0.0 for v in (effect.change.low, effect.change.high))
    return Expected(points[0], effect.change.likely * kpi.direction.sign + 0.0, points[1])


def months_between(first: date, day: date) -> float:
    """Months from `first` to `day` (days / 30.4375)."""
    return (day - first).days / DAYS_PER_MONTH


def add_months(day: date, months: int) -> date:
    """The same day-of-month `months` later (clamped to the 28th to stay valid)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def series(measurements: Iterable[Measurement], kpi: str) -> tuple[list[date], list[float]]:
    """A KPI's series: one value per date (the mean over sources), in date order."""
    by_day: dict[date, list[float]] = defaultdict(list)
    for m in measurements:
        if m.kpi == kpi:
            by_day[m.date].append(m.value)
    days = sorted(by_day)
    return days, [float(np.mean(by_day[d])) for d in days]


def realizations(
    strategy: Strategy,
    measurements: Iterable[Measurement],
    states: Mapping[str, InitiativeState],
) -> list[Realization]:
    """The realization test for every live initiative and every KPI it should improve."""
    kpis = {k.id: k for k in strategy.kpis}
    data = list(measurements)
    period_months = strategy.horizon.period.months
    steps: dict[str, list[_Step]] = defaultdict(list)
    for initiative in strategy.initiatives:
        state = states.get(initiative.id)
        if state is None or state.status is not Status.live or state.go_live is None:
            continue
        for effect in initiative.kpi_effects:
            if expected_improvement(kpis[effect.kpi], effect).mean <= 0:
                continue  # not expected to improve this KPI: nothing to realise
            start = add_months(state.go_live, effect.lag_periods * period_months)
            ramp = ramp_months(initiative, effect).likely
            steps[effect.kpi].append((start, state.go_live, initiative.id, effect, ramp))
    results: list[Realization] = []
    shown = Numbers.of(strategy.business)
    for kpi_id, kpi_steps in steps.items():
        kpi_steps.sort(key=lambda s: (s[0], s[2]))
        results += _test_kpi(kpis[kpi_id], series(data, kpi_id), kpi_steps, shown)
    return sorted(results, key=lambda r: (r.initiative, r.kpi))


def _test_kpi(
    kpi: Kpi,
    points: tuple[list[date], list[float]],
    steps: list[_Step],
    shown: Numbers,
) -> list[Realization]:
    """The realization test of every step on one KPI: the untestable ones first, then the rest
    (its figures in words by the number model `shown`)."""
    days = points[0]
    # An effect with too few measurements since it should show is not yet testable: it is
    # reported as such, and the measurements from its go-live on are left out of the others' fit.
    waiting = [s for s in steps if sum(d >= s[0] for d in days) < MIN_SEGMENT]
    early = [_too_few(kpi, step, days) for step in waiting]
    steps = [s for s in steps if s not in waiting]
    cutoff = min((s[1] for s in waiting), default=date.max)
    days, y = _fit_data(points, steps, cutoff)
    if not steps:
        return early
    first = days[0] if days else date(2000, 1, 1)
    t = np.array([months_between(first, d) for d in days], dtype=float)
    starts = [months_between(first, s[0]) for s in steps]
    try:
        fit = fit_effects(t, y, starts, ramps=[s[4] for s in steps])
    except NotEstimableError as exc:
        reason = str(exc)
        return early + [_unclear(kpi, step, reason, days) for step in steps]
    trend_changes = _trend_changes(t, y, starts)
    results = [
        _measured(kpi, fit, j, step, days, trend_changes[j], shown) for j, step in enumerate(steps)
    ]
    return early + results


def _too_few(kpi: Kpi, step: _Step, days: list[date]) -> Realization:
    """A step with too few measurements since its effect should show: not yet clear."""
    count = sum(d >= step[0] for d in days)
    reason = (
        f"{count} measurements since its effect should show ({step[0].isoformat()}); "
        f"at least {MIN_SEGMENT} needed"
    )
    return _unclear(kpi, step, reason, days)


def _fit_data(
    points: tuple[list[date], list[float]], steps: list[_Step], cutoff: date
) -> tuple[list[date], NDArray[np.float64]]:
    """The dates and values to fit: before `cutoff` and outside every transition window."""
    days, values = points
    # Measurements in a transition window (go-live to the end of the lag) belong to neither side.
    keep = [d < cutoff and not any(s[1] <= d < s[0] for s in steps) for d in days]
    kept = [d for d, k in zip(days, keep, strict=True) if k]
    y = np.array([v for v, k in zip(values, keep, strict=True) if k], dtype=float)
    return kept, y


def _measured(
    kpi: Kpi,
    fit: EffectFit,
    j: int,
    step: _Step,
    days: list[date],
    trend_change: float,
    shown: Numbers,
) -> Realization:
    """The tested realization of step `j` of the fit, with its evidence."""
    from scipy import stats  # imported when used: it is slow to import

    start, go_live, initiative, effect, ramp = step
    expected = expected_improvement(kpi, effect)
    improvement = float(fit.estimate[j, 0]) * kpi.direction.sign
    error = float(fit.std_error[j, 0])
    verdict = Verdict(
        str(judge(np.array([improvement]), np.array([error]), fit.df, expected.low)[0])
    )
    if verdict is Verdict.delivering and months_between(start, days[-1]) < ramp:
        verdict = Verdict.ramping
    p_value = float(stats.t.sf(improvement / error, fit.df)) if error > 0 else 0.0
    critical = float(stats.t.ppf(CONFIDENCE, fit.df))
    lower, upper = improvement - critical * error, improvement + critical * error
    result = Realization(
        initiative=initiative,
        kpi=kpi.id,
        unit=kpi.unit,
        verdict=verdict,
        go_live=go_live,
        effect_from=start,
        expected=expected,
        improvement=improvement,
        lower=lower,
        upper=upper,
        p_value=p_value,
        points_before=fit.points_before if j == 0 else sum(d < start for d in days),
        points_after=fit.points_after[j],
        evidence="",
        ramp_months=ramp,
        std_error=error,
    )
    return _with_trend_note(_with_evidence(result, kpi, shown), kpi, trend_change, shown)


def _with_trend_note(
    result: Realization, kpi: Kpi, trend_change: float, shown: Numbers
) -> Realization:
    """Add a note when the trend also changed clearly after go-live."""
    change = trend_change * kpi.direction.sign
    if change == 0:
        return result
    way = "growing" if change > 0 else "fading"
    note = (
        f" Note: the trend also changed after go-live ({signed(shown, change)} {kpi.unit} a month "
        f"in the better direction), so the effect looks {way}."
    )
    return replace(result, evidence=result.evidence + note)


def _trend_changes(
    t: NDArray[np.float64], y: NDArray[np.float64], starts: list[float]
) -> list[float]:
    """Each step's trend change (units a month) where it is clear (|t| > 2), else 0."""
    try:
        fit = fit_effects(t, y, starts, slope_change=True)
    except NotEstimableError:
        return [0.0] * len(starts)
    changes = []
    for j in range(len(starts)):
        value, error = float(fit.estimate[j, 0]), float(fit.std_error[j, 0])
        changes.append(value if error > 0 and abs(value / error) > 2 else 0.0)
    return changes


def _unclear(kpi: Kpi, step: _Step, reason: str, days: list[date]) -> Realization:
    start, go_live, initiative, effect, ramp = step
    return Realization(
        initiative=initiative,
        kpi=kpi.id,
        unit=kpi.unit,
        verdict=Verdict.not_yet_clear,
        go_live=go_live,
        effect_from=start,
        expected=expected_improvement(kpi, effect),
        improvement=None,
        lower=None,
        upper=None,
        p_value=None,
        points_before=sum(d < go_live for d in days),
        points_after=sum(d >= start for d in days),
        evidence=f"Not enough data to judge {kpi.id} yet: {reason}.",
        ramp_months=ramp,
    )


def _with_evidence(r: Realization, kpi: Kpi, shown: Numbers) -> Realization:
    assert r.improvement is not None and r.lower is not None and r.upper is not None
    better = "higher" if kpi.direction.sign > 0 else "lower"
    worse = "lower" if kpi.direction.sign > 0 else "higher"
    size = shown.text(abs(r.improvement), Unit.kpi)
    word = better if r.improvement >= 0 else worse
    since = f"since {r.effect_from.isoformat()}"
    moved = f"has been {size} {kpi.unit} {word} {since}"
    if r.ramp_months > 0:
        moved = (
            f"is heading for {size} {kpi.unit} {word} at full size (a {r.ramp_months:g}-month "
            f"ramp {since})"
        )
    measured = (
        f"{kpi.id} {moved} than its trend would give "
        f"(90% interval of the improvement {shown.text(r.lower, Unit.kpi)} to "
        f"{shown.text(r.upper, Unit.kpi)}; "
        f"{r.points_before} measurements before go-live, {r.points_after} after)."
    )
    e = r.expected
    low, high, likely = (shown.text(v, Unit.kpi) for v in (e.low, e.high, e.likely))
    plan = f"Expected: {low} to {high} {kpi.unit} better, most likely {likely}."
    if r.verdict is Verdict.delivering:
        end = "It is delivering: the improvement is real with 95% confidence."
    elif r.verdict is Verdict.ramping:
        end = (
            "It is ramping, on course: the improvement so far is real with 95% confidence, "
            "and its full size can still reach the cautious estimate."
        )
    elif r.verdict is Verdict.not_delivering:
        end = (
            "It is not delivering: even the cautious estimate is out of reach with 95% confidence."
        )
    else:
        end = "Not yet clear: the data cannot yet tell a real improvement from noise."
    return replace(r, evidence=f"{measured} {plan} {end}")
