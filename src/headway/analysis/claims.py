"""Claimed hours checked against the hours an initiative's processes actually take.

An initiative claims hours two ways: a KPI effect that declares it `overlaps` some of the
initiative's processes, on a KPI counted in hours per week, month or year (e.g.
`admin-hours-week`, likely change), and `ethics.hours_displaced_per_year`. Neither can exceed the
hours those processes (for the hours displaced: all the initiative's processes) take today
(volume x minutes each, per year, before any saving): an initiative cannot save more time than
the work it changes. Such a claim is a warning, not an error.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from headway.strategy.model import Initiative, Strategy

_HOURS_UNIT = re.compile(r"^\s*(hours?|h)\s*(/|per|a|an|each)\s*(?P<span>week|month|year)\b", re.I)
_PER_YEAR = {"week": 52.0, "month": 12.0, "year": 1.0}


def hours_per_year_factor(unit: str) -> float | None:
    """Periods a year for a KPI unit in hours per week / month / year (None: not an hours unit)."""
    match = _HOURS_UNIT.match(unit)
    return _PER_YEAR[match.group("span").lower()] if match else None


@dataclass(frozen=True)
class HoursClaim:
    """Hours a year an initiative claims (`claimed`, from `source`) against the hours its
    processes take a year today (`process_hours`)."""

    initiative: str
    source: str
    claimed: float
    process_hours: float

    @property
    def exceeds(self) -> bool:
        """True when the claim is more than the processes' whole workload."""
        return self.claimed > self.process_hours + 1e-9

    def warning(self) -> str:
        """The claim in words, for the evaluation's notes."""
        return (
            f"{self.initiative} claims {self.claimed:,.0f} hours a year ({self.source}) but its "
            f"processes take only {self.process_hours:,.0f} hours a year: lower the claim or "
            "list the work it saves as processes."
        )


def process_hours_per_year(strategy: Strategy, process_ids: Collection[str]) -> float:
    """Hours a year today of the given processes (before any saving)."""
    per_year = 12.0 / strategy.horizon.period.months
    return per_year * sum(
        p.volume_per_period * p.minutes_each / 60.0
        for p in strategy.processes
        if p.id in process_ids
    )


def hours_claims(strategy: Strategy) -> list[HoursClaim]:
    """Every hours claim of initiatives that change processes, in document order."""
    kpis = {k.id: k for k in strategy.kpis}
    found = []
    for item in strategy.initiatives:
        for effect in item.kpi_effects:
            factor = hours_per_year_factor(kpis[effect.kpi].unit)
            if factor is not None and effect.overlaps:
                claimed = abs(effect.change.likely) * factor
                available = process_hours_per_year(strategy, effect.overlaps)
                found.append(HoursClaim(item.id, f"{effect.kpi}, likely", claimed, available))
        displaced = item.ethics.hours_displaced_per_year
        if displaced > 0 and item.process_effects:
            available = process_hours_per_year(strategy, _processes(item))
            found.append(HoursClaim(item.id, "hours displaced", displaced, available))
    return found


def _processes(item: Initiative) -> list[str]:
    return [effect.process for effect in item.process_effects]


def hours_warnings(strategy: Strategy) -> list[str]:
    """Warnings for the claims that exceed their processes' hours."""
    return [claim.warning() for claim in hours_claims(strategy) if claim.exceeds]
