"""`headway status`: the Alignment Index, realization verdicts and off-track KPIs of a workspace.

The scope of the index is the tracked initiatives (planned, in progress or live) when there are
status records, else the optimal plan's choice. `learning` lists the estimates what was realised
revises (`headway.monitoring.learning`); `gates` the go/no-go decision of every pilot
(`headway.monitoring.gates`). The as-of date defaults to the later of today and
the latest measurement, so a workspace with data dated ahead still reads as current.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from headway.monitoring.alignment_index import AlignmentIndex, Mode, alignment_index
from headway.monitoring.gates import PilotGate, pilot_gates
from headway.monitoring.initiatives import ACTIVE, InitiativeState, initiative_states
from headway.monitoring.learning import EstimateUpdate, learn
from headway.monitoring.projection import Projection, project
from headway.monitoring.realignment import default_planner
from headway.monitoring.realization import Realization, realizations, series
from headway.monitoring.records import Measurement, StatusRecord
from headway.strategy.model import Strategy

SPARK_POINTS = 26


@dataclass(frozen=True)
class Tracking:
    """What a workspace tracked: KPI measurements and initiative status records."""

    measurements: Sequence[Measurement] = ()
    records: Sequence[StatusRecord] = ()


@dataclass(frozen=True)
class KpiSeries:
    """Recent values of a KPI (oldest first, at most 26) for a sparkline, in the KPI's unit."""

    kpi: str
    unit: str
    direction: str
    values: list[float]


@dataclass(frozen=True)
class StatusReport:
    """Everything `headway status` shows; `to_dict` gives plain JSON-ready data."""

    business: str
    currency: str
    as_of: date
    index: AlignmentIndex
    initiatives: list[InitiativeState]
    realizations: list[Realization]
    projections: list[Projection]
    series: list[KpiSeries]
    learning: list[EstimateUpdate] = field(default_factory=list)
    gates: list[PilotGate] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: dates as ISO text, enums as their values."""
        data = asdict(self)
        for state in data["initiatives"]:
            state.pop("history")
        return _plain(data)  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, int | float | str):
        return value.value
    if isinstance(value, str):
        return str(value)
    return value


def plan_scope(strategy: Strategy) -> list[str]:
    """The initiatives the optimal plan chooses (ids, by start period)."""
    return [d.initiative for d in default_planner(strategy).selected]


def tracking_status(
    strategy: Strategy,
    tracking: Tracking,
    as_of: date | None = None,
    planner_scope: Callable[[Strategy], Sequence[str]] = plan_scope,
    *,
    today: date,
) -> StatusReport:
    """The status of a strategy and what was tracked for it as of `as_of` (default: the later
    of `today` and the latest measurement); see the module docstring for the scope."""
    measurements = list(tracking.measurements)
    records = list(tracking.records)
    states = initiative_states(strategy, records)
    latest = max((m.date for m in measurements), default=None)
    day = as_of or max(today, latest or date.min)
    measurements = [m for m in measurements if m.date <= day]
    if records:
        scope = [i for i, s in states.items() if s.status in ACTIVE]
    else:
        scope = list(planner_scope(strategy))
    mode = Mode.measured if (measurements or records) else Mode.plan_only
    found = realizations(strategy, measurements, states)
    index = alignment_index(
        strategy,
        scope,
        mode=mode,
        states=states,
        measurements=measurements,
        realizations=found,
        as_of=day,
    )
    lines = []
    for kpi in strategy.kpis:
        values = series(measurements, kpi.id)[1][-SPARK_POINTS:]
        if values:
            lines.append(KpiSeries(kpi.id, kpi.unit, kpi.direction.value, values))
    return StatusReport(
        business=strategy.business.name,
        currency=strategy.business.currency,
        as_of=day,
        index=index,
        initiatives=[states[i.id] for i in strategy.initiatives],
        realizations=found,
        projections=project(strategy, measurements, states, day),
        series=lines,
        learning=learn(strategy, found, states),
        gates=pilot_gates(strategy, measurements, states, day),
    )
