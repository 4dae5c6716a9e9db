"""The shipped industry templates and the automation catalogue they draw from.

Each template must be a complete strategy that forces real choices: enough goals, KPIs,
processes and initiatives, dependency chains, an alternative group, and more wanted than the
budget allows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy, Weighting
from headway.strategy.templates import (
    CatalogueError,
    UnknownTemplateError,
    catalogue_reference,
    list_templates,
    load_catalogue,
    template_names,
    template_path,
)
from headway.strategy.types import AutomatedDecisions, Level, Perspective

NAMES = template_names()
EXPECTED = {"bakery", "ecommerce", "manufacturer", "accounting", "logistics", "home-services"}
# Saaty's random consistency index for n = 1..10 (Saaty 1980).
RANDOM_INDEX = [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]


@pytest.fixture(scope="module", params=NAMES)
def template(request: pytest.FixtureRequest) -> tuple[str, Strategy]:
    name: str = request.param
    return name, load_strategy(template_path(name))


def dependency_chains(strategy: Strategy) -> set[tuple[str, str, str]]:
    """Every path of two `requires` edges: (A, B, C) where A requires B and B requires C."""
    requires = {item.id: item.requires for item in strategy.initiatives}
    return {(a, b, c) for a, needs in requires.items() for b in needs for c in requires[b]}


def consistency_ratio(weighting: Weighting, ids: list[str], respondent: int) -> float:
    """Saaty's CR = CI / RI of one respondent's reciprocal pairwise matrix."""
    n = len(ids)
    matrix = np.ones((n, n))
    for comparison in weighting.respondents[respondent].comparisons:
        i, j = ids.index(comparison.a), ids.index(comparison.b)
        matrix[i, j], matrix[j, i] = comparison.ratio, 1.0 / comparison.ratio
    lambda_max = float(np.max(np.linalg.eigvals(matrix).real))
    return (lambda_max - n) / (n - 1) / RANDOM_INDEX[n - 1]


def test_all_industries_are_shipped() -> None:
    assert set(NAMES) >= EXPECTED


def test_template_validates(template: tuple[str, Strategy]) -> None:
    _, strategy = template
    assert strategy.business.name


def test_goals_cover_every_perspective(template: tuple[str, Strategy]) -> None:
    _, strategy = template
    assert len(strategy.goals) >= 5
    assert {goal.perspective for goal in strategy.goals} == set(Perspective)


def test_enough_kpis_processes_and_initiatives(template: tuple[str, Strategy]) -> None:
    _, strategy = template
    assert len(strategy.kpis) >= 8
    assert len(strategy.processes) >= 8
    assert len(strategy.initiatives) >= 12


def test_every_kpi_shows_some_goal(template: tuple[str, Strategy]) -> None:
    _, strategy = template
    used = {link.kpi for goal in strategy.goals for link in goal.kpis}
    assert {kpi.id for kpi in strategy.kpis} - used == set()


def test_some_kpis_carry_money(template: tuple[str, Strategy]) -> None:
    _, strategy = template
    money = [k for k in strategy.kpis if k.revenue_per_unit_per_year or k.cost_per_unit_per_year]
    assert len(money) >= 2


def test_two_separate_dependency_chains(template: tuple[str, Strategy]) -> None:
    """At least two chains A -> B -> C through different middle initiatives B.

    Two heads on one stem (A1 -> B -> C, A2 -> B -> C) count once: the template must contain
    two distinct sequences of three steps.
    """
    _, strategy = template
    middles = {b for _, b, _ in dependency_chains(strategy)}
    assert len(middles) >= 2, f"chains through {sorted(middles)}"


def test_an_alternative_group_offers_a_choice(template: tuple[str, Strategy]) -> None:
    _, strategy = template
    groups: dict[str, int] = {}
    for item in strategy.initiatives:
        if item.alternative_group:
            groups[item.alternative_group] = groups.get(item.alternative_group, 0) + 1
    assert any(count >= 2 for count in groups.values())


def test_not_everything_fits_the_budget(template: tuple[str, Strategy]) -> None:
    """Likely upfront costs are 2-3x the total budget; likely running costs exceed their budget."""
    _, strategy = template
    constraints = strategy.constraints
    upfront = sum(item.upfront_cost.likely for item in strategy.initiatives)
    recurring = sum(item.recurring_cost_per_month.likely for item in strategy.initiatives)
    assert 2.0 <= upfront / constraints.budget_total <= 3.0
    assert recurring > 1.5 * constraints.recurring_budget_per_month
    assert constraints.budget_per_period < constraints.budget_total


def test_some_initiatives_save_hours_without_serving_a_goal(
    template: tuple[str, Strategy],
) -> None:
    _, strategy = template
    assert any(item.process_effects and not item.kpi_effects for item in strategy.initiatives)


def test_ethics_facts_are_present(template: tuple[str, Strategy]) -> None:
    _, strategy = template
    ethics = [item.ethics for item in strategy.initiatives]
    assert any(e.personal_data and e.lawful_basis for e in ethics)
    assert any(e.hours_displaced_per_year > 0 for e in ethics)
    assert any(e.automated_decisions is not AutomatedDecisions.none for e in ethics)
    assert any(e.vendor_lock_in is Level.high or not e.data_export for e in ethics)


def test_growth_scenarios_and_assumptions(template: tuple[str, Strategy]) -> None:
    name, strategy = template
    assert len(strategy.growth) >= 2
    assert strategy.assumptions
    assert "ASSUMPTION" in template_path(name).read_text(encoding="utf-8")[:2000]


def test_ahp_goal_weights_are_complete_and_consistent(template: tuple[str, Strategy]) -> None:
    _, strategy = template
    weighting = strategy.goal_weighting
    if weighting.method != "ahp":
        pytest.skip("goal weights are typed in directly")
    ids = [goal.id for goal in strategy.goals]
    assert all(goal.weight is None for goal in strategy.goals)
    assert len(weighting.respondents) >= 2
    for r, respondent in enumerate(weighting.respondents):
        assert len(respondent.comparisons) == len(ids) * (len(ids) - 1) // 2
        assert consistency_ratio(weighting, ids, r) < 0.10


def test_accounting_weighs_goals_by_ahp() -> None:
    assert load_strategy(template_path("accounting")).goal_weighting.method == "ahp"


def test_initiative_categories_are_in_the_catalogue(template: tuple[str, Strategy]) -> None:
    _, strategy = template
    categories = load_catalogue().categories()
    unknown = {item.category for item in strategy.initiatives} - categories
    assert unknown == set()


def test_catalogue_references_match_the_entry(template: tuple[str, Strategy]) -> None:
    name, strategy = template
    catalogue = load_catalogue()
    known = {entry.id for entry in catalogue.entries}
    for item in strategy.initiatives:
        reference = catalogue_reference(item.description)
        assert reference is not None, f"{item.id} names no catalogue entry"
        assert reference in known, f"{item.id}: unknown catalogue entry {reference}"
        entry = catalogue.entry(reference)
        assert entry.category == item.category, item.id
        assert name in entry.industries, f"{reference} does not list {name}"


def test_list_templates_reads_names_and_summaries() -> None:
    infos = list_templates()
    assert [info.name for info in infos] == NAMES
    for info in infos:
        strategy = load_strategy(info.path)
        assert info.business == strategy.business.name
        assert info.industry == strategy.business.industry
        assert info.summary and "\n" not in info.summary


def test_unknown_template_names_the_known_ones() -> None:
    assert issubclass(UnknownTemplateError, KeyError)  # the CLI catches KeyError
    with pytest.raises(UnknownTemplateError, match=r"did you mean 'bakery'.*logistics"):
        template_path("bakey")
    with pytest.raises(UnknownTemplateError):
        template_path("../catalogue")


def test_catalogue_loads_with_the_common_initiatives() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.entries) >= 20
    ids = {entry.id for entry in catalogue.entries}
    common = {
        "online-ordering",
        "inventory-reorder",
        "staff-scheduling",
        "cloud-pos",
        "invoicing-reminders",
        "bookkeeping-sync",
        "crm",
        "email-automation",
        "helpdesk",
        "route-planning",
        "document-capture",
        "appointment-booking",
        "ai-personalisation",
    }
    assert common <= ids
    for entry in catalogue.entries:
        assert set(entry.industries) <= set(NAMES), entry.id
        for estimate in (entry.upfront_cost, entry.recurring_cost_per_month, entry.effort_days):
            assert estimate.low <= estimate.likely <= estimate.high


def test_malformed_catalogue_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "catalogue.yaml"
    bad.write_text(
        "catalogue_version: 1\n"
        "currency: EUR\n"
        "basis: test\n"
        "entries:\n"
        "  - id: crm\n"
        "    name: CRM\n"
        "    category: CRM and email\n"
        "    description: x\n"
        "    upfront_cost: {low: 3, likely: 2, high: 1}\n"
        "    recurring_cost_per_month: 1\n"
        "    effort_days: 1\n"
        "    duration_months: 1\n"
        "    industries: [bakery]\n"
        "    processes: [x]\n"
        "    kpis: [y]\n"
        "    vendor: nobody\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(bad)
    text = str(caught.value)
    assert "catalogue.yaml:9:" in text and "low <= likely <= high" in text
    assert "catalogue.yaml:16:" in text and "unknown field 'vendor'" in text


def test_duplicate_catalogue_ids_are_refused(tmp_path: Path) -> None:
    entry = (
        "  - {id: crm, name: CRM, category: c, description: d, upfront_cost: 1,"
        " recurring_cost_per_month: 1, effort_days: 1, duration_months: 1,"
        " industries: [bakery], processes: [p], kpis: [k]}\n"
    )
    bad = tmp_path / "catalogue.yaml"
    bad.write_text("catalogue_version: 1\ncurrency: EUR\nbasis: b\nentries:\n" + entry * 2)
    with pytest.raises(CatalogueError, match="duplicate catalogue id 'crm'"):
        load_catalogue(bad)


def test_unreadable_catalogue_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="cannot read the catalogue"):
        load_catalogue(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries: [\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid YAML"):
        load_catalogue(broken)
