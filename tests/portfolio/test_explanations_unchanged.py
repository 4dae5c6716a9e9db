"""Plans and every explanation are the same as before the explanations were made cheap.

`data/explanations_golden.json` was recorded with the code that built and solved a fresh model
for every explanation (one solve per limit lifted and cut, per initiative forced in, per least
raise): for every strategy template, the default plan with its explanations and the full
explanation (`planner.explain`, smallest changes included) of every initiative left out; for
generated portfolios with known optima (chains of shops, random portfolios with every
constraint kind), the plan with its explanations. Everything is compared: the chosen set, the
schedule, values, sensitivities and every reason's text. Re-record (only when the method itself
changes, never to make a speed change pass) with
`python -m tests.portfolio.test_explanations_unchanged`.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from headway.portfolio.planner import explain, plan, plan_inputs, prepare
from headway.portfolio.results import Plan, PlanSettings
from headway.portfolio.synthetic import chain_of_shops, random_inputs
from headway.strategy.load import load_strategy
from tests.portfolio.checker import violations
from tests.portfolio.conftest import BAKERY

GOLDEN = Path(__file__).parent / "data" / "explanations_golden.json"
TEMPLATES = sorted(path.stem for path in BAKERY.glob("*.yaml"))
GENERATED = [f"chain-{size}-{seed}" for size in (14, 28) for seed in (0, 1)] + [
    f"random-24-{seed}" for seed in range(4)
]
#: Wall-clock fields, and the settings the plan echoes.
NOT_COMPARED = {"seconds", "settings"}
#: Every solve proven (no time limit, so no time budget): what a plan says must not depend on
#: the machine's load.
PROVEN = PlanSettings(time_limit=None)


def _template_case(template: str) -> dict[str, Any]:
    strategy = load_strategy(BAKERY / f"{template}.yaml")
    made = plan(strategy, PROVEN)
    full = {
        d.initiative: _as_json(explain(strategy, made, d.initiative))
        for d in made.decisions
        if not d.selected
    }
    return {"plan": _as_json(made), "explained": full}


def _generated_plan(case: str) -> tuple[Plan, Any]:
    """The plan with explanations of one generated portfolio (≤ 30 initiatives, so every
    re-solving explanation is part of it), and its inputs."""
    strategy = load_strategy(BAKERY / "bakery.yaml")
    kind, size, seed = case.split("-")
    if kind == "chain":
        base, _, _ = prepare(strategy, PROVEN)
        inputs = chain_of_shops(base, int(size), seed=int(seed))
    else:
        inputs = random_inputs(int(size), 8, seed=int(seed), resources=2)
    alignment = list(np.minimum(1.0, np.minimum(inputs.closure, 1.0) @ inputs.kpi_weights))
    made = plan_inputs(strategy, inputs, PROVEN, 0.5, "", alignment)
    return made, inputs


def _as_json(found: Any) -> Any:
    data = dataclasses.asdict(found)
    for key in NOT_COMPARED:
        data.pop(key, None)
    return json.loads(json.dumps(data))


def _same(now: Any, before: Any, where: str) -> None:
    """Equal, numbers to 1e-9 (a least raise to 1e-5: HiGHS's feasibility tolerance moves it)."""
    if isinstance(before, dict):
        assert sorted(now) == sorted(before), where
        for key in before:
            _same(now[key], before[key], f"{where}.{key}")
    elif isinstance(before, list):
        assert len(now) == len(before), where
        for i, (a, b) in enumerate(zip(now, before, strict=True)):
            _same(a, b, f"{where}[{i}]")
    elif isinstance(before, float) and isinstance(now, (int, float)):
        tolerance = 1e-5 if ".changes[" in where else 1e-9
        assert now == pytest.approx(before, rel=tolerance, abs=tolerance), where
    elif isinstance(before, str) and ".changes[" in where:
        assert _without_amount(now) == _without_amount(before), where
    else:
        assert now == before, where


def _without_amount(text: str) -> str:
    return re.sub(r" by [0-9,.]+ ", " by <amount> ", text)


GOLDEN_DATA: dict[str, Any] = json.loads(GOLDEN.read_text()) if GOLDEN.exists() else {}


@pytest.mark.parametrize("template", TEMPLATES)
def test_template_plan_and_every_explanation_are_unchanged(template: str) -> None:
    now = _template_case(template)
    _same(now, GOLDEN_DATA[template], template)


@pytest.mark.parametrize("case", GENERATED)
def test_generated_plan_and_explanations_are_unchanged(case: str) -> None:
    made, inputs = _generated_plan(case)
    index = {item_id: i for i, item_id in enumerate(inputs.ids)}
    starts = {index[d.initiative]: d.start for d in made.selected if d.start is not None}
    assert made.proven_optimal
    assert violations(inputs, starts) == []
    _same(_as_json(made), GOLDEN_DATA[case], case)


def record() -> None:
    """Write the golden file from the code as it is."""
    data = {template: _template_case(template) for template in TEMPLATES}
    data.update({case: _as_json(_generated_plan(case)[0]) for case in GENERATED})
    GOLDEN.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    record()
    sys.exit(0)
