"""Shared helpers for the analysis tests: the published oracle cases and domain assertions."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from headway.analysis.weights import AhpMethod, AhpResult, ahp

# The oracle file names random-index tables by source; Headway's table names are shorter.
RI_TABLE_NAMES = {
    "saaty_1980_classic": "saaty_1980",
    "saaty_2005_anp": "saaty_2005",
    "donegan_dodd_1991": "donegan_dodd_1991",
    "tummala_ling_1998": "tummala_ling_1998",
    "changsheng_2013": "changsheng_2013",
}


def ahp_case(shared_data: Path, case_id: str) -> dict[str, Any]:
    """One single-matrix case of `oracles/ahp_cases.json`."""
    data = json.loads((shared_data / "oracles" / "ahp_cases.json").read_text())
    return next(c for c in data["single_matrices"] if c["id"] == case_id)


def ahp_file(shared_data: Path) -> dict[str, Any]:
    """The whole AHP oracle file."""
    loaded: dict[str, Any] = json.loads((shared_data / "oracles" / "ahp_cases.json").read_text())
    return loaded


def mcda_case(shared_data: Path, case_id: str) -> dict[str, Any]:
    """One case of `oracles/mcda_cases.json`."""
    data = json.loads((shared_data / "oracles" / "mcda_cases.json").read_text())
    return next(c for c in data["cases"] if c["id"] == case_id)


def directions(case: Mapping[str, Any]) -> list[int]:
    """+1 for a "max" criterion, -1 for "min"."""
    return [1 if kind == "max" else -1 for kind in case["criteria_types"]]


def assert_close(actual: Sequence[float], expected: Sequence[float], tolerance: float) -> None:
    """Every value within `tolerance` of the published one (the published precision)."""
    diff = np.abs(np.asarray(actual, dtype=float) - np.asarray(expected, dtype=float))
    assert diff.max() <= tolerance, f"off by {diff.max():.3g} > {tolerance}: {actual} vs {expected}"


def assert_ahp_case(case: Mapping[str, Any], method: AhpMethod = "eigenvector") -> AhpResult:
    """Reproduce a published AHP case: weights to the published precision and the CR under the
    random-index table the publication used; and Headway's CR under all five tables."""
    labels = case["labels"]
    table = RI_TABLE_NAMES.get(case["ri_table_of_expected_cr"] or "", "saaty_2005")
    result = ahp(case["matrix"], method=method, ri_table=table)
    by_label = dict(zip(labels, result.weights, strict=True))
    assert abs(sum(result.weights) - 1.0) < 1e-12
    if case["expected_weights"]:
        expected = case["expected_weights"]
        assert_close([by_label[k] for k in expected], list(expected.values()), case["tolerance"])
    if case["expected_cr"] is not None:
        # Published CRs are rounded to the digits shown: allow half a unit of the last digit.
        digits = len(repr(case["expected_cr"]).split(".")[1])
        tolerance = max(0.5 * 10.0**-digits, 1e-5)
        assert abs(result.cr - case["expected_cr"]) <= tolerance, (result.cr, case["expected_cr"])
    numpy_check = case["verified_numpy"]
    assert abs(result.ci - numpy_check["CI"]) < 1e-6
    for source_name, cr in numpy_check["CR_by_table"].items():
        under = ahp(case["matrix"], method=method, ri_table=RI_TABLE_NAMES[source_name])
        assert abs(under.cr - cr) < 1e-5, source_name
    return result
