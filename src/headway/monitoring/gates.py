"""Go/no-go at a pilot's gate: did the pilot show what its success criteria ask?

A pilot starts when its initiative is first recorded `in progress` and runs for its
`duration_months`; its gate falls at the end. For each success criterion the KPI's series up to
the gate (later measurements belong to the roll-out) is fitted with the realization test's
segmented regression (`monitoring.its`, a level shift at the pilot's start) and judged by the
realization test (`monitoring.realization.judge`) with the criterion's minimum improvement as
the cautious estimate:

- a criterion is **met** when the improvement is real with 95% confidence and the minimum is
  still within reach; **missed** when with 95% confidence the improvement is below the minimum;
  otherwise **unclear** (or too few measurements: 4 before the pilot, 3 during it);
- the gate says **go** when every criterion is met, **no go** when any is missed, else **not
  enough data yet**, each with its evidence in words.

docs/method.md ("Pilots and go/no-go gates") has the method and a worked example.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np

from headway.monitoring.initiatives import InitiativeState
from headway.monitoring.its import NotEstimableError, fit_effects
from headway.monitoring.realization import Verdict, add_months, judge, months_between, series
from headway.monitoring.records import Measurement, Status
from headway.numbers import Numbers, Unit, signed
from headway.strategy.model import Initiative, Kpi, Strategy
from headway.strategy.pilot import PilotCriterion


class GateDecision(StrEnum):
    """The decision at a pilot's go/no-go gate."""

    go = "go"
    no_go = "no go"
    not_enough_data = "not enough data yet"


@dataclass(frozen=True)
class CriterionCheck:
    """One success criterion tested on the pilot's measurements.

    `met` is True (met), False (missed) or None (unclear); `improvement` is the measured effect
    since the pilot's start, with `lower`/`upper` its 90% interval, in the KPI's unit and
    positive in the better direction (None when too few measurements).
    """

    kpi: str
    unit: str
    min_improvement: float
    met: bool | None
    improvement: float | None
    lower: float | None
    upper: float | None
    points_before: int
    points_during: int
    evidence: str


@dataclass(frozen=True)
class PilotGate:
    """The go/no-go decision of one initiative's pilot, with its evidence in words.

    `pilot_start` is the day the initiative was first recorded in progress (None when the pilot
    has not started) and `gate_date` that day plus the pilot's months.
    """

    initiative: str
    name: str
    decision: GateDecision
    pilot_start: date | None
    gate_date: date | None
    checks: tuple[CriterionCheck, ...]
    evidence: str


def pilot_gates(
    strategy: Strategy,
    measurements: Iterable[Measurement],
    states: Mapping[str, InitiativeState],
    as_of: date,
) -> list[PilotGate]:
    """The gate decision of every initiative with a pilot, in document order."""
    kpis = {k.id: k for k in strategy.kpis}
    shown = Numbers.of(strategy.business)
    data = [m for m in measurements if m.date <= as_of]
    gates = []
    for item in strategy.initiatives:
        if item.pilot is None:
            continue
        state = states.get(item.id)
        start = _pilot_start(state) if state is not None else None
        if start is None:
            gates.append(_not_started(item))
            continue
        gate = add_months(start, item.pilot.duration_months)
        checks = tuple(
            check_criterion(kpis[c.kpi], c, data, (start, gate), shown) for c in item.pilot.criteria
        )
        gates.append(_decide(item, start, gate, checks, as_of))
    return gates


def _pilot_start(state: InitiativeState) -> date | None:
    """The first day the initiative was recorded in progress (its pilot's start)."""
    days = [r.date for r in state.history if r.status is Status.in_progress]
    return min(days, default=None)


def _not_started(item: Initiative) -> PilotGate:
    return PilotGate(
        initiative=item.id,
        name=item.name,
        decision=GateDecision.not_enough_data,
        pilot_start=None,
        gate_date=None,
        checks=(),
        evidence=(
            f"The pilot of {item.id} has not started: record the initiative as in progress "
            "on the day its pilot starts."
        ),
    )


def check_criterion(
    kpi: Kpi,
    criterion: PilotCriterion,
    measurements: list[Measurement],
    pilot: tuple[date, date],
    shown: Numbers,
) -> CriterionCheck:
    """Test one criterion on the KPI's measurements before the gate, with the pilot from its
    start (`pilot`: start and gate); figures in words by the number model `shown`."""
    from scipy import stats  # imported when used: it is slow to import

    start, gate = pilot
    days, values = series([m for m in measurements if m.date < gate], kpi.id)
    before = sum(d < start for d in days)
    during = len(days) - before
    minimum = criterion.min_improvement
    wanted = f"{kpi.id} at least {shown.text(minimum, Unit.kpi)} {kpi.unit} {_better(kpi)}"
    t = np.array([months_between(days[0], d) for d in days]) if days else np.zeros(0)
    try:
        fit = fit_effects(t, np.array(values), [months_between(days[0], start)] if days else [0.0])
    except NotEstimableError as exc:
        reason = str(exc)
        evidence = (
            f"Not enough data for {wanted}: {before} measurements before the pilot, {during} "
            f"during it ({reason})."
        )
        return CriterionCheck(
            kpi.id, kpi.unit, minimum, None, None, None, None, before, during, evidence
        )
    improvement = float(fit.estimate[0, 0]) * kpi.direction.sign
    error = float(fit.std_error[0, 0])
    verdict = Verdict(str(judge(np.array([improvement]), np.array([error]), fit.df, minimum)[0]))
    critical = float(stats.t.ppf(0.95, fit.df))
    lower, upper = improvement - critical * error, improvement + critical * error
    met = {Verdict.delivering: True, Verdict.not_delivering: False}.get(verdict)
    measured = (
        f"{kpi.id} moved {signed(shown, improvement)} {kpi.unit} in its better direction during "
        f"the pilot (90% interval {shown.text(lower, Unit.kpi)} to {shown.text(upper, Unit.kpi)}; "
        f"{before} measurements before, {during} during)"
    )
    outcome = {
        True: f"met: the improvement is real with 95% confidence and {wanted} is within reach",
        False: f"missed: with 95% confidence the improvement is below {wanted}",
        None: f"unclear: the data cannot yet tell whether {wanted} is reached",
    }[met]
    return CriterionCheck(
        kpi.id,
        kpi.unit,
        minimum,
        met,
        improvement,
        lower,
        upper,
        before,
        during,
        f"{measured}; {outcome}.",
    )


def _better(kpi: Kpi) -> str:
    return "higher" if kpi.direction.sign > 0 else "lower"


def _decide(
    item: Initiative,
    start: date,
    gate: date,
    checks: tuple[CriterionCheck, ...],
    as_of: date,
) -> PilotGate:
    if any(c.met is False for c in checks):
        decision = GateDecision.no_go
        head = "No go: the pilot missed a success criterion."
    elif all(c.met for c in checks):
        decision = GateDecision.go
        head = "Go: the pilot met every success criterion; roll out."
    else:
        decision = GateDecision.not_enough_data
        head = "Not enough data yet to decide."
    timing = (
        f"The pilot ran from {start.isoformat()} to its gate on {gate.isoformat()}."
        if as_of >= gate
        else f"The pilot started {start.isoformat()}; its gate is on {gate.isoformat()}."
    )
    details = " ".join(c.evidence for c in checks)
    return PilotGate(
        initiative=item.id,
        name=item.name,
        decision=decision,
        pilot_start=start,
        gate_date=gate,
        checks=checks,
        evidence=f"{head} {timing} {details}",
    )
