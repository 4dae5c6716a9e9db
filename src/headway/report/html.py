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


def render_html(report: Report) -> str:
    """The report as an HTML document (text); the PDF is rendered from the same document."""
    template = _ENVIRONMENT.get_template("report.html.j2")
    return template.render(css=stylesheet(), **context(report))
