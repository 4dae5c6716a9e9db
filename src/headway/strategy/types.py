"""Field types shared by the strategy document: months, shares, levels and three-point estimates."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="Identifier: lower-case letters, digits, '-' and '_'; unique within its list.",
        examples=["online-ordering"],
    ),
]
Month = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="A calendar month written YYYY-MM.",
        examples=["2027-06"],
    ),
]
Share = Annotated[float, Field(ge=0.0, le=1.0, description="A share between 0 and 1.")]
NonNegative = Annotated[float, Field(ge=0.0)]
Text = Annotated[str, Field(max_length=2000)]


class Document(BaseModel):
    """Base of every part of the document: unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Level(StrEnum):
    """A three-step rating used for risk, integration complexity, scalability and lock-in."""

    low = "low"
    medium = "medium"
    high = "high"

    @property
    def score(self) -> int:
        """1 for low, 2 for medium, 3 for high."""
        return {"low": 1, "medium": 2, "high": 3}[self.value]


class Source(StrEnum):
    """Where a number comes from."""

    measured = "measured"
    estimated = "estimated"
    assumed = "assumed"


class ThreePoint(Document):
    """A three-point estimate (low <= likely <= high) in the unit of the field that holds it.

    A plain number is accepted as shorthand for low = likely = high.
    """

    low: float = Field(description="Optimistic or smallest plausible value.")
    likely: float = Field(description="Most likely value.")
    high: float = Field(description="Pessimistic or largest plausible value.")

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return {"low": value, "likely": value, "high": value}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> ThreePoint:
        if not self.low <= self.likely <= self.high:
            raise ValueError(
                f"expected low <= likely <= high, got low={self.low:g}, "
                f"likely={self.likely:g}, high={self.high:g}"
            )
        return self

    @property
    def pert_mean(self) -> float:
        """Mean of the PERT distribution: (low + 4 likely + high) / 6."""
        return (self.low + 4.0 * self.likely + self.high) / 6.0


def three_point_between(lower: float, upper: float | None = None) -> Any:
    """A validator factory: every point of the estimate must lie in [lower, upper]."""

    def check(estimate: ThreePoint) -> ThreePoint:
        for name in ("low", "likely", "high"):
            value = getattr(estimate, name)
            if value < lower or (upper is not None and value > upper):
                bound = f"between {lower:g} and {upper:g}" if upper is not None else f">= {lower:g}"
                raise ValueError(f"{name} must be {bound}, got {value:g}")
        return estimate

    return check


class Perspective(StrEnum):
    """Balanced-scorecard perspective of a goal (Kaplan & Norton 1992)."""

    financial = "financial"
    customer = "customer"
    process = "process"
    people = "people"


class Direction(StrEnum):
    """Which way a KPI improves."""

    increase = "increase"
    decrease = "decrease"

    @property
    def sign(self) -> float:
        """+1 when higher is better, -1 when lower is better."""
        return 1.0 if self is Direction.increase else -1.0


class PeriodLength(StrEnum):
    """Length of one planning period."""

    month = "month"
    quarter = "quarter"

    @property
    def months(self) -> int:
        """Calendar months in one period."""
        return 1 if self is PeriodLength.month else 3


class AutomatedDecisions(StrEnum):
    """Whom the initiative takes automated decisions about."""

    none = "none"
    customers = "customers"
    staff = "staff"
    both = "both"


class CriterionName(StrEnum):
    """The evaluation criteria Headway computes."""

    alignment = "alignment"
    npv = "npv"
    risk = "risk"
    ease = "ease"
    scalability = "scalability"
    readiness_fit = "readiness_fit"
