"""The Alignment Index: five aspects of how well automation serves the strategy, 0-100.

The definition, with every formula and threshold, is docs/alignment-index.md (a product
promise: change it there first). This module computes it from the strategy, the initiatives in
scope, and — when there are any — the measurements, status records and realization verdicts.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from statistics import fmean

from headway.analysis.alignment import alignment_value
from headway.analysis.ethics import ethics_review
from headway.analysis.gap import kpi_weights
from headway.analysis.growth import other_work_hours, process_hours
from headway.analysis.readiness import NOT_ASSESSED, readiness_score
from headway.monitoring.initiatives import InitiativeState
from headway.monitoring.realization import Realization, Verdict
from headway.monitoring.records import Measurement
from headway.numbers import Numbers, Unit
from headway.strategy.model import GrowthScenario, Strategy

MIN_ALIGNMENT = 0.02
FULL_PRODUCTIVITY_SHARE = 0.5
RECENT_DAYS = 93
ALIGNED_FROM = 70.0
AT_RISK_FROM = 40.0
NO_PLAN_RULE = "hours-displaced-no-plan"


class AlignmentVerdict(StrEnum):
    """Verdict of an aspect or of the index."""

    aligned = "aligned"
    at_risk = "at risk"
    misaligned = "misaligned"


class Mode(StrEnum):
    """What the index is computed on."""

    measured = "measured"
    plan_only = "plan only"


@dataclass(frozen=True)
class Aspect:
    """One aspect: score 0-100, its verdict, the evidence in words and the figures behind it."""

    aspect: str
    score: float
    verdict: AlignmentVerdict
    evidence: str
    figures: dict[str, float]


@dataclass(frozen=True)
class AlignmentIndex:
    """The index (0-100, mean of the five aspects), its verdict, mode and aspects."""

    score: float
    verdict: AlignmentVerdict
    mode: Mode
    scope: tuple[str, ...]
    aspects: tuple[Aspect, ...]
    note: str


def verdict_of(score: float) -> AlignmentVerdict:
    """Aligned from 70, at risk from 40, misaligned below."""
    if score >= ALIGNED_FROM:
        return AlignmentVerdict.aligned
    return AlignmentVerdict.at_risk if score >= AT_RISK_FROM else AlignmentVerdict.misaligned


def _aspect(name: str, score: float, evidence: str, **figures: float) -> Aspect:
    score = round(min(100.0, max(0.0, score)), 1)
    return Aspect(name, score, verdict_of(score), evidence, figures)


def yearly_hours(strategy: Strategy) -> dict[str, float]:
    """Process id -> hours a year at today's volumes (`analysis.growth.process_hours` x periods
    a year)."""
    per_year = 12 / strategy.horizon.period.months
    return {p: h * per_year for p, h in process_hours(strategy, None).items()}


def realization_ratios(
    scope: Iterable[str], realizations: Iterable[Realization]
) -> dict[str, float]:
    """Per initiative: mean of clip(measured / expected, 0, 1) over its judged KPIs, else 1."""
    judged: dict[str, list[float]] = {}
    for r in realizations:
        if r.verdict is not Verdict.not_yet_clear and r.ratio is not None:
            judged.setdefault(r.initiative, []).append(min(1.0, max(0.0, r.ratio)))
    return {i: fmean(judged[i]) if i in judged else 1.0 for i in scope}


def saved_shares(
    strategy: Strategy, scope: Sequence[str], ratios: Mapping[str, float]
) -> dict[str, float]:
    """Per process touched by the scope: share of its time saved, 1 - prod(1 - s_i r_i)."""
    remaining: dict[str, float] = {}
    for initiative in strategy.initiatives:
        if initiative.id not in scope:
            continue
        for effect in initiative.process_effects:
            kept = remaining.get(effect.process, 1.0)
            share = effect.time_saved.pert_mean * ratios.get(initiative.id, 1.0)
            remaining[effect.process] = kept * (1 - share)
    return {process: 1 - kept for process, kept in remaining.items()}


def alignment_index(
    strategy: Strategy,
    scope: Sequence[str],
    *,
    mode: Mode,
    states: Mapping[str, InitiativeState],
    measurements: Iterable[Measurement] = (),
    realizations: Sequence[Realization] = (),
    as_of: date,
) -> AlignmentIndex:
    """The Alignment Index of the initiatives in `scope` (ids), as docs/alignment-index.md says.

    `states` gives each initiative's spend (actual where recorded, else estimated); `as_of` is
    the day "recent data" is counted back from.
    """
    ratios = realization_ratios(scope, realizations)
    aspects = (
        resource_use(strategy, scope, states, realizations),
        productivity(strategy, scope, ratios, measured=_judged(scope, realizations)),
        decision_making(strategy, mode, measurements, as_of),
        growth_potential(strategy, scope, ratios),
        employee_morale(strategy, scope, ratios),
    )
    score = round(fmean(a.score for a in aspects), 1)
    note = (
        "Computed on the plan alone: no measurements or status records yet."
        if mode is Mode.plan_only
        else f"Measured: tracking data up to {as_of.isoformat()}."
    )
    return AlignmentIndex(score, verdict_of(score), mode, tuple(scope), aspects, note)


def resource_use(
    strategy: Strategy,
    scope: Sequence[str],
    states: Mapping[str, InitiativeState],
    realizations: Sequence[Realization],
) -> Aspect:
    """Share of spend on initiatives closing at least 2% of the weighted gap and not failing."""
    shown = Numbers.of(strategy.business)
    total = aligned = 0.0
    off: list[str] = []
    for initiative_id in scope:
        spend = states[initiative_id].first_year_spend
        value = alignment_value(strategy, initiative_id, point="mean").value
        judged = [
            r.verdict
            for r in realizations
            if r.initiative == initiative_id and r.verdict is not Verdict.not_yet_clear
        ]
        failing = bool(judged) and all(v is Verdict.not_delivering for v in judged)
        total += spend
        if value >= MIN_ALIGNMENT and not failing:
            aligned += spend
        else:
            why = "not delivering" if failing else f"closes {shown.gap(value)} of the weighted gap"
            off.append(f"{initiative_id} ({why})")
    if total <= 0:
        return _aspect("resource use", 0.0, "Nothing in scope.", spend=0.0, aligned_spend=0.0)
    evidence = f"{shown.money(aligned)} of {shown.money(total)} first-year spend is aligned"
    evidence += f"; not aligned: {', '.join(off)}." if off else "."
    return _aspect(
        "resource use", 100 * aligned / total, evidence, spend=total, aligned_spend=aligned
    )


def _judged(scope: Sequence[str], realizations: Sequence[Realization]) -> list[str]:
    """Initiatives in scope with at least one firm realization verdict."""
    return sorted(
        {
            r.initiative
            for r in realizations
            if r.initiative in scope and r.verdict is not Verdict.not_yet_clear
        }
    )


def productivity(
    strategy: Strategy,
    scope: Sequence[str],
    ratios: Mapping[str, float],
    measured: Sequence[str] = (),
) -> Aspect:
    """Hours saved against the hours of the processes in scope (half of them = full marks).

    `measured` names the initiatives whose savings are scaled by a measured realization ratio.
    """
    shares = saved_shares(strategy, scope, ratios)
    hours = yearly_hours(strategy)
    in_scope = sum(hours[p] for p in shares)
    saved = sum(hours[p] * s for p, s in shares.items())
    if in_scope <= 0:
        return _aspect(
            "productivity", 0.0, "No process hours in scope.", hours_saved=0.0, hours_in_scope=0.0
        )
    kind = f"realized for {', '.join(measured)}, else planned" if measured else "planned"
    share = saved / in_scope
    shown = Numbers.of(strategy.business)
    evidence = (
        f"{shown.hours(saved)} of {shown.hours(in_scope)} a year in the processes touched are "
        f"saved ({shown.text(share, Unit.share)}, {kind}); full marks from "
        f"{shown.text(FULL_PRODUCTIVITY_SHARE, Unit.share)}."
    )
    return _aspect(
        "productivity",
        100 * min(1.0, share / FULL_PRODUCTIVITY_SHARE),
        evidence,
        hours_saved=saved,
        hours_in_scope=in_scope,
    )


def decision_making(
    strategy: Strategy, mode: Mode, measurements: Iterable[Measurement], as_of: date
) -> Aspect:
    """Weighted share of KPIs with baseline, target and recent data."""
    weights = kpi_weights(strategy)
    if mode is Mode.measured:
        since = as_of - timedelta(days=RECENT_DAYS)
        informed = {m.kpi for m in measurements if since < m.date <= as_of}
        how = f"a measurement in the {RECENT_DAYS} days to {as_of.isoformat()}"
    else:
        informed = {k.id for k in strategy.kpis if k.baseline_source.value == "measured"}
        how = "a measured baseline"
    covered = sum(w for k, w in weights.items() if k in informed)
    total = sum(weights.values()) or 1.0
    missing = [k for k, w in weights.items() if k not in informed and w > 0]
    carried = Numbers.of(strategy.business).text(covered / total, Unit.share)
    evidence = f"KPIs with {how} carry {carried} of the strategic weight"
    evidence += f"; none for {', '.join(missing)}." if missing else "."
    return _aspect(
        "decision-making", 100 * covered / total, evidence, informed_weight=covered / total
    )


def growth_potential(
    strategy: Strategy, scope: Sequence[str], ratios: Mapping[str, float]
) -> Aspect:
    """Share of process hours whose role stays within capacity under the hardest growth.

    Process hours under each scenario come from the growth stress test
    (`headway.analysis.growth.process_hours`), less the in-scope savings (realized where known).
    """
    if not strategy.processes:
        return _aspect("growth potential", 100.0, "No processes described.", within_share=1.0)
    shares = saved_shares(strategy, scope, ratios)
    per_year = 12 / strategy.horizon.period.months
    capacity = {r.id: r.fte * strategy.business.hours_per_fte_year for r in strategy.roles}
    scenarios: list[GrowthScenario | None] = [*strategy.growth] or [None]
    worst: tuple[float, float, str, list[str]] | None = None
    for scenario in scenarios:
        hours = {
            process: per_period * per_year * (1 - shares.get(process, 0.0))
            for process, per_period in process_hours(strategy, scenario).items()
        }
        need = {r: h * per_year for r, h in other_work_hours(strategy, scenario).items()}
        for p in strategy.processes:
            need[p.role] = need.get(p.role, 0.0) + hours[p.id]
        over = sorted(r for r, h in need.items() if h > capacity.get(r, 0.0))
        total = sum(hours.values())
        within = sum(hours[p.id] for p in strategy.processes if p.role not in over)
        share = within / total if total > 0 else 1.0
        name = scenario.name if scenario else "today's volumes"
        # The lowest share wins; on a tie, the scenario with the most hours (the hardest).
        if worst is None or (share, -total) < (worst[0], -worst[1]):
            worst = (share, total, name, over)
    assert worst is not None
    share, total, name, over = worst
    shown = Numbers.of(strategy.business)
    evidence = (
        f"Under '{name}', {shown.text(share, Unit.share)} of {shown.hours(total)} of process "
        "work a year fit capacity"
    )
    evidence += f"; over capacity: {', '.join(over)}." if over else "; every role has room."
    return _aspect(
        "growth potential", 100 * share, evidence, within_share=share, process_hours=total
    )


_last_unplanned: tuple[weakref.ref[Strategy], frozenset[str]] | None = None


def _unplanned(strategy: Strategy) -> frozenset[str]:
    """The initiatives with an open finding of hours taken over without a redeployment plan.
    The index history asks once per month of tracking for the same strategy, and the ethics
    review of 200 initiatives costs about ten milliseconds: the last strategy's answer is kept
    (a `Strategy` never changes; the weak reference ties the answer to that very object)."""
    global _last_unplanned
    last = _last_unplanned
    if last is not None and last[0]() is strategy:
        return last[1]
    found = frozenset(
        f.initiative for f in ethics_review(strategy) if f.rule == NO_PLAN_RULE and not f.resolved
    )
    _last_unplanned = (weakref.ref(strategy), found)
    return found


def employee_morale(
    strategy: Strategy, scope: Sequence[str], ratios: Mapping[str, float]
) -> Aspect:
    """Readiness (0-1) less the share of hours taken over without a redeployment plan."""
    readiness = readiness_score(strategy).overall
    assessed = readiness is not None
    level = readiness if readiness is not None else NOT_ASSESSED
    unplanned_ids = _unplanned(strategy)
    hours = yearly_hours(strategy)
    taken = unplanned = 0.0
    for initiative in strategy.initiatives:
        if initiative.id not in scope:
            continue
        saved = sum(
            hours[e.process] * e.time_saved.pert_mean * ratios.get(initiative.id, 1.0)
            for e in initiative.process_effects
        )
        displaced = initiative.ethics.hours_displaced_per_year
        taken += max(saved, displaced)
        if initiative.id in unplanned_ids:
            unplanned += displaced
    share = unplanned / taken if taken > 0 else 0.0
    shown = Numbers.of(strategy.business)
    survey = f"readiness {shown.score(level)} of 100" + (
        "" if assessed else " (survey not answered: assumed)"
    )
    evidence = (
        f"{survey}; {shown.hours(unplanned)} of {shown.hours(taken)} a year taken over have no "
        f"redeployment plan ({shown.text(share, Unit.share)})."
    )
    return _aspect(
        "employee morale",
        100 * level * (1 - share),
        evidence,
        readiness=level,
        unplanned_share=share,
    )
