"""A consultant's overview in a real headless Chromium at a phone's width: two workspaces whose
dashboards have been computed show their signals (gap closed, plan value, attention) without
scrolling sideways at 360 px, pass axe-core and are reachable by Tab alone. Screenshot:
test-output/web-overview/."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from headway.web.members import new_workspace
from tests.web.a11y import check_keyboard, check_page
from tests.web.conftest import PASSWORD, SHOTS
from tests.web.test_browser_analysis import _settled

OUT = SHOTS / "web-overview"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_consultant_overview_reads_at_360px(live_server: Any, browser: Any, settings: Any) -> None:
    settings.HEADWAY_JOB_RUNNER = "thread"
    OUT.mkdir(parents=True, exist_ok=True)
    consultant = User.objects.create_user("carla", "carla@example.com", PASSWORD)
    bakery = new_workspace("Corner bakery", consultant, "bakery")
    shop = new_workspace("Boutique web shop", consultant, "ecommerce")
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("carla")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    for workspace in (bakery, shop):
        page.goto(f"{live_server.url}/w/{workspace.pk}/dashboard/")
        _settled(page)

    page.goto(f"{live_server.url}/w/")
    text = page.locator("main").inner_text()
    assert "Corner bakery" in text and "Boutique web shop" in text
    assert "Not computed yet" not in text  # both rows show their dashboard's signals
    assert text.count("of the weighted strategic gap") >= 4  # gap closed and plan value, twice
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the overview scrolls sideways at 360 px ({width} px)"
    check_page(page)
    reached = check_keyboard(page, "main")
    assert any("Corner bakery" in name for name in reached), reached
    page.screenshot(path=OUT / "overview-360px.png", full_page=True)
