"""Growth stress test."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway import load_strategy
from headway.analysis.evaluate import evaluate
from headway.analysis.growth import stress_test, stress_tests
from headway.strategy.model import Strategy


def test_second_shop_hours_per_role(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    result = next(r for r in stress_tests(strategy) if r.scenario == "second-shop")
    admin = next(r for r in result.roles if r.role == "admin")
    # (360 x 6 + 90 x 10 + 600 x 3) minutes x 1.6 / 60 = 129.6 h; 0.5 FTE x 1,650 h / 4
    assert admin.hours_needed == pytest.approx(129.6)
    assert admin.capacity_hours == pytest.approx(206.25)
    assert admin.utilisation == pytest.approx(129.6 / 206.25)
    assert not admin.over_capacity
    assert result.breaks_first[0].role == "admin"  # the role with the least headroom


def _short_staffed(strategy: Strategy) -> Strategy:
    roles = [r.model_copy(update={"fte": 0.1}) if r.id == "counter" else r for r in strategy.roles]
    return strategy.model_copy(update={"roles": roles})


def test_overloaded_role_breaks_first_and_relief_is_named(bakery_path: Path) -> None:
    strategy = _short_staffed(load_strategy(bakery_path))
    boom = next(g for g in strategy.growth if g.id == "online-boom")
    result = stress_test(strategy, boom)
    counter = next(r for r in result.roles if r.role == "counter")
    assert counter.over_capacity  # 756 h needed, 41 h available
    assert result.breaks_first[0].role == "counter"
    assert result.breaks_first[0].headroom < 1
    relievers = {r.initiative for r in result.relief}
    assert {"online-shop", "cloud-pos", "self-order-kiosk"} <= relievers
    first = result.relief[0]  # most hours saved on the over-capacity role
    assert first.hours_saved_in(["counter"]) == max(
        r.hours_saved_in(["counter"]) for r in result.relief
    )
    shop = next(r for r in result.relief if r.initiative == "online-shop")
    assert shop.hours_saved_by_role == {"counter": pytest.approx(2400 * 1.8 * 4 / 60 * 0.55)}


def test_plan_reduces_hours_and_combines_savings(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    boom = next(g for g in strategy.growth if g.id == "online-boom")
    result = stress_test(strategy, boom, plan=["cloud-pos", "self-order-kiosk"])
    counter = next(r for r in result.roles if r.role == "counter")
    checkout = 27000 * 1.3 * 0.8 / 60
    phone = 2400 * 1.8 * 4 / 60
    assert counter.hours_needed == pytest.approx(checkout + phone)
    assert counter.hours_with_plan == pytest.approx(checkout * (1 - 0.2) * (1 - 0.3) + phone)


def _with_other_work(strategy: Strategy, role: str, hours_per_week: float) -> Strategy:
    roles = [
        r.model_copy(update={"other_hours_per_week": hours_per_week}) if r.id == role else r
        for r in strategy.roles
    ]
    return strategy.model_copy(update={"roles": roles})


def test_every_role_s_stated_load_counts_and_grows(bakery_path: Path) -> None:
    """The administrator also spends 4 h a week on post and phone: 4 x 52 / 4 = 52 h a quarter,
    x 1.6 under a second shop, on top of the 129.6 h of listed processes: over capacity."""
    strategy = _with_other_work(load_strategy(bakery_path), "admin", 4)
    result = next(r for r in stress_tests(strategy) if r.scenario == "second-shop")
    admin = next(r for r in result.roles if r.role == "admin")
    assert admin.hours_needed == pytest.approx(129.6 + 52 * 1.6)
    assert admin.hours_today == pytest.approx(81 + 52)
    assert admin.over_capacity and not admin.over_capacity_today
    assert result.breaks_first[0].role == "admin" and result.breaks_first[0].headroom < 1


def test_a_role_over_capacity_today_is_flagged(bakery_path: Path) -> None:
    """The owner works 40 h a week beyond the listed processes; 1 FTE is 1,650 / 52 = 31.7 h."""
    strategy = _with_other_work(load_strategy(bakery_path), "owner", 40)
    result = next(r for r in stress_tests(strategy) if r.scenario == "second-shop")
    owner = next(r for r in result.roles if r.role == "owner")
    assert owner.over_capacity_today and owner.utilisation_today > 1
    notes = evaluate(strategy, seed=0, scenarios=200).notes
    assert any(n.startswith("Over capacity already at today's volumes: owner needs") for n in notes)
    assert not any(
        "today's volumes" in n for n in evaluate(load_strategy(bakery_path), scenarios=200).notes
    )
