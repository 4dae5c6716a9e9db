"""The strategy document, what the business wants: goals, the KPIs that show them, and the
evaluation criteria, each with its weights (typed in directly or from AHP judgments).

Re-exported by `headway.strategy.model`, the document's public import path.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from headway.strategy.types import (
    CriterionName,
    Direction,
    Document,
    Id,
    KpiValue,
    Money,
    Month,
    Perspective,
    Source,
    Text,
    Weight,
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


class Criterion(Document):
    """A criterion and its direct weight."""

    id: CriterionName
    weight: Weight | None = Field(default=None, description="Direct weight; unused with AHP.")


class Criteria(Document):
    """Evaluation criteria and their weights."""

    weighting: Weighting = Field(default_factory=Weighting)
    items: list[Criterion] = Field(min_length=1)
