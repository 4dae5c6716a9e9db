"""The readiness survey as a pulse on the web: links per staff member, answers without an
account (anonymous if chosen), one answer per link, results only in aggregate (a dimension
only with five answers or more), and a round's shareable answers used in the draft."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from headway.strategy.survey import default_survey
from headway.web import drafts, models, surveys
from headway.web.audit import Actor
from tests.web.conftest import World

QUESTIONS = default_survey().question_ids


def _as(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.users[name])
    return client


def _links(world: World, count: int) -> list[str]:
    """Links of round 1 (the fixture's first link included)."""
    survey_round = world.workspace.survey_rounds.get(number=1)
    actor = Actor(world.users["editor"])
    made = [surveys.make_link(survey_round, f"staff {n}", "baker", actor) for n in range(count - 1)]
    return [world.survey_token, *made]


def _answer(token: str, value: int = 4, anonymous: bool = False) -> int:
    data = {f"q_{q}": str(value) for q in QUESTIONS}
    if anonymous:
        data["anonymous"] = "on"
    return Client().post(f"/survey/{token}/", data).status_code


def test_staff_answer_by_link_once_and_anonymously_if_they_choose(world: World) -> None:
    links = _links(world, 3)
    assert [_answer(links[0]), _answer(links[1], anonymous=True), _answer(links[2])] == [200] * 3
    names = list(models.SurveyResponse.objects.values_list("name", flat=True))
    assert names == ["Sam", "", "staff 1"]
    assert _answer(links[0], 1) == 410  # a used link answers no more
    assert models.SurveyResponse.objects.count() == 3
    logged = models.AuditEntry.objects.filter(action="survey.answer")
    assert {e.actor_name for e in logged} == {"(anonymous)"}
    assert Client().get("/survey/hs_nope/").status_code == 404


def test_fewer_than_five_answers_are_shown_only_as_a_count(world: World) -> None:
    for token in _links(world, 3):
        _answer(token)
    page = _as(world, "viewer").get(reverse("surveys", args=[world.workspace.pk]))
    _, point = page.context["rows"][0]
    assert point.respondents == 3 and point.readiness is None
    assert "hidden: fewer than 5 answers" in page.content.decode()
    use = reverse("survey_use", args=[world.workspace.pk, 1])
    refused = _as(world, "editor").post(use)
    assert refused.status_code == 400
    assert drafts.current_draft(world.workspace) is None


def test_five_answers_give_readiness_and_go_into_the_draft(world: World) -> None:
    for n, token in enumerate(_links(world, 5)):
        _answer(token, 4, anonymous=n % 2 == 1)
    page = _as(world, "viewer").get(reverse("surveys", args=[world.workspace.pk]))
    _, point = page.context["rows"][0]
    assert point.readiness is not None and point.morale is not None
    response = _as(world, "editor").post(reverse("survey_use", args=[world.workspace.pk, 1]))
    assert response.status_code == 302
    draft = drafts.current_draft(world.workspace)
    assert draft is not None
    people = draft.document["readiness"]["respondents"]
    assert [p["name"] for p in people] == [
        "Sam",
        "anonymous 1",
        "staff 1",
        "anonymous 2",
        "staff 3",
    ]
    assert all(p["answers"] == dict.fromkeys(QUESTIONS, 4) for p in people)


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({f"q_{QUESTIONS[0]}": "7"}, 400),  # off the scale
        ({f"q_{QUESTIONS[0]}": "x"}, 400),
        ({}, 400),  # nothing answered
    ],
)
def test_a_wrong_answer_is_refused_and_the_link_still_works(
    world: World, data: dict[str, str], status: int
) -> None:
    response = Client().post(f"/survey/{world.survey_token}/", data)
    assert response.status_code == status
    assert not models.SurveyResponse.objects.exists()
    assert _answer(world.survey_token) == 200


def test_a_closed_round_takes_no_answers_and_no_new_links(world: World) -> None:
    editor = _as(world, "editor")
    editor.post(reverse("survey_close", args=[world.workspace.pk, 1]))
    assert _answer(world.survey_token) == 400
    assert not models.SurveyResponse.objects.exists()
    link = editor.post(reverse("survey_link", args=[world.workspace.pk, 1]), {"name": "Al"})
    assert link.status_code == 400
    assert models.SurveyInvite.objects.count() == 1


def test_an_editor_opens_rounds_and_makes_links_shown_once(world: World) -> None:
    editor = _as(world, "editor")
    editor.post(reverse("survey_open", args=[world.workspace.pk]))
    assert list(world.workspace.survey_rounds.values_list("number", flat=True)) == [1, 2]
    made = editor.post(
        reverse("survey_link", args=[world.workspace.pk, 2]), {"name": "Bea", "role": "driver"}
    )
    link = made.context["new_link"]
    assert "/survey/hs_" in link
    assert Client().get(link.split("testserver", 1)[1]).status_code == 200
    empty = editor.post(reverse("survey_link", args=[world.workspace.pk, 2]), {"name": ""})
    assert empty.status_code == 400
    assert empty.context["link_form"].errors["name"]
