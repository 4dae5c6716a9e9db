"""The figures a report shows in more than one place, and readers of the HTML tables.

`shared_figures` lists, for one report, each figure that appears in several places (the
summary and the bank page, the ranking and the roadmap, ...) as the text the number model
gives it; the tests check every format shows that same text with the same unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from headway.report import Report
from headway.report.view import numbers_for


@dataclass
class HtmlTable:
    """One table of the HTML: its section id, headers and rows of cell texts."""

    section: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def column(self, title: str) -> dict[str, str]:
        """The cells of the column whose header starts with `title`, by the row's second cell
        (the initiative's or item's name) and first cell."""
        c = next(i for i, h in enumerate(self.headers) if h.startswith(title))
        found = {row[0]: row[c] for row in self.rows}
        found.update({row[1]: row[c] for row in self.rows if len(row) > 1})
        return found


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[HtmlTable] = []
        self.sections: list[str] = []
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.header = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.sections.append(dict(attrs).get("id") or "")
        elif tag == "table":
            self.tables.append(HtmlTable(self.sections[-1] if self.sections else ""))
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell, self.header = [], tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(re.sub(r"[ \t\r\n]+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None and self.tables:
            table = self.tables[-1]
            (table.headers.extend if self.header else table.rows.append)(self.row)  # type: ignore[operator]
            self.row = None
        elif tag == "section" and self.sections:
            self.sections.pop()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_tables(html: str) -> list[HtmlTable]:
    """Every table of the report's HTML, with the id of the section holding it."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def section_text(html: str, section: str) -> str:
    """The plain text of one section of the HTML (up to the next section of the same level)."""
    start = html.index(f'<section id="{section}"')
    end = html.find('<section id="', start + 1)
    text = unescape(re.sub(r"<[^>]+>", " ", html[start : end if end > 0 else None]))
    return re.sub(r"[ \t\r\n]+", " ", text)  # a no-break space in a number stays


def shared_figures(report: Report) -> dict[str, str]:
    """Figures shown in more than one place, as the number model shows them."""
    f, plan, cash = numbers_for(report), report.plan, report.cash
    found = {
        "upfront spend": f.money(plan.upfront_total),
        "upfront budget": f.money(plan.budget_total),
        "likely NPV": f.money(cash.npv),
        "net cash": f.money(cash.net_total),
    }
    if cash.funding_period is not None:
        found["funding needed"] = f.money(cash.funding_needed)
    return found
