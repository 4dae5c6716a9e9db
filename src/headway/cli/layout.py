"""Terminal layout: tables and paragraphs that fit the terminal without cutting what a user copies.

`show_table` sizes every column itself: a value a user must copy (an id, a money amount, a
number) gets its whole width on one line; prose columns share what is left and wrap at word
boundaries. When even that does not fit (a narrow terminal), the table is stacked: per row, its
first value, then `title: value` pairs wrapped between pairs, indented. `say` prints a paragraph
wrapped with a hanging indent, never breaking an id or a number. `busy` shows a spinner on stderr
while a slow step runs (nothing when stderr is not a terminal).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

Kind = Literal["id", "ids", "money", "number", "text"]
"""`id`, `money`, `number`: never wrapped; `ids`: a list of ids, wrapped between them only;
`text`: prose, wrapped at word boundaries."""

_KEEP = ("id", "money", "number")
NBSP = "\u00a0"  # joins a title to its value: a stacked line breaks between pairs only
_PROSE_MIN = 12  # narrowest a prose column gets before the table is stacked instead


@dataclass(frozen=True)
class Col:
    """A column: its title (with the unit, e.g. `NPV likely (EUR)`), its kind, right-aligned
    when numeric."""

    title: str
    kind: Kind = "text"

    @property
    def right(self) -> bool:
        """Whether the column's values are numbers (right-aligned)."""
        return self.kind in ("money", "number")


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.replace(",", ", ").split()), default=0)


def _min_width(column: Col, cells: Sequence[str]) -> int:
    header = _longest_word(column.title)
    if column.kind in _KEEP:
        return max([header, *(len(c) for c in cells)])
    longest = max([header, *(_longest_word(c) for c in cells)])
    return longest if column.kind == "ids" else min(longest, _PROSE_MIN)


def _natural_width(column: Col, cells: Sequence[str]) -> int:
    return max([len(column.title), *(len(c) for c in cells)])


def widths(columns: Sequence[Col], rows: Sequence[Sequence[str]], total: int) -> list[int] | None:
    """Each column's content width for a table `total` characters wide, or None when the
    table cannot fit without cutting (stack it instead). Kept columns get their full width;
    prose and id lists share the rest in proportion to their natural width."""
    cells = [[row[c] for row in rows] for c in range(len(columns))]
    low = [_min_width(col, cells[c]) for c, col in enumerate(columns)]
    high = [max(low[c], _natural_width(col, cells[c])) for c, col in enumerate(columns)]
    room = total - 2 * (len(columns) - 1)  # two spaces between columns, none at the edges
    if sum(low) > room:
        return None
    if sum(high) <= room:
        return high
    out = list(low)
    spare = room - sum(low)
    flexible = [c for c in range(len(columns)) if high[c] > low[c]]
    want = sum(high[c] - low[c] for c in flexible)
    for c in flexible:
        out[c] += (high[c] - low[c]) * spare // want
    return out


def show_table(
    console: Console, title: str, columns: Sequence[Col], rows: Sequence[Sequence[str]]
) -> None:
    """Print a table that fits `console`'s width with every id and amount whole (or stacked)."""
    found = widths(columns, rows, console.width)
    if found is None:
        _stacked(console, title, columns, rows)
        return
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    for col, width in zip(columns, found, strict=True):
        table.add_column(
            col.title, justify="right" if col.right else "left", width=width, overflow="fold"
        )
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)


def _stacked(
    console: Console, title: str, columns: Sequence[Col], rows: Sequence[Sequence[str]]
) -> None:
    console.print(Text(title, style="bold"))
    for row in rows:
        console.print(Text(row[0], style="bold"), soft_wrap=True)
        pairs = [
            f"{col.title}:".replace(" ", NBSP)
            + NBSP
            + (cell.replace(" ", NBSP) if col.kind in _KEEP else cell)
            for col, cell in zip(columns[1:], row[1:], strict=True)
        ]
        say(console, "; ".join(pairs), indent=2, hang=0)


def say(console: Console, text: str, *, lead: str = "", style: str = "", indent: int = 0,
        hang: int = 2) -> None:  # fmt: skip
    """Print `lead` (styled) and `text` wrapped to the console's width: the first line at
    `indent`, the next ones `hang` further in; ids and numbers are never broken."""
    whole = f"{lead} {text}" if lead else text
    lines = textwrap.wrap(
        whole,
        width=max(20, console.width - 1),
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hang),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]
    for number, line in enumerate(lines):
        shown = Text(line)
        if number == 0 and lead and style:
            shown.stylize(style, indent, indent + len(lead))
        console.print(shown, soft_wrap=True)


@contextmanager
def busy(console: Console, what: str) -> Iterator[None]:
    """A spinner with `what` on `console` (stderr) while the block runs; silent when it is not
    a terminal, so piped output and logs stay clean."""
    if not console.is_terminal:
        yield
        return
    with console.status(what):
        yield
