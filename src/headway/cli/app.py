"""The Typer application every command module registers on, and shared output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from rich.console import Console

from headway.strategy.errors import Problem, StrategyError
from headway.strategy.load import load_strategy
from headway.strategy.model import Strategy

app = typer.Typer(
    name="headway",
    help="Headway: spend automation money on what moves your strategy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

EXIT_INVALID = 2


def fail(problems: Sequence[Problem] | str, code: int = EXIT_INVALID) -> NoReturn:
    """Print problems (or one message) to stderr and exit with `code` (2: invalid input)."""
    if isinstance(problems, str):
        errors.print(f"[red]error:[/red] {problems}", markup=True, soft_wrap=True)
    else:
        count = len(problems)
        errors.print(f"[red]{count} problem{'s' if count != 1 else ''} found:[/red]")
        for problem in problems:
            errors.print(f"  {problem}", markup=False, soft_wrap=True)
    raise typer.Exit(code)


def open_strategy(path: str) -> Strategy:
    """Load a strategy document or exit 2 with every problem listed."""
    try:
        return load_strategy(path)
    except StrategyError as exc:
        fail(exc.problems)


def print_json(data: Any) -> None:
    """Write `data` as one JSON document on stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def _version(value: bool) -> None:
    if value:
        from headway import __version__

        console.print(f"headway {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Headway: spend automation money on what moves your strategy."""
