"""The documentation stays honest: every command and every public name is documented."""

from __future__ import annotations

import re

import typer

import headway
from headway.cli import app
from tests.conftest import ROOT


def _commands(typer_app: typer.Typer, prefix: str = "") -> list[str]:
    names = []
    for command in typer_app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        names.append(f"{prefix}{name.replace('_', '-')}")
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None
        names += _commands(group.typer_instance, f"{prefix}{group.name} ")
    return names


def test_every_command_is_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `headway ([a-z -]+?)(?: [A-Z\[-].*)?`$", text, re.M))
    commands = set(_commands(app))
    assert commands - documented == set(), "commands missing from docs/cli.md"
    assert documented - commands == set(), "docs/cli.md names commands that do not exist"


def test_every_public_name_is_documented() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    missing = [name for name in headway.__all__ if f"`{name}" not in text]
    assert missing == []


def test_docs_links_resolve() -> None:
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", page.read_text("utf-8")):
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"
