"""The strategy document: one validated, versioned description of a business and its options.

Money is always in `business.currency`; every other unit is in the field name or its description.
This module holds the business, the horizon, the initiatives and the constraints; the goals, KPIs
and criteria live in `model_goals`, the roles, processes, readiness and growth in
`model_operations`, and all are imported from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from babel.localedata import exists as locale_exists
from pydantic import AfterValidator, Field

from headway.strategy.model_goals import (
    Comparison,
    Criteria,
    Criterion,
    Goal,
    GoalKpi,
    Kpi,
    Respondent,
    Weighting,
)
from headway.strategy.model_operations import (
    GrowthScenario,
    PainPoint,
    Process,
    Readiness,
    ReadinessRespondent,
    Role,
    Traits,
)
from headway.strategy.pilot import Pilot, PilotCriterion
from headway.strategy.types import (
    DAYS_MAX,
    KPI_VALUE_MAX,
    MONEY_MAX,
    AutomatedDecisions,
    Days,
    Document,
    Id,
    Level,
    Money,
    MoneyRate,
    Month,
    PeriodLength,
    Quantity,
    Share,
    ShortText,
    Text,
    ThreePoint,
    points_between,
    points_range,
)

__all__ = [
    "MAX_PERIODS",
    "SCHEMA_VERSION",
    "Business",
    "Comparison",
    "Constraints",
    "Criteria",
    "Criterion",
    "DaysEstimate",
    "DurationEstimate",
    "EthicsFacts",
    "EthicsResolution",
    "Goal",
    "GoalKpi",
    "GrowthScenario",
    "Horizon",
    "Initiative",
    "Kpi",
    "KpiChange",
    "KpiEffect",
    "MoneyEstimate",
    "NamedResource",
    "PainPoint",
    "Pilot",
    "PilotCriterion",
    "Process",
    "ProcessEffect",
    "RampEstimate",
    "Readiness",
    "ReadinessRespondent",
    "Respondent",
    "Role",
    "ShareEstimate",
    "Strategy",
    "Traits",
    "Weighting",
]

SCHEMA_VERSION = 1
MAX_PERIODS = 120
"""Longest horizon, in periods; durations and lags fit in it."""

MoneyEstimate = Annotated[ThreePoint, points_between(0.0, MONEY_MAX), points_range(0.0, MONEY_MAX)]
DaysEstimate = Annotated[ThreePoint, points_between(0.0, DAYS_MAX), points_range(0.0, DAYS_MAX)]
ShareEstimate = Annotated[ThreePoint, points_between(0.0, 1.0), points_range(0.0, 1.0)]
DurationEstimate = Annotated[
    ThreePoint, points_between(0.0, MAX_PERIODS), points_range(0.0, MAX_PERIODS)
]
RampEstimate = Annotated[ThreePoint, points_between(0.0, 60.0), points_range(0.0, 60.0)]
KpiChange = Annotated[
    ThreePoint,
    points_between(-KPI_VALUE_MAX, KPI_VALUE_MAX),
    points_range(-KPI_VALUE_MAX, KPI_VALUE_MAX),
]


DEFAULT_LOCALE = "en_GB"
"""The locale of a business that names none (numbers, money and dates in reports and pages)."""


def _known_locale(name: str) -> str:
    if not locale_exists(name):
        raise ValueError(f"unknown locale '{name}'; use one such as en_GB, de_DE or fr_FR")
    return name


class Business(Document):
    """Who the strategy belongs to, and the figures that turn effects into money."""

    name: str = Field(min_length=1, max_length=200, description="Trading name of the business.")
    industry: str = Field(max_length=100, description="Industry, free text (e.g. bakery).")
    currency: str = Field(
        pattern=r"^[A-Z]{3}$", description="ISO 4217 code of every money amount.", examples=["EUR"]
    )
    locale: Annotated[str, AfterValidator(_known_locale)] = Field(
        default=DEFAULT_LOCALE,
        pattern=r"^[a-z]{2}(_[A-Z]{2})?$",
        description="Locale for number and money formatting in reports.",
    )
    employees: int = Field(ge=0, le=100_000, description="Headcount (people).")
    annual_revenue: Money = Field(description="Revenue per year, in the currency.")
    labor_cost_per_hour: MoneyRate = Field(
        description="Default loaded labour cost per hour (wage plus on-costs), in the currency."
    )
    hours_per_fte_year: float = Field(
        default=1680.0,
        gt=0,
        le=4000,
        description="Productive hours of one full-time person a year.",
    )
    gross_margin: Share = Field(
        description="Gross margin as a share of revenue (0-1): turns revenue effects into profit."
    )


class Horizon(Document):
    """The planning window."""

    start: Month = Field(description="First month of period 1 (YYYY-MM).")
    period: PeriodLength = Field(default=PeriodLength.quarter, description="Length of a period.")
    periods: int = Field(ge=1, le=MAX_PERIODS, description="Number of periods planned.")
    discount_rate_per_year: float = Field(
        default=0.08, ge=0.0, le=1.0, description="Annual discount rate for NPV (share, 0-1)."
    )


class ProcessEffect(Document):
    """What an initiative does to a process once live."""

    process: Id
    time_saved: ShareEstimate = Field(description="Share of minutes per case saved (0-1).")
    errors_avoided: ShareEstimate = Field(
        default_factory=lambda: ThreePoint(low=0.0, likely=0.0, high=0.0),
        description="Share of errors avoided (0-1).",
    )


class KpiEffect(Document):
    """Expected change of a KPI, in the KPI's unit (signed: a reduction is negative)."""

    kpi: Id
    change: KpiChange = Field(description="Change of the KPI value once fully effective.")
    lag_periods: int = Field(
        default=0,
        ge=0,
        le=60,
        description="Periods after go-live before the effect shows (at most the horizon's "
        "periods).",
    )
    ramp_months: RampEstimate = Field(
        default_factory=lambda: ThreePoint(low=0.0, likely=0.0, high=0.0),
        description="Months from when the effect starts until it reaches full size (0-60, "
        "three-point; at most the horizon's months); all 0 (the default) takes the catalogue "
        "entry's ramp, else none.",
    )
    overlaps: list[Id] = Field(
        default_factory=list,
        max_length=50,
        description="Processes of this initiative whose saving this effect also measures "
        "(e.g. admin hours): its money is counted once, in the process saving.",
    )


class EthicsResolution(Document):
    """How an ethics finding was resolved: who decided, why, and when."""

    rule: Id = Field(description="Id of the ethics rule whose finding this resolves.")
    by: str = Field(min_length=1, max_length=100, description="Who decided (name, role).")
    why: str = Field(min_length=1, max_length=2000, description="Mitigation or reason.")
    date: dt.date = Field(description="Day of the decision (YYYY-MM-DD).")


class EthicsFacts(Document):
    """Data and people facts for the ethics review."""

    personal_data: list[ShortText] = Field(
        default_factory=list, description="Categories of personal data processed (e.g. contact)."
    )
    lawful_basis: str | None = Field(default=None, max_length=200)
    automated_decisions: AutomatedDecisions = AutomatedDecisions.none
    hours_displaced_per_year: Quantity = Field(
        default=0.0, description="Staff hours a year the initiative takes over."
    )
    redeployment_plan: str | None = Field(default=None, max_length=2000)
    vendor_lock_in: Level = Level.low
    data_export: bool = Field(default=True, description="Can the data be exported if you leave?")
    resolutions: list[EthicsResolution] = Field(
        default_factory=list, description="Recorded resolutions of this initiative's findings."
    )


class Initiative(Document):
    """An automation the business could buy or build."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    category: str = Field(min_length=1, max_length=60)
    description: Text = ""
    upfront_cost: MoneyEstimate = Field(description="One-off cost (currency).")
    recurring_cost_per_month: MoneyEstimate = Field(
        description="Running cost per month once live (currency)."
    )
    effort_days: DaysEstimate = Field(description="Staff effort to introduce (person-days).")
    duration_periods: DurationEstimate = Field(
        description="Periods from start to go-live (each point at most the horizon's periods)."
    )
    risk: Level = Level.medium
    integration: Level = Field(default=Level.medium, description="Integration complexity.")
    scalability: Level = Field(default=Level.medium, description="How well it grows with volume.")
    requires: list[Id] = Field(default_factory=list, description="Initiatives that must go first.")
    alternative_group: Id | None = Field(default=None, description="Pick at most one per group.")
    mandatory: bool = False
    excluded: bool = False
    process_effects: list[ProcessEffect] = Field(default_factory=list)
    kpi_effects: list[KpiEffect] = Field(default_factory=list)
    resources: dict[Id, Quantity] = Field(
        default_factory=dict,
        description="Use of extra named resources per period in flight (resource id -> amount).",
    )
    skills_needed: list[Id] = Field(default_factory=list)
    readiness_gains: dict[Id, Share] = Field(
        default_factory=dict,
        max_length=20,
        description="Change management (training, communication, process clean-up, a "
        "champion's time): readiness dimensions (survey ids, e.g. change-history) this initiative "
        "raises once live, by how many points (0-1); the plan counts what that lets other "
        "initiatives deliver in later periods.",
    )
    ethics: EthicsFacts = Field(default_factory=EthicsFacts)
    pilot: Pilot | None = Field(
        default=None,
        description="A pilot run first: the plan schedules pilot, go/no-go gate, then roll-out.",
    )


class NamedResource(Document):
    """An extra limited resource, e.g. an IT contractor's days."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(default="units", max_length=40)
    per_period: Quantity = Field(description="Amount available in each period.")


class Constraints(Document):
    """The means the plan must fit in."""

    budget_total: Money = Field(description="Upfront budget over the horizon (currency).")
    budget_per_period: Money = Field(description="Upfront budget in any one period.")
    recurring_budget_per_month: Money = Field(
        description="Running costs affordable per month once live (currency)."
    )
    change_capacity_days_per_period: Days = Field(
        description="Staff person-days per period available for change work."
    )
    max_in_flight: int = Field(
        default=3, ge=1, le=1000, description="Initiatives under way at once."
    )
    min_readiness_for_high_risk: Share = Field(
        default=0.0, description="Readiness (0-1) needed before a high-risk initiative may start."
    )
    resources: list[NamedResource] = Field(default_factory=list)


class Strategy(Document):
    """A workspace's strategy document."""

    schema_version: Literal[1] = Field(default=1, description="Version of this document format.")
    business: Business = Field(description="The business and its money figures.")
    horizon: Horizon = Field(description="The planning window.")
    goal_weighting: Weighting = Field(
        default_factory=Weighting,
        description="How goal weights are set: direct (each goal's weight) or AHP judgments.",
    )
    goals: list[Goal] = Field(min_length=1, max_length=200, description="Strategic goals.")
    kpis: list[Kpi] = Field(min_length=1, max_length=1000, description="KPIs that show the goals.")
    roles: list[Role] = Field(default_factory=list, max_length=1000, description="Staff roles.")
    processes: list[Process] = Field(
        default_factory=list, max_length=2000, description="How work is done today."
    )
    initiatives: list[Initiative] = Field(
        default_factory=list,
        max_length=2000,
        description="Automation the business could buy or build.",
    )
    constraints: Constraints = Field(description="Budget, capacity and limits of the plan.")
    criteria: Criteria = Field(description="Evaluation criteria and their weights.")
    readiness: Readiness = Field(
        default_factory=Readiness, description="Answers to the readiness survey."
    )
    growth: list[GrowthScenario] = Field(
        default_factory=list, max_length=100, description="Growth scenarios for the stress test."
    )
    assumptions: list[Text] = Field(
        default_factory=list,
        max_length=1000,
        description="Assumptions and sources behind the figures, in words.",
    )
