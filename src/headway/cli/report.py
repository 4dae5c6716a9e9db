"""Commands that move a strategy between formats and render reports: convert, report."""

from __future__ import annotations

import os
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from headway.cli.app import (
    app,
    console,
    current_settings,
    errors,
    fail,
    open_strategy,
    print_json,
    solve_settings,
    today,
)
from headway.files import check_output, write_bytes_atomic

if TYPE_CHECKING:
    from headway.report.build import Report

_FORMATS = (".yaml", ".yml", ".json", ".xlsx")


@app.command()
def convert(
    source: str = typer.Argument(
        ..., help="Strategy to read: .yaml, .json, .xlsx or a workspace folder."
    ),
    target: str = typer.Argument(..., help="File to write: .yaml, .json or .xlsx."),
    force: bool = typer.Option(False, "--force", help="Replace TARGET when it exists."),
    as_json: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
) -> None:
    """Convert a strategy between YAML, JSON and Excel (by extension); the round trip is lossless.

    The source is validated first; on any problem nothing is written and the exit code is 2.
    An existing TARGET is replaced only with --force; an existing YAML keeps its comments,
    layout and numbers as written wherever the values did not change.
    """
    from headway.strategy.load import document_path
    from headway.workspace.convert import write_strategy

    if not target.lower().endswith(_FORMATS):
        fail(f"{target}: unknown format; use one of {', '.join(_FORMATS)}")
    check_output(target, [document_path(source)])
    strategy = open_strategy(source)
    if os.path.lexists(target) and not force:
        fail(f"{target} already exists; use --force to replace it")
    write_strategy(strategy, target)
    if as_json:
        print_json({"wrote": target, "source": source})
        return
    console.print(f"[green]wrote[/green] {target}")


class ReportFormat(StrEnum):
    """Output formats of `headway report`."""

    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


@app.command()
def report(
    file: str = typer.Argument(
        ..., help="Strategy document (.yaml, .json, .xlsx) or workspace folder."
    ),
    format: ReportFormat | None = typer.Option(
        None, "--format", "-f", help="Output format (default: from the output's extension)."
    ),
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
    as_json: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
) -> None:
    """Write the plan report: summary, gaps, ranking, roadmap, budget, frontier, growth, people.

    The format follows the output's extension (.html, .pdf, .xlsx) unless --format says it;
    the two must agree. When FILE is a workspace (its folder or headway.yaml) with tracking
    files, the report adds the Alignment scorecard, benefit realization and KPI projections.

    Exit 2 when the strategy is invalid, 3 when PDF output lacks WeasyPrint or Pango (the
    message says what to install). The output file is replaced only once the report is ready.
    """
    from headway.report import build_report
    from headway.strategy.load import document_path
    from headway.workspace.folder import folder_tracking

    chosen = output_format(output, format)
    document = document_path(file)
    check_output(output, [document])
    strategy = open_strategy(document)
    if chosen is ReportFormat.pdf:
        _check_pdf()
    tracking = folder_tracking(document)
    with errors.status("Evaluating and planning..."):
        built = build_report(
            strategy,
            seed=seed,
            tracking=tracking,
            robustness_scenarios=robust,
            settings=solve_settings(),
            made_on=today(),
            language=current_settings().report_language,
        )
    with errors.status(f"Writing the {chosen.value.upper()} report..."):
        content = _render(built, chosen)
    write_bytes_atomic(output, content)
    if as_json:
        print_json({"wrote": output, "format": chosen.value, "bytes": len(content)})
        return
    console.print(f"[green]wrote[/green] {output} ({chosen.value}, {len(content):,} bytes)")


def _render(built: Report, chosen: ReportFormat) -> bytes:
    """The report's file content in the chosen format."""
    if chosen is ReportFormat.xlsx:
        from headway.report.workbook import report_to_xlsx  # openpyxl, only for a workbook

        return report_to_xlsx(built)
    from headway.report import render_html, render_pdf

    html = render_html(built)
    return html.encode("utf-8") if chosen is ReportFormat.html else render_pdf(html)


def output_format(output: str, asked: ReportFormat | None) -> ReportFormat:
    """The report's format: `asked` (--format) or the output's extension, which must agree;
    HTML when neither says."""
    extension = os.path.splitext(output)[1].lower().lstrip(".")
    implied = {"htm": ReportFormat.html}.get(extension) or (
        ReportFormat(extension) if extension in ReportFormat.__members__ else None
    )
    if asked is not None and implied is not None and asked is not implied:
        fail(
            f"--format {asked.value} disagrees with the output's extension .{extension}; "
            f"drop --format or name the output .{asked.value}"
        )
    return asked or implied or ReportFormat.html


def _check_pdf() -> None:
    # Fail before minutes of planning when PDF output cannot work on this machine.
    from headway.report import render_pdf

    render_pdf("<p></p>")
