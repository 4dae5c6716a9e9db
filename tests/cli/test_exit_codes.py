"""Exit codes, the same for every command: 0 success, 1 the documented refusal, 2 invalid input,
3 the environment, 70 a bug; never a traceback for something a user can cause, and a failed
write leaves the previous file as it was."""

from __future__ import annotations

import errno
import importlib
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli import app
from headway.cli.report import ReportFormat, output_format
from headway.errors import HeadwayError
from tests.conftest import TEMPLATES

runner = CliRunner()
BAKERY = str(TEMPLATES / "bakery.yaml")


def test_an_invalid_document_exits_2_listing_where(tmp_path: Path) -> None:
    broken = tmp_path / "headway.yaml"
    broken.write_text("business: {name: 3}\n")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2
    assert f"{broken}:1:" in result.output and "Traceback" not in result.output


def test_a_bad_setting_exits_3_naming_the_variable() -> None:
    result = runner.invoke(app, ["validate", BAKERY], env={"HEADWAY_STRATEGY_MAX_BYTES": "lots"})
    assert result.exit_code == 3, result.output
    assert "HEADWAY_STRATEGY_MAX_BYTES: 'lots' is not a number" in result.output


def test_a_setting_reaches_the_engine() -> None:
    result = runner.invoke(app, ["validate", BAKERY], env={"HEADWAY_STRATEGY_MAX_BYTES": "100"})
    assert result.exit_code == 2
    assert "the limit is 100 bytes (setting strategy_max_bytes" in result.output


def test_every_reader_accepts_a_workspace_folder_and_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "headway.yaml").write_text(Path(BAKERY).read_text())
    assert runner.invoke(app, ["convert", str(tmp_path), str(tmp_path / "s.xlsx")]).exit_code == 0
    for source in (str(tmp_path), str(tmp_path / "s.xlsx")):
        for command in (["validate"], ["show"], ["frontier", "--points", "2", "--json"]):
            result = runner.invoke(app, [*command, source])
            assert result.exit_code == 0, (command, source, result.output)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_write_the_machine_refuses_exits_3_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    target = tmp_path / "strategy.json"
    target.write_text('{"old": true}\n')

    def refuse(handle: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)
    result = runner.invoke(app, ["convert", BAKERY, str(target), "--force"])
    assert result.exit_code == 3, result.output
    assert f"{target}: cannot write the file: {os.strerror(code)}" in result.output
    assert target.read_text() == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["strategy.json"]


def test_a_missing_tool_exits_3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("importlib.import_module", _no_weasyprint)
    result = runner.invoke(app, ["report", BAKERY, "-o", str(tmp_path / "plan.pdf")])
    assert result.exit_code == 3, result.output
    assert "PDF output needs WeasyPrint and the Pango library" in result.output
    assert list(tmp_path.iterdir()) == []


_import_module = importlib.import_module


def _no_weasyprint(name: str, package: str | None = None) -> object:
    """Import as usual, but as if WeasyPrint were not installed."""
    if name.split(".")[0] == "weasyprint":
        raise ImportError(f"No module named '{name}'")
    return _import_module(name, package)


def test_an_unexpected_failure_is_a_bug_with_exit_70(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("headway.cli.strategy_commands.open_strategy", broken)
    result = runner.invoke(app, ["validate", BAKERY])
    assert result.exit_code == 70
    assert "ZeroDivisionError: a bug" in result.output and "this is a bug" in result.output


def test_the_report_format_follows_the_extension_unless_told() -> None:
    assert output_format("plan.pdf", None) is ReportFormat.pdf
    assert output_format("plan.XLSX", None) is ReportFormat.xlsx
    assert output_format("plan", None) is ReportFormat.html
    assert output_format("plan.out", ReportFormat.pdf) is ReportFormat.pdf
    with pytest.raises(HeadwayError, match="--format html disagrees with the output's extension"):
        output_format("plan.pdf", ReportFormat.html)


def test_report_refuses_disagreeing_format_and_unsafe_outputs(tmp_path: Path) -> None:
    document = tmp_path / "headway.yaml"
    document.write_text(Path(BAKERY).read_text())
    before = document.read_bytes()
    cases = {
        ("-o", str(tmp_path / "plan.pdf"), "-f", "html"): "disagrees",
        ("-o", str(document), "-f", "html"): "is also an input",
        ("-o", str(tmp_path)): "is a folder",
        ("-o", os.devnull): "is not a regular file",
    }
    for options, reason in cases.items():
        result = runner.invoke(app, ["report", str(document), *options])
        assert result.exit_code == 2, (options, result.output)
        assert reason in result.output
    assert document.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["headway.yaml"]


def test_report_to_a_pdf_name_writes_a_pdf(tmp_path: Path) -> None:
    from headway.report.pdf import PdfUnavailableError, render_pdf

    try:
        render_pdf("<p>probe</p>")
    except PdfUnavailableError:
        pytest.skip("WeasyPrint or Pango is not installed")
    target = tmp_path / "plan.pdf"
    result = runner.invoke(app, ["report", BAKERY, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")


def test_convert_refuses_an_existing_target_without_force(tmp_path: Path) -> None:
    target = tmp_path / "strategy.json"
    target.write_text("{}\n")
    result = runner.invoke(app, ["convert", BAKERY, str(target)])
    assert result.exit_code == 2 and "already exists; use --force" in result.output
    assert target.read_text() == "{}\n"
    assert runner.invoke(app, ["convert", BAKERY, str(target), "--force"]).exit_code == 0
    assert json.loads(target.read_text())["business"]["name"]
