"""docs/mining.md stays honest: every `headway mine` option and JSON field is documented."""

from __future__ import annotations

import typer.main

from headway.cli import app
from headway.mining.profile import ActivityStats, AutomationCandidate, Edge, Totals, Variant
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "mining.md").read_text(encoding="utf-8")


def test_every_option_of_headway_mine_is_documented() -> None:
    command = typer.main.get_command(app)
    mine = command.commands["mine"]  # type: ignore[attr-defined]
    options = [o for p in mine.params for o in p.opts if o.startswith("--")]
    assert options
    missing = [o for o in options if o not in DOC]
    assert not missing, f"not in docs/mining.md: {missing}"


def test_every_json_field_is_documented() -> None:
    fields = set()
    for table in (Totals, ActivityStats, Edge, Variant, AutomationCandidate):
        fields |= set(table.__dataclass_fields__)
    missing = sorted(f for f in fields if f"`{f}`" not in DOC)
    assert not missing, f"not in docs/mining.md: {missing}"
