"""The guided start's edits, the per-person judgments and the item edits of the workspace layer,
as pure functions on the bakery template's plain data."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.analysis.weights import goal_weighting
from headway.strategy.errors import StrategyError
from headway.workspace.errors import WorkspaceError
from headway.workspace.guided import (
    Interview,
    apply_interview,
    confirm_figure,
    open_assumptions,
    template_document,
)
from headway.workspace.items import add_from_catalogue, remove_item, replace_item
from headway.workspace.judgments import record_judgments

ANSWERS = Interview(
    business_name=" Rye & Co ",
    employees=9,
    currency="gbp",
    locale="en_GB",
    yearly_budget=12_000,
    change_hours_per_month=40,
    top_goals=["grow-online", "cut-waste", "protect-margin"],
    measured={"waste-share": 7.5},
)


def test_the_interview_answers_replace_the_template_figures_and_are_checked() -> None:
    template = template_document("bakery")
    edited = apply_interview(template, "bakery", ANSWERS, "rosa")
    business = edited.strategy.business
    assert (business.name, business.employees, business.currency) == ("Rye & Co", 9, "GBP")
    limits = edited.strategy.constraints
    # Quarters over a two-year horizon: 8 periods, 2 years of 12,000; 40 h a month = 15 days.
    assert (limits.budget_total, limits.budget_per_period) == (24_000, 12_000)
    assert limits.change_capacity_days_per_period == 15
    waste = next(k for k in edited.strategy.kpis if k.id == "waste-share")
    assert (waste.baseline, waste.baseline_source.value) == (7.5, "measured")
    weights = goal_weighting(edited.strategy).weights
    assert weights["grow-online"] == pytest.approx(3 * weights["free-skilled-time"])
    keys = {a.key for a in open_assumptions(edited.document)}
    assert "constraints/budget_total" not in keys and "kpis/waste-share/baseline" not in keys
    assert "constraints/max_in_flight" in keys and "kpis/waste-share/target" in keys
    assert template == template_document("bakery"), "the input is left untouched"


def test_the_interview_refuses_goals_it_cannot_use() -> None:
    template = template_document("bakery")
    for goals in (["grow-online", "cut-waste"], ["grow-online", "grow-online", "cut-waste"],
                  ["grow-online", "cut-waste", "nope"]):  # fmt: skip
        with pytest.raises(WorkspaceError, match="three different goals"):
            apply_interview(
                template, "bakery", Interview(**{**ANSWERS.__dict__, "top_goals": goals}), "r"
            )
    with pytest.raises(StrategyError, match="locale"):
        apply_interview(
            template, "bakery", Interview(**{**ANSWERS.__dict__, "locale": "xx_YY"}), "r"
        )


def test_confirming_a_figure_records_who_and_only_a_listed_one() -> None:
    document = apply_interview(template_document("bakery"), "bakery", ANSWERS, "rosa").document
    known = [a.key for a in open_assumptions(document)]
    confirmed = confirm_figure(document, known[0], known, "rosa", dt.date(2027, 1, 5), "d")
    assert (
        f"checked: {known[0]} (confirmed by rosa, 2027-01-05)" in confirmed.document["assumptions"]
    )
    assert known[0] not in {a.key for a in open_assumptions(confirmed.document)}
    again = confirm_figure(confirmed.document, known[0], known, "ann", dt.date(2027, 1, 6), "d")
    assert again.document == confirmed.document
    with pytest.raises(WorkspaceError, match="not an assumption"):
        confirm_figure(document, "business/name", known, "rosa", dt.date(2027, 1, 5), "d")


def _all_pairs(ids: list[str], first: float) -> dict[tuple[str, str], float]:
    found = {(a, b): 1.0 for n, a in enumerate(ids) for b in ids[n + 1 :]}
    found[(ids[0], ids[1])] = first
    return found


def test_judgments_are_one_entry_per_person_and_switch_to_ahp() -> None:
    document = template_document("bakery")
    goals = [g["id"] for g in document["goals"]]
    first = record_judgments(document, "goals", "ann", _all_pairs(goals, 3.0))
    second = record_judgments(first.document, "goals", "ann", _all_pairs(goals, 5.0))
    people = second.document["goal_weighting"]["respondents"]
    assert [p["name"] for p in people] == ["ann"] and people[0]["comparisons"][0]["ratio"] == 5.0
    assert goal_weighting(second.strategy).method == "ahp"
    with pytest.raises(WorkspaceError, match="not one of the goals"):
        record_judgments(document, "goals", "ann", {("grow-online", "speed"): 3.0})
    with pytest.raises(StrategyError):
        record_judgments(document, "goals", "ann", _all_pairs(goals, 12.0))
    with pytest.raises(StrategyError, match="has not compared"):
        record_judgments(document, "goals", "ann", {(goals[0], goals[1]): 2.0})
    criteria = [c["id"] for c in document["criteria"]["items"]]
    both = record_judgments(document, "criteria", "bo", _all_pairs(criteria, 2.0))
    assert both.document["criteria"]["weighting"]["method"] == "ahp"


def test_items_are_replaced_added_removed_and_taken_from_the_catalogue() -> None:
    document = template_document("bakery")
    role = next(r for r in document["roles"] if r["id"] == "counter")
    changed = replace_item(document, "roles", "counter", {**role, "fte": 6}, "d")
    assert next(r for r in changed.strategy.roles if r.id == "counter").fte == 6
    with pytest.raises(StrategyError, match="counter"):  # the id is taken
        replace_item(document, "roles", None, role, "d")
    with pytest.raises(StrategyError):  # processes still name the role
        remove_item(document, "roles", "counter", "d")
    first = add_from_catalogue(document, "online-ordering", "d")
    second = add_from_catalogue(first.document, "online-ordering", "d")
    assert (first.added, second.added) == (("online-ordering",), ("online-ordering-2",))
    item = next(i for i in second.strategy.initiatives if i.id == "online-ordering-2")
    assert item.duration_periods.likely == pytest.approx(2 / 3, abs=0.01)  # 2 months, quarters
    with pytest.raises(WorkspaceError, match="no catalogue entry"):
        add_from_catalogue(document, "nothing", "d")
