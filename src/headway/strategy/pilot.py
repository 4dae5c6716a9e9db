"""A pilot: a small first step of an initiative, with success criteria judged at a go/no-go gate.

The roadmap schedules an initiative with a pilot as pilot -> go/no-go gate -> roll-out (the
roll-out's cost, effort and duration are the initiative's own); the gate's decision tests the
KPI measurements taken during the pilot against its criteria (`headway.monitoring.gates`).
docs/method.md ("Pilots and go/no-go gates") has the method.
"""

from __future__ import annotations

from pydantic import Field

from headway.strategy.types import KPI_VALUE_MAX, Days, Document, Id, Money

PILOT_MONTHS_MAX = 36
"""Longest pilot, in months."""


class PilotCriterion(Document):
    """What the pilot must show on one KPI for a "go"."""

    kpi: Id = Field(description="Id of a KPI the initiative has an effect on.")
    min_improvement: float = Field(
        gt=0.0,
        le=KPI_VALUE_MAX,
        description="Smallest improvement the pilot must show, in the KPI's unit and in its "
        "better direction (2 on a lower-is-better KPI means 2 units lower), measured on the "
        "pilot's scope.",
    )


class Pilot(Document):
    """A pilot run before the full roll-out: its cost, length, scope and success criteria."""

    cost: Money = Field(description="One-off cost of the pilot (currency), paid when it starts.")
    effort_days: Days | None = Field(
        default=None,
        description="Staff effort of the pilot (person-days), spread over its months; empty: "
        "`scope` times the initiative's likely effort.",
    )
    duration_months: int = Field(
        ge=1,
        le=PILOT_MONTHS_MAX,
        description="Months the pilot runs before the go/no-go gate (at most the horizon's "
        "months); the plan rounds it up to whole periods.",
    )
    scope: float = Field(
        gt=0.0,
        le=1.0,
        description="Share of the full roll-out's effect the pilot reaches (e.g. 0.2 for one "
        "shop of five): what its measurements can be expected to show.",
    )
    criteria: list[PilotCriterion] = Field(
        min_length=1,
        max_length=20,
        description="Success criteria, one per KPI: all must be met for a go.",
    )


def pilot_periods(pilot: Pilot | None, months_per_period: int) -> int:
    """Whole planning periods a pilot runs: its months rounded up to periods (0 without one)."""
    return 0 if pilot is None else -(-pilot.duration_months // months_per_period)
