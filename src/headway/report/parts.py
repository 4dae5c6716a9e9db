"""The building blocks of a report's sections: tables of formatted cells and sections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """A table: headers (with units) and rows of formatted cells; `numeric` marks right-aligned
    columns."""

    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    numeric: frozenset[int] = frozenset()
    caption: str = ""


@dataclass(frozen=True)
class Section:
    """One section of the report: a title, paragraphs, an optional chart and tables."""

    id: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    leads: list[tuple[str, str]] = field(default_factory=list)  # (bold lead, text) paragraphs
    chart: str | None = None
    chart_caption: str = ""
    tables: list[Table] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    parts: list[Section] = field(default_factory=list)
