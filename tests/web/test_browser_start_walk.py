"""A real headless Chromium walks the guided start as a new bakery owner would: sign up, pick the
bakery template, answer the interview, land on the first evaluation and the assumptions to check,
then weigh the goals with the pairwise sliders by keyboard — one judgment contradicts the others,
the page flags it with the value that repairs it, the owner moves it there and saves. Each form
passes axe-core (no serious violation) and is reachable by Tab alone. Screenshots go to
test-output/web-start-walk/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from headway.analysis.weights import goal_weighting
from headway.strategy.load import validate_data
from headway.web import models
from headway.web.weights_model import field_name, pairs
from tests.web.a11y import check_keyboard, check_page
from tests.web.conftest import SHOTS, sign_up

OUT = SHOTS / "web-start-walk"


def _slide(page: Any, name: str, position: int) -> None:
    """Move a slider by keyboard: Home goes to -8, then one ArrowRight per step."""
    slider = page.locator(f"#id_{name}")
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(position + 8):
        page.keyboard.press("ArrowRight")
    assert slider.input_value() == str(position)


def _interview(page: Any) -> None:
    page.get_by_label("Business name").fill("Rye & Co")
    page.get_by_label("People employed").fill("9")
    page.get_by_label("Yearly automation budget").fill("12000")
    page.get_by_label("Staff hours a month for change").fill("40")
    for goal in ["Win pre-orders", "cut unsold waste", "Protect the margin"]:
        page.get_by_label(goal, exact=False).first.check()
    page.get_by_label("Share of revenue from online and pre-orders (%)").fill("4.5")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_new_owner_guided_start_then_pairwise_goal_weights(
    browser: Any, live_server: Any, settings: Any
) -> None:
    settings.HEADWAY_JOB_RUNNER = "thread"  # the first evaluation is a background job
    OUT.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    result_url = _guided_start(page, base)
    _weigh_goals_in_pairs(page)
    _at_360px(browser, page, result_url)
    _catalogue_then_an_error_beside_the_field(page)
    elsewhere = [url for url in requested if not url.startswith((base, "data:"))]
    assert elsewhere == [], "every script, style and page comes from the app itself"
    workspace = models.Workspace.objects.get(name="Rye & Co")
    strategy = validate_data(models.Draft.objects.get(workspace=workspace).document)
    derived = goal_weighting(strategy)
    assert derived.method == "ahp" and derived.ahp is not None and derived.ahp.consistent
    ids = [g.id for g in strategy.goals]
    assert derived.weights[ids[0]] == max(derived.weights.values())


def _guided_start(page: Any, base: str) -> str:
    """Sign up, pick the bakery, answer the interview: the first evaluation's address."""
    sign_up(page, base, "rosa")
    page.get_by_role("link", name="Start a strategy with a few questions").click()
    page.screenshot(path=OUT / "01-templates.png", full_page=True)
    page.get_by_role("link", name="Bakery").click()
    check_page(page)
    check_keyboard(page, "main form")
    _interview(page)
    page.screenshot(path=OUT / "02-interview.png", full_page=True)
    page.get_by_role("button", name="Create my strategy").click()
    page.get_by_role("heading", name="your first evaluation").wait_for()
    page.get_by_text("Candidate automation, best first").wait_for(timeout=120_000)  # the job
    page.get_by_role("heading", name="Check these assumptions first").wait_for()  # htmx, seconds
    page.get_by_role("button", name=re.compile("^Confirm")).first.wait_for(timeout=60_000)
    assert page.get_by_role("row").count() > 10
    result_url: str = page.url
    page.screenshot(path=OUT / "03-first-evaluation-and-assumptions.png", full_page=True)
    check_page(page)
    return result_url


def _weigh_goals_in_pairs(page: Any) -> None:
    """Pairwise sliders by keyboard; a contradicting judgment flagged, repaired and saved."""
    page.get_by_role("link", name="Weigh your goals by comparing them in pairs").click()
    sliders = page.locator("input[type=range]")
    assert sliders.count() == 10
    check_page(page)
    check_keyboard(page, "#judgments")
    for i, j in pairs(5):
        _slide(page, field_name(i, j), max(-8, i - j))
    page.get_by_text("consistent)").wait_for()
    _slide(page, field_name(0, 4), 8)  # the last goal far above the first: contradicts the rest
    flag = page.locator(".flag")
    flag.wait_for()
    assert flag.get_attribute("data-pair") == field_name(0, 4)
    expect(page.locator(f"#{field_name(0, 4)}-row")).to_have_class(re.compile("flagged"))
    assert "Revisit" in flag.inner_text()
    page.screenshot(path=OUT / "04-inconsistent-judgment-flagged.png", full_page=True)
    fix = int(flag.get_attribute("data-position") or "0")
    assert fix < 0  # the repair points back towards the first goal
    _slide(page, field_name(0, 4), fix)
    flag.wait_for(state="detached")
    page.get_by_text("consistent)").wait_for()
    page.get_by_role("button", name="Save my judgments").click()
    page.get_by_text("are saved in the draft").wait_for()
    page.screenshot(path=OUT / "05-judgments-saved.png", full_page=True)


def _at_360px(browser: Any, page: Any, result_url: str) -> None:
    narrow = browser.new_page(viewport={"width": 360, "height": 740})
    narrow.context.add_cookies(page.context.cookies())
    narrow.goto(page.url)
    narrow.screenshot(path=OUT / "06-weights-at-360px.png", full_page=True)
    narrow.goto(result_url)
    # The draft changed, so its assumptions are worked out again: wait for them, so no request
    # outlives the test (the live server shares one database connection between tests).
    narrow.get_by_role("button", name=re.compile("^Confirm")).first.wait_for(timeout=60_000)
    narrow.screenshot(path=OUT / "06b-first-evaluation-at-360px.png", full_page=True)


def _catalogue_then_an_error_beside_the_field(page: Any) -> None:
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name=re.compile("^Edit goals, KPIs")).click()
    check_page(page)
    page.get_by_role("link", name="Add from the automation catalogue").click()
    check_page(page)
    page.get_by_role(
        "button", name="Add to the initiatives: Inventory tracking with reorder points"
    ).first.click()
    page.get_by_text("Added to the draft as initiative").wait_for()
    page.get_by_label("Upfront cost: worst case").fill("100")  # below the most likely
    page.get_by_role("button", name="Save in the draft").click()
    error = page.locator("[id='id_upfront_cost.low_error']")
    expect(error).to_contain_text("expected low <= likely <= high")
    check_page(page)
    check_keyboard(page, "form.editor")
    page.screenshot(path=OUT / "07-editor-error-beside-the-field.png", full_page=True)
