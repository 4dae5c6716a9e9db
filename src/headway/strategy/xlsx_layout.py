"""Where each part of the strategy document lives in a workbook: sheets, columns and their kinds.

One sheet per list of the document. A list nested in an item (a goal's KPIs, an initiative's
effects) gets a sheet of its own whose first column names the parent item by id. Columns are
derived from the pydantic models, so a field added to the model gets a column without a change
here; a field of a shape this layout does not know stops the import of this module (a test
loads it), rather than being silently dropped.
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from headway.strategy.model import (
    Business,
    Comparison,
    Constraints,
    Criterion,
    EthicsResolution,
    Goal,
    GoalKpi,
    GrowthScenario,
    Horizon,
    Initiative,
    Kpi,
    KpiEffect,
    NamedResource,
    PainPoint,
    Process,
    ProcessEffect,
    Role,
)
from headway.strategy.pilot import PilotCriterion
from headway.strategy.types import Id

Kind = Literal["text", "number", "integer", "bool", "choice", "ids", "date"]
DocPath = tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """One column: its header, where its value sits inside a row's item, and how to read it."""

    header: str
    path: DocPath
    kind: Kind
    optional: bool = False  # an empty cell means "no value" (None) rather than "" or missing
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Table:
    """A sheet holding one list of the document.

    `at` is where the list sits: in the document when `parent` is None, otherwise inside each
    item of the parent table. Rows of a child table start with the parent's id in column
    `parent_key`. `shape` says what the list holds: items of `model`, plain strings
    (`value` names the column) or a mapping (`key` and `value` name the columns).
    """

    name: str
    at: DocPath
    shape: Literal["items", "strings", "mapping"] = "items"
    model: type[BaseModel] | None = None
    parent: str | None = None
    parent_key: str = ""
    skip: frozenset[str] = frozenset()
    key: str = ""
    value: Column | None = None
    help: str = ""
    columns: tuple[Column, ...] = field(default=())


def _plain(annotation: Any) -> Any:
    return get_args(annotation)[0] if get_origin(annotation) is Annotated else annotation


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _plain(args[0]), True
    return _plain(annotation), False


def _column(name: str, path: DocPath, info: FieldInfo, annotation: Any) -> Column:
    annotation, optional = _unwrap_optional(annotation)
    optional = optional and info.default is None
    help_text = info.description or ""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = tuple(str(member.value) for member in annotation)
        return Column(name, path, "choice", optional, choices, help_text)
    if get_origin(annotation) is Literal:
        return Column(
            name, path, "choice", optional, tuple(map(str, get_args(annotation))), help_text
        )
    if annotation is dt.date:
        return Column(name, path, "date", optional, help=help_text)
    if annotation is bool:
        return Column(name, path, "bool", optional, ("TRUE", "FALSE"), help_text)
    if annotation is int:
        return Column(name, path, "integer", optional, help=help_text)
    if annotation is float:
        return Column(name, path, "number", optional, help=help_text)
    if annotation is str:
        return Column(name, path, "text", optional, help=help_text)
    if get_origin(annotation) is list and _is_id(get_args(annotation)[0]):
        # Identifiers cannot hold commas or spaces, so one cell holds the whole list.
        return Column(name, path, "ids", help=help_text or "Identifiers separated by commas.")
    raise TypeError(f"no workbook column for field {'.'.join(path)} ({annotation!r})")


def _is_id(item: Any) -> bool:
    # list[Id] keeps the Id constraints on the item type; a free-text list (e.g. personal data
    # categories) has none and needs a sheet of its own.
    return get_origin(item) is Annotated and item == Id


def columns_of(model: type[BaseModel], skip: frozenset[str] = frozenset()) -> tuple[Column, ...]:
    """The columns of a model's fields, nested models flattened as `outer.inner` headers."""
    found: list[Column] = []

    def walk(current: type[BaseModel], prefix: DocPath) -> None:
        for name, info in current.model_fields.items():
            path = (*prefix, name)
            dotted = ".".join(path)
            if dotted in skip:
                continue
            annotation, _ = _unwrap_optional(info.annotation)
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                walk(annotation, path)
            else:
                found.append(_column(dotted, path, info, info.annotation))

    walk(model, ())
    return tuple(found)


def _items(name: str, at: DocPath, model: type[BaseModel], **options: Any) -> Table:
    skip = frozenset(options.pop("skip", ()))
    return Table(name, at, "items", model, skip=skip, columns=columns_of(model, skip), **options)


TABLES: tuple[Table, ...] = (
    _items("goals", ("goals",), Goal, skip={"kpis"}, help="Strategic goals, one per row."),
    _items(
        "goal_kpis",
        ("kpis",),
        GoalKpi,
        parent="goals",
        parent_key="goal",
        help="The KPIs that show each goal, with their weight within the goal.",
    ),
    _items("kpis", ("kpis",), Kpi, help="Key performance indicators: baseline and target."),
    _items("roles", ("roles",), Role, help="Staff roles: hourly cost and capacity."),
    _items(
        "processes",
        ("processes",),
        Process,
        skip={"pain_points"},
        help="How work is done today: volumes, minutes, errors, automation traits.",
    ),
    _items(
        "pain_points",
        ("pain_points",),
        PainPoint,
        parent="processes",
        parent_key="process",
        help="Pains in a process, with the goals they hurt.",
    ),
    _items(
        "initiatives",
        ("initiatives",),
        Initiative,
        skip={
            "process_effects",
            "kpi_effects",
            "resources",
            "readiness_gains",
            "ethics.personal_data",
            "ethics.resolutions",
            "pilot.criteria",
        },
        help="Automation candidates; low/likely/high are three-point estimates.",
    ),
    _items(
        "process_effects",
        ("process_effects",),
        ProcessEffect,
        parent="initiatives",
        parent_key="initiative",
        help="What an initiative does to a process once live (shares 0-1).",
    ),
    _items(
        "kpi_effects",
        ("kpi_effects",),
        KpiEffect,
        parent="initiatives",
        parent_key="initiative",
        help="Expected change of a KPI in the KPI's unit (a reduction is negative).",
    ),
    Table(
        "personal_data",
        ("ethics", "personal_data"),
        "strings",
        parent="initiatives",
        parent_key="initiative",
        value=Column("category", (), "text", help="A category of personal data processed."),
        help="Categories of personal data each initiative processes (ethics review).",
    ),
    _items(
        "ethics_resolutions",
        ("ethics", "resolutions"),
        EthicsResolution,
        parent="initiatives",
        parent_key="initiative",
        help="How ethics findings of an initiative were resolved: who, why, when.",
    ),
    _items(
        "pilot_criteria",
        ("pilot", "criteria"),
        PilotCriterion,
        parent="initiatives",
        parent_key="initiative",
        help="Success criteria of an initiative's pilot (its pilot.* columns on initiatives).",
    ),
    Table(
        "initiative_resources",
        ("resources",),
        "mapping",
        parent="initiatives",
        parent_key="initiative",
        key="resource",
        value=Column("amount", (), "number", help="Amount used per period in flight."),
        help="Use of extra named resources (see sheet resources) per period in flight.",
    ),
    Table(
        "readiness_gains",
        ("readiness_gains",),
        "mapping",
        parent="initiatives",
        parent_key="initiative",
        key="dimension",
        value=Column("points", (), "number", help="Readiness points (0-1) raised once live."),
        help="Change management: readiness dimensions an initiative raises once live.",
    ),
    _items(
        "resources",
        ("constraints", "resources"),
        NamedResource,
        help="Extra limited resources, e.g. an IT contractor's days.",
    ),
    _items("criteria", ("criteria", "items"), Criterion, help="Evaluation criteria and weights."),
    _items(
        "growth",
        ("growth",),
        GrowthScenario,
        skip={"process_multipliers"},
        help="Growth scenarios as volume multipliers.",
    ),
    Table(
        "growth_multipliers",
        ("process_multipliers",),
        "mapping",
        parent="growth",
        parent_key="scenario",
        key="process",
        value=Column("multiplier", (), "number", help="Replaces the scenario's multiplier."),
        help="Per-process multipliers of a growth scenario.",
    ),
    Table(
        "assumptions",
        ("assumptions",),
        "strings",
        value=Column("assumption", (), "text", help="An assumption or source, in words."),
        help="Assumptions and sources behind the figures.",
    ),
)
TABLE_BY_NAME = {table.name: table for table in TABLES}


def _settings() -> tuple[Column, ...]:
    rows: list[Column] = [Column("schema_version", ("schema_version",), "integer")]
    for section, model, skip in (
        ("business", Business, frozenset[str]()),
        ("horizon", Horizon, frozenset[str]()),
        ("constraints", Constraints, frozenset({"resources"})),
    ):
        for column in columns_of(model, skip):
            path = (section, *column.path)
            rows.append(
                Column(
                    ".".join(path), path, column.kind, column.optional, column.choices, column.help
                )
            )
    for path in (("goal_weighting", "method"), ("criteria", "weighting", "method")):
        rows.append(Column(".".join(path), path, "choice", choices=("direct", "ahp")))
    return tuple(rows)


SETTINGS: tuple[Column, ...] = _settings()

SETTINGS_COLUMNS: tuple[Column, ...] = (
    Column("field", (), "text", help="Section and name of the setting; keep as written."),
    Column("value", (), "text", help="The value; see the meaning column for units."),
    Column("meaning", (), "text", help="What the setting means (not read back)."),
)

# Pairwise judgments (AHP) of both weightings share one sheet; readiness answers have their own.
JUDGMENT_COLUMNS: tuple[Column, ...] = (
    Column("weighting", (), "choice", choices=("goals", "criteria"), help="Which weights."),
    Column("respondent", ("name",), "text", help="Who judged; one name per person."),
    *columns_of(Comparison),
)
WEIGHTINGS: dict[str, DocPath] = {
    "goals": ("goal_weighting",),
    "criteria": ("criteria", "weighting"),
}
READINESS_COLUMNS: tuple[Column, ...] = (
    Column("respondent", ("name",), "text", help="Who answered; one name per person."),
    Column("role", ("role",), "text", help="Their role (staff, manager, owner, ...)."),
    Column("question", (), "text", optional=True, help="Survey question id."),
    Column("answer", (), "integer", optional=True, help="Agreement 1 (disagree) to 5 (agree)."),
)
# Columns holding the id of an item on another sheet: their dropdown lists that sheet's ids.
REFERENCES: dict[tuple[str, str], str] = {
    ("goal_kpis", "goal"): "goals",
    ("goal_kpis", "kpi"): "kpis",
    ("processes", "role"): "roles",
    ("pain_points", "process"): "processes",
    ("process_effects", "initiative"): "initiatives",
    ("process_effects", "process"): "processes",
    ("kpi_effects", "initiative"): "initiatives",
    ("kpi_effects", "kpi"): "kpis",
    ("personal_data", "initiative"): "initiatives",
    ("ethics_resolutions", "initiative"): "initiatives",
    ("pilot_criteria", "initiative"): "initiatives",
    ("pilot_criteria", "kpi"): "kpis",
    ("initiative_resources", "initiative"): "initiatives",
    ("initiative_resources", "resource"): "resources",
    ("growth_multipliers", "scenario"): "growth",
    ("growth_multipliers", "process"): "processes",
}
SPECIAL_SHEETS = {
    "settings": "Single values: business, horizon, constraints, how weights are set.",
    "judgments": "Pairwise judgments (AHP, Saaty 1-9 scale): a is `ratio` times as important as b.",
    "readiness": "Readiness survey answers, one row per answer.",
}
INSTRUCTIONS = "instructions"
SHEET_ORDER: tuple[str, ...] = (
    INSTRUCTIONS,
    "settings",
    *(t.name for t in TABLES),
    "judgments",
    "readiness",
)


def sheet_columns(name: str) -> list[Column]:
    """The columns of sheet `name` in order (a child sheet starts with its parent's id)."""
    if name == "settings":
        return list(SETTINGS_COLUMNS)
    if name == "judgments":
        return list(JUDGMENT_COLUMNS)
    if name == "readiness":
        return list(READINESS_COLUMNS)
    table = TABLE_BY_NAME[name]
    lead = []
    if table.parent:
        lead = [Column(table.parent_key, (), "text", help=f"Id of the {table.parent} row.")]
    if table.shape == "mapping":
        assert table.value is not None
        return [*lead, Column(table.key, (), "text", help="Id it refers to."), table.value]
    if table.shape == "strings":
        assert table.value is not None
        return [*lead, table.value]
    return [*lead, *table.columns]
