"""The command line: a thin shell over the engine. Each module registers its commands on `app`."""

from __future__ import annotations

from headway.cli import strategy_commands  # noqa: F401  (registers commands)
from headway.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the `headway` command."""
    app()
