"""Needs assessment of processes, and the strategic gaps no initiative closes.

Per process, per year: hours = volume per period x periods per year x minutes each / 60; labour
cost = hours x the role's cost per hour; error cost = volume x error rate x cost per error.
Automation potential (0-1) is the plain mean of the process's three traits (rule-based share,
digital input, stability): an assumed, equal-weight index, stated as such in the docs.
"""

from __future__ import annotations

from dataclasses import dataclass

from headway.analysis.alignment import closed_share, kpi_improvement
from headway.analysis.gap import kpi_gaps
from headway.strategy.model import Strategy
from headway.strategy.types import Source


@dataclass(frozen=True)
class ProcessNeed:
    """What one process costs today and how automatable it is (money in the currency).

    `automatable_hours_per_year` = hours x potential. `goals` are the goals its pain points
    touch; `addressed_by` the initiatives with an effect on it. `source` says whether the
    figures are measured, estimated or assumed.
    """

    process: str
    name: str
    role: str
    hours_per_year: float
    labour_cost_per_year: float
    error_cost_per_year: float
    automation_potential: float
    automatable_hours_per_year: float
    goals: tuple[str, ...]
    addressed_by: tuple[str, ...]
    source: Source


def needs_assessment(strategy: Strategy) -> list[ProcessNeed]:
    """Every process's yearly hours, labour and error cost and automation potential.

    Sorted by labour plus error cost per year, largest first.
    """
    periods_per_year = 12.0 / strategy.horizon.period.months
    default = strategy.business.labor_cost_per_hour
    rates = {r.id: default if r.cost_per_hour is None else r.cost_per_hour for r in strategy.roles}
    needs = []
    for process in strategy.processes:
        volume = process.volume_per_period * periods_per_year
        hours = volume * process.minutes_each / 60.0
        traits = process.traits
        potential = (traits.rule_based + traits.digital_input + traits.stability) / 3.0
        goals = dict.fromkeys(g for pain in process.pain_points for g in pain.goals)
        addressed = tuple(
            i.id
            for i in strategy.initiatives
            if any(e.process == process.id for e in i.process_effects)
        )
        needs.append(
            ProcessNeed(
                process=process.id,
                name=process.name,
                role=process.role,
                hours_per_year=hours,
                labour_cost_per_year=hours * rates.get(process.role, default),
                error_cost_per_year=volume * process.error_rate * process.cost_per_error,
                automation_potential=potential,
                automatable_hours_per_year=hours * potential,
                goals=tuple(goals),
                addressed_by=addressed,
                source=process.source,
            )
        )
    return sorted(needs, key=lambda n: -(n.labour_cost_per_year + n.error_cost_per_year))


@dataclass(frozen=True)
class GapCoverage:
    """How far the candidate initiatives (likely estimates) go towards closing one KPI's gap.

    `best_single_share`: the most any one initiative closes (0-1); `all_share`: what all of them
    together close, capped at 1 (alternatives counted together, so an upper bound).
    `remaining_weight` = weight x (1 - all_share): the strategic weight left uncovered.
    """

    kpi: str
    name: str
    weight: float
    gap: float
    unit: str
    moved_by: tuple[str, ...]
    best_single_share: float
    all_share: float
    remaining_weight: float

    @property
    def unmoved(self) -> bool:
        """True when no initiative improves this KPI at all."""
        return not self.moved_by


def uncovered_gaps(strategy: Strategy) -> list[GapCoverage]:
    """KPIs with a gap the candidates do not fully close, largest uncovered weight first."""
    kpis = {k.id: k for k in strategy.kpis}
    found = []
    for gap in kpi_gaps(strategy):
        if gap.gap <= 0:
            continue
        moves = {
            item.id: kpi_improvement(effect, kpis[gap.kpi])
            for item in strategy.initiatives
            for effect in item.kpi_effects
            if effect.kpi == gap.kpi and kpi_improvement(effect, kpis[gap.kpi]) > 0
        }
        best = max((closed_share(v, gap.gap) for v in moves.values()), default=0.0)
        together = closed_share(sum(moves.values()), gap.gap)
        if together >= 1.0:
            continue
        found.append(
            GapCoverage(
                kpi=gap.kpi,
                name=gap.name,
                weight=gap.weight,
                gap=gap.gap,
                unit=gap.unit,
                moved_by=tuple(moves),
                best_single_share=best,
                all_share=together,
                remaining_weight=gap.weight * (1.0 - together),
            )
        )
    return sorted(found, key=lambda c: -c.remaining_weight)
