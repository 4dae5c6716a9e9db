"""What a person sees of the bakery's report with a year of tracking data: every chart drawn
in the HTML and the PDF, the PDF pages as images (pdftoppm) and the HTML in Chromium (wide, a
phone's 360 px, and in greys), saved under test-output/report-tracked/ to be looked at."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from headway.report import Report, render_html, render_pdf
from tests.conftest import ROOT
from tests.report.conftest import missing_tool
from tests.report.test_browser import ARGS, CHROMIUM

SHOTS = Path(os.environ.get("HEADWAY_TEST_OUTPUT", ROOT / "test-output")) / "report-tracked"
SVG = "{http://www.w3.org/2000/svg}"


def charts_of(html: str) -> dict[str, str]:
    """Each chart's title -> its visible text, for every <svg> in the page."""
    found = {}
    for start in range(len(html)):
        start = html.find("<svg", start)
        if start < 0:
            break
        end = html.index("</svg>", start) + len("</svg>")
        root = ET.fromstring(html[start:end])
        title = root.findtext(f"{SVG}title") or ""
        found[title] = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        if end >= len(html):
            break
    return found


def test_every_chart_of_the_tracked_report_is_drawn_with_axis_titles(
    tracked_report: Report,
) -> None:
    shown = charts_of(render_html(tracked_report))
    assert "Roadmap" in shown and "being introduced" in shown["Roadmap"]
    assert "Quarter (start of each)" in shown["Roadmap"]
    assert "Alignment Index (0-100)" in shown["Alignment Index over time"]
    assert "% of the expected (likely) effect" in shown["Benefit realization per initiative"]
    assert "Gross margin (%)" in shown["Gross margin: trend and target"]
    trends = [t for t in shown if t.endswith(": trend and target")]
    measured = {m.kpi for m in tracked_report.tracking.measurements}  # type: ignore[union-attr]
    assert len(trends) == len(measured)
    for title in trends:
        assert "Month" in shown[title] and "target" in shown[title]


@pytest.mark.usefixtures("pdf_tools")
def test_pdf_pages_of_the_tracked_report_are_saved(tracked_report: Report) -> None:
    folder = SHOTS / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("page-*.png"):
        old.unlink()
    source = folder / "report.pdf"
    source.write_bytes(render_pdf(render_html(tracked_report)))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", str(source), str(folder / "page")],
        check=True,
        capture_output=True,
    )
    pages = sorted(folder.glob("page-*.png"))
    assert len(pages) >= 10
    assert all(p.stat().st_size > 5_000 for p in pages)
    text = subprocess.run(
        ["pdftotext", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    for words in ("Alignment Index (0-100)", "Measured effect", "being introduced", "Month"):
        assert words in text


def test_html_of_the_tracked_report_is_screenshot_wide_narrow_and_in_greys(
    tracked_report: Report, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        missing_tool("Debian's chromium (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        missing_tool("Playwright for Python (pip install -e '.[dev]')")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(tracked_report), encoding="utf-8")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(page_file.as_uri(), wait_until="load")
        page.screenshot(path=str(SHOTS / "html-1200.png"), full_page=True)
        names = page.eval_on_selector_all(
            "figure.chart svg",
            "els => els.map(e => [e.getAttribute('role'), "
            "e.getAttribute('aria-labelledby').split(' ').map("
            "i => document.getElementById(i).textContent).join(' | ')])",
        )
        sizes = page.eval_on_selector_all(
            "figure.chart svg", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        page.add_style_tag(content="html { filter: grayscale(1); }")
        page.locator("#scorecard").screenshot(path=str(SHOTS / "html-scorecard-grey.png"))
        page.set_viewport_size({"width": 360, "height": 780})
        widest = page.evaluate("document.documentElement.scrollWidth")
        page.locator("#kpi-trends").screenshot(path=str(SHOTS / "html-360-trends.png"))
        browser.close()
    assert len(names) >= 8
    assert all(role == "img" and len(name) > 30 for role, name in names)
    assert all(height > 60 for height in sizes)  # drawn, not collapsed
    assert widest <= 380  # charts shrink to a phone's width
    assert (SHOTS / "html-1200.png").stat().st_size > 50_000
