"""The PDF of every template renders, paginates and has no blank page (checked with pdftoppm)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from headway.report import render_html, render_pdf
from tests.report.conftest import TEMPLATE_PATHS, template_report
from tests.report.figures import shared_figures

INK = 128  # a grey level darker than this counts as ink
FOOTER = 0.08  # the bottom share of a page holding the running footer and page number


def pages_as_images(pdf: bytes, folder: Path) -> list[bytes]:
    """Each page as a greyscale PGM image (poppler-utils' pdftoppm, 30 dpi)."""
    source = folder / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", str(source), str(folder / "page")],
        check=True,
        capture_output=True,
    )
    return [p.read_bytes() for p in sorted(folder.glob("page-*.pgm"))]


def body_ink(pgm: bytes) -> int:
    """Dark pixels above the footer of a binary PGM (P5) page image."""
    fields = pgm.split(maxsplit=4)  # P5, width, height, maxval, pixels
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    body = fields[4][: width * int(height * (1 - FOOTER))]
    return sum(1 for value in body if value < INK)


def page_count(source: Path) -> int:
    """Pages of a PDF file as poppler's pdfinfo counts them."""
    info = subprocess.run(["pdfinfo", str(source)], check=True, capture_output=True, text=True)
    return int(
        next(line.split()[1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
@pytest.mark.usefixtures("pdf_tools")
def test_every_template_prints_to_pages_with_content(path: Path, tmp_path: Path) -> None:
    report = template_report(path)
    pdf = render_pdf(render_html(report))
    assert pdf.startswith(b"%PDF-")
    pages = pages_as_images(pdf, tmp_path)
    # Cover, summary, and one page at least for each of the other sections.
    assert len(pages) >= 8
    assert len(pages) == page_count(tmp_path / "report.pdf")
    blank = [n for n, page in enumerate(pages, start=1) if body_ink(page) == 0]
    assert blank == [], f"blank pages: {blank}"
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\f")
    assert report.strategy.business.name in text[0]
    assert "Page" not in text[0]  # the cover carries no page number
    assert f"Page 2 of {len(pages)}" in text[1]
    # The figures shown in several places print as the HTML and the workbook show them.
    whole = " ".join(" ".join(page.split()) for page in text)
    for name, figure in shared_figures(report).items():
        assert " ".join(figure.split()) in whole, name


@pytest.mark.usefixtures("pdf_tools")
def test_a_blank_page_would_be_caught(tmp_path: Path) -> None:
    html = '<p>one</p><div style="break-before: page"></div><p style="break-before: page">three</p>'
    pages = pages_as_images(render_pdf(html), tmp_path)
    assert [body_ink(page) > 0 for page in pages] == [True, False, True]


def test_weasyprint_is_loaded_by_the_usual_search_when_the_sonames_fail(
    pdf_tools: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where loading Pango by its exact sonames fails (another system's names), the import is
    tried again from nothing with the system's usual library search."""
    from headway.report import pdf

    calls: list[str] = []
    real = pdf.importlib.import_module
    forgotten: list[bool] = []
    monkeypatch.setattr(pdf, "_forget_weasyprint", lambda: forgotten.append(True))

    def flaky(name: str) -> object:
        calls.append(name)
        if len(calls) == 1:
            raise OSError("cannot load library 'libpango-1.0.so.0'")
        return real(name)

    monkeypatch.setattr(pdf.importlib, "import_module", flaky)
    assert pdf._weasyprint().HTML is not None
    assert calls == ["weasyprint", "weasyprint"]
    assert forgotten == [True]  # the half-made import is cleared before the second try
