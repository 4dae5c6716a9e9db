"""Commands that move a strategy between formats and render reports: convert, report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from headway.cli.app import app, console, errors, fail
from headway.monitoring.errors import TrackingError
from headway.report import PdfUnavailableError, build_report, render_html, render_pdf
from headway.report.build import tracking_workspace
from headway.report.workbook import report_to_xlsx
from headway.strategy.errors import StrategyError
from headway.strategy.load import write_bytes_atomic
from headway.strategy.model import Strategy
from headway.strategy.xlsx import load_document, save_document

_FORMATS = (".yaml", ".yml", ".json", ".xlsx")


@app.command()
def convert(
    source: str = typer.Argument(..., help="Strategy to read: .yaml, .json or .xlsx."),
    target: str = typer.Argument(..., help="File to write: .yaml, .json or .xlsx."),
) -> None:
    """Convert a strategy between YAML, JSON and Excel (by extension); the round trip is lossless.

    The source is validated first; on any problem nothing is written and the exit code is 2.
    """
    for name in (source, target):
        if not name.lower().endswith(_FORMATS):
            fail(f"{name}: unknown format; use one of {', '.join(_FORMATS)}")
    if Path(source).resolve() == Path(target).resolve():
        fail("source and target are the same file")
    try:
        strategy = load_document(source)
    except StrategyError as exc:
        fail(exc.problems)
    try:
        save_document(strategy, target)
    except StrategyError as exc:
        fail(exc.problems)
    except OSError as exc:
        fail(f"{target}: cannot write: {exc.strerror}")
    console.print(f"[green]wrote[/green] {target}")


class ReportFormat(StrEnum):
    """Output formats of `headway report`."""

    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


EXIT_MISSING_LIBRARY = 3


@app.command()
def report(
    file: str = typer.Argument(..., help="Strategy document: .yaml, .json or .xlsx."),
    format: ReportFormat = typer.Option(ReportFormat.html, "--format", "-f", help="Output format."),
    output: str = typer.Option(..., "--output", "-o", help="File to write."),
    seed: int = typer.Option(0, "--seed", help="Seed of the Monte Carlo (same seed, same report)."),
    robust: int = typer.Option(
        0,
        "--robustness",
        min=0,
        max=2000,
        help="Also re-solve the plan in N Monte Carlo scenarios to show how often each "
        "initiative stays optimal (slow: N extra solves).",
    ),
) -> None:
    """Write the plan report: summary, gaps, ranking, roadmap, budget, frontier, growth, people.

    When FILE is a workspace's headway.yaml with tracking files beside it, the report adds the
    Alignment scorecard, benefit realization and KPI projections.

    Exit 2 when the strategy is invalid, 3 when PDF output lacks WeasyPrint or Pango (the
    message says what to install). The output file is replaced only once the report is ready.
    """
    strategy = _open(file)
    if format is ReportFormat.pdf:
        _check_pdf()
    workspace = tracking_workspace(file, strategy)
    with errors.status("Evaluating and planning..."):
        try:
            built = build_report(
                strategy, seed=seed, workspace=workspace, robustness_scenarios=robust
            )
        except TrackingError as exc:
            fail(exc.problems)
    if format is ReportFormat.xlsx:
        content = report_to_xlsx(built)
    else:
        html = render_html(built)
        content = html.encode("utf-8") if format is ReportFormat.html else _pdf(html)
    try:
        write_bytes_atomic(output, content)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror}")
    console.print(f"[green]wrote[/green] {output} ({format.value}, {len(content):,} bytes)")


def _open(file: str) -> Strategy:
    try:
        return load_document(file)
    except StrategyError as exc:
        fail(exc.problems)


def _check_pdf() -> None:
    # Fail before minutes of planning when PDF output cannot work on this machine.
    try:
        render_pdf("<p></p>")
    except PdfUnavailableError as exc:
        fail(escape(str(exc)), EXIT_MISSING_LIBRARY)


def _pdf(html: str) -> bytes:
    try:
        return render_pdf(html)
    except PdfUnavailableError as exc:
        fail(escape(str(exc)), EXIT_MISSING_LIBRARY)
