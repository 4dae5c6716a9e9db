"""Figures still taken on trust from an industry template, and which of them move the plan most.

A figure is a number (or a three-point estimate) of the document at the same place as in the
template it started from (items matched by id). It stays an assumption while it still has the
template's value, is not checked, and its item's source (a KPI's `baseline_source` or
`value_source`, a process's `source`) still says `assumed`. A check is a line of the document's
`assumptions` list, `checked: <key> (...)`, written when someone confirms the value unchanged.

Sensitivity is one figure at a time (a tornado analysis): each assumption is moved down and up
by `SWING_SHARE` (a share within 0-1 stays within 0-1) and the change of two plan outcomes is
measured: the NPV of the initiatives worth doing (likely case, started in the first period; the
sum of the positive ones, in the currency) and their alignment (the sum of the initiatives'
alignment values, dimensionless). Assumptions are ranked by the larger relative swing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from headway.analysis.alignment import alignment_value
from headway.analysis.finance import npv_by_start
from headway.strategy.errors import StrategyError
from headway.strategy.load import validate_data
from headway.strategy.model import Strategy

SWING_SHARE = 0.25
"""How far each assumption is moved down and up in the sensitivity (a share of its value)."""

CHECKED_PREFIX = "checked: "
TEMPLATE_LINE = re.compile(r"^Started from Headway's ([a-z0-9-]+) template\b")
_CHECKED = re.compile(r"^checked: (\S+)")
_SKIPPED = {"schema_version", "horizon", "readiness", "criteria", "goal_weighting", "goals"}
_SOURCES = {
    ("kpis", "baseline"): "baseline_source",
    ("kpis", "revenue_per_unit_per_year"): "value_source",
    ("kpis", "cost_per_unit_per_year"): "value_source",
}
_POINTS = ("low", "likely", "high")
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Assumption:
    """One template figure still assumed: `key` names it by ids (`initiatives/pos/upfront_cost`),
    `path` is where it sits in the document now, `value` the number or the three-point dict."""

    key: str
    path: Path
    value: Any


@dataclass(frozen=True)
class Swing:
    """What moving one assumption by ±`SWING_SHARE` does: the NPV of the initiatives worth doing
    (currency) and their summed alignment (dimensionless), each as (down, up) change from the
    base; `weight` is the larger relative swing used to rank (0 = no effect)."""

    assumption: Assumption
    npv: tuple[float, float]
    alignment: tuple[float, float]
    weight: float


def template_name(document: Mapping[str, Any]) -> str | None:
    """The template the document says it started from (its `assumptions` line), if any."""
    for line in document.get("assumptions", []) or []:
        found = TEMPLATE_LINE.match(str(line))
        if found:
            return found.group(1)
    return None


def checked_keys(document: Mapping[str, Any]) -> set[str]:
    """The keys of the figures someone confirmed unchanged (`checked: <key>` lines)."""
    lines = document.get("assumptions", []) or []
    return {m.group(1) for m in (_CHECKED.match(str(line)) for line in lines) if m}


def find_assumptions(document: Mapping[str, Any], template: Mapping[str, Any]) -> list[Assumption]:
    """The template figures of `document` still assumed (see the module docstring), in the
    template's order."""
    checked = checked_keys(document)
    found = []
    for key, path, value, item in _figures(document, template):
        if key in checked or _sourced(key, item):
            continue
        found.append(Assumption(key, path, value))
    return found


def _figures(
    document: Mapping[str, Any], template: Mapping[str, Any]
) -> Iterator[tuple[str, Path, Any, Mapping[str, Any]]]:
    for name, value in template.items():
        if name in _SKIPPED or name not in document:
            continue
        yield from _walk(document[name], value, name, (name,), document)


def _walk(
    now: Any, then: Any, key: str, path: Path, item: Mapping[str, Any]
) -> Iterator[tuple[str, Path, Any, Mapping[str, Any]]]:
    if _is_number(then) or _is_three_point(then):
        if now == then:
            yield key, path, now, item
    elif isinstance(then, Mapping) and isinstance(now, Mapping):
        for name, value in then.items():
            if name in now:
                yield from _walk(now[name], value, f"{key}/{name}", (*path, name), item)
    elif isinstance(then, list) and isinstance(now, list):
        yield from _walk_list(now, then, key, path, item)


def _walk_list(
    now: list[Any], then: list[Any], key: str, path: Path, item: Mapping[str, Any]
) -> Iterator[tuple[str, Path, Any, Mapping[str, Any]]]:
    by_id = {e.get("id"): n for n, e in enumerate(now) if isinstance(e, Mapping) and "id" in e}
    for position, entry in enumerate(then):
        if isinstance(entry, Mapping) and "id" in entry:
            at = by_id.get(entry["id"])
            if at is not None:
                yield from _walk(now[at], entry, f"{key}/{entry['id']}", (*path, at), now[at])
        elif isinstance(entry, Mapping) and position < len(now):
            yield from _walk(now[position], entry, f"{key}/{position}", (*path, position), item)


def _sourced(key: str, item: Any) -> bool:
    """Whether the item's own source field says the figure is measured or estimated."""
    if not isinstance(item, Mapping):
        return False
    parts = key.split("/")
    field = _SOURCES.get((parts[0], parts[-1])) if len(parts) > 2 else None
    if parts[0] == "processes":
        field = "source"
    return field is not None and item.get(field, "assumed") != "assumed"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_three_point(value: Any) -> bool:
    return isinstance(value, Mapping) and set(value) == set(_POINTS)


def plan_outcomes(strategy: Strategy) -> tuple[float, float]:
    """(NPV of the initiatives worth doing in the currency, their summed alignment): the likely
    NPV when started in the first period, summed over initiatives not excluded whose NPV is
    positive; the alignment values of all initiatives not excluded, summed."""
    npv = npv_by_start(strategy)
    kept = [n for n, i in enumerate(strategy.initiatives) if not i.excluded]
    money = sum(max(0.0, float(npv[n, 0])) for n in kept) if npv.size else 0.0
    aligned = sum(alignment_value(strategy, strategy.initiatives[n].id).value for n in kept)
    return money, aligned


def swings(
    document: Mapping[str, Any], assumptions: list[Assumption], share: float = SWING_SHARE
) -> list[Swing]:
    """Each assumption's effect on `plan_outcomes` when moved by ±`share`, largest first. A move
    the engine refuses (e.g. a baseline past its target) counts as no change on that side."""
    base = plan_outcomes(validate_data(document))
    found = []
    for assumption in assumptions:
        down = _outcome(document, assumption, 1.0 - share, base)
        up = _outcome(document, assumption, 1.0 + share, base)
        npv = (down[0] - base[0], up[0] - base[0])
        aligned = (down[1] - base[1], up[1] - base[1])
        weight = max(_relative(npv, base[0]), _relative(aligned, base[1]))
        found.append(Swing(assumption, npv, aligned, weight))
    return sorted(found, key=lambda s: -s.weight)


def _relative(change: tuple[float, float], base: float) -> float:
    return max(abs(change[0]), abs(change[1])) / max(abs(base), 1e-9)


def _outcome(
    document: Mapping[str, Any], assumption: Assumption, factor: float, base: tuple[float, float]
) -> tuple[float, float]:
    moved = _replaced(document, assumption.path, _scaled(assumption.value, factor, assumption.key))
    try:
        return plan_outcomes(validate_data(moved))
    except StrategyError:
        return base


def _replaced(data: Any, path: Path, value: Any) -> Any:
    """`data` with the value at `path` replaced; only the containers on the path are copied."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, list):
        copied = list(data)
        copied[int(head)] = _replaced(data[int(head)], rest, value)
        return copied
    return {**data, head: _replaced(data[head], rest, value)}


def _scaled(value: Any, factor: float, key: str) -> Any:
    if isinstance(value, Mapping):
        return {point: _scaled(value[point], factor, key) for point in _POINTS}
    scaled = float(value) * factor
    if 0.0 <= float(value) <= 1.0 and _is_share(key):
        return min(1.0, max(0.0, scaled))
    return round(scaled) if isinstance(value, int) and key.endswith("employees") else scaled


def _is_share(key: str) -> bool:
    return key.rsplit("/", 1)[-1] in {
        "gross_margin", "error_rate", "rule_based", "digital_input", "stability",
        "time_saved", "errors_avoided", "min_readiness_for_high_risk",
    } or "/time_saved" in key or "/errors_avoided" in key  # fmt: skip
