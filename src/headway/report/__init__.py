"""Reports a business can hand to a partner or a bank: HTML, PDF and XLSX from one template.

`build_report(strategy)` runs the engine and collects its results; `render_html`,
`render_pdf` (from the HTML) and `report_to_xlsx` only format them. Each is imported on first
use (PEP 562), so making a PDF does not load the workbook writer and the reverse.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from headway.report.build import Report, build_report
    from headway.report.html import render_html
    from headway.report.pdf import PdfUnavailableError, render_pdf
    from headway.report.workbook import report_to_xlsx

_WHERE = {
    "PdfUnavailableError": "headway.report.pdf",
    "Report": "headway.report.build",
    "build_report": "headway.report.build",
    "render_html": "headway.report.html",
    "render_pdf": "headway.report.pdf",
    "report_to_xlsx": "headway.report.workbook",
}

__all__ = [
    "PdfUnavailableError",
    "Report",
    "build_report",
    "render_html",
    "render_pdf",
    "report_to_xlsx",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'headway.report' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
