"""Fixtures for the portfolio tests: the bakery strategy and its plan, built once per worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway.portfolio.planner import plan
from headway.portfolio.results import Plan
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy

BAKERY = Path(__file__).resolve().parents[2] / "src" / "headway" / "strategy" / "templates"


@pytest.fixture(scope="session")
def bakery() -> Strategy:
    """The bakery template's strategy."""
    return load_strategy(BAKERY / "bakery.yaml")


@pytest.fixture(scope="session")
def bakery_plan(bakery: Strategy) -> Plan:
    """The bakery's plan with explanations."""
    return plan(bakery)
