"""Cross-checks the model alone cannot make: references, duplicates, cycles, weights, dates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import get_close_matches

from headway.strategy.calendar import horizon_months, month_number
from headway.strategy.errors import Path
from headway.strategy.model import Initiative, Strategy, Weighting
from headway.strategy.survey import default_survey

Found = tuple[Path, str]


def _duplicates(ids: Iterable[str], where: Path, field: str = "id") -> list[Found]:
    seen: set[str] = set()
    found: list[Found] = []
    for index, item_id in enumerate(ids):
        if item_id in seen:
            found.append(((*where, index, field), f"duplicate id '{item_id}'"))
        seen.add(item_id)
    return found


def _unknown(value: str, known: Sequence[str], kind: str, path: Path) -> list[Found]:
    if value in known:
        return []
    close = get_close_matches(value, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    listed = ", ".join(sorted(known)[:12]) or "none defined"
    return [(path, f"unknown {kind} '{value}'{hint} (known: {listed})")]


def _cycle(requires: dict[str, list[str]]) -> list[str] | None:
    """A dependency cycle as a list of ids (first == last), or None."""
    state: dict[str, int] = {}
    for start in requires:
        if state.get(start):
            continue
        trail: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, next_index = stack.pop()
            if next_index == 0:
                state[node] = 1
                trail.append(node)
            successors = [s for s in requires.get(node, []) if s in requires]
            if next_index < len(successors):
                stack.append((node, next_index + 1))
                succ = successors[next_index]
                if state.get(succ) == 1:
                    return [*trail[trail.index(succ) :], succ]
                if not state.get(succ):
                    stack.append((succ, 0))
            else:
                state[node] = 2
                trail.pop()
    return None


def _weighting(weighting: Weighting, ids: Sequence[str], where: Path, kind: str) -> list[Found]:
    if weighting.method != "ahp":
        if weighting.respondents:
            return [((*where, "respondents"), "pairwise judgments need method: ahp")]
        return []
    found: list[Found] = []
    if not weighting.respondents:
        found.append(((*where, "respondents"), f"method ahp needs judgments on the {kind}s"))
    needed = {frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    for r, respondent in enumerate(weighting.respondents):
        got: set[frozenset[str]] = set()
        for c, comparison in enumerate(respondent.comparisons):
            path = (*where, "respondents", r, "comparisons", c)
            for side in ("a", "b"):
                found += _unknown(getattr(comparison, side), ids, kind, (*path, side))
            pair = frozenset((comparison.a, comparison.b))
            if comparison.a == comparison.b:
                found.append((path, f"a {kind} cannot be compared with itself"))
            elif pair in got:
                found.append((path, f"pair {comparison.a} / {comparison.b} is compared twice"))
            got.add(pair)
        missing = sorted(" / ".join(sorted(p)) for p in needed - got)
        if missing:
            found.append(
                (
                    (*where, "respondents", r, "comparisons"),
                    f"{respondent.name} has not compared: " + ", ".join(missing),
                )
            )
    return found


def _direct_weights(
    weights: Sequence[float | None], where: Path, kind: str, field: str = "weight"
) -> list[Found]:
    given = [w for w in weights if w is not None]
    if given and len(given) < len(weights):
        missing = [i for i, w in enumerate(weights) if w is None]
        return [
            (
                (*where, missing[0], field),
                f"give every {kind} a weight, or none for equal weights",
            )
        ]
    if given and sum(given) <= 0:
        return [((*where, 0, field), f"{kind} weights sum to 0 and cannot be normalised")]
    return []


def check_strategy(strategy: Strategy) -> list[Found]:
    """Every cross-reference problem in the document, as (path, message) pairs."""
    s = strategy
    kpi_ids = [k.id for k in s.kpis]
    process_ids = [p.id for p in s.processes]
    initiative_ids = [i.id for i in s.initiatives]
    resource_ids = [r.id for r in s.constraints.resources]
    found = _check_unique_ids(s)
    found += _check_weights(s, kpi_ids)
    found += _check_due_months(s)
    found += _check_lengths(s)
    found += _check_processes(s)
    found += _check_initiatives(s, kpi_ids, process_ids, initiative_ids, resource_ids)
    for g, scenario in enumerate(s.growth):
        for process_id in scenario.process_multipliers:
            growth_path: Path = ("growth", g, "process_multipliers", process_id)
            found += _unknown(process_id, process_ids, "process", growth_path)
    found += _check_readiness_answers(s)
    found += _check_pilots(s)
    return found


def _check_unique_ids(s: Strategy) -> list[Found]:
    found = _duplicates([g.id for g in s.goals], ("goals",))
    found += _duplicates([k.id for k in s.kpis], ("kpis",))
    found += _duplicates([r.id for r in s.roles], ("roles",))
    found += _duplicates([p.id for p in s.processes], ("processes",))
    found += _duplicates([i.id for i in s.initiatives], ("initiatives",))
    found += _duplicates([g.id for g in s.growth], ("growth",))
    found += _duplicates([r.id for r in s.constraints.resources], ("constraints", "resources"))
    found += _duplicates([c.id.value for c in s.criteria.items], ("criteria", "items"))
    return found


def _check_weights(s: Strategy, kpi_ids: list[str]) -> list[Found]:
    found: list[Found] = []
    for g, goal in enumerate(s.goals):
        found += _duplicates([k.kpi for k in goal.kpis], ("goals", g, "kpis"), "kpi")
        for k, link in enumerate(goal.kpis):
            found += _unknown(link.kpi, kpi_ids, "KPI", ("goals", g, "kpis", k, "kpi"))
        if sum(link.weight for link in goal.kpis) <= 0:
            found.append((("goals", g, "kpis"), "KPI weights sum to 0 and cannot be normalised"))
    if s.goal_weighting.method == "direct":
        found += _direct_weights([g.weight for g in s.goals], ("goals",), "goal")
    found += _weighting(s.goal_weighting, [g.id for g in s.goals], ("goal_weighting",), "goal")
    criteria_ids = [c.id.value for c in s.criteria.items]
    if s.criteria.weighting.method == "direct":
        found += _direct_weights(
            [c.weight for c in s.criteria.items], ("criteria", "items"), "criterion"
        )
    found += _weighting(s.criteria.weighting, criteria_ids, ("criteria", "weighting"), "criterion")
    return found


def _check_due_months(s: Strategy) -> list[Found]:
    first, last = horizon_months(s.horizon)
    return [
        (
            ("kpis", k, "due"),
            f"due month {kpi.due} lies outside the horizon "
            f"({s.horizon.start} for {s.horizon.periods} {s.horizon.period.value}s)",
        )
        for k, kpi in enumerate(s.kpis)
        if not first <= month_number(kpi.due) <= last
    ]


def _check_lengths(s: Strategy) -> list[Found]:
    """Durations, lags and ramps that fit in the horizon: each point of an estimate at most the
    horizon's periods (ramps: its months)."""
    periods, unit = s.horizon.periods, s.horizon.period.value
    months = periods * s.horizon.period.months
    found: list[Found] = []

    def over(path: Path, value: float, most: int, what: str, units: str) -> None:
        if value > most:
            found.append(
                (
                    path,
                    f"{what} of {value:g} {units}s is longer than the horizon "
                    f"(expected 0 to {most} {units}s: the horizon's length)",
                )
            )

    for i, item in enumerate(s.initiatives):
        for point in ("low", "likely", "high"):
            value = getattr(item.duration_periods, point)
            over(("initiatives", i, "duration_periods", point), value, periods, "duration", unit)
        for e, effect in enumerate(item.kpi_effects):
            where: Path = ("initiatives", i, "kpi_effects", e)
            over((*where, "lag_periods"), effect.lag_periods, periods, "lag", unit)
            for point in ("low", "likely", "high"):
                value = getattr(effect.ramp_months, point)
                over((*where, "ramp_months", point), value, months, "ramp", "month")
    return found


def _check_processes(s: Strategy) -> list[Found]:
    role_ids = [r.id for r in s.roles]
    goal_ids = [g.id for g in s.goals]
    found: list[Found] = []
    for p, process in enumerate(s.processes):
        found += _unknown(process.role, role_ids, "role", ("processes", p, "role"))
        for q, pain in enumerate(process.pain_points):
            for n, goal_id in enumerate(pain.goals):
                pain_path: Path = ("processes", p, "pain_points", q, "goals", n)
                found += _unknown(goal_id, goal_ids, "goal", pain_path)
    return found


def _check_readiness_answers(s: Strategy) -> list[Found]:
    known = default_survey().question_ids
    found: list[Found] = []
    for r, respondent in enumerate(s.readiness.respondents):
        for question_id in respondent.answers:
            path: Path = ("readiness", "respondents", r, "answers", question_id)
            found += _unknown(question_id, known, "readiness question", path)
    return found


def _check_initiatives(
    s: Strategy,
    kpi_ids: list[str],
    process_ids: list[str],
    initiative_ids: list[str],
    resource_ids: list[str],
) -> list[Found]:
    found: list[Found] = []
    mandatory_in_group: dict[str, str] = {}
    by_id = {i.id: i for i in s.initiatives}
    dimension_ids = [d.id for d in default_survey().dimensions]
    for i, item in enumerate(s.initiatives):
        where: Path = ("initiatives", i)
        for r, required in enumerate(item.requires):
            if required == item.id:
                found.append(((*where, "requires", r), "an initiative cannot require itself"))
                continue
            found += _unknown(required, initiative_ids, "initiative", (*where, "requires", r))
            if item.mandatory and required in by_id and by_id[required].excluded:
                found.append(
                    (
                        (*where, "requires", r),
                        f"mandatory initiative requires '{required}', which is excluded",
                    )
                )
        if item.mandatory and item.excluded:
            found.append(((*where, "excluded"), "an initiative cannot be mandatory and excluded"))
        if item.mandatory and item.alternative_group:
            other = mandatory_in_group.get(item.alternative_group)
            if other:
                found.append(
                    (
                        (*where, "mandatory"),
                        f"'{other}' is already mandatory in alternative group "
                        f"'{item.alternative_group}'; at most one of a group can be chosen",
                    )
                )
            mandatory_in_group.setdefault(item.alternative_group, item.id)
        found += _check_effects(item, where, (kpi_ids, process_ids, resource_ids, dimension_ids))
    cycle = _cycle({i.id: list(i.requires) for i in s.initiatives})
    if cycle:
        index = initiative_ids.index(cycle[0])
        found.append(
            (("initiatives", index, "requires"), "dependency cycle: " + " -> ".join(cycle))
        )
    return found


def _check_effects(
    item: Initiative, where: Path, known: tuple[list[str], list[str], list[str], list[str]]
) -> list[Found]:
    """An initiative's effects, resources and readiness gains name what exists: `known` holds
    the KPI, process, resource and readiness-dimension ids."""
    kpi_ids, process_ids, resource_ids, dimension_ids = known
    found = _duplicates(
        [e.process for e in item.process_effects], (*where, "process_effects"), "process"
    )
    for e, effect in enumerate(item.process_effects):
        path = (*where, "process_effects", e, "process")
        found += _unknown(effect.process, process_ids, "process", path)
    found += _duplicates([e.kpi for e in item.kpi_effects], (*where, "kpi_effects"), "kpi")
    own_processes = [effect.process for effect in item.process_effects]
    for e, kpi_effect in enumerate(item.kpi_effects):
        found += _unknown(kpi_effect.kpi, kpi_ids, "KPI", (*where, "kpi_effects", e, "kpi"))
        for o, process_id in enumerate(kpi_effect.overlaps):
            path = (*where, "kpi_effects", e, "overlaps", o)
            found += _unknown(process_id, own_processes, "process of this initiative", path)
    for resource_id in item.resources:
        path = (*where, "resources", resource_id)
        found += _unknown(resource_id, resource_ids, "resource", path)
    for dimension in item.readiness_gains:
        path = (*where, "readiness_gains", dimension)
        found += _unknown(dimension, dimension_ids, "readiness dimension", path)
    return found


def _check_pilots(s: Strategy) -> list[Found]:
    """A pilot fits in the horizon and judges only KPIs its initiative is expected to move."""
    months = s.horizon.periods * s.horizon.period.months
    found: list[Found] = []
    for i, item in enumerate(s.initiatives):
        if item.pilot is None:
            continue
        where: Path = ("initiatives", i, "pilot")
        if item.pilot.duration_months > months:
            found.append(
                (
                    (*where, "duration_months"),
                    f"a pilot of {item.pilot.duration_months} months is longer than the horizon "
                    f"(expected 1 to {months} months: the horizon's length)",
                )
            )
        found += _duplicates([c.kpi for c in item.pilot.criteria], (*where, "criteria"), "kpi")
        moved = [effect.kpi for effect in item.kpi_effects]
        for c, criterion in enumerate(item.pilot.criteria):
            path: Path = (*where, "criteria", c, "kpi")
            found += _unknown(criterion.kpi, moved, "KPI among this initiative's effects", path)
    return found
