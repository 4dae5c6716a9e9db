"""Template figures still taken on trust, and the one-at-a-time sensitivity that ranks them, on
the shipped bakery template."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from headway.analysis.assumptions import (
    checked_keys,
    find_assumptions,
    plan_outcomes,
    swings,
    template_name,
)
from headway.strategy.load import validate_data
from headway.strategy.templates import template_path
from headway.workspace.edits import document_from_text


@pytest.fixture(scope="module")
def bakery() -> dict[str, Any]:
    path = template_path("bakery")
    document: dict[str, Any] = document_from_text(path.read_text(), str(path), "yaml")
    return document


def test_every_template_figure_starts_as_an_assumption(bakery: dict[str, Any]) -> None:
    keys = [a.key for a in find_assumptions(bakery, bakery)]
    assert "business/labor_cost_per_hour" in keys
    assert "initiatives/online-shop/upfront_cost" in keys
    assert "kpis/online-order-share/baseline" in keys
    assert "constraints/budget_total" in keys
    assert not any(k.startswith(("goals", "horizon", "criteria")) for k in keys)
    found = find_assumptions(bakery, bakery)
    upfront = next(a for a in found if a.key.endswith("shop/upfront_cost"))
    assert set(upfront.value) == {"low", "likely", "high"}  # a three-point estimate is one figure
    assert bakery["initiatives"][upfront.path[1]]["id"] == "online-shop"


def test_a_changed_checked_or_measured_figure_is_no_longer_assumed(bakery: dict[str, Any]) -> None:
    document = copy.deepcopy(bakery)
    document["business"]["labor_cost_per_hour"] = 23
    kpi = next(k for k in document["kpis"] if k["id"] == "online-order-share")
    kpi["baseline_source"] = "measured"
    document["assumptions"] = [
        "Started from Headway's bakery template; figures not checked are assumptions.",
        "checked: constraints/budget_total (confirmed by ann, 2026-12-05)",
    ]
    keys = {a.key for a in find_assumptions(document, bakery)}
    assert "business/labor_cost_per_hour" not in keys
    assert "kpis/online-order-share/baseline" not in keys
    assert "kpis/online-order-share/target" in keys  # its own source is the baseline's only
    assert "constraints/budget_total" not in keys
    assert checked_keys(document) == {"constraints/budget_total"}
    assert template_name(document) == "bakery" and template_name(bakery) is None
    assert len(keys) == len(find_assumptions(bakery, bakery)) - 3


def test_sensitivity_ranks_the_figures_that_move_the_outcomes(bakery: dict[str, Any]) -> None:
    chosen = [
        a
        for a in find_assumptions(bakery, bakery)
        if a.key
        in {
            "kpis/online-order-share/revenue_per_unit_per_year",
            "constraints/max_in_flight",
            "kpis/repeat-customers/target",
        }
    ]
    found = {s.assumption.key: s for s in swings(bakery, chosen)}
    base_npv, base_alignment = plan_outcomes(validate_data(bakery))
    value = found["kpis/online-order-share/revenue_per_unit_per_year"]
    # Money per unit only scales a value stream: NPV moves the same amount down and up.
    assert value.npv[0] < 0 < value.npv[1]
    assert value.npv[0] == pytest.approx(-value.npv[1], rel=1e-9)
    assert value.alignment == (0.0, 0.0)
    assert value.weight == pytest.approx(value.npv[1] / base_npv)
    # The plan's limits do not change what each initiative is worth.
    assert found["constraints/max_in_flight"].weight == 0.0
    # A nearer target is a smaller gap: the same effects close more of it.
    target = found["kpis/repeat-customers/target"]
    assert target.alignment[0] > 0 > target.alignment[1]
    assert [s.weight for s in swings(bakery, chosen)] == sorted(
        (s.weight for s in found.values()), reverse=True
    )
    assert base_alignment > 0
