"""AHP and direct weights: published worked examples, properties, and the strategy's weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway import load_strategy
from headway.analysis.weights import (
    RANDOM_INDEX_TABLES,
    ahp,
    ahp_group,
    criteria_weighting,
    goal_weighting,
    goal_weights,
    normalise,
    random_index,
)
from headway.strategy.model import Comparison, Respondent, Strategy, Weighting
from tests.analysis.oracles import RI_TABLE_NAMES, ahp_case, ahp_file, assert_ahp_case, assert_close

pytestmark = pytest.mark.shared_data


def test_saaty2008_drinks(shared_data: Path) -> None:
    """Saaty (2008) 'Decision making with the analytic hierarchy process', Int. J. Services
    Sciences 1(1):83-98, relative drink consumption (7x7): weights to 3 decimals, CR 0.022
    under Saaty's 2005 random index (as reproduced in PhilipGriffith/AHPy)."""
    result = assert_ahp_case(ahp_case(shared_data, "saaty2008_drinks_p3"))
    assert result.consistent


def test_wikipedia_leader_criteria(shared_data: Path) -> None:
    """Wikipedia 'Analytic hierarchy process - leader example', criteria matrix (4x4): weights
    .548/.127/.270/.056 and CR 0.044 (Saaty 2005 RI), per PhilipGriffith/AHPy README."""
    assert_ahp_case(ahp_case(shared_data, "wiki_leader_criteria"))


def test_wikipedia_leader_experience(shared_data: Path) -> None:
    """Wikipedia leader example, candidates on experience (3x3): .217/.717/.066, CR 0.035."""
    assert_ahp_case(ahp_case(shared_data, "wiki_leader_experience"))


def test_wikipedia_leader_education(shared_data: Path) -> None:
    """Wikipedia leader example, candidates on education (3x3): CR 0.062 (Saaty 2005 RI)."""
    assert_ahp_case(ahp_case(shared_data, "wiki_leader_education"))


def test_wikipedia_leader_charisma_and_age(shared_data: Path) -> None:
    """Wikipedia leader example, charisma and age matrices: no published local figures, so
    Headway's CI and CR under all five tables must match the oracle file's numpy check."""
    assert_ahp_case(ahp_case(shared_data, "wiki_leader_charisma"))
    assert_ahp_case(ahp_case(shared_data, "wiki_leader_age"))


def test_wikipedia_leader_hierarchy(shared_data: Path) -> None:
    """Wikipedia leader example, overall priorities Dick .493, Tom .358, Harry .149 (global =
    local weights multiplied down the hierarchy)."""
    hierarchy = next(h for h in ahp_file(shared_data)["hierarchies"] if h["kind"] == "hierarchy")
    root = hierarchy["nodes"][hierarchy["root"]]
    top = ahp_case(shared_data, root["case_id"])
    criteria = dict(zip(top["labels"], ahp(top["matrix"]).weights, strict=True))
    totals: dict[str, float] = {}
    for criterion, weight in criteria.items():
        case = ahp_case(shared_data, hierarchy["nodes"][criterion]["case_id"])
        for label, local in zip(case["labels"], ahp(case["matrix"]).weights, strict=True):
            totals[label] = totals.get(label, 0.0) + weight * local
    expected = hierarchy["expected_target_weights"]
    assert_close([totals[k] for k in expected], list(expected.values()), hierarchy["tolerance"])


def test_bozoki2010_complete_matrix(shared_data: Path) -> None:
    """Bozóki, Fülöp & Rónyai (2010) Math. Comput. Modelling 52:318-333, complete 4x4 matrix:
    weights to 4 decimals and CR 0.0372 under Donegan & Dodd's (1991) random index."""
    assert_ahp_case(ahp_case(shared_data, "bozoki2010_complete_4x4"))


def test_scikit_criteria_column_method(shared_data: Path) -> None:
    """quatrope/scikit-criteria ahp_ext test_cr: CI and CR (RI 0.52, Changsheng 2013 table)
    with Saaty's column-normalised approximation."""
    case = ahp_case(shared_data, "skcriteria_ahp_ext_criteria_3x3_approx")
    result = assert_ahp_case(case, method="column")
    assert abs(result.ci - case["expected_extra"]["CI"]) < 1e-9


def test_scikit_criteria_hierarchy(shared_data: Path) -> None:
    """quatrope/scikit-criteria ahp_ext test_ahp: 3 criteria x 3 alternatives, column method
    at both levels: scores .4177/.266/.3164, ranks 1, 3, 2."""
    case = next(h for h in ahp_file(shared_data)["hierarchies"] if h["kind"] != "hierarchy")
    criteria = np.array(ahp(case["criteria_matrix"], method="column").weights)
    local = np.array(
        [ahp(m, method="column").weights for m in case["alternative_matrices_by_criterion"]]
    )
    assert_close(criteria @ local, case["expected_scores"], case["tolerance"])


def test_every_random_index_table_matches_the_oracle_file(shared_data: Path) -> None:
    """The five random-index tables, as listed in the oracle file with their sources."""
    tables = ahp_file(shared_data)["ri_tables"]
    for source_name, table in tables.items():
        for n, value in table["values"].items():
            if int(n) <= 15:
                assert random_index(int(n), RI_TABLE_NAMES[source_name]) == value


def _consistent(weights: list[float]) -> np.ndarray:
    w = np.asarray(weights)
    return np.asarray(w[:, None] / w[None, :])


weight_lists = st.lists(st.floats(0.05, 20.0), min_size=3, max_size=12)


@settings(max_examples=40, deadline=None)
@given(weight_lists, st.sampled_from(["eigenvector", "geometric", "column"]))
def test_consistent_matrix_recovers_its_weights(weights: list[float], method: str) -> None:
    result = ahp(_consistent(weights), method=method)  # type: ignore[arg-type]
    assert_close(result.weights, normalise(weights), 1e-9)
    assert result.cr < 1e-9
    assert abs(result.lambda_max - len(weights)) < 1e-8


@settings(max_examples=30, deadline=None)
@given(weight_lists, weight_lists)
def test_group_of_consistent_judgments_gives_geometric_mean_weights(
    first: list[float], second: list[float]
) -> None:
    n = min(len(first), len(second))
    a, b = np.array(first[:n]), np.array(second[:n])
    result = ahp_group([_consistent(list(a)), _consistent(list(b))])
    assert_close(result.weights, normalise(np.sqrt(a * b)), 1e-9)


def test_the_judgment_that_disagrees_is_named() -> None:
    matrix = _consistent([4.0, 2.0, 1.0, 1.0])
    matrix[0, 3], matrix[3, 0] = 1 / 4, 4.0  # says d beats a 4:1; the rest imply a beats d 4:1
    result = ahp(matrix)
    assert not result.consistent
    assert result.most_inconsistent in {(3, 0), (0, 3)}
    assert result.suggested_ratio is not None


def test_invalid_matrices_are_refused() -> None:
    with pytest.raises(ValueError, match="reciprocal"):
        ahp([[1, 2], [2, 1]])
    with pytest.raises(ValueError, match="square"):
        ahp([[1, 2, 3]])
    with pytest.raises(ValueError, match="positive"):
        ahp([[1, -2], [-0.5, 1]])
    with pytest.raises(ValueError, match="sum to 0"):
        normalise([0, 0])


def test_two_by_two_is_always_consistent() -> None:
    result = ahp([[1, 3], [1 / 3, 1]])
    assert result.cr == 0 and result.most_inconsistent is None
    assert_close(result.weights, [0.75, 0.25], 1e-12)


def test_headway_uses_saatys_2005_table() -> None:
    assert random_index(3) == 0.52 and random_index(15) == 1.59
    assert set(RANDOM_INDEX_TABLES) == set(RI_TABLE_NAMES.values())


def test_bakery_goal_weights_are_the_direct_weights(bakery_path: Path) -> None:
    weights = goal_weights(load_strategy(bakery_path))
    assert_close(list(weights.values()), [0.3, 0.25, 0.2, 0.15, 0.1], 1e-12)
    assert criteria_weighting(load_strategy(bakery_path)).method == "direct"


def _with_goal_judgments(
    strategy: Strategy, people: list[dict[tuple[str, str], float]]
) -> Strategy:
    respondents = [
        Respondent(
            name=f"person {k}",
            comparisons=[Comparison(a=a, b=b, ratio=r) for (a, b), r in judgments.items()],
        )
        for k, judgments in enumerate(people)
    ]
    return strategy.model_copy(
        update={"goal_weighting": Weighting(method="ahp", respondents=respondents)}
    )


def test_goal_weights_from_several_peoples_judgments(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    ids = [g.id for g in strategy.goals]
    truth = [[5.0, 4.0, 3.0, 2.0, 1.0], [3.0, 3.0, 3.0, 1.0, 1.0]]
    people = [
        {(a, b): w[i] / w[j] for i, a in enumerate(ids) for j, b in enumerate(ids) if i < j}
        for w in truth
    ]
    derived = goal_weighting(_with_goal_judgments(strategy, people))
    assert derived.method == "ahp" and derived.respondents == 2
    expected = normalise(np.sqrt(np.array(truth[0]) * np.array(truth[1])))
    assert_close(list(derived.weights.values()), expected, 1e-9)
    assert derived.inconsistent_judgment is None


def test_inconsistent_goal_judgments_name_the_pair(bakery_path: Path) -> None:
    strategy = load_strategy(bakery_path)
    ids = [g.id for g in strategy.goals]
    w = [5.0, 4.0, 3.0, 2.0, 1.0]
    judgments = {(a, b): w[i] / w[j] for i, a in enumerate(ids) for j, b in enumerate(ids) if i < j}
    judgments[(ids[0], ids[4])] = 1 / 9  # contradicts every other judgment
    derived = goal_weighting(_with_goal_judgments(strategy, [judgments]))
    assert derived.ahp is not None and not derived.ahp.consistent
    assert derived.inconsistent_judgment is not None
    assert set(derived.inconsistent_judgment) == {ids[0], ids[4]}
