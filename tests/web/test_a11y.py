"""The accessibility helpers catch what they claim to (a page with a known fault fails, the same
page fixed passes), and the platform's own pages pass them: axe-core finds no serious
violation, and Tab alone reaches every control of each form with a visible focus."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.a11y import axe_violations, check_keyboard, check_page
from tests.web.conftest import PASSWORD, SHOTS, World

CLEAN = """<!doctype html><html lang="en"><head><title>t</title>
<style>:focus { outline: 2px solid #000; }</style></head>
<body><main><h1>Form</h1><form>
<label for="a">Name</label><input id="a" name="a">
<label for="b">Kind</label><select id="b" name="b"><option>x</option></select>
<button type="submit">Save</button></form></main></body></html>"""


@pytest.mark.slow
def test_axe_flags_an_unlabelled_field_and_passes_the_fixed_page(browser: Any) -> None:
    page = browser.new_page()
    page.set_content(CLEAN.replace('<label for="a">Name</label>', ""))
    rules = {v.rule: v.impact for v in axe_violations(page)}
    assert rules.get("label") == "critical"
    with pytest.raises(AssertionError, match="label"):
        check_page(page)
    page.set_content(CLEAN)
    assert [v for v in check_page(page) if v.impact in ("serious", "critical")] == []


@pytest.mark.slow
def test_keyboard_check_fails_on_an_unreachable_control_or_an_invisible_focus(
    browser: Any,
) -> None:
    page = browser.new_page()
    page.set_content(CLEAN)
    assert check_keyboard(page) == ["Name", "Kind", "Save"]
    radios = '<fieldset><legend>Agree?</legend><label><input type="radio" name="r"> yes</label>'
    radios += '<label><input type="radio" name="r"> no</label></fieldset>'
    page.set_content(CLEAN.replace("<button", radios + "<button"))
    assert check_keyboard(page) == ["Name", "Kind", "yes", "Save"]  # a radio group: one stop
    page.set_content(CLEAN.replace('<select id="b"', '<select tabindex="-1" id="b"'))
    with pytest.raises(AssertionError, match="never reaches"):
        check_keyboard(page)
    page.set_content(CLEAN.replace(":focus { outline: 2px solid #000; }", ":focus{outline:none}"))
    with pytest.raises(AssertionError, match="no visible focus"):
        check_keyboard(page)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_platform_pages_pass_axe_and_the_keyboard(
    browser: Any, live_server: Any, world: World
) -> None:
    base = live_server.url
    page = browser.new_page(viewport={"width": 360, "height": 740})
    for url, form in [("/login/", "main form"), ("/signup/", "main form")]:
        page.goto(base + url)
        check_page(page)
        check_keyboard(page, form)
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("owner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    workspace = f"{base}/w/{world.workspace.pk}/"
    for url in ["/w/", f"/w/{world.workspace.pk}/", f"/w/{world.workspace.pk}/members/"]:
        page.goto(base + url)
        check_page(page)
        check_keyboard(page, "main")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(workspace)
    page.screenshot(path=SHOTS / "a11y-workspace-360px.png", full_page=True)
