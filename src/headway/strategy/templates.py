"""Industry templates and the catalogue of common SMB automation initiatives, shipped as data.

Templates are strategy documents in `templates/*.yaml` beside this module; the catalogue is
`catalogue.yaml`. A template's initiative draws on a catalogue entry by using the entry's
`category` and naming the entry in its description as `(catalogue: <id>)`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, model_validator

from headway.strategy.errors import Problem, StrategyError
from headway.strategy.model import (
    MAX_PERIODS,
    DaysEstimate,
    Initiative,
    KpiEffect,
    MoneyEstimate,
    RampEstimate,
)
from headway.strategy.types import Document, Id, Level, ThreePoint, points_between, points_range
from headway.strategy.yaml_reader import Positions, YamlReadError, read_yaml

MonthsEstimate = Annotated[
    ThreePoint, points_between(0.0, 3.0 * MAX_PERIODS), points_range(0.0, 3.0 * MAX_PERIODS)
]
TEMPLATE_DIR = Path(__file__).with_name("templates")
CATALOGUE_PATH = Path(__file__).with_name("catalogue.yaml")

_SUMMARY_PREFIX = "# Headway strategy:"
_CATALOGUE_REFERENCE = re.compile(r"\(catalogue: ([a-z0-9][a-z0-9_-]*)\)")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class TemplateInfo:
    """One shipped template: its name (for `headway init --template NAME`) and what it is.

    `business` is the business's trading name, `summary` the template's first comment line.
    """

    name: str
    business: str
    industry: str
    summary: str
    path: Path


class UnknownTemplateError(KeyError):
    """No template has the name asked for; the message lists the ones that exist."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class CatalogueError(StrategyError):
    """The catalogue file is unreadable or invalid; `problems` gives file, line, column, path."""


def list_templates() -> list[TemplateInfo]:
    """Every shipped template, sorted by name, with the summary from its first comment line."""
    return [_template_info(path) for path in sorted(TEMPLATE_DIR.glob("*.yaml"))]


def template_names() -> list[str]:
    """The names of the shipped templates, sorted."""
    return sorted(path.stem for path in TEMPLATE_DIR.glob("*.yaml"))


def template_path(name: str) -> Path:
    """The file of the template called `name` (e.g. `bakery`).

    Raises `UnknownTemplateError` naming the known templates when there is none by that name.
    """
    names = template_names()
    if _NAME.match(name) and name in names:
        return TEMPLATE_DIR / f"{name}.yaml"
    close = get_close_matches(name, names, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise UnknownTemplateError(f"no template '{name}'{hint} (templates: {', '.join(names)})")


def catalogue_reference(description: str) -> str | None:
    """The catalogue id an initiative's description names as `(catalogue: <id>)`, if any."""
    found = _CATALOGUE_REFERENCE.search(description)
    return found.group(1) if found else None


def _template_info(path: Path) -> TemplateInfo:
    text = path.read_text(encoding="utf-8")
    try:
        data, _, _ = read_yaml(text, str(path), with_positions=False)
    except YamlReadError as exc:
        raise StrategyError([exc.problem]) from None
    business = data.get("business", {}) if isinstance(data, dict) else {}
    business = business if isinstance(business, dict) else {}
    first_line = text.splitlines()[0] if text else ""
    summary = ""
    if first_line.startswith(_SUMMARY_PREFIX):
        summary = first_line[len(_SUMMARY_PREFIX) :].strip().rstrip(".")
    return TemplateInfo(
        name=path.stem,
        business=str(business.get("name", path.stem)),
        industry=str(business.get("industry", "")),
        summary=summary,
        path=path,
    )


# --- The catalogue --------------------------------------------------------------------------------

Words = Annotated[str, Field(min_length=1, max_length=120)]


class CatalogueEntry(Document):
    """A common automation initiative with typical (assumed) costs, effort and effects."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    category: str = Field(
        min_length=1, max_length=60, description="Matches `category` of template initiatives."
    )
    description: str = Field(min_length=1, max_length=2000)
    upfront_cost: MoneyEstimate = Field(description="Typical one-off cost (currency).")
    recurring_cost_per_month: MoneyEstimate = Field(
        description="Typical running cost per month (currency)."
    )
    effort_days: DaysEstimate = Field(description="Typical staff effort (person-days).")
    duration_months: MonthsEstimate = Field(description="Typical months to go-live.")
    ramp_months: RampEstimate = Field(
        default_factory=lambda: ThreePoint(low=0.0, likely=0.0, high=0.0),
        description="Typical months from when its KPI effects start to their full size.",
    )
    risk: Level = Level.medium
    industries: list[Id] = Field(min_length=1, description="Template names that commonly use it.")
    processes: list[Words] = Field(min_length=1, description="Kinds of work it usually moves.")
    kpis: list[Words] = Field(min_length=1, description="Kinds of KPI it usually moves.")


class Catalogue(Document):
    """The catalogue of common SMB automation initiatives."""

    catalogue_version: int = Field(ge=1)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code of every amount.")
    basis: str = Field(min_length=1, max_length=500, description="Where the ranges come from.")
    entries: list[CatalogueEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalogue:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.id in seen:
                raise ValueError(f"duplicate catalogue id '{entry.id}'")
            seen.add(entry.id)
        return self

    def entry(self, entry_id: str) -> CatalogueEntry:
        """The entry with this id; raises KeyError when there is none."""
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    def categories(self) -> set[str]:
        """Every category the catalogue uses."""
        return {entry.category for entry in self.entries}


@functools.cache
def shipped_catalogue() -> Catalogue:
    """The shipped catalogue, read once per process."""
    return load_catalogue()


def ramp_months(initiative: Initiative, effect: KpiEffect) -> ThreePoint:
    """Months from when a KPI effect starts to its full size (three-point): the effect's own
    `ramp_months` when any point is above 0, else its initiative's catalogue entry's, else 0
    (full at once)."""
    if effect.ramp_months.high > 0:
        return effect.ramp_months
    entry_id = catalogue_reference(initiative.description)
    catalogue = shipped_catalogue()
    if entry_id is not None and entry_id in {e.id for e in catalogue.entries}:
        return catalogue.entry(entry_id).ramp_months
    return ThreePoint(low=0.0, likely=0.0, high=0.0)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The validated catalogue (the shipped one unless `path` is given).

    Raises `CatalogueError` listing every problem with file, line, column and path.
    """
    path = path or CATALOGUE_PATH
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError([Problem(f"cannot read the catalogue: {exc}", (), name)]) from None
    try:
        data, positions, problems = read_yaml(text, name)
    except YamlReadError as exc:
        raise CatalogueError([exc.problem]) from None
    if problems:
        raise CatalogueError(problems)
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError([_problem(error, name, positions) for error in exc.errors()]) from None


def _problem(error: Any, file: str, positions: Positions) -> Problem:
    path = tuple(p for p in error["loc"] if isinstance(p, int) or "[" not in p)
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = f"unknown field '{path[-1]}'"
    elif error["type"] == "missing":
        message = "required field is missing"
    for end in range(len(path), -1, -1):
        if path[:end] in positions:
            line, column = positions[path[:end]]
            return Problem(message, path, file, line, column)
    return Problem(message, path, file)
