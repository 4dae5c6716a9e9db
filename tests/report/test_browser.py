"""The HTML report in a real headless Chromium: no console errors and no network requests."""

from __future__ import annotations

import os
from pathlib import Path

from headway.report import Report, render_html
from tests.report.conftest import missing_tool

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_html_report_opens_cleanly_in_chromium(bakery_report: Report, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        missing_tool("Debian's chromium (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        missing_tool("Playwright for Python (pip install -e '.[dev]')")
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(bakery_report), encoding="utf-8")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    requests: list[str] = []
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(page_file.as_uri(), wait_until="load")
        headings = page.locator("h2").all_inner_texts()
        charts = page.locator("figure.chart svg").count()
        widest = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        browser.close()
    assert problems == []
    assert requests == [page_file.as_uri()]  # the page itself, nothing else
    assert headings[:3] == ["Contents", "Executive summary", "Goals and gaps"]
    assert charts >= 4
    assert widest <= 1200  # wide tables scroll inside their box, not the page
