"""Errors a user can act on: what was wrong, in which file, at which line, column and path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """`('initiatives', 3, 'requires', 0)` -> `initiatives[3].requires[0]`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(document)"


@dataclass(frozen=True)
class Problem:
    """One problem found in a document."""

    message: str
    path: Path = ()
    file: str = "<document>"
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {format_path(self.path)}: {self.message}"


class StrategyError(Exception):
    """A document that could not be read or is not valid; `problems` lists every one found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))
