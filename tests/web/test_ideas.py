"""Staff ideas on the web: a contributor submits, members vote and comment, the list ranks by
votes or by strategic value, and an editor turns an idea into an initiative of the draft,
keeping the link. A wrong field is refused with its error beside it, and nothing is stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from headway.web import drafts, models
from tests.web.conftest import World

GOOD = {
    "kind": "pain",
    "title": "Rota swaps by text message",
    "process": "staff-scheduling",
    "description": "Swaps get lost",
    "times_per_month": "12",
    "hours_each": "0.5",
    "errors_per_month": "2",
}
CONVERT = {
    "convert-id": "rota-app",
    "convert-name": "Rota app",
    "convert-category": "scheduling",
    "convert-upfront_low": "200",
    "convert-upfront_likely": "300",
    "convert-upfront_high": "500",
    "convert-recurring_per_month": "20",
    "convert-effort_days": "3",
    "convert-duration_periods": "1",
    "convert-time_saved": "0.5",
    "convert-hours_displaced": "60",
    "convert-redeployment_plan": "",
}


def _as(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.users[name])
    return client


def _url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(name, kwargs={"workspace_id": world.workspace.pk, **kwargs})


def test_a_contributor_submits_an_idea_and_members_vote(world: World) -> None:
    response = _as(world, "contributor").post(_url("idea_create", world), GOOD)
    idea = models.Idea.objects.get(title=GOOD["title"])
    assert response.status_code == 302
    assert (idea.author_name, idea.process, idea.hours_each) == (
        "contributor",
        "staff-scheduling",
        0.5,
    )
    for name in ("owner", "editor"):
        _as(world, name).post(_url("idea_vote", world, idea_id=idea.pk))
    assert idea.votes.count() == 2
    _as(world, "editor").post(_url("idea_vote", world, idea_id=idea.pk))  # takes it back
    assert idea.votes.count() == 1
    _as(world, "viewer").post(_url("idea_vote", world, idea_id=idea.pk))  # 403
    assert idea.votes.count() == 1
    actions = list(models.AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("idea.vote") == 2 and "idea.submit" in actions


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("title", "", "required"),
        ("hours_each", "-1", "greater than or equal to 0"),
        ("times_per_month", "nan", "Enter a number"),
        ("process", "no-such-process", "Select a valid choice"),
        ("kind", "rant", "Select a valid choice"),
    ],
)
def test_a_wrong_field_is_refused_beside_it_and_nothing_is_stored(
    world: World, field: str, value: str, says: str
) -> None:
    before = models.Idea.objects.count()
    response = _as(world, "contributor").post(_url("idea_create", world), {**GOOD, field: value})
    assert response.status_code == 400
    assert models.Idea.objects.count() == before
    error = response.context["form"].errors[field]
    assert any(says in e for e in error)
    assert f'id="id_{field}"' in response.content.decode()


def test_the_list_ranks_by_votes_or_by_strategic_value(world: World) -> None:
    client = _as(world, "contributor")
    popular_idea = {**GOOD, "title": "cheap but popular", "process": "stock-count"}
    client.post(_url("idea_create", world), popular_idea)
    popular = models.Idea.objects.get(title="cheap but popular")
    _as(world, "owner").post(_url("idea_vote", world, idea_id=popular.pk))
    by_votes = client.get(_url("ideas", world)).context["rows"]
    by_value = client.get(_url("ideas", world) + "?order=value").context["rows"]
    assert by_votes[0].idea == popular
    # The fixture's phone-orders idea hurts two weighted goals; stock-count none.
    assert by_value[0].idea.pk == world.idea_id
    assert by_value[0].estimate.value_per_year > by_value[-1].estimate.value_per_year == 0


def test_an_editor_turns_an_idea_into_an_initiative_of_the_draft(world: World) -> None:
    url = _url("idea_convert", world, idea_id=world.idea_id)
    assert _as(world, "contributor").post(url, CONVERT).status_code == 403
    response = _as(world, "editor").post(url, CONVERT)
    assert response.status_code == 302
    idea = models.Idea.objects.get(pk=world.idea_id)
    assert (idea.initiative, idea.converted_by) == ("rota-app", "editor")
    draft = drafts.current_draft(world.workspace)
    assert draft is not None
    made = next(i for i in draft.document["initiatives"] if i["id"] == "rota-app")
    assert made["process_effects"][0]["process"] == "phone-orders"
    assert made["ethics"] == {"hours_displaced_per_year": 60}
    assert made["description"].startswith(f"From staff idea #{idea.pk}")
    page = _as(world, "contributor").get(_url("idea", world, idea_id=idea.pk))
    assert "became initiative <strong>rota-app</strong>" in page.content.decode()
    again = _as(world, "editor").post(url, {**CONVERT, "convert-id": "other"})
    assert again.status_code == 400  # once only


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        (
            "upfront_low",
            "900",
            "low <= likely",
        ),  # best case above most likely: the engine's own error
        ("id", "cloud-pos", "already exists"),  # the bakery has one
        ("id", "Not An Id", "Enter a valid value"),
    ],
)
def test_a_refused_conversion_says_which_field_and_changes_nothing(
    world: World, field: str, value: str, says: str
) -> None:
    url = _url("idea_convert", world, idea_id=world.idea_id)
    response = _as(world, "editor").post(url, {**CONVERT, f"convert-{field}": value})
    assert response.status_code == 400
    assert drafts.current_draft(world.workspace) is None
    assert models.Idea.objects.get(pk=world.idea_id).initiative == ""
    errors = response.context["convert_form"].errors
    assert any(says in e for e in errors[field]), errors
