"""The readiness survey as data: questions, dimensions and scoring parameters.

The survey lives in `readiness_survey.yaml` beside this module; this module only reads and
checks it, so wording, weights and thresholds change without code changes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from headway.strategy.types import Id, Level, Share

SURVEY_FILE = Path(__file__).with_name("readiness_survey.yaml")


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scale(_Data):
    """The agreement scale every question is answered on."""

    min: Literal[1] = 1
    max: Literal[5] = 5
    labels: dict[int, str]


class Dimension(_Data):
    """One readiness dimension and its weight in the overall score."""

    id: Id
    name: str
    weight: float = Field(gt=0)
    description: str = ""


class Question(_Data):
    """One survey statement; `reverse` means agreeing shows less readiness."""

    id: Id
    dimension: Id
    text: str
    reverse: bool = False


class Scoring(_Data):
    """How readiness shapes the plan; each number is explained in docs/people.md."""

    change_capacity_floor: Share
    weak_below: Share
    disagreement_above: Share


class Conditions(_Data):
    """Facts of an initiative a dependency rule may test; every condition given must hold."""

    changes_staff_work: bool | None = None
    integration_at_least: Level | None = None
    risk_at_least: Level | None = None
    needs_skills: bool | None = None
    automated_decisions: bool | None = None
    category_contains: list[str] | None = None


class DependencyRule(_Data):
    """Initiatives matching `when` (or every initiative, with `always`) depend on `dimension`."""

    dimension: Id
    always: bool = False
    when: Conditions = Field(default_factory=Conditions)


class Survey(_Data):
    """The whole survey file."""

    version: int
    scale: Scale
    dimensions: list[Dimension] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    scoring: Scoring
    dependencies: list[DependencyRule]

    @model_validator(mode="after")
    def _consistent(self) -> Survey:
        dimension_ids = [d.id for d in self.dimensions]
        question_ids = [q.id for q in self.questions]
        for ids, kind in ((dimension_ids, "dimension"), (question_ids, "question")):
            if len(set(ids)) != len(ids):
                raise ValueError(f"duplicate {kind} id in the survey")
        used = [q.dimension for q in self.questions] + [r.dimension for r in self.dependencies]
        for dimension_id in used:
            if dimension_id not in dimension_ids:
                raise ValueError(f"unknown dimension '{dimension_id}' in the survey")
        return self

    @property
    def question_ids(self) -> list[str]:
        """Every question id, in survey order."""
        return [q.id for q in self.questions]

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id."""
        return next(d for d in self.dimensions if d.id == dimension_id)


def read_survey(path: str | Path) -> Survey:
    """Read and check a survey file (YAML, the shape of `readiness_survey.yaml`)."""
    with open(path, encoding="utf-8") as handle:
        return Survey.model_validate(yaml.safe_load(handle))


@cache
def default_survey() -> Survey:
    """Headway's readiness survey, read once per process."""
    return read_survey(SURVEY_FILE)
