"""Shared by the strategy tests: the bakery template and the problems a workbook raises."""

from __future__ import annotations

import pytest

from headway.strategy.errors import Problem, StrategyError
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy
from headway.strategy.xlsx import strategy_from_xlsx
from tests.conftest import TEMPLATES


@pytest.fixture(scope="module")
def bakery() -> Strategy:
    return load_strategy(TEMPLATES / "bakery.yaml")


def problems_of(content: bytes) -> list[Problem]:
    """The problems `strategy_from_xlsx` reports for a workbook (it must refuse it)."""
    with pytest.raises(StrategyError) as caught:
        strategy_from_xlsx(content, file="plan.xlsx")
    return caught.value.problems
