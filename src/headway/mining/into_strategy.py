"""Turn chosen activities of a mined log into `processes` entries of a strategy document.

This module builds the plain data of each entry; the workspace layer merges the entries into a
document (`headway.workspace.edits.merge_processes`), keeping what the user wrote by hand.

Figures written (per planning period of the document's horizon):
- `volume_per_period` = executions per year x months per period / 12;
- `minutes_each` = median measured service time, or the assumed default (a YAML comment says so);
- `error_rate` = rework rate (share of cases that repeat the activity);
- traits: `rule_based` = the standardisation part of the score, `digital_input` =
  `Assumptions.digital_input` (the work is recorded in an IT system), `stability` =
  1 / (1 + coefficient of variation of cases arriving per mining period).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any

from headway.mining.errors import MiningError
from headway.mining.profile import AutomationCandidate, ProcessProfile

DIGITAL_INPUT = 0.8


def process_id(activity: str) -> str:
    """A strategy id for an activity name: lower-case letters, digits and dashes, <= 64 chars."""
    slug = re.sub(r"[^a-z0-9]+", "-", activity.lower()).strip("-")[:60].strip("-")
    return slug or "activity"


def process_entry(
    candidate: AutomationCandidate,
    profile: ProcessProfile,
    *,
    role: str,
    months_per_period: int,
    digital_input: float = DIGITAL_INPUT,
) -> dict[str, Any]:
    """The `processes` entry (plain data) for one candidate activity."""
    stats = profile.activity(candidate.activity)
    return {
        "id": process_id(candidate.activity),
        "name": candidate.activity[:200],
        "role": role,
        "volume_per_period": round(candidate.executions_per_year * months_per_period / 12, 1),
        "minutes_each": round(candidate.minutes_each, 2),
        "error_rate": round(stats.rework_rate, 4),
        "traits": {
            "rule_based": round(candidate.standardisation, 3),
            "digital_input": digital_input,
            "stability": round(_stability(profile), 3),
        },
        "source": "measured",
    }


def check_role(role: str, roles: list[str], name: str) -> None:
    """Raise `MiningError` unless `role` is one of the document's roles."""
    if role not in roles:
        raise MiningError(
            f"role {role!r} is not in the document; pass --role with one of: "
            f"{', '.join(roles) or '(no roles defined)'}",
            name,
        )


def chosen_candidates(
    profile: ProcessProfile, activities: Sequence[str]
) -> list[AutomationCandidate]:
    """The candidates for `activities`, in that order; an unknown activity is a `MiningError`."""
    by_name = {c.activity: c for c in profile.candidates}
    chosen = []
    for activity in activities:
        if activity not in by_name:
            close = get_close_matches(activity, list(by_name), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise MiningError(f"activity {activity!r} is not in the log{hint}", profile.source)
        chosen.append(by_name[activity])
    return chosen


def _stability(profile: ProcessProfile) -> float:
    counts = [a.cases for a in profile.arrivals]
    if len(counts) < 2:
        return 0.5
    mean = sum(counts) / len(counts)
    if mean == 0:
        return 0.5
    variance = sum((c - mean) ** 2 for c in counts) / len(counts)
    return 1 / (1 + math.sqrt(variance) / mean)
