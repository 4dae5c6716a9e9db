"""The monitoring docs stay honest: every command is documented, the index definition matches."""

from __future__ import annotations

from headway.monitoring import alignment_index as index
from tests.conftest import ROOT

MONITORING = (ROOT / "docs" / "monitoring.md").read_text("utf-8")
DEFINITION = (ROOT / "docs" / "alignment-index.md").read_text("utf-8")


def test_every_monitoring_command_is_documented() -> None:
    for command in ("track import", "track add", "track status", "track example", "status", "diff"):
        assert f"`headway {command}" in MONITORING, command


def test_definition_states_the_constants_the_code_uses() -> None:
    assert f"`MIN_ALIGNMENT = {index.MIN_ALIGNMENT}`" in DEFINITION
    assert f"| {index.ALIGNED_FROM:g} or more | **aligned** |" in DEFINITION
    assert f"| {index.AT_RISK_FROM:g} to under {index.ALIGNED_FROM:g} | **at risk** |" in DEFINITION
    assert f"**{index.RECENT_DAYS} days**" in DEFINITION
    assert f"/ {index.FULL_PRODUCTIVITY_SHARE})" in DEFINITION
