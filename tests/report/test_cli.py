"""`headway report`: writes the chosen format; PDF without Pango says what to install."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli import app
from tests.conftest import TEMPLATES

FAST = str(TEMPLATES / "accounting.yaml") if (TEMPLATES / "accounting.yaml").exists() else None


@pytest.fixture
def template() -> str:
    return FAST or str(TEMPLATES / "bakery.yaml")


def test_report_writes_html_and_xlsx(tmp_path: Path, template: str) -> None:
    runner = CliRunner()
    for fmt in ("html", "xlsx"):
        out = tmp_path / f"plan.{fmt}"
        result = runner.invoke(app, ["report", template, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 10_000
    assert (tmp_path / "plan.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "plan.xlsx").read_bytes().startswith(b"PK")


def test_pdf_without_pango_says_what_to_install(
    tmp_path: Path, template: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.import_module

    def without_pango(name: str, package: str | None = None) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_pango)
    out = tmp_path / "plan.pdf"
    result = CliRunner().invoke(app, ["report", template, "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 3
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in result.output
    assert "pip install 'headway[pdf]'" in result.output
    assert not out.exists()


def test_an_invalid_strategy_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "headway.yaml"
    bad.write_text("schema_version: 1\nbusiness: {name: x}\n")
    out = tmp_path / "plan.html"
    result = CliRunner().invoke(app, ["report", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert "required field is missing" in result.output
    assert not out.exists()
