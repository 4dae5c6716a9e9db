"""docs/method.md stays honest: the API it lists exists, its constants are the code's."""

from __future__ import annotations

import importlib
import re

from headway.analysis import verdict
from headway.analysis.pert import QUANTILES
from headway.analysis.weights import DEFAULT_RI_TABLE, RANDOM_INDEX_TABLES
from tests.conftest import ROOT

METHOD = (ROOT / "docs" / "method.md").read_text("utf-8")


def test_every_import_in_the_api_note_exists() -> None:
    imports = re.findall(r"^from (headway\.[\w.]+) import (.+)$", METHOD, flags=re.MULTILINE)
    assert imports
    for module_name, names in imports:
        module = importlib.import_module(module_name)
        for name in names.split("#")[0].split(","):
            assert hasattr(module, name.strip()), f"{module_name}.{name.strip()}"


def test_the_command_is_documented() -> None:
    assert "`headway evaluate FILE [--seed N] [--scenarios N] [--json]`" in METHOD


def test_random_index_table_is_the_one_stated() -> None:
    assert DEFAULT_RI_TABLE == "saaty_2005"
    values = ", ".join(f"{v:.2f}" for v in RANDOM_INDEX_TABLES[DEFAULT_RI_TABLE][2:])
    assert values in METHOD.replace("\n", " ")


def test_verdict_thresholds_are_the_ones_stated() -> None:
    text = METHOD.replace("\n", " ")
    assert f"Alignment >= {verdict.STRONG_ALIGNMENT:.2f} is *strong*" in text
    assert f">= {verdict.SOME_ALIGNMENT:.2f} *some*" in text
    assert f"P(NPV > 0) >= {verdict.LIKELY_POSITIVE}" in text
    assert f"{QUANTILES:,} points" in text
