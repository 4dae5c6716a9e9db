"""Turning a staff idea into an initiative of the strategy document: a pure edit.

The initiative gets the editor's estimates (best case / most likely / worst case upfront cost,
recurring cost, effort, duration), the staff hours a year it takes over and what happens to
them (the ethics review's facts) and, when the idea names a process, an effect on it (the share
of its time saved); its description says which idea it came from. The engine validates it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from headway.workspace.edits import Edited, validated
from headway.workspace.errors import refuse
from headway.workspace.store import Document


@dataclass(frozen=True)
class InitiativeDraft:
    """What an editor decides when turning idea `idea_number` into an initiative."""

    id: str
    name: str
    category: str
    upfront_low: float
    upfront_likely: float
    upfront_high: float
    recurring_per_month: float
    effort_days: float
    duration_periods: float
    time_saved: float
    idea_number: int
    idea_title: str
    process: str = ""
    hours_displaced: float = 0.0
    redeployment_plan: str = ""


def initiative_from_idea(
    document: Document, draft: InitiativeDraft, where: str = "<document>"
) -> Edited:
    """`document` with the new initiative appended; refuses (`WorkspaceError`) an id already
    used, and the engine refuses (`StrategyError`, with the path of each field) the rest."""
    items = document.get("initiatives") or []
    if any(item.get("id") == draft.id for item in items):
        path = ("initiatives", len(items), "id")
        raise refuse(f"an initiative '{draft.id}' already exists", where, path)
    entry: dict[str, object] = {
        "id": draft.id,
        "name": draft.name,
        "category": draft.category,
        "description": f"From staff idea #{draft.idea_number}: {draft.idea_title}",
        "upfront_cost": _three(draft.upfront_low, draft.upfront_likely, draft.upfront_high),
        "recurring_cost_per_month": _three(*[draft.recurring_per_month] * 3),
        "effort_days": _three(*[draft.effort_days] * 3),
        "duration_periods": _three(*[draft.duration_periods] * 3),
    }
    ethics: dict[str, object] = {"hours_displaced_per_year": draft.hours_displaced}
    if draft.redeployment_plan.strip():
        ethics["redeployment_plan"] = draft.redeployment_plan.strip()
    entry["ethics"] = ethics
    if draft.process:
        entry["process_effects"] = [
            {"process": draft.process, "time_saved": _three(*[draft.time_saved] * 3)}
        ]
    new = copy.deepcopy(document)
    new["initiatives"] = [*items, entry]
    return validated(new, where, added=[draft.id])


def _three(low: float, likely: float, high: float) -> dict[str, float]:
    return {"low": low, "likely": likely, "high": high}
