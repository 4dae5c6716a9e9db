"""The guided start: an owner's answers to a short interview turned into the strategy document
started from an industry template, and the confirmation of a template figure left unchanged.

Each answer replaces the template's figure and is recorded as checked (see
`headway.analysis.assumptions`); every other template figure stays an assumption.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from headway.analysis.assumptions import (
    CHECKED_PREFIX,
    Assumption,
    Swing,
    checked_keys,
    find_assumptions,
    swings,
    template_name,
)
from headway.strategy.templates import template_names, template_path
from headway.strategy.types import PeriodLength
from headway.workspace.edits import Edited, document_from_text, validated
from headway.workspace.errors import refuse
from headway.workspace.store import Document

HOURS_PER_PERSON_DAY = 8.0
"""Working hours in one person-day, to turn staff hours for change into person-days."""
TOP_GOAL_WEIGHT = 3.0
OTHER_GOAL_WEIGHT = 1.0
"""Direct goal weights after the interview: the three goals that matter most count three times
as much as each other goal (until weights are set by pairwise judgment)."""


@dataclass(frozen=True)
class Interview:
    """The owner's answers. Money in `currency`; `yearly_budget` is one-off automation spend a
    year, `change_hours_per_month` staff hours a month free for change work; `top_goals` are
    three goal ids; `measured` maps KPI id -> its current value in the KPI's unit."""

    business_name: str
    employees: int
    currency: str
    locale: str
    yearly_budget: float
    change_hours_per_month: float
    top_goals: Sequence[str]
    measured: Mapping[str, float] = field(default_factory=dict)


def apply_interview(
    document: Document, template: str, answers: Interview, by: str, where: str = "<document>"
) -> Edited:
    """The template document with the answers in place, validated. Refuses (`WorkspaceError`)
    unless exactly three known, different goals are named and every measured KPI exists."""
    goals = [g["id"] for g in document.get("goals", [])]
    chosen = list(dict.fromkeys(answers.top_goals))
    if len(chosen) != 3 or any(g not in goals for g in chosen):
        raise refuse("choose three different goals of the template", where, ("top_goals",))
    kpis = {k["id"]: k for k in document.get("kpis", [])}
    unknown = [k for k in answers.measured if k not in kpis]
    if unknown:
        raise refuse(f"unknown KPI '{unknown[0]}'", where, ("kpis", unknown[0]))
    new = copy.deepcopy(document)
    _business(new, answers)
    _constraints(new, answers)
    for goal in new["goals"]:
        goal["weight"] = TOP_GOAL_WEIGHT if goal["id"] in chosen else OTHER_GOAL_WEIGHT
    for kpi in new["kpis"]:
        if kpi["id"] in answers.measured:
            kpi["baseline"] = answers.measured[kpi["id"]]
            kpi["baseline_source"] = "measured"
    keys = [
        "business/name", "business/employees", "business/currency", "business/locale",
        "constraints/budget_total", "constraints/budget_per_period",
        "constraints/change_capacity_days_per_period",
    ]  # fmt: skip
    note = f"Started from Headway's {template} template; figures not checked are assumptions."
    lines = [note, *(_check_line(key, by, "guided start") for key in keys)]
    new["assumptions"] = [*lines, *new.get("assumptions", [])]
    return validated(new, where, updated=["business", "constraints", "goals", "kpis"])


def _business(document: Document, answers: Interview) -> None:
    business = document["business"]
    business["name"] = answers.business_name.strip()
    business["employees"] = answers.employees
    business["currency"] = answers.currency.strip().upper()
    business["locale"] = answers.locale.strip()


def _constraints(document: Document, answers: Interview) -> None:
    horizon = document["horizon"]
    months = PeriodLength(horizon.get("period", "quarter")).months
    years = horizon["periods"] * months / 12
    limits = document["constraints"]
    limits["budget_total"] = round(answers.yearly_budget * years, 2)
    limits["budget_per_period"] = round(answers.yearly_budget, 2)
    days = answers.change_hours_per_month * months / HOURS_PER_PERSON_DAY
    limits["change_capacity_days_per_period"] = round(days, 2)


def _check_line(key: str, by: str, how: str, on: dt.date | None = None) -> str:
    day = (on or dt.date.today()).isoformat()
    return f"{CHECKED_PREFIX}{key} ({how} by {by.strip() or 'someone'}, {day})"


def confirm_figure(
    document: Document, key: str, known: Sequence[str], by: str, on: dt.date, where: str
) -> Edited:
    """Record that the template figure `key` (one of `known`, the assumptions listed) was
    checked and stays as it is. Refuses an unknown key; confirming twice changes nothing."""
    if key not in known:
        raise refuse(f"'{key}' is not an assumption of this strategy", where, ("key",))
    if key in checked_keys(document):
        return validated(document, where)
    new = copy.deepcopy(document)
    new["assumptions"] = [*new.get("assumptions", []), _check_line(key, by, "confirmed", on)]
    return validated(new, where, updated=[key])


def template_document(name: str) -> Document:
    """The plain data of the shipped template `name`; raises `UnknownTemplateError`."""
    path = template_path(name)
    return document_from_text(path.read_text(encoding="utf-8"), str(path), "yaml")


def open_assumptions(document: Document) -> list[Assumption]:
    """The template figures of `document` still assumed; none when it names no known template."""
    name = template_name(document)
    if name is None or name not in template_names():
        return []
    return find_assumptions(document, template_document(name))


def assumption_swings(document: Document) -> list[Swing]:
    """`open_assumptions` ranked by how much each moves the plan (see `analysis.assumptions`)."""
    return swings(document, open_assumptions(document))
