"""Hypothesis over every field of the strategy document: any hostile value at any place ends in
a `StrategyError` that names the field, or a document whose every number is finite and which
the workbook writer and the JSON writer accept. Never another exception."""

from __future__ import annotations

import contextlib
import json
import math
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway.strategy.errors import StrategyError
from headway.strategy.load import dump_strategy, parse_strategy
from headway.strategy.model import Strategy
from headway.strategy.xlsx import strategy_to_xlsx
from tests.hostile.runner import BAKERY

Path = tuple[str | int, ...]


def _leaves(data: Any, path: Path = ()) -> list[Path]:
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [p for index, value in enumerate(data) for p in _leaves(value, (*path, index))]
    return [path]


DATA = BAKERY.model_dump(mode="json")
LEAVES = _leaves(DATA)
HOSTILE = st.one_of(
    st.sampled_from(
        [math.nan, math.inf, -math.inf, 1e308, -1e308, 10**400, -1, 0, True, None, [], {}, ""]
    ),
    st.floats(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=50),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=5),
    st.just("x" * 3000),
)


def _set(data: Any, path: Path, value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


def _texts(data: Any) -> list[tuple[str, str]]:
    """The document as JSON text and as YAML text (when both can express the value)."""
    texts = [("json", json.dumps(data, allow_nan=True))]
    with contextlib.suppress(yaml.YAMLError):
        texts.append(("yaml", yaml.safe_dump(data, allow_unicode=True)))
    return texts


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(LEAVES), HOSTILE)
def test_a_hostile_value_in_any_field_is_refused_or_safe(path: Path, value: Any) -> None:
    data = _set(DATA, path, value)
    for format, text in _texts(data):
        try:
            strategy = parse_strategy(text, file="fuzz", format=format)  # type: ignore[arg-type]
        except StrategyError as exc:
            assert exc.problems and all(p.message for p in exc.problems)
            continue
        assert isinstance(strategy, Strategy)
        json.dumps(strategy.model_dump(mode="json"), allow_nan=False)  # every number finite
        strategy_to_xlsx(strategy)
        assert parse_strategy(dump_strategy(strategy), format="yaml") == strategy
