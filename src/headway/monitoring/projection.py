"""Off-track KPIs: the trend projected to the due date, with its uncertainty, against the target.

The trend is a straight line fitted to the KPI's measurements since the last live initiative's
effect began (all measurements when that leaves fewer than 4). Its value at the end of the due
month gets an 80% prediction interval (t distribution, n - 2 degrees of freedom) and a chance of
meeting the target. Expected effects of initiatives planned or in progress but not yet live are
added at their PERT mean, and said so. Lower-is-better KPIs work the same way: "better" follows
the KPI's direction.

Projections stay within the values a KPI can take (`value_range`): a share in % stays within
0-100, a range written in the unit ("score (-100 to 100)", "stars (1-5)") bounds it, and a KPI
whose baseline and target are both at least 0 (a count, hours, money) never goes below 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from headway.monitoring.initiatives import InitiativeState
from headway.monitoring.realization import add_months, months_between, series
from headway.monitoring.records import Measurement, Status
from headway.numbers import Numbers, Unit, signed
from headway.strategy.calendar import month_number
from headway.strategy.model import Kpi, Strategy

INTERVAL = 0.80
MIN_POINTS = 4
_RANGE = re.compile(r"\((-?\d+(?:\.\d+)?)\s*(?:to|-|–)\s*(-?\d+(?:\.\d+)?)\)")


class Track(StrEnum):
    """Whether a KPI is heading for its target."""

    on_track = "on track"
    off_track = "off track"
    no_data = "no data"


@dataclass(frozen=True)
class Projection:
    """A KPI's projection to its due date (values in the KPI's unit).

    `progress` is the share of the way from baseline to target the latest value has come
    (direction-aware: 1 = target reached, negative = worse than baseline). `projected` includes
    `planned_change`, the expected change from initiatives not yet live. `chance` is the
    probability (0-1) that the value at the due date meets the target.
    """

    kpi: str
    unit: str
    verdict: Track
    baseline: float
    target: float
    due: date
    latest: float | None
    latest_date: date | None
    progress: float | None
    trend_per_month: float | None
    projected: float | None
    low: float | None
    high: float | None
    planned_change: float
    chance: float | None
    points: int
    evidence: str


def due_date(kpi: Kpi) -> date:
    """The last day of the KPI's due month."""
    number = month_number(kpi.due) + 1
    return date(number // 12, number % 12 + 1, 1) - timedelta(days=1)


def value_range(kpi: Kpi) -> tuple[float | None, float | None]:
    """The lowest and highest value the KPI can take (None: no bound), read from its unit and
    values: a range in the unit, "%" (0-100), else 0 as the floor when baseline and target are
    both at least 0."""
    stated = _RANGE.search(kpi.unit)
    if stated:
        return float(stated.group(1)), float(stated.group(2))
    values = (kpi.baseline, kpi.target)
    if kpi.unit.strip().startswith("%") and all(0 <= v <= 100 for v in values):
        return 0.0, 100.0
    return (0.0 if min(values) >= 0 else None), None


def within(value: float, bounds: tuple[float | None, float | None]) -> float:
    """`value` moved into `bounds` (lowest, highest; None: open)."""
    low, high = bounds
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return value


def progress(kpi: Kpi, value: float) -> float | None:
    """Share of the way from baseline to target that `value` has come (None if they are equal)."""
    if kpi.target == kpi.baseline:
        return None
    return (value - kpi.baseline) / (kpi.target - kpi.baseline)


def project(
    strategy: Strategy,
    measurements: Iterable[Measurement],
    states: Mapping[str, InitiativeState],
    as_of: date,
) -> list[Projection]:
    """The projection of every KPI of the strategy, in document order."""
    data = [m for m in measurements if m.date <= as_of]
    return [_project(strategy, kpi, series(data, kpi.id), states, as_of) for kpi in strategy.kpis]


def _project(
    strategy: Strategy,
    kpi: Kpi,
    points: tuple[list[date], list[float]],
    states: Mapping[str, InitiativeState],
    as_of: date,
) -> Projection:
    """One KPI's projection: no data, judged on its latest value once due, or the trend."""
    days = points[0]
    due = due_date(kpi)
    starts, planned, names = _effects(strategy, kpi, states)
    base = _unprojected(kpi, due, points, planned)
    if len(days) < MIN_POINTS:
        evidence = f"{len(days)} measurements; at least {MIN_POINTS} are needed for a trend."
        return replace(base, evidence=evidence)
    shown = Numbers.of(strategy.business)
    if due < as_of:
        return _past_due(base, kpi, points, shown)
    keep = _trend_window(days, max(starts) if starts else days[0])
    return _trend_projection(base, kpi, points, keep, names, shown)


def _effects(
    strategy: Strategy, kpi: Kpi, states: Mapping[str, InitiativeState]
) -> tuple[list[date], float, list[str]]:
    """When live initiatives' effects on the KPI began, and the PERT-mean change expected from
    initiatives planned or in progress (with their ids)."""
    starts, planned, names = [], 0.0, []
    for initiative in strategy.initiatives:
        state = states.get(initiative.id)
        for effect in initiative.kpi_effects:
            if effect.kpi != kpi.id or state is None:
                continue
            if state.status is Status.live and state.go_live is not None:
                lag = effect.lag_periods * strategy.horizon.period.months
                starts.append(add_months(state.go_live, lag))
            elif state.status in (Status.planned, Status.in_progress):
                planned += effect.change.pert_mean
                names.append(initiative.id)
    return starts, planned, names


def _unprojected(
    kpi: Kpi, due: date, points: tuple[list[date], list[float]], planned: float
) -> Projection:
    """The projection before any trend: the latest value and progress, verdict no data."""
    days, values = points
    return Projection(
        kpi.id,
        kpi.unit,
        Track.no_data,
        kpi.baseline,
        kpi.target,
        due,
        values[-1] if values else None,
        days[-1] if days else None,
        progress(kpi, values[-1]) if values else None,
        None,
        None,
        None,
        None,
        planned,
        None,
        len(days),
        "",
    )


def _past_due(
    base: Projection, kpi: Kpi, points: tuple[list[date], list[float]], shown: Numbers
) -> Projection:
    """A KPI past its due date, judged on its latest value."""
    days, values = points
    due = base.due
    meets = kpi.direction.sign * (values[-1] - kpi.target) >= 0
    word = "meets" if meets else "misses"
    evidence = (
        f"The due date {due.isoformat()} has passed; the latest value "
        f"{shown.text(values[-1], Unit.kpi)} {kpi.unit} ({days[-1].isoformat()}) {word} the "
        f"target {shown.text(kpi.target, Unit.kpi)}."
    )
    verdict = Track.on_track if meets else Track.off_track
    return replace(base, verdict=verdict, evidence=evidence)


def _trend_window(days: list[date], since: date) -> list[int]:
    """Indices of the measurements to fit: those from `since` on, or all if too few."""
    if sum(d >= since for d in days) >= MIN_POINTS:
        return [i for i, d in enumerate(days) if d >= since]
    return list(range(len(days)))


def _fit_line(
    t: NDArray[np.float64], y: NDArray[np.float64], horizon: float
) -> tuple[float, float, float]:
    """Slope, fitted value at `horizon` and its prediction standard error (at least 1e-12)."""
    slope, intercept = np.polyfit(t, y, 1)
    residual = y - (intercept + slope * t)
    df = len(t) - 2
    scale = float(np.sqrt(np.sum(residual**2) / df))
    spread = 1 + 1 / len(t) + (horizon - t.mean()) ** 2 / np.sum((t - t.mean()) ** 2)
    error = max(scale * float(np.sqrt(spread)), 1e-12)
    return float(slope), float(intercept + slope * horizon), error


def _trend_projection(
    base: Projection,
    kpi: Kpi,
    points: tuple[list[date], list[float]],
    keep: list[int],
    names: list[str],
    shown: Numbers,
) -> Projection:
    """The trend over the kept measurements projected to the due date, with planned effects."""
    from scipy import stats  # imported when used: it is slow to import

    days, values = points
    sign, due, planned = kpi.direction.sign, base.due, base.planned_change
    t = np.array([months_between(days[0], days[i]) for i in keep])
    y = np.array([values[i] for i in keep])
    slope, fitted, error = _fit_line(t, y, months_between(days[0], due))
    df = len(t) - 2
    unbounded = fitted + planned
    half = float(stats.t.ppf(0.5 + INTERVAL / 2, df)) * error
    chance = float(stats.t.sf(sign * (kpi.target - unbounded) / error, df))
    bounds = value_range(kpi)
    projected, low, high = (
        within(v, bounds) for v in (unbounded, unbounded - half, unbounded + half)
    )
    meets = sign * (projected - kpi.target) >= 0
    word = "meets" if meets else "misses"
    evidence = (
        f"Trend {signed(shown, slope)} {kpi.unit} a month over {len(t)} measurements projects "
        f"{shown.text(projected, Unit.kpi)} {kpi.unit} by {due.isoformat()} (80% range "
        f"{shown.text(low, Unit.kpi)} to {shown.text(high, Unit.kpi)}); it {word} the target "
        f"{shown.text(kpi.target, Unit.kpi)} (chance of meeting it {shown.percent(chance)})."
    )
    if names:
        evidence += (
            f" Includes {signed(shown, planned)} {kpi.unit} expected from {', '.join(names)}."
        )
    return replace(
        base,
        verdict=Track.on_track if meets else Track.off_track,
        trend_per_month=slope,
        projected=projected,
        low=low,
        high=high,
        chance=chance,
        points=len(t),
        evidence=evidence,
    )
