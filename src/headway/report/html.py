"""The report as one self-contained HTML file: inline CSS and SVG, no scripts, no network."""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from headway.report.build import Report
from headway.report.view import context

_ENVIRONMENT = Environment(
    loader=PackageLoader("headway.report", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def stylesheet() -> str:
    """The report's CSS (screen and print)."""
    return (resources.files("headway.report") / "templates" / "report.css").read_text("utf-8")


def render_html(report: Report, only: tuple[str, ...] | None = None) -> str:
    """The report as an HTML document (text); the PDF is rendered from the same document.
    `only` keeps just the sections with those ids (e.g. `("bank",)`: the page for the bank)."""
    template = _ENVIRONMENT.get_template("report.html.j2")
    shown = context(report)
    if only is not None:
        shown["sections"] = [s for s in shown["sections"] if s.id in only]
    return template.render(css=stylesheet(), **shown)
