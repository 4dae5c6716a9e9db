"""The pilot of an initiative: validation with clear errors, and the workbook carries it."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from headway.strategy.errors import StrategyError
from headway.strategy.load import load_strategy, validate_data
from headway.strategy.model import Strategy
from headway.strategy.pilot import pilot_periods
from headway.strategy.xlsx import strategy_from_xlsx, strategy_to_xlsx
from tests.conftest import TEMPLATES

PILOT = {
    "cost": 150.0,
    "duration_months": 2,
    "scope": 0.25,
    "criteria": [{"kpi": "average-order-value", "min_improvement": 0.5}],
}


@pytest.fixture(scope="module")
def shop() -> dict[str, Any]:
    """The web-shop template as plain data, with a pilot on the recommendations plug-in."""
    data = load_strategy(TEMPLATES / "ecommerce.yaml").model_dump(mode="json")
    for item in data["initiatives"]:
        item["pilot"] = None
        if item["id"] == "recommendations-app":
            item["pilot"] = copy.deepcopy(PILOT)
    return data


def _recommendations(data: dict[str, Any]) -> dict[str, Any]:
    return next(i for i in data["initiatives"] if i["id"] == "recommendations-app")


def _problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(StrategyError) as caught:
        validate_data(data)
    return [(".".join(map(str, p.path)), p.message) for p in caught.value.problems]


def test_a_pilot_is_read(shop: dict[str, Any]) -> None:
    strategy = validate_data(shop)
    item = next(i for i in strategy.initiatives if i.id == "recommendations-app")
    assert item.pilot is not None
    assert item.pilot.criteria[0].kpi == "average-order-value"
    assert pilot_periods(item.pilot, 3) == 1  # two months round up to one quarter
    assert pilot_periods(item.pilot, 1) == 2


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("scope", 0.0, "out of range: 0; allowed: > 0; <= 1"),
        ("scope", 1.5, "out of range: 1.5; allowed: > 0; <= 1"),
        ("duration_months", 0, "out of range: 0; allowed: >= 1; <= 36"),
        ("duration_months", 40, "out of range: 40; allowed: >= 1; <= 36"),
        ("duration_months", 2.5, "not a whole number: 2.5; allowed: >= 1; <= 36"),
        ("cost", -1.0, "out of range: -1; allowed: >= 0; <= 1,000,000,000,000"),
        ("cost", float("nan"), "not a finite number: nan; allowed: >= 0"),
        ("cost", float("inf"), "not a finite number: inf; allowed: >= 0"),
        ("effort_days", float("inf"), "not a finite number: inf; allowed: >= 0; <= 1,000,000"),
    ],
)
def test_a_pilot_out_of_range_is_refused_naming_field_and_range(
    shop: dict[str, Any], field: str, value: float, words: str
) -> None:
    data = copy.deepcopy(shop)
    _recommendations(data)["pilot"][field] = value
    found = _problems(data)
    assert len(found) == 1
    path, message = found[0]
    assert path.endswith(f"pilot.{field}")
    assert words in message


def test_a_criterion_needs_a_positive_minimum(shop: dict[str, Any]) -> None:
    data = copy.deepcopy(shop)
    _recommendations(data)["pilot"]["criteria"][0]["min_improvement"] = 0
    path, message = _problems(data)[0]
    assert path.endswith("pilot.criteria.0.min_improvement")
    assert message.startswith("out of range: 0; allowed: > 0")


def test_a_criterion_on_a_kpi_the_initiative_does_not_move_is_refused(
    shop: dict[str, Any],
) -> None:
    data = copy.deepcopy(shop)
    criteria = _recommendations(data)["pilot"]["criteria"]
    criteria.append({"kpi": "return-rate", "min_improvement": 1})
    [(path, message)] = _problems(data)
    assert path.endswith("pilot.criteria.1.kpi")
    assert message.startswith("unknown KPI among this initiative's effects 'return-rate'")
    assert message.endswith("(known: average-order-value, conversion-rate)")


def test_a_pilot_longer_than_the_horizon_is_refused(shop: dict[str, Any]) -> None:
    data = copy.deepcopy(shop)
    data["horizon"]["periods"] = 2  # six months
    _recommendations(data)["pilot"]["duration_months"] = 9
    messages = [m for p, m in _problems(data) if p.endswith("pilot.duration_months")]
    assert messages == [
        "a pilot of 9 months is longer than the horizon (expected 1 to 6 months: the "
        "horizon's length)"
    ]


def test_the_workbook_carries_the_pilot_both_ways(shop: dict[str, Any]) -> None:
    strategy = Strategy.model_validate(shop)
    back = strategy_from_xlsx(strategy_to_xlsx(strategy), file="shop.xlsx")
    assert back == strategy
    item = next(i for i in back.initiatives if i.id == "recommendations-app")
    assert item.pilot is not None and item.pilot.scope == 0.25
    assert all(i.pilot is None for i in back.initiatives if i.id != "recommendations-app")
