"""Ranking the bakery's initiatives on the document's criteria."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway import load_strategy
from headway.analysis.ranking import CRITERIA, ease, rank
from headway.strategy.types import CriterionName


def test_every_criterion_is_described() -> None:
    assert set(CRITERIA) == {c.value for c in CriterionName}


def test_ease_formula(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    shop = next(i for i in strategy.initiatives if i.id == "online-shop")
    # medium integration -> 0.5; effort PERT mean (8 + 48 + 20) / 6 = 12.67 of 18 days
    assert ease(strategy, shop) == pytest.approx(0.5 * 0.5 + 0.5 * (1 - 76 / 6 / 18))


def test_rank_uses_the_document_weights_and_explains_scores(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    ids = [i.id for i in strategy.initiatives]
    measures = {
        "alignment": {k: 0.1 * n for n, k in enumerate(ids)},
        "npv": dict.fromkeys(ids, 1000.0),
        "readiness_fit": dict.fromkeys(ids, 0.5),
    }
    ranking = rank(strategy, measures)
    assert ranking.criteria == tuple(c.id.value for c in strategy.criteria.items)
    assert sum(ranking.weights) == pytest.approx(1.0)
    summed = ranking.weighted_sum
    for score, row in zip(summed.scores, summed.contributions, strict=True):
        assert sum(row) == pytest.approx(score)
    risk = ranking.criteria.index("risk")
    low_risk = [i for i, item in enumerate(strategy.initiatives) if item.risk.score == 1]
    assert all(summed.normalised[i][risk] == 1.0 for i in low_risk)  # a cost: low is best
    assert len(ranking.sensitivity) == len(ranking.criteria)
