"""`headway.evaluate` on the bakery: typed, reproducible, JSON as documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import headway
from headway import load_strategy
from headway.analysis.evaluate import SCHEMA, Evaluation, evaluate
from tests.conftest import ROOT, TEMPLATES

BAKERY = load_strategy(TEMPLATES / "bakery.yaml")


@pytest.fixture(scope="module")
def result() -> Evaluation:
    return headway.evaluate(BAKERY, seed=42, scenarios=2000)


def test_ranked_best_first_with_explanations(result: Evaluation) -> None:
    ranks = [item.rank for item in result.initiatives]
    assert ranks == sorted(ranks)
    assert result.initiatives[0].initiative == "online-shop"
    for item in result.initiatives:
        assert sum(item.contributions.values()) == pytest.approx(item.score)
        assert item.verdict
        assert 0 <= item.alignment.value <= 1
    pos = next(i for i in result.initiatives if i.initiative == "cloud-pos")
    assert "online-shop" in pos.required_by and "Required by" in pos.verdict


def test_same_seed_same_result(result: Evaluation) -> None:
    again = evaluate(BAKERY, seed=42, scenarios=2000)
    assert again.to_dict() == result.to_dict()
    other = evaluate(BAKERY, seed=43, scenarios=2000)
    assert other.initiatives[0].uncertainty != result.initiatives[0].uncertainty


def test_notes_name_effects_without_money(result: Evaluation) -> None:
    assert any("gross-margin-pct" in note for note in result.notes)


def test_readiness_fit_can_be_supplied(result: Evaluation) -> None:
    fits = {i.id: 1.0 if i.id == "route-planner" else 0.0 for i in BAKERY.initiatives}
    changed = evaluate(BAKERY, seed=42, scenarios=500, readiness_fits=fits)
    route = next(i for i in changed.initiatives if i.initiative == "route-planner")
    assert route.criteria["readiness_fit"] == 1.0
    assert route.contributions["readiness_fit"] == pytest.approx(0.1)


def test_json_is_strict_and_every_top_level_key_is_documented(result: Evaluation) -> None:
    data = result.to_dict()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text)["schema"] == SCHEMA
    docs = (ROOT / "docs" / "method.md").read_text()
    section = re.split(r"^## .*JSON output$", docs, maxsplit=1, flags=re.MULTILINE)[1]
    documented = set(re.findall(r"^\| `([a-z_]+)`", section, flags=re.MULTILINE))
    assert set(data) <= documented
    assert set(data["initiatives"][0]) <= documented


def test_a_strategy_without_initiatives_still_evaluates(bakery_path: Path) -> None:
    empty = load_strategy(bakery_path).model_copy(update={"initiatives": []})
    outcome = evaluate(empty, scenarios=100)
    assert outcome.initiatives == () and outcome.gaps


def test_library_exports_the_evaluation_api() -> None:
    names = {
        "AhpResult", "Alignment", "Evaluation", "Financials", "InitiativeEvaluation", "KpiGap",
        "Scenarios", "TopsisResult", "WeightedSumResult", "ahp", "ahp_group", "alignment_value",
        "evaluate", "financials", "kpi_gaps", "simulate", "topsis", "weighted_sum",
    }  # fmt: skip
    assert names <= set(headway.__all__)
    assert all(hasattr(headway, name) for name in names)


def test_verdicts_say_harms_and_unpriced_money() -> None:
    """Telematics worsens driver turnover (logistics); the bakery's margin dashboard moves only
    the unpriced gross margin, so its money is "not priced", not "does not pay back"."""
    logistics = evaluate(load_strategy(TEMPLATES / "logistics.yaml"), seed=0, scenarios=300)
    telematics = next(i for i in logistics.initiatives if i.initiative == "telematics")
    assert "It worsens driver-turnover by 2 % of drivers (-1,3\xa0% of the weighted gap)." in (
        telematics.verdict
    )
    assert telematics.alignment.value < sum(
        p.contribution for p in telematics.alignment.kpis if not p.harm
    )
    bakery = evaluate(BAKERY, seed=0, scenarios=300)
    dashboard = next(i for i in bakery.initiatives if i.initiative == "margin-dashboard")
    assert "money not priced" in dashboard.verdict and "gross-margin-pct" in dashboard.verdict
    assert "unlikely to return" not in dashboard.verdict
    assert any(note.startswith("shift-planner claims 156 hours") for note in bakery.notes)
