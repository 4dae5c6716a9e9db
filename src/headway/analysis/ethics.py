"""Ethics review: rules (data, `ethics_rules.yaml`) over each initiative's ethics facts.

A rule whose conditions all hold produces a `Finding` with the rule's severity. A finding is
resolved when the initiative's `ethics.resolutions` records the rule id, who decided and why.
An initiative with an unresolved high finding cannot be part of an approved plan
(`approval_blockers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from headway.strategy.model import EthicsResolution, Initiative, Strategy
from headway.strategy.types import Id, Level

RULES_FILE = Path(__file__).with_name("ethics_rules.yaml")


class Severity(StrEnum):
    """How much a finding matters; high blocks approval until resolved."""

    low = "low"
    medium = "medium"
    high = "high"

    @property
    def rank(self) -> int:
        """1 for low, 2 for medium, 3 for high."""
        return {"low": 1, "medium": 2, "high": 3}[self.value]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleConditions(_Data):
    """Tests on an initiative's ethics facts; every condition given must hold."""

    personal_data: bool | None = None
    personal_data_matches: list[str] | None = None
    lawful_basis_missing: bool | None = None
    lawful_basis_in: list[str] | None = None
    automated_decisions_in: list[str] | None = None
    hours_displaced_above: float | None = None
    hours_displaced_fte_at_least: float | None = None
    redeployment_plan_missing: bool | None = None
    vendor_lock_in_at_least: Level | None = None
    vendor_lock_in_at_most: Level | None = None
    data_export: bool | None = None


class EthicsRule(_Data):
    """One rule: its id, severity, conditions and the message a finding carries."""

    id: Id
    severity: Severity
    when: RuleConditions
    message: str

    @model_validator(mode="after")
    def _has_condition(self) -> EthicsRule:
        if not self.when.model_dump(exclude_none=True):
            raise ValueError(f"ethics rule '{self.id}' has no conditions")
        return self


class EthicsRules(_Data):
    """The whole `ethics_rules.yaml`."""

    version: int
    rules: list[EthicsRule] = Field(min_length=1)

    @property
    def ids(self) -> list[str]:
        """Every rule id, in file order."""
        return [r.id for r in self.rules]


@cache
def default_ethics_rules() -> EthicsRules:
    """Headway's ethics rules, read once per process."""
    with open(RULES_FILE, encoding="utf-8") as handle:
        return EthicsRules.model_validate(yaml.safe_load(handle))


@dataclass(frozen=True)
class Finding:
    """One ethics finding on one initiative; `id` is `initiative/rule`."""

    rule: str
    severity: Severity
    initiative: str
    message: str
    resolution: EthicsResolution | None = None

    @property
    def id(self) -> str:
        """Stable id used to resolve the finding: `<initiative id>/<rule id>`."""
        return f"{self.initiative}/{self.rule}"

    @property
    def resolved(self) -> bool:
        """Whether a person has recorded a resolution."""
        return self.resolution is not None

    @property
    def blocks_approval(self) -> bool:
        """A high finding without a resolution keeps the initiative out of an approved plan."""
        return self.severity is Severity.high and not self.resolved

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (for `--json` and the REST API)."""
        return {
            "id": self.id,
            "rule": self.rule,
            "severity": self.severity.value,
            "initiative": self.initiative,
            "message": self.message,
            "blocks_approval": self.blocks_approval,
            "resolution": self.resolution.model_dump(mode="json") if self.resolution else None,
        }


def ethics_review(strategy: Strategy, rules: EthicsRules | None = None) -> list[Finding]:
    """Every finding of every initiative, in document order, most severe first within one."""
    rules = rules or default_ethics_rules()
    findings: list[Finding] = []
    for item in strategy.initiatives:
        findings += review_initiative(item, strategy.business.hours_per_fte_year, rules)
    return findings


def review_initiative(
    item: Initiative, hours_per_fte_year: float, rules: EthicsRules | None = None
) -> list[Finding]:
    """The findings of one initiative (most severe first), with recorded resolutions attached."""
    rules = rules or default_ethics_rules()
    resolutions = {r.rule: r for r in item.ethics.resolutions}
    found: list[Finding] = []
    for rule in rules.rules:
        if _holds(rule.when, item, hours_per_fte_year):
            facts = _facts(item, hours_per_fte_year, rule.when)
            found.append(
                Finding(
                    rule=rule.id,
                    severity=rule.severity,
                    initiative=item.id,
                    message=" ".join(rule.message.format_map(facts).split()),
                    resolution=resolutions.get(rule.id),
                )
            )
    found.sort(key=lambda f: -f.severity.rank)
    return found


def unmatched_resolutions(
    strategy: Strategy, rules: EthicsRules | None = None
) -> list[tuple[str, EthicsResolution]]:
    """Resolutions recorded for a finding that no longer arises, as (initiative id, resolution):
    the facts changed, so the record can be removed."""
    findings = {f.id for f in ethics_review(strategy, rules)}
    return [
        (item.id, resolution)
        for item in strategy.initiatives
        for resolution in item.ethics.resolutions
        if f"{item.id}/{resolution.rule}" not in findings
    ]


def approval_blockers(
    strategy: Strategy, chosen: Iterable[str], rules: EthicsRules | None = None
) -> list[Finding]:
    """The unresolved high findings of the chosen initiatives: a plan with any of them cannot
    be approved. Empty when the plan may be approved."""
    chosen_ids = set(chosen)
    return [
        f
        for f in ethics_review(strategy, rules)
        if f.initiative in chosen_ids and f.blocks_approval
    ]


def _holds(when: RuleConditions, item: Initiative, hours_per_fte_year: float) -> bool:
    facts = item.ethics
    categories = [c.lower() for c in facts.personal_data]
    basis = (facts.lawful_basis or "").strip().lower()
    checks: list[bool] = []
    if when.personal_data is not None:
        checks.append(bool(categories) == when.personal_data)
    if when.personal_data_matches is not None:
        checks.append(bool(_matched(categories, when.personal_data_matches)))
    if when.lawful_basis_missing is not None:
        checks.append((not basis) == when.lawful_basis_missing)
    if when.lawful_basis_in is not None:
        checks.append(basis in {b.lower() for b in when.lawful_basis_in})
    if when.automated_decisions_in is not None:
        checks.append(facts.automated_decisions.value in when.automated_decisions_in)
    if when.hours_displaced_above is not None:
        checks.append(facts.hours_displaced_per_year > when.hours_displaced_above)
    if when.hours_displaced_fte_at_least is not None:
        fte = facts.hours_displaced_per_year / hours_per_fte_year
        checks.append(fte >= when.hours_displaced_fte_at_least)
    if when.redeployment_plan_missing is not None:
        missing = not (facts.redeployment_plan or "").strip()
        checks.append(missing == when.redeployment_plan_missing)
    if when.vendor_lock_in_at_least is not None:
        checks.append(facts.vendor_lock_in.score >= when.vendor_lock_in_at_least.score)
    if when.vendor_lock_in_at_most is not None:
        checks.append(facts.vendor_lock_in.score <= when.vendor_lock_in_at_most.score)
    if when.data_export is not None:
        checks.append(facts.data_export == when.data_export)
    return bool(checks) and all(checks)


def _matched(categories: list[str], words: list[str]) -> list[str]:
    return [c for c in categories if any(w.lower() in c.lower() for w in words)]


def _facts(item: Initiative, hours_per_fte_year: float, when: RuleConditions) -> dict[str, str]:
    facts = item.ethics
    hours = facts.hours_displaced_per_year
    return {
        "initiative": item.name,
        "categories": ", ".join(facts.personal_data) or "none",
        "matched": ", ".join(_matched(facts.personal_data, when.personal_data_matches or [])),
        "basis": facts.lawful_basis or "none",
        "hours": f"{hours:,.0f}",
        "fte": f"{hours / hours_per_fte_year:.2f}",
        "decisions": facts.automated_decisions.value,
        "lock_in": facts.vendor_lock_in.value,
    }
