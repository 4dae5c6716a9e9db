"""Named what-ifs: applied to the document only where named, compared with the base plan."""

from __future__ import annotations

import pytest

from headway.portfolio.results import PlanSettings
from headway.portfolio.scenarios import WhatIf, apply, compare_scenarios, standard_what_ifs
from headway.strategy.model import Strategy


def test_apply_changes_only_what_is_named(bakery: Strategy) -> None:
    changed = apply(
        bakery,
        WhatIf(
            "x", budget_total=99.0, resources={"it-helper-days": 9}, goal_weights={"cut-waste": 1}
        ),
    )
    assert changed.constraints.budget_total == 99.0
    assert changed.constraints.budget_per_period == bakery.constraints.budget_per_period
    assert changed.constraints.resources[0].per_period == 9
    assert next(g for g in changed.goals if g.id == "cut-waste").weight == 1
    assert bakery.constraints.budget_total != 99.0


def test_growth_scenario_scales_volumes(bakery: Strategy) -> None:
    grown = apply(bakery, WhatIf("second shop", growth="second-shop"))
    assert grown.processes[0].volume_per_period == pytest.approx(
        1.6 * bakery.processes[0].volume_per_period
    )
    with pytest.raises(ValueError, match="unknown growth scenario"):
        apply(bakery, WhatIf("x", growth="nope"))


def test_more_means_never_lowers_value(bakery: Strategy) -> None:
    result = compare_scenarios(bakery, standard_what_ifs(bakery), PlanSettings())
    base = result.results[0]
    assert base.name == "base"
    assert len(result.results) == 1 + len(standard_what_ifs(bakery))
    for other in result.results[1:3]:
        assert other.value >= base.value - 1e-9
        assert set(other.chosen) == (set(base.chosen) - set(other.stops)) | set(other.starts)
