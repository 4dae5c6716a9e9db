"""Talent gaps: skills initiatives need that no role has, each with a way to close it.

A gap's suggestion is an ordinary `Initiative` (training or hiring, costed from
`skills_rules.yaml`) so the optimizer can schedule it like any other, before the initiative that
needs it (`with_talent_initiatives` adds the `requires` link).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from headway.strategy.model import Initiative, Role, Strategy
from headway.strategy.types import Level, ThreePoint

RULES_FILE = Path(__file__).with_name("skills_rules.yaml")


class Remedy(BaseModel):
    """How to close a gap in one skill; money in hours of loaded labour cost."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["training", "hiring"]
    fee_hours: ThreePoint
    days_per_person: ThreePoint
    people: int = Field(ge=1, le=20)
    duration_periods: float = Field(ge=1, le=120)


class SkillsRules(BaseModel):
    """The whole `skills_rules.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    default: Remedy
    skills: dict[str, Remedy] = Field(default_factory=dict)

    def remedy(self, skill: str) -> Remedy:
        """The remedy for a skill, or the default."""
        return self.skills.get(skill, self.default)


@cache
def default_skills_rules() -> SkillsRules:
    """Headway's remedies for skill gaps, read once per process."""
    with open(RULES_FILE, encoding="utf-8") as handle:
        return SkillsRules.model_validate(yaml.safe_load(handle))


@dataclass(frozen=True)
class TalentGap:
    """A skill no role has, the initiatives that need it, and the suggested remedy.

    `suggestion.upfront_cost` is in the business's currency, `suggestion.effort_days` in
    person-days of staff time, `suggestion.duration_periods` in planning periods.
    """

    skill: str
    needed_by: tuple[str, ...]
    kind: Literal["training", "hiring"]
    role: str | None
    suggestion: Initiative
    already_planned: bool


def talent_gaps(strategy: Strategy, rules: SkillsRules | None = None) -> list[TalentGap]:
    """Every skill needed by an initiative but held by no role, in order of first need.

    Training and hiring initiatives the suggestions would add are not themselves checked.
    When the document already holds an initiative with the suggested id, that one is the
    suggestion and `already_planned` is true.
    """
    rules = rules or default_skills_rules()
    held = {skill for role in strategy.roles for skill in role.skills}
    needed_by: dict[str, list[Initiative]] = {}
    for item in strategy.initiatives:
        if item.excluded:
            continue
        for skill in item.skills_needed:
            if skill not in held:
                needed_by.setdefault(skill, []).append(item)
    existing = {i.id: i for i in strategy.initiatives}
    gaps: list[TalentGap] = []
    for skill, items in needed_by.items():
        remedy = rules.remedy(skill)
        role = _learner(strategy, items) if remedy.kind == "training" else None
        built = _suggestion(strategy, skill, remedy, role)
        planned = existing.get(built.id)
        gaps.append(
            TalentGap(
                skill=skill,
                needed_by=tuple(i.id for i in items),
                kind=remedy.kind,
                role=role.id if role else None,
                suggestion=planned or built,
                already_planned=planned is not None,
            )
        )
    return gaps


def with_talent_initiatives(
    strategy: Strategy, gaps: Sequence[TalentGap] | None = None
) -> Strategy:
    """The strategy with each gap's suggested initiative added (when not already there) and
    required by every initiative that needs the skill, ready for the optimizer."""
    gaps = talent_gaps(strategy) if gaps is None else gaps
    extra = [g.suggestion for g in gaps if not g.already_planned]
    needs: dict[str, list[str]] = {}
    for gap in gaps:
        for item_id in gap.needed_by:
            needs.setdefault(item_id, []).append(gap.suggestion.id)
    initiatives = []
    for item in strategy.initiatives:
        added = [r for r in needs.get(item.id, []) if r not in item.requires]
        if added:
            item = item.model_copy(update={"requires": [*item.requires, *added]})
        initiatives.append(item)
    return strategy.model_copy(update={"initiatives": [*extra, *initiatives]})


def _learner(strategy: Strategy, items: Sequence[Initiative]) -> Role | None:
    """The role that will use the new tool: the one whose processes the initiatives change
    most (minutes per period), else the role with the most skills, then the best paid (often
    the owner)."""
    if not strategy.roles:
        return None
    processes = {p.id: p for p in strategy.processes}
    minutes: dict[str, float] = {}
    for item in items:
        for effect in item.process_effects:
            process = processes.get(effect.process)
            if process is not None:
                load = process.volume_per_period * process.minutes_each
                minutes[process.role] = minutes.get(process.role, 0.0) + load
    roles = {r.id: r for r in strategy.roles}
    if minutes:
        best = max(minutes, key=lambda role_id: minutes[role_id])
        if best in roles:
            return roles[best]
    rate = strategy.business.labor_cost_per_hour
    return max(strategy.roles, key=lambda r: (len(r.skills), r.cost_per_hour or rate))


def _suggestion(strategy: Strategy, skill: str, remedy: Remedy, role: Role | None) -> Initiative:
    rate = strategy.business.labor_cost_per_hour
    people = remedy.people
    if role is not None:
        people = max(1, min(remedy.people, math.ceil(role.fte)))
    if remedy.kind == "training":
        who = f"{people} of {role.name}" if role else f"{people} staff"
        name = f"Training in {skill} ({who})"
        description = f"Course in {skill} for {who}: closes a talent gap named by Headway."
    else:
        name = f"Freelance {skill} specialist"
        description = (
            f"Hire a freelance specialist in {skill}: closes a talent gap named by Headway."
        )
    return Initiative(
        id=f"{'train' if remedy.kind == 'training' else 'hire'}-{skill}"[:64],
        name=name,
        category=remedy.kind,
        description=description,
        upfront_cost=_scaled(remedy.fee_hours, rate),
        recurring_cost_per_month=ThreePoint(low=0.0, likely=0.0, high=0.0),
        effort_days=_scaled(remedy.days_per_person, people),
        duration_periods=ThreePoint(
            low=remedy.duration_periods,
            likely=remedy.duration_periods,
            high=remedy.duration_periods,
        ),
        risk=Level.low,
        integration=Level.low,
        scalability=Level.medium,
    )


def _scaled(estimate: ThreePoint, factor: float) -> ThreePoint:
    return ThreePoint(
        low=round(estimate.low * factor, 2),
        likely=round(estimate.likely * factor, 2),
        high=round(estimate.high * factor, 2),
    )
