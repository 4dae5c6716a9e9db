"""The strategy workbook's round trip on generated documents: any valid strategy, its free
text and numbers changed at random (hypothesis), reads back identical."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from headway.strategy.errors import StrategyError
from headway.strategy.load import load_strategy, validate_data
from headway.strategy.model import Strategy
from tests.strategy.test_xlsx import TEMPLATE_PATHS, assert_identical, round_trip

FREE_TEXT = {"name", "title", "description", "category", "unit", "industry", "lawful_basis"}
XML_SAFE = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(map(chr, [*range(9), 11, 12, *range(14, 32)])) + "\ufffe\uffff",
)
TEXT = st.one_of(
    st.text(XML_SAFE, min_size=1, max_size=40),
    st.sampled_from(["=1+1", "+44 20 7946", "-3", "@SUM(A1)", "\tx", "\rx", " x ", "007"]),
)


def leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in leaves(value, (*path, i))]
    return [path]


def value_for(path: tuple[Any, ...], current: Any) -> st.SearchStrategy[Any]:
    last = path[-1]
    if isinstance(current, bool):
        return st.booleans()
    if isinstance(current, float) or (isinstance(current, int) and last in ("baseline", "target")):
        if last in ("low", "likely", "high"):
            return st.just(current)  # changed together below, to keep low <= likely <= high
        if 0 <= current <= 1:
            return st.floats(0, 1)
        low, high = (0.0, 1e9) if current >= 0 else (-1e9, 0.0)
        return st.floats(low, high)
    if isinstance(current, str) and (last in FREE_TEXT or path[0] == "assumptions"):
        return TEXT
    return st.just(current)


def _trim_items(key: str) -> Any:
    def trim(data: dict[str, Any]) -> None:
        for item in data["initiatives"]:
            del item[key][1:]

    return trim


def _no_goal_weights(data: dict[str, Any]) -> None:
    for goal in data["goals"]:
        goal["weight"] = None  # equal weights


TRIMMABLE = [
    lambda data: data.update(assumptions=[], growth=[]),
    lambda data: [p.update(pain_points=[]) for p in data["processes"]],
    _trim_items("process_effects"),
    _trim_items("kpi_effects"),
    _no_goal_weights,
]


@st.composite
def mutated_strategies(draw: st.DrawFn) -> Strategy:
    template = draw(st.sampled_from(TEMPLATE_PATHS))
    data = load_strategy(template).model_dump(mode="json")
    data = copy.deepcopy(data)
    paths = draw(st.lists(st.sampled_from(leaves(data)), max_size=12, unique=True))
    for path in paths:
        *parents, last = path
        owner = data
        for part in parents:
            owner = owner[part]
        if last in ("low", "likely", "high"):
            top = 1.0 if all(0 <= owner[k] <= 1 for k in ("low", "likely", "high")) else 1e6
            points = sorted(draw(st.lists(st.floats(0, top), min_size=3, max_size=3)))
            owner.update(zip(("low", "likely", "high"), points, strict=True))
        else:
            owner[last] = draw(value_for(path, owner[last]))
    for trim in draw(st.lists(st.sampled_from(TRIMMABLE), max_size=3, unique=True)):
        trim(data)  # lists that may shrink or empty without breaking references
    try:
        return validate_data(data)
    except StrategyError:
        assume(False)
        raise


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_strategies())
def test_any_valid_strategy_round_trips(strategy: Strategy) -> None:
    assert_identical(round_trip(strategy), strategy)


# -- exported workbooks are safe and usable ------------------------------------------------
