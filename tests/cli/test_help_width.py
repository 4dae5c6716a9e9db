"""`--help` of every command at 80 columns reads as whole sentences: no line of a paragraph or a
table cell ends while the next word would still have fitted on it (a docstring's own line break
showing through, which cuts a sentence in the middle of a narrow terminal)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from headway.cli import app
from headway.cli.app import reflow

WIDTH = 80
_SEGMENT = re.compile(r"\S+(?: \S+)*")
_BORDERS = str.maketrans({"│": " ", "╭": " ", "╰": " "})


def _segments(line: str) -> list[tuple[int, int, str]]:
    """The cells of a help line: (first column, end column, text), split at runs of spaces;
    the required marker `*` in front of an option is not a cell."""
    inner = line.translate(_BORDERS)
    if inner[:4] == "  * ":
        inner = "    " + inner[4:]
    return [(found.start(), found.end(), found.group()) for found in _SEGMENT.finditer(inner)]


def early_breaks(text: str, width: int) -> list[tuple[str, str]]:
    """Pairs (line, next line) of a cell where the next line's first word would have fitted at
    the end of the line; a new row (an option, a command) or a `[default: ...]` note that
    Typer puts on a line of its own starts afresh."""
    found: list[tuple[str, str]] = []
    row_start: int | None = None
    for line, following in pairwise(text.splitlines()):
        here, there = _segments(line), _segments(following)
        if "─" in following:
            row_start = None
        if "─" in line or "─" in following or not here or not there:
            continue
        if following.lstrip().startswith("│") and (row_start is None or there[0][0] <= row_start):
            row_start = there[0][0]
            continue
        right = line.rfind("│") if line.rstrip().endswith("│") else width
        cells = {start: (end, text) for start, end, text in here}
        for start, _, text in there:
            if start not in cells or text.startswith("["):
                continue
            end, ended = cells[start]
            after = [other for other, _, _ in here + there if other > start]
            limit = min(after) - 1 if after else right - 1
            if end + 1 + len(text.split()[0]) <= limit:
                found.append((ended, text))
    return found


def _command_paths() -> Iterator[list[str]]:
    root = typer.main.get_command(app)
    context = typer.Context(root)
    yield []
    assert isinstance(root, TyperGroup)
    for name in root.list_commands(context):
        yield [name]
        command = root.get_command(context, name)
        if isinstance(command, TyperGroup):
            for child in command.list_commands(context):
                yield [name, child]


@pytest.mark.parametrize("path", list(_command_paths()), ids=lambda path: " ".join(path) or "-")
def test_help_reads_as_whole_sentences_at_80_columns(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(WIDTH)})
    assert result.exit_code == 0, result.output
    assert early_breaks(result.output, WIDTH) == []
    assert max(len(line) for line in result.output.splitlines()) <= WIDTH


def test_the_checker_sees_a_sentence_cut_short() -> None:
    cut = " Check a strategy document; exit 0 when valid,\n 2 with every problem listed.\n"
    assert early_breaks(cut, WIDTH) == [
        ("Check a strategy document; exit 0 when valid,", "2 with every problem listed.")
    ]


def test_reflow_joins_lines_within_paragraphs_and_keeps_marked_blocks() -> None:
    text = """First line
        goes on.

        \b
        kept
        as typed
        """
    assert reflow(text) == "First line goes on.\n\n\b\nkept\nas typed"
