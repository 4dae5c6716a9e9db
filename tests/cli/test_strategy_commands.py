"""The strategy commands: templates, init, validate, schema, show, --version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway import __version__, load_strategy
from headway.cli import app
from headway.strategy.templates import list_templates
from tests.conftest import ROOT

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"headway {__version__}"


def test_every_command_has_help() -> None:
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert command.callback is not None
        assert command.callback.__doc__, f"command {name} has no help text"


def test_templates_lists_every_template() -> None:
    result = runner.invoke(app, ["templates"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for info in list_templates():
        assert info.name in result.output


def test_init_writes_an_editable_valid_document(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    result = runner.invoke(app, ["init", "--template", "bakery", str(target)])
    assert result.exit_code == 0, result.output
    text = (target / "headway.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Headway strategy")  # the comments come along
    assert load_strategy(target / "headway.yaml").business.industry == "bakery"
    again = runner.invoke(app, ["init", "--template", "bakery", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.output


def test_init_unknown_template(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", "--template", "brewery", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown template 'brewery'" in result.output


def test_validate_valid_and_invalid(tmp_path: Path, bakery_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(bakery_path)]).exit_code == 0
    bad = tmp_path / "headway.yaml"
    bad.write_text(bakery_path.read_text().replace("requires: [cloud-pos]", "requires: [nope]", 1))
    result = runner.invoke(app, ["validate", str(bad)], env={"COLUMNS": "300"})
    assert result.exit_code == 2
    assert f"{bad}:" in result.output
    assert "requires[0]: unknown initiative 'nope'" in result.output


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02", b"- a\n- b\n", b"business: [", b"{]", "caf\u00e9: \u2603".encode()],
)
def test_validate_never_shows_a_traceback(tmp_path: Path, content: bytes) -> None:
    for name in ("headway.yaml", "headway.json"):
        path = tmp_path / name
        path.write_bytes(content)
        result = runner.invoke(app, ["validate", str(path)])
        assert result.exit_code == 2
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_validate_a_directory_or_missing_file(tmp_path: Path) -> None:
    for target in (tmp_path, tmp_path / "missing.yaml"):
        result = runner.invoke(app, ["validate", str(target)])
        assert result.exit_code == 2
        assert "cannot read the file" in result.output


def test_schema_is_json_schema_that_names_every_section() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"].endswith("2020-12/schema")
    for section in ("business", "horizon", "goals", "kpis", "initiatives", "constraints"):
        assert section in schema["properties"]


def test_schema_reference_in_docs_is_up_to_date() -> None:
    result = runner.invoke(app, ["schema", "--format", "markdown"])
    committed = (ROOT / "docs" / "strategy-schema.md").read_text(encoding="utf-8")
    assert result.output == committed, (
        "run: headway schema --format markdown > docs/strategy-schema.md"
    )


def test_show_summarises(bakery_path: Path) -> None:
    result = runner.invoke(app, ["show", str(bakery_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Corner Crust Bakery" in result.output
    assert "not everything fits" in result.output
