"""The `explain` command asks for what a big plan leaves to requests, in-process: its answers
are the engine's (`headway.explain`, `headway.explain_limits`), in the words `plan` prints."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli import app
from headway.portfolio.on_request import explain_limits
from headway.portfolio.planner import explain, plan
from headway.portfolio.results import Plan, PlanSettings
from headway.strategy.model import Strategy

runner = CliRunner()


@pytest.fixture(scope="module")
def plain_plan(bakery: Strategy) -> Plan:
    """The bakery's plan as `explain` makes it: no explanations of its own."""
    return plan(bakery, PlanSettings(explain=False))


def _words(text: str) -> str:
    return " ".join(text.split())


def test_an_initiative_is_explained_as_headway_explain_does(
    bakery: Strategy, plain_plan: Plan, bakery_path: Path
) -> None:
    left_out = "bookkeeping-sync"
    expected = explain(bakery, plain_plan, left_out)
    assert expected.changes and expected.value_if_forced is not None
    result = runner.invoke(app, ["explain", str(bakery_path), left_out, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sensitivities"] is None and data["proof"] == plain_plan.proof
    assert data["value"] == pytest.approx(plain_plan.value, abs=1e-9)
    (got,) = data["decisions"]
    assert got["reasons"] == list(expected.reasons)
    assert [c["text"] for c in got["changes"]] == [c.text for c in expected.changes]
    assert got["value_if_forced"] == pytest.approx(expected.value_if_forced, abs=1e-9)
    text = runner.invoke(app, ["explain", str(bakery_path), left_out, "cloud-pos"])
    assert text.exit_code == 0, text.output
    shown = _words(text.stdout)
    for reason in [*expected.reasons, *(f"to bring it in: {c.text}" for c in expected.changes)]:
        assert _words(reason) in shown
    chosen = explain(bakery, plain_plan, "cloud-pos")
    assert chosen.selected and f"cloud-pos {chosen.start_label} -> live" in shown
    assert all(_words(reason) in shown for reason in chosen.reasons)


def test_no_changes_asks_only_for_the_best_plan_with_it(
    bakery: Strategy, plain_plan: Plan, bakery_path: Path
) -> None:
    expected = explain(bakery, plain_plan, "bookkeeping-sync", smallest_changes=False)
    args = ["explain", str(bakery_path), "bookkeeping-sync", "--no-changes", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (got,) = json.loads(result.stdout)["decisions"]
    assert got["changes"] == [] and got["reasons"] == list(expected.reasons)


def test_the_limits_are_explain_limits(
    bakery: Strategy, plain_plan: Plan, bakery_path: Path
) -> None:
    expected = explain_limits(bakery, plain_plan)
    result = runner.invoke(app, ["explain", str(bakery_path), "--limits", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["decisions"] == []
    got = data["sensitivities"]
    assert [s["family"] for s in got] == [s.family for s in expected]
    for answer, wanted in zip(got, expected, strict=True):
        want = asdict(wanted)
        for key in ("value_if_lifted", "value_if_cut", "limit"):
            assert answer.pop(key) == pytest.approx(want.pop(key), abs=1e-9)
        assert answer == {**want, "dropped_if_cut": list(wanted.dropped_if_cut)}
    text = runner.invoke(app, ["explain", str(bakery_path), "--limits"])
    assert text.exit_code == 0, text.output
    binding = [s for s in expected if s.binding]
    assert binding and "Binding limits" in text.stdout
    shown = _words(text.stdout)
    assert all(f"{s.label} (" in shown for s in binding)
    assert not any(f"{s.label} (" in shown for s in expected if not s.binding)


def test_an_unknown_initiative_is_refused_naming_it_and_the_file(bakery_path: Path) -> None:
    result = runner.invoke(app, ["explain", str(bakery_path), "cloud-pos", "time-machine"])
    assert result.exit_code == 2
    assert "no initiative 'time-machine'" in result.stderr
    assert str(bakery_path) in result.stderr and "cloud-pos, online-shop" in result.stderr
    nothing = runner.invoke(app, ["explain", str(bakery_path)])
    assert nothing.exit_code == 2 and "--limits" in nothing.stderr


def test_a_big_plan_names_the_command_that_asks(bakery_path: Path) -> None:
    """With the bakery counted as big, `plan` leaves its limits to a request and says how to
    ask; asking that way gives the binding limits."""
    big = {"HEADWAY_PLAN_EXPLAIN_SOLVES_UP_TO": "10"}
    result = runner.invoke(app, ["plan", str(bakery_path), "--json"], env=big)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["limits_on_request"] and data["sensitivities"] == []
    assert "ask: headway explain FILE --limits" in data["verdict"]
    left_out = [d for d in data["decisions"] if "headway explain FILE ID" in "".join(d["reasons"])]
    assert left_out
    asked = runner.invoke(app, ["explain", str(bakery_path), "--limits"], env=big)
    assert asked.exit_code == 0 and "Binding limits" in asked.stdout
