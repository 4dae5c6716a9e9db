"""Which KPIs to price first: the guidance `headway init` gives (docs/method.md section 5).

A KPI's money value per unit (`revenue_per_unit_per_year` at the gross margin plus
`cost_per_unit_per_year`) is what turns its effects into NPV; an unpriced KPI counts only in the
alignment, and its initiatives' money verdicts say "money not priced". The KPIs are listed by
strategic weight (`analysis.gap.kpi_weights`), heaviest first, each with its value per unit and
where that value comes from (`value_source`; template values are assumptions).
"""

from __future__ import annotations

from dataclasses import dataclass

from headway.analysis.finance import kpi_money_per_unit_year
from headway.analysis.gap import kpi_weights
from headway.strategy.model import Strategy


@dataclass(frozen=True)
class PricingHint:
    """One KPI: its strategic weight (0-1), money per unit per year (currency; 0 when not
    priced), the source of that value (measured / estimated / assumed, or "not priced") and
    whether it is priced."""

    kpi: str
    unit: str
    weight: float
    money_per_unit_year: float
    source: str
    priced: bool


def pricing_hints(strategy: Strategy, most: int = 5) -> list[PricingHint]:
    """The `most` heaviest KPIs, heaviest first, with their money value per unit."""
    weights = kpi_weights(strategy)
    ranked = sorted(strategy.kpis, key=lambda k: -weights[k.id])[:most]
    hints = []
    for kpi in ranked:
        value = kpi_money_per_unit_year(strategy, kpi.id)
        hints.append(
            PricingHint(
                kpi.id,
                kpi.unit,
                weights[kpi.id],
                value,
                kpi.value_source.value if value != 0 else "not priced",
                value != 0,
            )
        )
    return hints
