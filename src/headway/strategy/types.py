"""Field types shared by the strategy document: months, shares, levels and three-point estimates."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

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

# Ceilings a small business never reaches, even in a currency with small units (a trillion
# Indonesian rupiah is about 60 million euros). They keep every figure the solver and the
# reports see finite and well scaled; a figure beyond them is a typo, not a business.
MONEY_MAX = 1e12
"""Largest amount of money in any field (in the document's currency)."""
RATE_MAX = 1e7
"""Largest money rate per hour (in the document's currency)."""
QUANTITY_MAX = 1e9
"""Largest count or amount of a thing (cases, hours, units of a resource)."""
DAYS_MAX = 1e6
"""Largest number of person-days."""
WEIGHT_MAX = 1e6
"""Largest relative weight."""
KPI_VALUE_MAX = 1e12
"""Largest size of a KPI value or change, either sign, in the KPI's unit."""

Money = Annotated[float, Field(ge=0.0, le=MONEY_MAX)]
MoneyRate = Annotated[float, Field(ge=0.0, le=RATE_MAX)]
Quantity = Annotated[float, Field(ge=0.0, le=QUANTITY_MAX)]
Days = Annotated[float, Field(ge=0.0, le=DAYS_MAX)]
Weight = Annotated[float, Field(ge=0.0, le=WEIGHT_MAX)]
KpiValue = Annotated[float, Field(ge=-KPI_VALUE_MAX, le=KPI_VALUE_MAX)]
Text = Annotated[str, Field(max_length=2000)]
ShortText = Annotated[str, Field(max_length=200)]

_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def unsafe_character(text: str) -> str | None:
    """The first character of `text` no file or terminal shows safely, as `U+XXXX`, or None.

    Control characters other than tab and line breaks, lone surrogates and the XML
    non-characters U+FFFE/U+FFFF: a workbook cannot store them, a terminal may act on them.
    """
    found = _UNSAFE_TEXT.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


class Document(BaseModel):
    """Base of every part of the document: unknown keys are errors, so typos are caught.

    Numbers must be finite (no NaN or infinity, whichever reader produced them) and text free
    of control characters.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )

    @field_validator("*", mode="before")
    @classmethod
    def _no_boolean_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        # Pydantic reads true as 1.0; a figure typed as true/false is a mistake, not a number.
        if isinstance(value, bool) and info.field_name is not None:
            annotation = cls.model_fields[info.field_name].annotation
            kinds = get_args(annotation) or (annotation,)
            if bool not in kinds and (float in kinds or int in kinds):
                raise ValueError(f"expected a number, got {str(value).lower()}")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _safe_text(cls, value: Any) -> Any:
        texts = [value] if isinstance(value, str) else []
        if isinstance(value, list | tuple):
            texts = [v for v in value if isinstance(v, str)]
        elif isinstance(value, dict):
            texts = [t for pair in value.items() for t in pair if isinstance(t, str)]
        for text in texts:
            bad = unsafe_character(text)
            if bad:
                raise ValueError(f"text holds the control character {bad}; remove it")
        return value


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

    low: KpiValue = Field(description="Optimistic or smallest plausible value.")
    likely: KpiValue = Field(description="Most likely value.")
    high: KpiValue = Field(description="Pessimistic or largest plausible value.")

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


def points_between(lower: float, upper: float) -> AfterValidator:
    """A validator of a three-point estimate: every point must lie in [lower, upper].

    Pair it with `points_range(lower, upper)`, which publishes the range in the JSON Schema
    (`x-each-minimum`, `x-each-maximum`) so the document reference shows it.
    """

    def check(estimate: ThreePoint) -> ThreePoint:
        for name in ("low", "likely", "high"):
            value = getattr(estimate, name)
            if not lower <= value <= upper:
                raise ValueError(
                    f"{name} must be between {number_text(lower)} and {number_text(upper)}, "
                    f"got {value:g}"
                )
        return estimate

    return AfterValidator(check)


def points_range(lower: float, upper: float) -> Any:
    """The range of every point of an estimate, for the JSON Schema (see `points_between`)."""
    return Field(json_schema_extra={"x-each-minimum": lower, "x-each-maximum": upper})


def number_text(value: float) -> str:
    """A bound as people read it: `1,000,000,000,000`, `0.5`, `-1,000`."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:g}"


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
