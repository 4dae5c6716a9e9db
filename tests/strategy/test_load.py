"""Loading and validation: every kind of error names file, line, column and path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from headway import StrategyError, load_strategy, parse_strategy
from headway.strategy.load import MAX_BYTES, dump_strategy, save_strategy
from tests.conftest import TEMPLATES

BAKERY = (TEMPLATES / "bakery.yaml").read_text(encoding="utf-8")


def problems_of(text: str, fmt: str = "yaml") -> list[str]:
    with pytest.raises(StrategyError) as caught:
        parse_strategy(text, file="headway.yaml", format=fmt)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def mutate(old: str, new: str, text: str = BAKERY) -> tuple[str, int]:
    """Replace the first `old` by `new`; return the text and the 1-based line of the change."""
    assert old in text, old
    index = text.index(old)
    return text.replace(old, new, 1), text.count("\n", 0, index) + 1


def test_bakery_template_is_valid(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    assert strategy.business.currency == "EUR"
    assert len(strategy.initiatives) >= 12


# One case per kind of error: (old text, new text, expected path, expected words).
CASES = [
    (
        "requires: [demand-forecast]",
        "requires: [demand-forecats]",
        "initiatives[4].requires[0]",
        "unknown initiative 'demand-forecats'; did you mean 'demand-forecast'?",
    ),
    (
        "  - id: marketplace-app\n",
        "  - id: online-shop\n",
        "initiatives[2].id",
        "duplicate id 'online-shop'",
    ),
    (
        "    requires: [cloud-pos]\n    alternative_group: ordering-platform",
        "    requires: [loyalty-email]\n    alternative_group: ordering-platform",
        "initiatives[1].requires",
        "dependency cycle: online-shop -> loyalty-email -> online-shop",
    ),
    (
        "  - id: route-planner\n",
        "  - id: route-planner\n    mandatory: true\n    excluded: true\n",
        "initiatives[11].excluded",
        "cannot be mandatory and excluded",
    ),
    (
        "upfront_cost: {low: 300, likely: 500, high: 1000}",
        "upfront_cost: {low: 300, likely: 1500, high: 1000}",
        "initiatives[2].upfront_cost",
        "expected low <= likely <= high, got low=300, likely=1500, high=1000",
    ),
    (
        "    due: 2028-06\n    # Ingredients",
        "    due: 2030-06\n    # Ingredients",
        "kpis[2].due",
        "due month 2030-06 lies outside the horizon",
    ),
    (
        "    duration_periods: {low: 1, likely: 1, high: 2}",
        "    duration_periods: {low: 1, likely: 1, high: 9}",
        "initiatives[0].duration_periods.high",
        "duration of 9 quarters is longer than the horizon (expected 0 to 8 quarters",
    ),
    (
        "change: {low: -2.5, likely: -1.5, high: -1}, lag_periods: 0}",
        "change: {low: -2.5, likely: -1.5, high: -1}, lag_periods: 12}",
        "initiatives[0].kpi_effects[0].lag_periods",
        "lag of 12 quarters is longer than the horizon (expected 0 to 8 quarters",
    ),
    (
        "change: {low: -2.5, likely: -1.5, high: -1}, lag_periods: 0}",
        "change: {low: -2.5, likely: -1.5, high: -1}, lag_periods: 0, "
        "ramp_months: {low: 1, likely: 2, high: 25}}",
        "initiatives[0].kpi_effects[0].ramp_months.high",
        "ramp of 25 months is longer than the horizon (expected 0 to 24 months",
    ),
    (
        "      - {kpi: waste-share, weight: 0.7}\n      - {kpi: stockouts, weight: 0.3}",
        "      - {kpi: waste-share, weight: 0}\n      - {kpi: stockouts, weight: 0}",
        "goals[1].kpis",
        "KPI weights sum to 0 and cannot be normalised",
    ),
    (
        "  gross_margin: 0.6 ",
        "  gross_margin: 1.6 ",
        "business.gross_margin",
        "out of range: 1.6; allowed: >= 0; <= 1",
    ),
    (
        "  employees: 12\n",
        "  employees: 12\n  employes: 12\n",
        "business.employes",
        "unknown field 'employes'; did you mean 'employees'?",
    ),
    (
        "    direction: decrease\n    baseline: 9\n",
        "    direction: lower\n    baseline: 9\n",
        "kpis[2].direction",
        "'increase' or 'decrease'",
    ),
    (
        "lag_periods: 0, overlaps: [bookkeeping]}",
        "lag_periods: 0, overlaps: [bookkeepin]}",
        "initiatives[7].kpi_effects[0].overlaps[0]",
        "unknown process of this initiative 'bookkeepin'; did you mean 'bookkeeping'?",
    ),
    (
        "  name: Corner Crust Bakery\n",
        "  name: !!python/object:os.system x\n",
        "business.name",
        "tag",
    ),
    (
        "  industry: bakery\n",
        "  industry: bakery\n  industry: cakes\n",
        "business.industry",
        "duplicate key 'industry'",
    ),
]


@pytest.mark.parametrize(("old", "new", "path", "words"), CASES)
def test_each_kind_of_error_is_located(old: str, new: str, path: str, words: str) -> None:
    text, line = mutate(old, new)
    found = problems_of(text)
    matching = [p for p in found if f": {path}: " in p and words in p]
    assert matching, found
    assert matching[0].startswith("headway.yaml:")
    reported_line = int(matching[0].split(":")[1])
    assert line <= reported_line <= line + 3, (line, matching[0])


def test_two_mandatory_items_of_one_group() -> None:
    text, _ = mutate(
        "    alternative_group: ordering-platform\n",
        "    alternative_group: ordering-platform\n    mandatory: true\n",
    )
    text, _ = mutate(
        "    alternative_group: ordering-platform\n    process_effects",
        "    alternative_group: ordering-platform\n    mandatory: true\n    process_effects",
        text,
    )
    found = problems_of(text)
    assert any("initiatives[2].mandatory" in p and "already mandatory" in p for p in found), found


def test_missing_field_points_at_its_parent() -> None:
    text, _line = mutate("  currency: EUR\n", "")
    found = problems_of(text)
    assert any(": business.currency: required field is missing" in p for p in found), found


def test_all_errors_are_reported_together() -> None:
    text, _ = mutate("requires: [demand-forecast]", "requires: [nowhere]")
    text, _ = mutate("  gross_margin: 0.6 ", "  gross_margin: -1 ", text)
    text, _ = mutate("  employees: 12\n", "  employees: many\n", text)
    found = problems_of(text)
    assert any("business.gross_margin" in p for p in found)
    assert any("business.employees" in p for p in found)
    # Type errors and cross-reference errors come together, each at its own line.
    [unknown] = [p for p in found if "unknown initiative 'nowhere'" in p]
    assert ": initiatives[4].requires[0]: " in unknown and unknown.startswith("headway.yaml:")


def test_a_broken_item_is_reported_without_false_reference_errors() -> None:
    """An initiative with a bad estimate is left out of the reference checks: the others'
    references to it are not reported as unknown, and later items keep their own indices."""
    text, _ = mutate(
        "upfront_cost: {low: 300, likely: 500, high: 1000}",
        "upfront_cost: {low: 300, likely: lots, high: 1000}",
    )
    text, _ = mutate(
        "      - {kpi: staff-turnover, change:", "      - {kpi: staff-turnovr, change:", text
    )
    found = problems_of(text)
    assert any("initiatives[2].upfront_cost.likely" in p for p in found), found
    assert any(
        ": initiatives[5].kpi_effects[1].kpi: unknown KPI 'staff-turnovr'" in p for p in found
    ), found
    assert not any("unknown initiative" in p for p in found), found


def test_cross_check_errors_are_reported_together() -> None:
    text, _ = mutate("requires: [demand-forecast]", "requires: [nowhere]")
    text, _ = mutate(
        "    due: 2028-06\n    # Ingredients", "    due: 2031-01\n    # Ingredients", text
    )
    found = problems_of(text)
    assert len(found) == 2, found


def test_weights_that_cannot_be_normalised() -> None:
    text = BAKERY
    for weight in ("0.3", "0.25", "0.2", "0.15", "0.1"):
        text = text.replace(f"    weight: {weight}\n    kpis:", "    weight: 0\n    kpis:", 1)
    found = problems_of(text)
    assert any("goal weights sum to 0" in p for p in found), found


def test_some_goals_without_weight() -> None:
    text, _ = mutate("    weight: 0.3\n    kpis:", "    kpis:")
    found = problems_of(text)
    assert any("goals[0].weight" in p and "every goal a weight" in p for p in found), found


def test_yaml_syntax_error_has_line_and_column() -> None:
    text, _line = mutate("  employees: 12\n", "  employees: [12\n")
    found = problems_of(text)
    assert len(found) == 1
    assert found[0].startswith("headway.yaml:") and "not valid YAML" in found[0]


def test_json_errors_have_positions() -> None:
    data = json.loads(dump_strategy(load_strategy(TEMPLATES / "bakery.yaml"), "json"))
    data["initiatives"][3]["requires"] = ["nothing-like-it"]
    text = json.dumps(data, indent=2)
    found = problems_of(text, "json")
    line = text.splitlines().index('        "nothing-like-it"') + 1
    assert found == [
        f"headway.yaml:{line}:9: initiatives[3].requires[0]: unknown initiative "
        "'nothing-like-it' (known: bookkeeping-sync, cake-configurator, cloud-pos, "
        "demand-forecast, e-invoicing, inventory-reorder, loyalty-email, margin-dashboard, "
        "marketplace-app, online-shop, review-requests, route-planner)"
    ]


def test_json_syntax_error() -> None:
    found = problems_of('{"business": {"name": "x",}}', "json")
    assert found[0].startswith("headway.yaml:1:") and "not valid JSON" in found[0]


def test_json_duplicate_key() -> None:
    found = problems_of('{"business": 1, "business": 2}', "json")
    assert found == ["headway.yaml: (document): duplicate key 'business'"]


def test_size_limit() -> None:
    found = problems_of("#" * (MAX_BYTES + 1))
    assert "limit is" in found[0]


def test_deep_nesting_is_refused() -> None:
    found = problems_of("business: " + "[" * 200 + "]" * 200)
    assert "nesting deeper than" in found[0]
    found = problems_of('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "json")
    assert found


def test_billion_laughs_is_refused() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        previous = f"*a{n - 1}"
        lines.append(f"a{n}: &a{n} [{', '.join([previous] * 10)}]")
    found = problems_of("\n".join(lines))
    assert "values" in found[0] or "aliases" in found[0]


def test_not_utf8_and_not_a_mapping() -> None:
    with pytest.raises(StrategyError, match="not UTF-8"):
        parse_strategy(b"\xff\xfe\x00bad", format="yaml")
    with pytest.raises(StrategyError, match="expected a mapping"):
        parse_strategy("- just\n- a list\n", format="yaml")


def test_norway_stays_text() -> None:
    text, _ = mutate("  industry: bakery\n", "  industry: no\n")
    strategy = parse_strategy(text, format="yaml")
    assert strategy.business.industry == "no"


def test_scalar_shorthand_for_three_point() -> None:
    text, _ = mutate("effort_days: {low: 3, likely: 5, high: 8}", "effort_days: 5")
    strategy = parse_strategy(text, format="yaml")
    effort = strategy.initiatives[2].effort_days
    assert (effort.low, effort.likely, effort.high) == (5, 5, 5)


def test_missing_file() -> None:
    with pytest.raises(StrategyError, match="cannot read the file"):
        load_strategy("/nonexistent/headway.yaml")


def test_save_is_atomic_and_round_trips(tmp_path: Path) -> None:
    strategy = load_strategy(TEMPLATES / "bakery.yaml")
    for name in ("copy.yaml", "copy.json"):
        save_strategy(strategy, tmp_path / name)
        assert load_strategy(tmp_path / name) == strategy
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.json", "copy.yaml"]
