"""A plan that learns (issue point 8): realised effects and actual costs revise the estimates,
`headway status` shows estimate against realised, and `headway plan --learn` re-plans with the
revised figures. Before, nothing realised ever changed an estimate."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli import app
from headway.monitoring.learning import credibility, learned_strategy
from headway.workspace import learned_workspace_strategy, workspace_status
from headway.workspace.example import install_example
from headway.workspace.folder import FolderStore

runner = CliRunner()
TODAY = date(2028, 1, 15)


def test_the_credibility_update_is_the_normal_normal_posterior() -> None:
    # Prior (4, 8, 12): mean 8, sd 8/6; realised 2 with standard error 1.
    weight, points = credibility((4.0, 8.0, 12.0), 2.0, 1.0)
    prior_var = (8 / 6) ** 2
    assert weight == pytest.approx(prior_var / (prior_var + 1.0))  # 0.64
    mean = 8 + weight * (2 - 8)  # 4.16
    shrink = (1 - weight) ** 0.5  # 0.6
    assert points == pytest.approx((mean - 4 * shrink, mean, mean + 4 * shrink))
    assert (points[0] + 4 * points[1] + points[2]) / 6 == pytest.approx(mean)
    # A precise measurement all but replaces a vague estimate; a vague one barely moves it.
    assert credibility((0.0, 5.0, 30.0), 3.0, 0.01)[1][1] == pytest.approx(3.0, abs=0.01)
    assert credibility((7.9, 8.0, 8.1), 2.0, 10.0)[1][1] == pytest.approx(8.0, abs=0.01)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install_example(tmp_path_factory.mktemp("learn") / "corner-crust")


def test_status_shows_estimates_against_what_was_realised(example: Path) -> None:
    report = workspace_status(FolderStore(example), today=TODAY)
    updates = {(u.initiative, u.estimate): u for u in report.learning}
    invoicing = updates[("e-invoicing", "upfront_cost")]
    assert (invoicing.prior[1], invoicing.realised, invoicing.posterior) == (800, 750, (750,) * 3)
    shop = updates[("online-shop", "kpi:online-order-share")]
    assert shop.prior[1] == 8 and shop.realised < 1
    assert 0 < shop.weight < 1
    assert shop.realised < shop.posterior[1] < shop.prior[1]
    text = runner.invoke(app, ["status", str(example)]).output
    assert "Estimates vs realised" in text
    data = json.loads(runner.invoke(app, ["status", str(example), "--json"]).output)
    shown = {(u["initiative"], u["estimate"]): u for u in data["learning"]}
    assert shown[("online-shop", "kpi:online-order-share")]["prior"][1] == 8
    assert shown[("e-invoicing", "upfront_cost")]["posterior"] == [750, 750, 750]


def test_a_re_plan_uses_the_revised_figures(example: Path) -> None:
    strategy, updates = learned_workspace_strategy(FolderStore(example), today=TODAY)
    shop = next(i for i in strategy.initiatives if i.id == "online-shop")
    share = next(e for e in shop.kpi_effects if e.kpi == "online-order-share")
    update = next(u for u in updates if u.estimate == "kpi:online-order-share")
    assert share.change.likely == pytest.approx(update.posterior[1])
    assert shop.upfront_cost.likely == 3600  # the recorded actual
    assert learned_strategy(strategy, []) == strategy
    before = json.loads(runner.invoke(app, ["plan", str(example), "--json", "--no-explain"]).output)
    after = json.loads(
        runner.invoke(app, ["plan", str(example), "--json", "--no-explain", "--learn"]).output
    )
    # The online shop, far below its estimate so far, is replaced by its alternative.
    assert "online-shop" in before["selected"]
    assert "online-shop" not in after["selected"]
    assert "marketplace-app" in after["selected"]


def test_learn_needs_a_workspace(tmp_path: Path, example: Path) -> None:
    result = runner.invoke(app, ["plan", str(example / "headway.yaml"), "--learn"])
    assert result.exit_code == 2
    assert "--learn needs a workspace folder" in result.output
