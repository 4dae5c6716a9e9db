"""Every hostile input of the corpus ends cleanly: exit 0 (accepted and computed) or 2 (refused
with a message), never a traceback, never past 30 seconds, and a refusal changes no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.corpus import SECONDS, Case, all_cases, run

CASES = all_cases()
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


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_ends_cleanly(case: Case, tmp_path: Path) -> None:
    outcome = run(case, tmp_path)
    assert outcome.traceback is None, outcome.traceback
    assert not outcome.seconds_exceeded, f"ran over {SECONDS} s"
    assert outcome.exit_code in (0, 2), outcome.output
    if any(part in case.name for part in MUST_REFUSE):
        assert outcome.exit_code == 2, outcome.output
    if outcome.exit_code == 2:
        assert "problem" in outcome.output or "error" in outcome.output.lower()
        assert outcome.files_changed == [] and outcome.files_added == []
    assert "Traceback" not in outcome.output
    assert "\x1b" not in outcome.output  # control characters from the input are escaped


def test_the_corpus_covers_every_reader() -> None:
    commands = {
        case.args[0] if case.args[0] != "track" else " ".join(case.args[:2]) for case in CASES
    }
    assert commands >= {"validate", "convert", "track import", "track add", "mine"}
    assert len(CASES) >= 200
