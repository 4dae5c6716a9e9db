"""A named pipe, a device or a folder given as an input file is refused at once (reading one
could block forever or never end), with the file named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli import app
from tests.conftest import TEMPLATES

runner = CliRunner()
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("plan.yaml", ["validate"]),
        ("plan.xlsx", ["convert", "{file}", "{dir}/out.yaml"]),
        ("in.csv", ["track", "import", "{file}", "--dir", "{dir}"]),
    ],
)
def test_a_named_pipe_is_refused_not_read(tmp_path: Path, name: str, command: list[str]) -> None:
    (tmp_path / "headway.yaml").write_bytes((TEMPLATES / "bakery.yaml").read_bytes())
    pipe = tmp_path / name
    os.mkfifo(pipe)  # nobody writes to it: opening it for reading would wait forever
    args = [a.format(file=pipe, dir=tmp_path) for a in command]
    if command == ["validate"]:
        args.append(str(pipe))
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "is a named pipe, not a file" in result.output


def test_a_device_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", os.devnull])
    assert result.exit_code == 2 and "is a device, not a file" in result.output
