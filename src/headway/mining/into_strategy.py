"""Turn chosen activities of a mined log into `processes` of a strategy document.

The document is edited round-trip (ruamel.yaml), so the user's comments, key order and
formatting survive; only the `processes` list gains or updates entries. A process whose id
already exists keeps what the user wrote by hand (name, role, cost per error, pain points,
traits) and gets the measured figures (volume, minutes, error rate, source) refreshed.
The result is validated as a whole before the file is replaced atomically.

Figures written (per planning period of the document's horizon):
- `volume_per_period` = executions per year x months per period / 12;
- `minutes_each` = median measured service time, or the assumed default (a YAML comment says so);
- `error_rate` = rework rate (share of cases that repeat the activity);
- traits: `rule_based` = the standardisation part of the score, `digital_input` =
  `Assumptions.digital_input` (the work is recorded in an IT system), `stability` =
  1 / (1 + coefficient of variation of cases arriving per mining period).
"""

from __future__ import annotations

import io
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from headway.files import write_atomic
from headway.mining.errors import MiningError
from headway.mining.profile import AutomationCandidate, ProcessProfile
from headway.strategy.load import load_strategy, parse_strategy

DIGITAL_INPUT = 0.8


@dataclass(frozen=True)
class MergeResult:
    """Process ids added to and updated in the document."""

    added: tuple[str, ...]
    updated: tuple[str, ...]


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


def merge_into_strategy(
    path: str | os.PathLike[str],
    profile: ProcessProfile,
    activities: Sequence[str],
    *,
    role: str,
) -> MergeResult:
    """Add or update a process for each of `activities` in the YAML document at `path`.

    Raises `MiningError` for an unknown activity or role, `StrategyError` when the document
    (before or after the merge) is not valid. The file is replaced only when all is well.
    """
    name = str(path)
    if not name.lower().endswith((".yaml", ".yml")):
        raise MiningError("--into needs a YAML strategy document (headway.yaml)", name)
    strategy = load_strategy(name)
    _check_role(role, [r.id for r in strategy.roles], name)
    chosen = _chosen_candidates(profile, activities)
    yaml, document = _load_round_trip(name)
    months = strategy.horizon.period.months
    added, updated = _merge_processes(document, chosen, profile, role=role, months=months)
    _write_validated(yaml, document, name)
    return MergeResult(tuple(added), tuple(updated))


def _check_role(role: str, roles: list[str], name: str) -> None:
    """Raise `MiningError` unless `role` is one of the document's roles."""
    if role not in roles:
        raise MiningError(
            f"role {role!r} is not in the document; pass --role with one of: "
            f"{', '.join(roles) or '(no roles defined)'}",
            name,
        )


def _chosen_candidates(
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


def _load_round_trip(name: str) -> tuple[YAML, Any]:
    """The document at `name` loaded round-trip, and a YAML that writes it back alike."""
    text = Path(name).read_text(encoding="utf-8")
    _, indent, dash_offset = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the user's lines
    yaml.indent(mapping=dash_offset or 2, sequence=indent or 2, offset=dash_offset or 0)
    return yaml, yaml.load(text)


def _merge_processes(
    document: Any,
    chosen: list[AutomationCandidate],
    profile: ProcessProfile,
    *,
    role: str,
    months: int,
) -> tuple[list[str], list[str]]:
    """Add new processes and refresh the measured figures of existing ones (ids returned)."""
    processes = document.get("processes")
    if processes is None:
        processes = CommentedSeq()
        document["processes"] = processes
    existing = {str(p.get("id")): p for p in processes if isinstance(p, dict)}
    added: list[str] = []
    updated: list[str] = []
    for candidate in chosen:
        entry = process_entry(candidate, profile, role=role, months_per_period=months)
        target = existing.get(entry["id"])
        if target is None:
            processes.append(_commented(entry, candidate, profile))
            existing[entry["id"]] = processes[-1]
            added.append(entry["id"])
        else:
            for key in ("volume_per_period", "minutes_each", "error_rate", "source"):
                target[key] = entry[key]
            if "traits" not in target:
                target["traits"] = entry["traits"]
            updated.append(entry["id"])
    return added, updated


def _write_validated(yaml: YAML, document: Any, name: str) -> None:
    """Validate the merged document as a whole, then replace the file atomically."""
    out = io.StringIO()
    yaml.dump(document, out)
    result = out.getvalue()
    parse_strategy(result, file=name, format="yaml")
    write_atomic(name, result)


def _commented(
    entry: dict[str, Any], candidate: AutomationCandidate, profile: ProcessProfile
) -> CommentedMap:
    mapping = CommentedMap()
    for key, value in entry.items():
        if key == "traits":
            traits = CommentedMap(value)
            traits.fa.set_flow_style()
            mapping[key] = traits
        else:
            mapping[key] = value
    source = Path(profile.source).name
    mapping.yaml_add_eol_comment(f"mined from {source} (headway mine)", "source")
    if not candidate.minutes_measured:
        mapping.yaml_add_eol_comment("assumed: the log has no start/complete times", "minutes_each")
    mapping.yaml_add_eol_comment("rework rate in the log", "error_rate")
    return mapping


def _stability(profile: ProcessProfile) -> float:
    counts = [a.cases for a in profile.arrivals]
    if len(counts) < 2:
        return 0.5
    mean = sum(counts) / len(counts)
    if mean == 0:
        return 0.5
    variance = sum((c - mean) ** 2 for c in counts) / len(counts)
    return 1 / (1 + math.sqrt(variance) / mean)
