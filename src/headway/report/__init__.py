"""Reports a business can hand to a partner or a bank: HTML, PDF and XLSX from one template.

`build_report(strategy)` runs the engine and collects its results; `render_html`,
`render_pdf` (from the HTML) and `report_to_xlsx` only format them.
"""

from headway.report.build import Report, build_report
from headway.report.html import render_html
from headway.report.pdf import PdfUnavailableError, render_pdf
from headway.report.workbook import report_to_xlsx

__all__ = [
    "PdfUnavailableError",
    "Report",
    "build_report",
    "render_html",
    "render_pdf",
    "report_to_xlsx",
]
