"""Every text printed to the terminal has its control characters made visible (one render hook
on both consoles): an escape sequence from a log, a file name or a note cannot recolour, clear
or retitle the terminal, while Headway's own colours stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli import app
from headway.cli.app import console

runner = CliRunner()
SEQUENCE = "\x1b[2J\x1b]0;owned\x07"
"""Clear the screen, then set the window title (ended by a bell)."""
SHOWN = "\\x1b[2J\\x1b]0;owned"  # Rich drops the bell itself


def test_an_activity_from_a_log_is_shown_escaped(tmp_path: Path) -> None:
    rows = [f"c{i},{'Check' if i % 2 else SEQUENCE},2024-01-0{1 + i % 5} 10:00" for i in range(40)]
    log = tmp_path / "log.csv"
    log.write_text("case,activity,timestamp\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["mine", str(log)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert SHOWN[:8] in result.output  # the table may wrap the rest of the name


def test_a_file_name_in_an_error_is_shown_escaped(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / f"{SEQUENCE}.yaml")])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert SHOWN in result.output


def test_own_colours_stay_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    with console.capture() as captured:
        monkeypatch.setattr(console, "_force_terminal", True)
        monkeypatch.setattr(console, "_color_system", console._detect_color_system())
        console.print(f"[green]added[/green] {SEQUENCE}")
    text = captured.get()
    if console.color_system is not None:
        assert "\x1b[32m" in text  # Headway's green
    assert "\x1b[2J" not in text and "\x07" not in text
    assert SHOWN in text
