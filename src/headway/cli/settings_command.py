"""`headway settings`: the settings table with the values in effect."""

from __future__ import annotations

import dataclasses

import typer
from rich.table import Table

from headway.cli.app import app, console, current_settings, print_json
from headway.settings import settings_markdown, settings_table

# Shown as "(set)", never in clear: the key signs sessions, the URL may hold a password.
_HIDDEN = {"secret_key", "database_url"}


@app.command()
def settings(
    as_json: bool = typer.Option(False, "--json", help="Print the settings as JSON."),
    markdown: bool = typer.Option(
        False, "--markdown", help="Print the settings page (docs/settings.md)."
    ),
) -> None:
    """Every setting: its value in effect, default, environment variable and what it does."""
    if markdown:
        typer.echo(settings_markdown(), nl=False)
        return
    values = {
        name: "(set)" if name in _HIDDEN and value else value
        for name, value in dataclasses.asdict(current_settings()).items()
    }
    rows = settings_table()
    if as_json:
        print_json(
            [
                {
                    "name": info.name,
                    "value": values[info.name],
                    "default": info.default,
                    "environment_variable": info.env,
                    "expected": info.expected,
                    "help": info.help,
                }
                for info in rows
            ]
        )
        return
    table = Table(title="Settings (set each with its environment variable)")
    for column in ("setting", "value", "default", "environment variable", "what it does"):
        table.add_column(column)
    for info in rows:
        table.add_row(info.name, str(values[info.name]), str(info.default), info.env, info.help)
    console.print(table)
