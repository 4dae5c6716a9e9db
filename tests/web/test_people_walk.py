"""A real headless Chromium walks staff participation end to end: a contributor submits an idea
and two members vote → the editor turns it into an initiative → three staff answer the
readiness survey by link → an ethics finding blocks the plan's approval until it is resolved
→ the plan is approved. Every page passes axe-core and the keyboard check (tests/web/a11y.py);
screenshots of each step go to test-output/people-walk/."""

from __future__ import annotations

from typing import Any

import pytest

from headway.web import members, models
from tests.web.a11y import check_keyboard, check_page
from tests.web.conftest import PASSWORD, SHOTS, make_user

OUT = SHOTS / "people-walk"
PHONE = {"width": 360, "height": 740}
DESK = {"width": 1100, "height": 900}


def _log_in(browser: Any, base: str, name: str, viewport: dict[str, int] = DESK) -> Any:
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/w/")
    return page


def _check(page: Any, shot: str, form: str = "main") -> None:
    """axe-core and the keyboard on the page as it is, then its screenshot."""
    check_page(page)
    check_keyboard(page, form)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.screenshot(path=OUT / shot, full_page=True)


def _publish(page: Any, workspace_url: str, note: str) -> None:
    page.goto(workspace_url + "draft/")
    page.get_by_label("What changed").fill(note)
    page.get_by_role("button", name="Publish as the next version").click()
    page.wait_for_url("**/versions/*/diff/")


def _people() -> tuple[models.Workspace, dict[str, str]]:
    users = {name: make_user(name) for name in ("olivia", "eddie", "carla", "mo")}
    workspace = members.new_workspace("Corner bakery", users["olivia"], "bakery")
    roles = {"eddie": "editor", "carla": "contributor", "mo": "contributor"}
    for name, role in roles.items():
        models.Membership.objects.create(workspace=workspace, user=users[name], role=role)
    return workspace, roles


def _idea_and_votes(browser: Any, base: str, workspace_url: str) -> str:
    carla = _log_in(browser, base, "carla", PHONE)
    carla.goto(workspace_url + "ideas/")
    carla.get_by_label("This is").select_option("pain")
    carla.get_by_label("Title").fill("Phone orders get lost in the morning rush")
    carla.get_by_label("Process").select_option("phone-orders")
    carla.get_by_label("How often (times a month)").fill("20")
    carla.get_by_label("Hours lost each time").fill("0.5")
    carla.get_by_label("Errors it causes (a month)").fill("4")
    _check(carla, "01-contributor-submits-an-idea.png", "main form")
    carla.get_by_role("button", name="Submit the idea").click()
    carla.get_by_role("heading", name="Phone orders get lost in the morning rush").wait_for()
    idea_url = carla.url
    for name in ("mo", "olivia"):
        voter = _log_in(browser, base, name)
        voter.goto(idea_url)
        voter.get_by_role("button", name="Vote for this idea").click()
        voter.get_by_role("heading", name="Votes: ").wait_for()
    carla.goto(workspace_url + "ideas/?order=value")
    assert carla.get_by_role("row").nth(1).locator("td").nth(2).inner_text() == "2"
    _check(carla, "02-two-votes-ranked-by-value-360px.png")
    return idea_url


def _convert(browser: Any, base: str, workspace_url: str, idea_url: str) -> Any:
    eddie = _log_in(browser, base, "eddie")
    eddie.goto(idea_url)
    eddie.get_by_label("Initiative id").fill("phone-ordering")
    eddie.get_by_label("Initiative name").fill("Online pre-order form")
    eddie.get_by_label("Upfront cost, best case").fill("200")
    eddie.get_by_label("Upfront cost, most likely").fill("300")
    eddie.get_by_label("Upfront cost, worst case").fill("500")
    eddie.get_by_label("Running cost a month").fill("20")
    eddie.get_by_label("Staff effort (person-days)").fill("3")
    _check(eddie, "03-editor-turns-the-idea-into-an-initiative.png")
    eddie.get_by_role("button", name="Make the initiative").click()
    eddie.get_by_text("This idea became initiative").wait_for()
    _publish(eddie, workspace_url, "initiative from a staff idea")
    return eddie


def _survey(browser: Any, eddie: Any, workspace_url: str) -> None:
    eddie.goto(workspace_url + "surveys/")
    eddie.get_by_role("button", name="Open a new round").click()
    links = []
    for name in ("Sam", "Ana", "Joe"):
        eddie.get_by_label("Staff member's name").fill(name)
        eddie.get_by_label("Their role").fill("counter")
        eddie.get_by_role("button", name="Make a link for round 1").click()
        links.append(eddie.get_by_role("textbox", name="Link").input_value())
    for n, link in enumerate(links):
        staff = browser.new_context(viewport=PHONE).new_page()  # no account, no login
        staff.goto(link)
        for group in staff.get_by_role("group").all():
            group.get_by_label("agree", exact=True).check()
        if n == 1:
            staff.get_by_label("Answer anonymously").check()
        if n == 0:
            _check(staff, "04-staff-answer-the-survey-by-link-360px.png", "main form")
        staff.get_by_role("button", name="Send my answers").click()
        staff.get_by_text("Your answers are in").wait_for()
    eddie.goto(workspace_url + "surveys/")
    eddie.get_by_text("hidden: fewer than 5 answers").wait_for()
    _check(eddie, "05-three-answers-shown-only-as-a-count.png")
    eddie.set_viewport_size(PHONE)
    eddie.screenshot(path=OUT / "05b-survey-results-360px.png", full_page=True)
    eddie.set_viewport_size(DESK)


def _approval(browser: Any, base: str, eddie: Any, workspace_url: str) -> None:
    olivia = _log_in(browser, base, "olivia")
    olivia.goto(workspace_url + "approval/")
    olivia.get_by_role("button", name="Approve the plan of the latest version").click()
    blocked = olivia.get_by_role("alert").filter(has_text="cannot be approved")
    blocked.get_by_text("phone-ordering/hours-displaced-no-plan").wait_for()
    _check(olivia, "06-an-ethics-finding-blocks-approval.png")

    eddie.goto(workspace_url + "ethics/")
    region = eddie.get_by_role("region", name="Online pre-order form (phone-ordering)")
    finding = region.locator("article").filter(has_text="hours-displaced-no-plan")
    finding.get_by_text("Record a resolution").click()
    finding.get_by_label("Resolved by").fill("Olivia, owner")
    finding.get_by_label("Why it is acceptable").fill("Counter staff move to the new café corner")
    _check(eddie, "07-editor-records-the-resolution.png")
    finding.get_by_role("button", name="Save the resolution").click()
    eddie.get_by_text("Resolved by Olivia, owner").first.wait_for()
    _publish(eddie, workspace_url, "ethics finding resolved")

    olivia.goto(workspace_url + "approval/")
    olivia.get_by_role("button", name="Approve the plan of the latest version").click()
    olivia.get_by_role("heading", name="Approval 1: version 3, by olivia").wait_for()
    _check(olivia, "08-the-plan-is-approved.png")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_staff_take_part_from_idea_to_approved_plan(browser: Any, live_server: Any) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    workspace, _ = _people()
    base = live_server.url
    workspace_url = f"{base}/w/{workspace.pk}/"
    requested: list[str] = []
    idea_url = _idea_and_votes(browser, base, workspace_url)
    eddie = _convert(browser, base, workspace_url, idea_url)
    eddie.context.on("request", lambda request: requested.append(request.url))
    _survey(browser, eddie, workspace_url)
    _approval(browser, base, eddie, workspace_url)

    idea = models.Idea.objects.get()
    assert (idea.initiative, idea.votes.count()) == ("phone-ordering", 2)
    assert list(models.SurveyResponse.objects.values_list("name", flat=True)) == ["Sam", "", "Joe"]
    approval = models.PlanApproval.objects.get()
    assert "phone-ordering" in [i["id"] for i in approval.record["initiatives"]]
    assert [e.number for e in workspace.versions.all()] == [1, 2, 3]
    elsewhere = [url for url in requested if not url.startswith((base, "data:"))]
    assert elsewhere == [], "every script, style and page comes from the app itself (no CDN)"
