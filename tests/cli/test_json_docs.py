"""docs/json.md lists the JSON of every command with `--json`: each command is run and its
top-level keys compared with the page; every command that takes `--json` is on the page."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from headway.cli import app
from tests.conftest import ROOT, TEMPLATES

BAKERY = str(TEMPLATES / "bakery.yaml")
PAGE = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
LOG = "id,step,at\n1,Receive,2024-01-01 09:00\n1,Pack,2024-01-01 10:00\n"


def documented() -> dict[str, set[str]]:
    """Command -> the keys its section names (backticked words of its first paragraph)."""
    sections = re.findall(r"^### `headway ([a-z ]+?) --json`\n(.+?)(?:\n\n|\Z)", PAGE, re.M | re.S)
    return {name: set(re.findall(r"`([a-z_]+)`", text)) for name, text in sections}


def _json_commands(typer_app: typer.Typer, prefix: str = "") -> set[str]:
    names = set()
    for command in typer_app.registered_commands:
        assert command.callback is not None
        name = command.name or command.callback.__name__
        if command.name is None:
            name = name.replace("_", "-")
        options = inspect.signature(command.callback).parameters.values()
        if any("--json" in (getattr(p.default, "param_decls", None) or ()) for p in options):
            names.add(prefix + name)
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None
        names |= _json_commands(group.typer_instance, f"{prefix}{group.name} ")
    return names


def test_every_command_with_json_is_documented() -> None:
    assert _json_commands(app) == set(documented())


def _arguments(command: str, tmp: Path) -> list[str]:
    example = tmp / "example"
    if command in ("status", "diff", "track add", "track import", "track status"):
        assert CliRunner().invoke(app, ["track", "example", str(example)]).exit_code == 0
    log = tmp / "orders.csv"
    log.write_text(LOG, encoding="utf-8")
    measured = tmp / "measured.csv"
    measured.write_text("kpi,date,value\nonline-order-share,2028-02-01,6\n", encoding="utf-8")
    on = ["--dir", str(example)]
    return {
        "templates": [],
        "init": [str(tmp / "new"), "--template", "bakery"],
        "convert": [BAKERY, str(tmp / "s.json")],
        "report": [BAKERY, "-o", str(tmp / "r.xlsx")],
        "readiness": [BAKERY, "--show"],
        "evaluate": [BAKERY, "--scenarios", "200"],
        "plan": [BAKERY, "--no-explain"],
        "explain": [BAKERY, "cloud-pos", "--limits", "--no-changes"],
        "frontier": [BAKERY, "--points", "2"],
        "mine": [str(log), "--case", "id", "--activity", "step", "--timestamp", "at"],
        "status": [str(example)],
        "diff": [str(example / "headway.yaml"), str(example / "headway-v2.yaml")],
        "settings": [],
        "track example": [str(example)],
        "track add": ["online-order-share", "2028-01-01", "5", *on],
        "track import": [str(measured), *on],
        "track status": ["cloud-pos", "live", "--date", "2028-01-02", *on],
    }.get(command, [BAKERY])


@pytest.mark.parametrize("command", sorted(documented()))
def test_the_json_has_the_documented_keys(command: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, [*command.split(), *_arguments(command, tmp_path), "--json"])
    assert result.exit_code in (0, 1), result.output  # ethics exits 1 on an open high finding
    data = json.loads(result.stdout, parse_constant=_refuse)
    keys = set(data[0]) if isinstance(data, list) else set(data)
    assert keys == documented()[command]


def _refuse(name: str) -> None:
    raise AssertionError(f"{name} in JSON")
