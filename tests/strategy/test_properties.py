"""Property tests: documents round-trip through YAML and JSON; no input escapes as a crash."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway import Strategy, StrategyError, load_strategy, parse_strategy
from headway.strategy.load import dump_strategy
from tests.conftest import TEMPLATES

BAKERY = load_strategy(TEMPLATES / "bakery.yaml")

# Control characters, surrogates and U+FFFE/U+FFFF are refused at validation (tests/hostile).
safe_characters = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
)
texts = st.text(alphabet=safe_characters, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
money = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
signed = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def strategies(draw: st.DrawFn) -> Strategy:
    """The bakery with names, text, numbers and estimates replaced by arbitrary values."""
    data: dict[str, Any] = BAKERY.model_dump(mode="json")
    data["business"]["name"] = draw(texts)
    data["business"]["annual_revenue"] = draw(money)
    data["assumptions"] = draw(st.lists(st.text(safe_characters, max_size=60), max_size=3))
    for kpi in data["kpis"]:
        kpi["name"] = draw(texts)
        kpi["baseline"], kpi["target"] = draw(signed), draw(signed)
        kpi["unit"] = draw(texts)
    for item in data["initiatives"]:
        item["name"] = draw(texts)
        low, likely, high = sorted(draw(st.lists(money, min_size=3, max_size=3)))
        item["upfront_cost"] = {"low": low, "likely": likely, "high": high}
        item["description"] = draw(st.text(safe_characters, max_size=80))
        for effect in item["kpi_effects"]:
            low, likely, high = sorted(draw(st.lists(signed, min_size=3, max_size=3)))
            effect["change"] = {"low": low, "likely": likely, "high": high}
    for process in data["processes"]:
        process["minutes_each"] = draw(st.floats(min_value=0, max_value=100_000))
        process["error_rate"] = draw(st.floats(min_value=0, max_value=1))
    return Strategy.model_validate(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies())
def test_any_document_round_trips_through_yaml_and_json(strategy: Strategy) -> None:
    for fmt in ("yaml", "json"):
        text = dump_strategy(strategy, fmt)  # type: ignore[arg-type]
        assert parse_strategy(text, format=fmt) == strategy  # type: ignore[arg-type]


def _parse_or_reject(content: bytes | str, fmt: str) -> None:
    try:
        parse_strategy(content, format=fmt)  # type: ignore[arg-type]
    except StrategyError as exc:
        assert exc.problems
        assert all(p.message for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_only_validation_errors(content: bytes) -> None:
    _parse_or_reject(content, "yaml")
    _parse_or_reject(content, "json")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(yaml_values)
def test_arbitrary_yaml_gives_only_validation_errors(value: Any) -> None:
    _parse_or_reject(yaml.safe_dump(value), "yaml")
    _parse_or_reject(json.dumps(value), "json")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_only_validation_errors(text: str) -> None:
    _parse_or_reject(text, "yaml")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_documents_give_only_validation_errors(data: st.DataObject) -> None:
    text = dump_strategy(BAKERY)
    start = data.draw(st.integers(0, len(text) - 1))
    length = data.draw(st.integers(0, 40))
    insert = data.draw(st.text(max_size=20))
    _parse_or_reject(text[:start] + insert + text[start + length :], "yaml")
