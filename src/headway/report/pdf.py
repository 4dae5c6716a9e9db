"""The report as PDF: WeasyPrint lays out the same HTML for A4 pages (cover, page numbers).

WeasyPrint needs Pango from the operating system. It is an optional extra (`pip install
'headway[pdf]'`); where it or Pango is missing, `PdfUnavailableError` says what to install.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

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
    weasyprint = _weasyprint()
    # No base URL and a fetcher that refuses everything: the document is self-contained.
    document = weasyprint.HTML(string=html, url_fetcher=_refuse)
    with _FONTS_LOCK:
        pdf: bytes = document.write_pdf(font_config=_fonts(weasyprint))
    return pdf


_FONTS: list[tuple[ModuleType, Any]] = []
_FONTS_LOCK = threading.Lock()


def _fonts(weasyprint: ModuleType) -> Any:
    """One Fontconfig font configuration per process and loaded WeasyPrint, shared by every PDF
    (the reports load no fonts of their own). Making one loads every system font, and
    WeasyPrint's making of it is where it sporadically crashes (its issue 2843): once per
    process instead of once a report. A WeasyPrint loaded anew gets its own (its C types)."""
    if not _FONTS or _FONTS[0][0] is not weasyprint:
        fonts = importlib.import_module("weasyprint.text.fonts").FontConfiguration()
        _FONTS[:] = [(weasyprint, fonts)]
    return _FONTS[0][1]


def _weasyprint() -> ModuleType:
    """The WeasyPrint module (an optional extra: headway[pdf]), or `PdfUnavailableError`.
    Loaded first by exact sonames; where that fails, again with the system's usual search."""
    try:
        with _sonames_only():
            return importlib.import_module("weasyprint")
    except (ImportError, OSError):
        _forget_weasyprint()
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found, Pango not
        raise PdfUnavailableError(f"{PANGO_HELP}\n(cause: {exc})") from None


def _forget_weasyprint() -> None:
    """Drop a half-made import of WeasyPrint, so that the next one starts from nothing."""
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        del sys.modules[name]


@contextlib.contextmanager
def _sonames_only() -> Iterator[None]:
    """On Linux, let WeasyPrint load Pango and its companions by their exact sonames.

    WeasyPrint tries several names per library; cffi hands each one the loader refuses to
    `ctypes.util.find_library`, which on Linux runs `ldconfig`, `gcc` and `ld` each time (about
    50 processes, 0.15 s of CPU per report). The Linux names WeasyPrint tries include the exact
    sonames (`libpango-1.0.so.0`, ...), the ones `find_library` would answer, so the loader finds
    the same libraries without that search. Other systems keep their usual lookup.
    """
    if not sys.platform.startswith("linux") or "weasyprint" in sys.modules:
        yield
        return
    search = ctypes.util.find_library
    ctypes.util.find_library = _not_searched
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _not_searched(name: str) -> None:
    return None


def _refuse(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"the report must not load {url}")
