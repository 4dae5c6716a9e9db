"""A page's what-if as plain JSON (a job hashes it into its key): limits, readiness, goal weights
and initiatives forced in or out; read from a query with a clear problem per wrong field, and
applied to a strategy and the planner's settings (`headway.portfolio.scenarios`).

Goal weights are relative, in percent of the whole: a goal left empty keeps its current share
(direct or from AHP judgments), and the whole is normalised again, as direct weights are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.conf import settings

from headway.analysis.weights import goal_weights
from headway.portfolio.results import PlanSettings
from headway.portfolio.scenarios import WhatIf, apply
from headway.strategy.model import Strategy

MONEY_FIELDS = {
    "budget_total": "Total budget",
    "change_capacity_days_per_period": "Change capacity (person-days per period)",
}
"""The what-if limits a page may change, with their labels."""

READINESS = "readiness"
READINESS_LABEL = "Readiness (0-100, instead of the survey's score)"
WEIGHT = "weight."
"""Query names of goal weights: `weight.<goal id>`."""


def read_what_if(
    query: Mapping[str, Any], document: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """The what-if in `query` (a GET or POST: the number fields, `readiness`, `weight.<goal>`,
    `force_in` and `force_out` lists of the document's initiative ids), and the problems
    found, each naming its field."""
    what_if: dict[str, Any] = {}
    problems: list[str] = []
    bounds = {name: (label, 1e12) for name, label in MONEY_FIELDS.items()}
    bounds[READINESS] = (READINESS_LABEL, 100.0)
    for name, (label, most) in bounds.items():
        value = _number(query, name, label, most, problems)
        if value is not None:
            what_if[name] = value
    weights = {}
    for goal in document.get("goals", []):
        label = f"Weight of the goal {goal.get('title', goal['id'])}"
        value = _number(query, WEIGHT + goal["id"], label, 100.0, problems)
        if value is not None:
            weights[goal["id"]] = value
    if weights:
        what_if["goal_weights"] = weights
        if len(weights) == len(document["goals"]) and not any(weights.values()):
            problems.append("Goal weights: at least one must be more than 0")
    ids = {i["id"] for i in document.get("initiatives", [])}
    for name in ("force_in", "force_out"):
        chosen = query.getlist(name) if hasattr(query, "getlist") else query.get(name, [])
        unknown = sorted(set(chosen) - ids)
        if unknown:
            problems.append(f"{name.replace('_', ' ')}: no initiative '{unknown[0][:40]}'")
        elif chosen:
            what_if[name] = sorted(set(chosen))
    if set(what_if.get("force_in", ())) & set(what_if.get("force_out", ())):
        problems.append("force in and force out: an initiative cannot be both")
    return what_if, problems


def _number(
    query: Mapping[str, Any], name: str, label: str, most: float, problems: list[str]
) -> float | None:
    text = str(query.get(name) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        problems.append(f"{label}: '{text[:40]}' is not a number")
        return None
    if not 0 <= value <= most:
        problems.append(f"{label}: must be between 0 and {most:,.0f}")
        return None
    return value


def what_if_pairs(what_if: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The query of `what_if` as (name, value) pairs, as `read_what_if` reads them back."""
    numbers = (*MONEY_FIELDS, READINESS)
    pairs = [(name, _typed(what_if[name])) for name in numbers if name in what_if]
    pairs += [(WEIGHT + goal, _typed(w)) for goal, w in what_if.get("goal_weights", {}).items()]
    pairs += [(name, i) for name in ("force_in", "force_out") for i in what_if.get(name, ())]
    return pairs


def _typed(value: float) -> str:
    """A number as a person types it: 3000 rather than 3000.0, never an exponent."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def form_fields(what_if: Mapping[str, Any], document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The what-if number fields of a page: `name`, `label` with its unit, `value` as typed,
    `most` (upper bound) and `placeholder` (a goal's current share, when typed in directly)."""
    currency = document["business"]["currency"]
    fields = [
        _field(name, f"{label} ({currency})" if name == "budget_total" else label, what_if, 1e12)
        for name, label in MONEY_FIELDS.items()
    ]
    fields.append(_field(READINESS, READINESS_LABEL, what_if, 100))
    goals = document.get("goals", [])
    direct = [g.get("weight") for g in goals]
    method = document.get("goal_weighting", {}).get("method", "direct")
    shares = (
        [100 * w / sum(direct) for w in direct]
        if method == "direct" and None not in direct and sum(direct) > 0
        else [None] * len(goals)
    )
    typed = what_if.get("goal_weights", {})
    for goal, share in zip(goals, shares, strict=True):
        label = f"Weight of the goal {goal.get('title', goal['id'])} (% of all goals)"
        field = _field(WEIGHT + goal["id"], label, typed, 100, key=goal["id"])
        field["placeholder"] = "" if share is None else _typed(share)
        fields.append(field)
    return fields


def _field(
    name: str, label: str, values: Mapping[str, Any], most: float, key: str | None = None
) -> dict[str, Any]:
    key = key or name
    value = _typed(values[key]) if key in values else ""
    return {"name": name, "label": label, "value": value, "most": most, "placeholder": ""}


def apply_what_if(strategy: Strategy, what_if: Mapping[str, Any]) -> Strategy:
    """`strategy` with the what-if's limits, goal weights and forced initiatives (mandatory or
    excluded); readiness goes to the planner's settings (`plan_settings`)."""
    numbers = {name: what_if[name] for name in MONEY_FIELDS if name in what_if}
    weights: dict[str, float] = {}
    if what_if.get("goal_weights"):
        weights = {goal: 100 * share for goal, share in goal_weights(strategy).items()}
        weights.update({goal: float(w) for goal, w in what_if["goal_weights"].items()})
    changed = apply(strategy, WhatIf("what-if", goal_weights=weights, **numbers))
    forced_in, forced_out = set(what_if.get("force_in", ())), set(what_if.get("force_out", ()))
    if not forced_in and not forced_out:
        return changed
    initiatives = [
        i.model_copy(
            update={
                "mandatory": i.id in forced_in or (i.mandatory and i.id not in forced_out),
                "excluded": i.id in forced_out or (i.excluded and i.id not in forced_in),
            }
        )
        for i in changed.initiatives
    ]
    return changed.model_copy(update={"initiatives": initiatives})


def planner_settings(**changes: Any) -> PlanSettings:
    """The planner's settings as the web app's settings table says (its `plan_time_limit` and
    `plan_time_budget`, from the environment as for the command line, and up to how many
    initiatives a plan carries its re-solving explanations, `plan_explain_solves_up_to`), with
    `changes`."""
    chosen = {"explain_solves_up_to": settings.HEADWAY_PLAN_EXPLAIN_SOLVES_UP_TO, **changes}
    return PlanSettings.within(
        settings.HEADWAY_PLAN_TIME_LIMIT, settings.HEADWAY_PLAN_TIME_BUDGET, **chosen
    )


def plan_settings(what_if: Mapping[str, Any], chosen: PlanSettings | None = None) -> PlanSettings:
    """`chosen` (default: `planner_settings()`) with the what-if's readiness (typed 0-100) in
    place of the survey's score."""
    chosen = chosen or planner_settings()
    if READINESS not in what_if:
        return chosen
    return replace(chosen, readiness=float(what_if[READINESS]) / 100)
