"""The strategy document, how the business works today: staff roles, processes, the readiness
survey's answers and growth scenarios.

Re-exported by `headway.strategy.model`, the document's public import path.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from headway.strategy.types import Document, Id, Money, MoneyRate, Quantity, Share, Source


class Role(Document):
    """A staff role whose hours processes use."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    cost_per_hour: MoneyRate | None = Field(
        default=None, description="Loaded cost per hour (currency); default business rate."
    )
    fte: float = Field(ge=0.0, le=100_000, description="Capacity in full-time equivalents.")
    skills: list[Id] = Field(default_factory=list, description="Skills people in this role have.")
    other_hours_per_week: float = Field(
        default=0.0,
        ge=0.0,
        le=10_000.0,
        description="Hours a week the role works on things not listed as processes (serving, "
        "baking, driving, meetings); the growth test adds them to the processes' hours and "
        "grows them with the scenario's volume multiplier.",
    )


class Traits(Document):
    """What makes a process automatable, each a share 0-1 (higher = easier to automate)."""

    rule_based: Share = Field(description="Share of the work that follows explicit rules.")
    digital_input: Share = Field(description="Share of inputs that arrive digital and structured.")
    stability: Share = Field(description="How stable the process is (1 = rarely changes).")


class PainPoint(Document):
    """A pain in a process, linked to the goals it hurts."""

    description: str = Field(min_length=1, max_length=500)
    goals: list[Id] = Field(default_factory=list)


class Process(Document):
    """How a piece of work is done today."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    role: Id = Field(description="Role that does the work.")
    volume_per_period: Quantity = Field(description="Cases handled per planning period.")
    minutes_each: float = Field(
        ge=0.0, le=100_000, description="Working minutes per case (100,000 is about 70 days)."
    )
    error_rate: Share = Field(default=0.0, description="Share of cases with an error or rework.")
    cost_per_error: Money = Field(default=0.0, description="Cost of one error (currency).")
    traits: Traits
    pain_points: list[PainPoint] = Field(default_factory=list)
    source: Source = Field(default=Source.assumed, description="Where the figures come from.")


class ReadinessRespondent(Document):
    """One person's answers to the readiness survey (question id -> 1..5 agreement)."""

    name: str = Field(min_length=1, max_length=100)
    role: str = Field(default="staff", max_length=60)
    answers: dict[Id, Annotated[int, Field(ge=1, le=5)]] = Field(default_factory=dict)


class Readiness(Document):
    """Answers to the readiness survey."""

    respondents: list[ReadinessRespondent] = Field(default_factory=list)


class GrowthScenario(Document):
    """A growth scenario as volume multipliers."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    volume_multiplier: float = Field(
        default=1.0, gt=0, le=100, description="Multiplier on every process's volume."
    )
    process_multipliers: dict[Id, Annotated[float, Field(gt=0, le=100)]] = Field(
        default_factory=dict, description="Per-process multipliers replacing the default."
    )
