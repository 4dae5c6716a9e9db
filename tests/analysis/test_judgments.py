"""Pairwise judgments as people give them: the slider scale, the repair of the most inconsistent
judgment and the disagreement between people, checked on published AHP examples
(`oracles/ahp_cases.json`: Wikipedia's leader example, exact eigenvector results as in
PhilipGriffith/AHPy; Bozóki, Fülöp & Rónyai 2010)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from headway.analysis.judgments import (
    SAATY_SCALE,
    best_repair,
    disagreements,
    scale_position,
    scale_ratio,
)
from headway.analysis.weights import ahp, ahp_group
from tests.analysis.oracles import ahp_case


def test_the_slider_scale_is_saatys_seventeen_values_in_order() -> None:
    assert len(SAATY_SCALE) == 17
    assert SAATY_SCALE[0] == pytest.approx(1 / 9) and SAATY_SCALE[-1] == 9.0
    assert [scale_position(scale_ratio(p)) for p in range(-8, 9)] == list(range(-8, 9))
    assert (
        scale_ratio(0) == 1.0 and scale_ratio(2) == 3.0 and scale_ratio(-4) == pytest.approx(1 / 5)
    )
    assert scale_position(0.75) == 0 and scale_position(1.6) == 1  # nearest on the log scale
    with pytest.raises(ValueError, match="between -8 and 8"):
        scale_ratio(9)


def test_a_reversed_judgment_in_the_leader_example_is_named_and_repaired(
    shared_data: Path,
) -> None:
    """Wikipedia's leader criteria: Experience is 7 times as important as Age (CR 0.044).
    Reverse that one judgment (Age 7 times Experience): the matrix turns inconsistent, AHP names
    that pair, and the best value on the scale brings the CR back under Saaty's 0.10, in the
    published direction (Experience far above Age)."""
    case = ahp_case(shared_data, "wiki_leader_criteria")
    labels = case["labels"]
    matrix = np.array(case["matrix"])
    assert ahp(matrix).cr == pytest.approx(case["expected_cr"], abs=5e-4)
    experience, age = labels.index("Experience"), labels.index("Age")
    matrix[experience, age], matrix[age, experience] = 1 / 7, 7.0
    broken = ahp(matrix)
    assert broken.cr > 0.10
    assert broken.most_inconsistent is not None
    assert set(broken.most_inconsistent) == {experience, age}
    repair = best_repair(matrix, *broken.most_inconsistent)
    assert repair.cr <= 0.10
    experience_over_age = repair.ratio if repair.i == experience else 1 / repair.ratio
    assert experience_over_age >= 7
    others = [ahp(_with(matrix, repair.i, repair.j, r)).cr for r in SAATY_SCALE]
    assert repair.cr == pytest.approx(min(others))


def test_disagreement_puts_the_pair_people_judge_apart_first(shared_data: Path) -> None:
    """Two people share Bozóki's 4x4 judgments except a vs c, where one says 5 and the other
    1/5: that pair leads with spread ln 5, every other pair has none, and the group weights are
    the eigenvector of the element-wise geometric mean (a_ac = 1)."""
    case = ahp_case(shared_data, "bozoki2010_complete_4x4")
    first = np.array(case["matrix"])
    second = _with(first, 0, 2, 1 / 5)
    found = disagreements([first, second])
    assert (found[0].i, found[0].j) == (0, 2)
    assert found[0].spread == pytest.approx(math.log(5))
    assert (found[0].low, found[0].high) == (pytest.approx(1 / 5), pytest.approx(5))
    assert all(d.spread == pytest.approx(0) for d in found[1:])
    assert len(found) == 6
    group = ahp_group([first, second])
    assert group.weights == pytest.approx(ahp(_with(first, 0, 2, 1.0)).weights)
    alone = disagreements([first])
    assert all(d.spread == 0 for d in alone)
    with pytest.raises(ValueError, match="at least one"):
        disagreements([])


def _with(matrix: np.ndarray, i: int, j: int, ratio: float) -> np.ndarray:
    changed = np.array(matrix, dtype=float)
    changed[i, j], changed[j, i] = ratio, 1 / ratio
    return changed
