"""Terminal output at 80 and 120 columns: no id or money value is ever cut or broken.

Each command runs on the bakery's worked-example workspace (a year of tracking data) at both
widths; every id a user may copy (initiatives, KPIs, processes, roles, ethics findings) and every
money amount the engine computed must appear whole on one line, nothing is elided with "…", and
no line is wider than the terminal (unless it is a single unbreakable word).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.analysis.ethics import ethics_review
from headway.analysis.evaluate import evaluate
from headway.report.numbers import Numbers
from headway.strategy.load import load_strategy
from headway.workspace.example import install_example

runner = CliRunner()
WIDTHS = (80, 120)
LOG = """case,activity,time,resource
{rows}"""
ACTIVITIES = ("W_Completeren aanvraag", "A_PARTLYSUBMITTED", "W_Nabellen offertes")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install_example(tmp_path_factory.mktemp("fit") / "bakery")


def _run(args: list[str], width: int) -> str:
    from headway.cli import app

    result = runner.invoke(app, args, env={"COLUMNS": str(width), "HEADWAY_TODAY": "2028-01-15"})
    assert result.exit_code in (0, 1), result.output  # ethics exits 1 on a blocking finding
    return result.stdout


def _fits(output: str, width: int, whole: set[str]) -> None:
    assert "…" not in output
    lines = output.splitlines()
    for line in lines:
        assert len(line.rstrip()) <= width or " " not in line.strip(), line
    flat = [re.sub(r"\s+", " ", line.replace("\xa0", " ")) for line in lines]
    missing = {
        value for value in whole if not any(value.replace("\xa0", " ") in line for line in flat)
    }
    assert not missing


def _ids(workspace: Path) -> set[str]:
    s = load_strategy(workspace / "headway.yaml")
    return {i.id for i in s.initiatives} | {k.id for k in s.kpis} | {p.id for p in s.processes}


@pytest.mark.parametrize("width", WIDTHS)
def test_evaluate_keeps_ids_and_money_whole(workspace: Path, width: int) -> None:
    s = load_strategy(workspace / "headway.yaml")
    f = Numbers(s.business.locale, s.business.currency)
    result = evaluate(s, seed=0, scenarios=500)
    money = {f.money(n.labour_cost_per_year) for n in result.needs}
    money |= {f.money(i.financials.npv) for i in result.initiatives}
    money |= {f.money(i.uncertainty.npv.p10) for i in result.initiatives}
    output = _run(["evaluate", str(workspace), "--scenarios", "500"], width)
    _fits(output, width, _ids(workspace) | money)


@pytest.mark.parametrize("width", WIDTHS)
def test_plan_keeps_ids_and_money_whole(workspace: Path, width: int) -> None:
    output = _run(["plan", str(workspace), "--no-explain"], width)
    s = load_strategy(workspace / "headway.yaml")
    f = Numbers(s.business.locale, s.business.currency)
    money = {f.money(s.constraints.budget_per_period), f.money(s.constraints.budget_total)}
    _fits(output, width, {i.id for i in s.initiatives} | money)


@pytest.mark.parametrize("width", WIDTHS)
def test_ethics_keeps_the_finding_ids_resolve_needs(workspace: Path, width: int) -> None:
    findings = ethics_review(load_strategy(workspace / "headway.yaml"))
    assert any(len(f.id) > 38 for f in findings)  # longer than a table column at 80
    output = _run(["ethics", str(workspace)], width)
    _fits(output, width, {f.id for f in findings})


@pytest.mark.parametrize("width", WIDTHS)
def test_status_keeps_ids_and_money_whole(workspace: Path, width: int) -> None:
    output = _run(["status", str(workspace)], width)
    s = load_strategy(workspace / "headway.yaml")
    f = Numbers(s.business.locale, s.business.currency)
    tracked = {"cloud-pos", "online-shop", "e-invoicing", "queue-minutes", "repeat-customers"}
    estimates = {f.money(i.upfront_cost.likely) for i in s.initiatives if i.id in tracked}
    _fits(output, width, {k.id for k in s.kpis} | tracked)
    assert estimates & set(re.findall(r"€[\d,]+", output))


@pytest.mark.parametrize("width", WIDTHS)
def test_mine_keeps_activity_names_whole(tmp_path: Path, width: int) -> None:
    rows = []
    for case in range(40):
        for step, activity in enumerate(ACTIVITIES):
            rows.append(f"{case},{activity},2024-01-{1 + case % 28:02d} {9 + step}:00,ann")
    log = tmp_path / "log.csv"
    log.write_text(LOG.format(rows="\n".join(rows)), encoding="utf-8")
    columns = ["--case", "case", "--activity", "activity", "--timestamp", "time"]
    output = _run(["mine", str(log), *columns, "--resource", "resource"], width)
    _fits(output, width, set(ACTIVITIES))
