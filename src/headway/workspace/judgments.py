"""Pure edit: one person's pairwise judgments of the goals or the evaluation criteria.

The judgments become that person's respondent entry in the level's weighting (replacing an
earlier entry of the same name), and the level's weights come from AHP from then on (the
element-wise geometric mean of every respondent's judgments, Aczél & Saaty 1983).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from headway.workspace.edits import Edited, validated
from headway.workspace.errors import refuse
from headway.workspace.store import Document

LEVELS = ("goals", "criteria")
"""The levels whose weights can come from pairwise judgments."""


def level_items(document: Document, level: str) -> list[str]:
    """The ids compared at `level` (goal ids, or criterion names), in document order."""
    if level == "goals":
        return [str(g.get("id")) for g in document.get("goals", [])]
    if level == "criteria":
        return [str(c.get("id")) for c in document.get("criteria", {}).get("items", [])]
    raise refuse(f"no level '{level}' (levels: {', '.join(LEVELS)})", "<document>", ("level",))


def weighting_of(document: Document, level: str) -> dict[str, Any]:
    """The level's weighting entry (method and respondents) as plain data ({} when absent)."""
    if level == "goals":
        found = document.get("goal_weighting", {})
    else:
        found = document.get("criteria", {}).get("weighting", {})
    return dict(found) if isinstance(found, Mapping) else {}


def record_judgments(
    document: Document,
    level: str,
    respondent: str,
    judgments: Mapping[tuple[str, str], float],
    where: str = "<document>",
) -> Edited:
    """Save `respondent`'s judgments ((a, b) -> how many times a matters more than b, 1/9..9)
    at `level` and switch the level to AHP weights. Refuses an empty name, an unknown item or
    fewer than two items; the engine refuses a ratio off the scale."""
    name = respondent.strip()
    if not name:
        raise refuse("the respondent's name is empty", where, ("respondent",))
    items = level_items(document, level)
    if len(items) < 2:
        raise refuse(f"comparing {level} needs at least two of them", where, (level,))
    for a, b in judgments:
        for item in (a, b):
            if item not in items:
                raise refuse(f"'{item}' is not one of the {level}", where, (level,))
    new = copy.deepcopy(document)
    holder = new if level == "goals" else new["criteria"]
    key = "goal_weighting" if level == "goals" else "weighting"
    weighting = holder.setdefault(key, {})
    comparisons = [{"a": a, "b": b, "ratio": ratio} for (a, b), ratio in judgments.items()]
    entry = {"name": name, "comparisons": comparisons}
    people = [p for p in weighting.get("respondents", []) if p.get("name") != name]
    weighting["method"] = "ahp"
    weighting["respondents"] = [*people, entry]
    return validated(new, where, updated=[name])
