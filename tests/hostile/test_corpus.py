"""Every hostile input of the corpus, read by every command that reads it, in a process of its
own: a clean exit code (0, 1 only for the documented ethics outcome, 2 with a message), no
traceback, no signal, never past 30 seconds, and a refusal changes no file.

The test suite runs a seeded sample of the slow, computing commands (`HEADWAY_CORPUS_SAMPLE`,
default 2); `python -m tests.hostile.corpus FILE` runs everything and writes the counts
(bench/results/hostile.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import all_cases
from tests.hostile.corpus_documents import COMPUTED, STRATEGY_COMMANDS, strategy_cases
from tests.hostile.runner import EXPECTED_CODES, SECONDS, STRATEGY, Case, run

CASES = all_cases(sample=int(os.environ.get("HEADWAY_CORPUS_SAMPLE", "2")))
MUST_REFUSE = (
    "-nan",
    "-inf",
    "-huge",
    "-1e308",
    "-1e400",
    "-infinity",
    "-entity",
    "malformed",
    "locale-unknown",
    "name-",
    "alias-bytes",
    "assumption-40k",
    "python-tag",
    "zip-bomb",
    "value-far",
    "bad-shared-string",
    "not-a-number",
    "bool",
)
"""Parts of case names whose input must be refused (exit 2)."""


def _marks(case: Case) -> list[pytest.MarkDecorator]:
    if not any(case.name.startswith(f"{c}-edge-") for c in COMPUTED):
        return []
    return [pytest.mark.slow]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=_marks(c)) for c in CASES])
def test_hostile_input_ends_cleanly(case: Case, tmp_path: Path) -> None:
    outcome = run(case, tmp_path)
    assert outcome.traceback is None, outcome.traceback
    assert not outcome.seconds_exceeded, f"ran over {SECONDS} s"
    assert outcome.signal is None, f"killed by signal {outcome.signal}"
    assert outcome.exit_code in EXPECTED_CODES, outcome.output
    if outcome.exit_code == 1:
        assert case.args[0] == "ethics", outcome.output  # the one documented domain outcome
    if any(part in case.name for part in MUST_REFUSE):
        assert outcome.exit_code == 2, outcome.output
    if "-edge-" in case.name and case.args[0] in ("validate", "show", "convert"):
        assert outcome.exit_code == 0, outcome.output  # valid, only extreme
    if outcome.exit_code in (2, 3):
        assert "error" in outcome.output.lower() or "problem" in outcome.output
    if outcome.exit_code not in (0, 1):
        assert outcome.files_changed == [] and outcome.files_added == []
    elif outcome.exit_code == 0:
        assert outcome.output.strip() or outcome.files_added
    assert "\x1b" not in outcome.output  # control characters from the input are escaped


def test_the_corpus_covers_every_reader() -> None:
    commands = {
        case.args[0] if case.args[0] != "track" else " ".join(case.args[:2]) for case in CASES
    }
    assert commands >= {
        "validate",
        "show",
        "evaluate",
        "plan",
        "frontier",
        "ethics",
        "report",
        "convert",
        "track import",
        "track add",
        "mine",
    }
    full = list(strategy_cases())
    assert len({c.name.split("-", 1)[0] for c in full}) >= len(
        {name.split("-")[0] for name in STRATEGY_COMMANDS}
    )
    assert len(full) > len([c for c in CASES if c.files.get(STRATEGY)])


def test_the_forked_runner_sees_what_a_shell_sees(tmp_path: Path) -> None:
    """A few cases through the installed `headway` script in a fresh interpreter end with the
    same exit code and message as in the forked runner the corpus uses."""
    script = Path(sys.executable).parent / "headway"
    chosen = [c for c in CASES if c.name in ("validate-revenue-nan", "mine-numpy-truncated")]
    assert len(chosen) == 2
    for index, case in enumerate(chosen):
        forked, shell = tmp_path / f"forked{index}", tmp_path / f"shell{index}"
        forked.mkdir()
        shell.mkdir()
        outcome = run(case, forked)
        for name, content in case.files.items():
            (shell / name).write_bytes(content)
        done = subprocess.run(
            [str(script), *(a.replace("{dir}", str(shell)) for a in case.args)],
            capture_output=True,
            text=True,
            timeout=SECONDS * 4,
            env={**os.environ, **case.env},
            check=False,
        )
        assert done.returncode == outcome.exit_code == 2
        first = next(line for line in done.stderr.splitlines() if "error" in line)
        assert first.replace(str(shell), "") in outcome.output.replace(str(forked), "")
