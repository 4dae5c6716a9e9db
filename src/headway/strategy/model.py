"""The strategy document: one validated, versioned description of a business and its options.

Money is always in `business.currency`; every other unit is in the field name or its description.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from babel.localedata import exists as locale_exists
from pydantic import AfterValidator, Field

from headway.strategy.types import (
    DAYS_MAX,
    KPI_VALUE_MAX,
    MONEY_MAX,
    AutomatedDecisions,
    CriterionName,
    Days,
    Direction,
    Document,
    Id,
    KpiValue,
    Level,
    Money,
    MoneyRate,
    Month,
    PeriodLength,
    Perspective,
    Quantity,
    Share,
    ShortText,
    Source,
    Text,
    ThreePoint,
    Weight,
    points_between,
    points_range,
)

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
        default="en_GB",
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


class Comparison(Document):
    """One pairwise judgment on Saaty's 1-9 scale: `a` is `ratio` times as important as `b`."""

    a: Id
    b: Id
    ratio: float = Field(
        ge=1 / 9, le=9, description="Saaty scale 1/9..9; 3 means a is moderately more important."
    )


class Respondent(Document):
    """One person's pairwise judgments."""

    name: str = Field(min_length=1, max_length=100)
    comparisons: list[Comparison] = Field(min_length=1)


class Weighting(Document):
    """How a set of weights is obtained: typed in directly, or from AHP pairwise judgments.

    With `ahp`, each respondent compares every pair once; several respondents are combined by
    element-wise geometric mean (Aczél & Saaty 1983).
    """

    method: Literal["direct", "ahp"] = "direct"
    respondents: list[Respondent] = Field(
        default_factory=list, description="Pairwise judgments, required when method is ahp."
    )


class GoalKpi(Document):
    """A KPI that shows a goal, with its weight within the goal (normalised)."""

    kpi: Id = Field(description="Id of a KPI in `kpis`.")
    weight: Weight = Field(default=1.0, description="Relative weight within the goal.")


class Goal(Document):
    """A strategic goal."""

    id: Id
    title: str = Field(min_length=1, max_length=200, description="The goal in words.")
    perspective: Perspective = Field(description="Balanced-scorecard perspective.")
    weight: Weight | None = Field(
        default=None, description="Direct relative weight; ignored when goal weights come from AHP."
    )
    kpis: list[GoalKpi] = Field(min_length=1, description="The KPIs that show this goal.")
    description: Text = ""


class Kpi(Document):
    """A key performance indicator with its baseline and target."""

    id: Id
    name: str = Field(min_length=1, max_length=200, description="What is measured.")
    unit: str = Field(min_length=1, max_length=40, description="Unit of the values, e.g. % or EUR.")
    direction: Direction = Field(description="Whether higher (increase) or lower is better.")
    baseline: KpiValue = Field(description="Value today, in `unit`.")
    target: KpiValue = Field(description="Value wanted by `due`, in `unit`.")
    due: Month = Field(description="Month by which the target should be reached.")
    baseline_source: Source = Field(default=Source.assumed)
    revenue_per_unit_per_year: Money | None = Field(
        default=None,
        description="Extra revenue per year (currency) from one unit of improvement; "
        "counted at the gross margin.",
    )
    cost_per_unit_per_year: Money | None = Field(
        default=None, description="Cost saved per year (currency) by one unit of improvement."
    )
    value_source: Source = Field(
        default=Source.assumed,
        description="Where the money value per unit (revenue or cost per unit per year) comes "
        "from: measured, estimated or assumed.",
    )


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


class Criterion(Document):
    """A criterion and its direct weight."""

    id: CriterionName
    weight: Weight | None = Field(default=None, description="Direct weight; unused with AHP.")


class Criteria(Document):
    """Evaluation criteria and their weights."""

    weighting: Weighting = Field(default_factory=Weighting)
    items: list[Criterion] = Field(min_length=1)


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
