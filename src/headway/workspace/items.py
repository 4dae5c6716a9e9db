"""Pure edits of one item of the strategy document, as the editors make them: replace or add a
goal, KPI, role, process or initiative (or the constraints), remove one, and add an initiative
from the automation catalogue in one step. Each returns the validated result (`Edited`); the
engine refuses what is not valid (a duplicate id, an unknown reference, low > likely > high).
"""

from __future__ import annotations

import copy
from typing import Any

from headway.strategy.templates import CatalogueEntry, shipped_catalogue
from headway.strategy.types import PeriodLength
from headway.workspace.edits import Edited, validated
from headway.workspace.errors import refuse
from headway.workspace.store import Document

LIST_SECTIONS = ("goals", "kpis", "roles", "processes", "initiatives")
"""Sections that are lists of items with an id."""
SINGLE_SECTIONS = ("constraints",)


def item_index(document: Document, section: str, item_id: str) -> int | None:
    """Where the item `item_id` sits in `section`, or None."""
    items = document.get(section) or []
    return next((n for n, i in enumerate(items) if i.get("id") == item_id), None)


def replace_item(
    document: Document, section: str, item_id: str | None, item: dict[str, Any], where: str
) -> Edited:
    """`document` with the item `item_id` of `section` replaced by `item` (added at the end when
    `item_id` is None; the whole section for the constraints)."""
    new = copy.deepcopy(document)
    if section in SINGLE_SECTIONS:
        new[section] = item
        return validated(new, where, updated=[section])
    if section not in LIST_SECTIONS:
        raise refuse(f"no section '{section}'", where, (section,))
    items = new.setdefault(section, [])
    if item_id is None:
        items.append(item)
        return validated(new, where, added=[str(item.get("id"))])
    at = item_index(new, section, item_id)
    if at is None:
        raise refuse(f"no {section[:-1]} '{item_id}'", where, (section,))
    items[at] = item
    return validated(new, where, updated=[item_id])


def remove_item(document: Document, section: str, item_id: str, where: str) -> Edited:
    """`document` without the item `item_id`; the engine refuses it while something refers to it."""
    at = item_index(document, section, item_id) if section in LIST_SECTIONS else None
    if at is None:
        raise refuse(f"no {section[:-1]} '{item_id}'", where, (section,))
    new = copy.deepcopy(document)
    del new[section][at]
    return validated(new, where, updated=[item_id])


def catalogue_initiative(document: Document, entry: CatalogueEntry) -> dict[str, Any]:
    """A new initiative from a catalogue entry: its name, category, costs, effort and risk, its
    duration in the horizon's periods, and a description naming the entry (so its ramp applies).
    The id is the entry's, with `-2`, `-3`… when taken. KPI and process effects start empty: the
    catalogue names kinds of work, not this business's processes."""
    taken = {str(i.get("id")) for i in document.get("initiatives", [])}
    new_id, n = entry.id, 2
    while new_id in taken:
        new_id, n = f"{entry.id}-{n}", n + 1
    months = PeriodLength(document.get("horizon", {}).get("period", "quarter")).months
    duration = {
        p: round(getattr(entry.duration_months, p) / months, 2) for p in ("low", "likely", "high")
    }
    return {
        "id": new_id,
        "name": entry.name,
        "category": entry.category,
        "description": f"{entry.description} (catalogue: {entry.id})",
        "upfront_cost": entry.upfront_cost.model_dump(),
        "recurring_cost_per_month": entry.recurring_cost_per_month.model_dump(),
        "effort_days": entry.effort_days.model_dump(),
        "duration_periods": duration,
        "risk": entry.risk.value,
    }


def add_from_catalogue(document: Document, entry_id: str, where: str) -> Edited:
    """`document` with a new initiative made from the catalogue entry `entry_id`."""
    catalogue = shipped_catalogue()
    try:
        entry = catalogue.entry(entry_id)
    except KeyError:
        raise refuse(f"no catalogue entry '{entry_id}'", where, ("entry",)) from None
    item = catalogue_initiative(document, entry)
    new = copy.deepcopy(document)
    new.setdefault("initiatives", []).append(item)
    return validated(new, where, added=[item["id"]])
