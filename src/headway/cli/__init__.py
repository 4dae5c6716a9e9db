"""The command line: a thin shell over the engine. Each module registers its commands on `app`."""

from __future__ import annotations

# Importing a command module registers its commands on `app`.
from headway.cli import (  # noqa: F401
    evaluate,
    explain,
    mine,
    people,
    plan,
    report,
    settings_command,
    status,
    strategy_commands,
    track,
    web,
)
from headway.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the `headway` command."""
    app()
