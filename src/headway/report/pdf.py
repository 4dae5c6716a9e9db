"""The report as PDF: WeasyPrint lays out the same HTML for A4 pages (cover, page numbers).

WeasyPrint needs Pango from the operating system. It is an optional extra (`pip install
'headway[pdf]'`); where it or Pango is missing, `PdfUnavailableError` says what to install.
"""

from __future__ import annotations

import importlib

from headway.errors import ErrorKind, HeadwayError, Problem

PANGO_HELP = (
    "PDF output needs WeasyPrint and the Pango library. Install them with:\n"
    "  Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0\n"
    "  Fedora:        sudo dnf install pango\n"
    "  macOS:         brew install pango\n"
    "and then: pip install 'headway[pdf]'   (see docs/reports.md)"
)


class PdfUnavailableError(HeadwayError):
    """WeasyPrint or the system's Pango library is missing; the message says what to install.

    Its kind is `environment` (exit code 3 on the command line): the input is fine.
    """

    kind = ErrorKind.environment

    def __init__(self, message: str) -> None:
        super().__init__([Problem(message, (), "PDF output")], message)


def render_pdf(html: str) -> bytes:
    """Lay out `html` (from `render_html`) as a PDF document and return its bytes.

    Raises `PdfUnavailableError` when WeasyPrint or Pango cannot be loaded.
    """
    try:
        weasyprint = importlib.import_module("weasyprint")  # optional extra: headway[pdf]
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found, Pango not
        raise PdfUnavailableError(f"{PANGO_HELP}\n(cause: {exc})") from None
    # No base URL and a fetcher that refuses everything: the document is self-contained.
    document = weasyprint.HTML(string=html, url_fetcher=_refuse)
    pdf: bytes = document.write_pdf()
    return pdf


def _refuse(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"the report must not load {url}")
