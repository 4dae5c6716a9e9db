"""Hypothesis fills every form of the participation pages (ideas, comments, turning an idea
into an initiative, ethics resolutions, survey links and answers, event log upload and merge)
with hostile values: the app
never answers 500; a refused save answers 400 with an error beside a field of the form (or
above it), and nothing stored changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway.strategy.survey import default_survey
from headway.web import models
from tests.web.conftest import World
from tests.web.test_jobs import _work
from tests.web.test_logs import orders_csv

HOSTILE = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "",
            " ",
            "nan",
            "inf",
            "-inf",
            "-1",
            "1e309",
            "0",
            "5",
            "2027-02-30",
            "9" * 400,
            "x" * 5000,
            "a\x00b",
            '=HYPERLINK("x")',
            "<script>alert(1)</script>",
            "phone-orders",
            "self-order-kiosk/hours-displaced-no-plan",
            "cloud-pos",
            "Ünïcode ✓",
            "1,5",
        ]
    ),
)
SLOW = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _form(fields: list[str]) -> st.SearchStrategy[dict[str, str]]:
    """Some of `fields`, each with a hostile value."""
    return st.dictionaries(st.sampled_from(fields), HOSTILE, max_size=len(fields))


def _stored(world: World) -> tuple[object, ...]:
    """Everything the participation pages can change."""
    return (
        list(models.Idea.objects.values()),
        list(models.IdeaComment.objects.values("idea", "text")),
        list(models.IdeaVote.objects.values("idea", "user")),
        list(models.Draft.objects.values("document", "revision")),
        list(models.StrategyVersion.objects.values("number", "sha256")),
        list(models.SurveyInvite.objects.values("name", "role", "answered_at")),
        list(models.SurveyResponse.objects.values("name", "answers")),
        list(models.PlanApproval.objects.values("number")),
    )


def _client(world: World, name: str | None) -> Client:
    client = Client()
    if name:
        client.force_login(world.users[name])
    return client


def _post(
    world: World, user: str | None, url: str, data: dict[str, str], errors: Callable[[Any], Any]
) -> None:
    """POST `data`; a refusal must say what is wrong and leave everything as it was."""
    with transaction.atomic():
        before = _stored(world)
        response = _client(world, user).post(url, data)
        assert response.status_code < 500, response.content[:500]
        if response.status_code in (400, 409, 410):
            assert _stored(world) == before
            found = errors(response.context)
            assert found, f"refused without saying why: {data!r}"
        transaction.set_rollback(True)


def _form_errors(key: str) -> Callable[[Any], Any]:
    def read(context: Any) -> Any:
        return context[key].errors or context.get("problems")

    return read


def _problems_or(key: str) -> Callable[[Any], Any]:
    def read(context: Any) -> Any:
        form = context.get(key)
        return context.get("problems") or (form.errors if form is not None else None)

    return read


IDEA = ["kind", "title", "process", "description", "times_per_month", "hours_each",
        "errors_per_month"]  # fmt: skip
CONVERT = [f"convert-{f}" for f in ("id", "name", "category", "upfront_low", "upfront_likely",
           "upfront_high", "recurring_per_month", "effort_days", "duration_periods",
           "time_saved", "hours_displaced", "redeployment_plan")]  # fmt: skip
VALID_CONVERT = {
    "convert-id": "fuzz-app", "convert-name": "Fuzz app", "convert-category": "x",
    "convert-upfront_low": "1", "convert-upfront_likely": "2", "convert-upfront_high": "3",
    "convert-recurring_per_month": "0", "convert-effort_days": "1",
    "convert-duration_periods": "1", "convert-time_saved": "0.1",
    "convert-hours_displaced": "0", "convert-redeployment_plan": "",
}  # fmt: skip


@pytest.mark.slow
@SLOW
@given(data=_form(IDEA))
def test_idea_form(world: World, data: dict[str, str]) -> None:
    url = reverse("idea_create", args=[world.workspace.pk])
    _post(world, "contributor", url, data, _form_errors("form"))


@pytest.mark.slow
@SLOW
@given(data=_form(["text"]))
def test_comment_form(world: World, data: dict[str, str]) -> None:
    url = reverse("idea_comment", args=[world.workspace.pk, world.idea_id])
    _post(
        world, "viewer" if "x" in data else "contributor", url, data, _form_errors("comment_form")
    )


@pytest.mark.slow
@SLOW
@given(changes=_form(CONVERT))
def test_convert_form(world: World, changes: dict[str, str]) -> None:
    url = reverse("idea_convert", args=[world.workspace.pk, world.idea_id])
    _post(world, "editor", url, {**VALID_CONVERT, **changes}, _form_errors("convert_form"))


FINDINGS = st.sampled_from(
    ["self-order-kiosk/hours-displaced-no-plan", "marketplace-app/lock-in-without-export", "x/y"]
)


@pytest.mark.slow
@SLOW
@given(finding=st.one_of(FINDINGS, HOSTILE), data=_form(["by", "why", "date"]))
def test_ethics_resolution_form(world: World, finding: str, data: dict[str, str]) -> None:
    url = reverse("ethics_resolve", args=[world.workspace.pk])
    _post(world, "editor", url, {"finding": finding, **data}, _problems_or("form"))


@pytest.mark.slow
@SLOW
@given(data=_form(["name", "role"]))
def test_survey_link_form(world: World, data: dict[str, str]) -> None:
    url = reverse("survey_link", args=[world.workspace.pk, 1])
    _post(world, "editor", url, data, _form_errors("link_form"))


QUESTIONS = [f"q_{q}" for q in default_survey().question_ids]


@pytest.mark.slow
@SLOW
@given(data=_form([*QUESTIONS[:4], "anonymous"]))
def test_survey_answer_form(world: World, data: dict[str, str]) -> None:
    url = f"/survey/{world.survey_token}/"
    _post(world, None, url, data, _problems_or("form"))


@pytest.fixture
def profiled_log(world: World) -> int:
    """An uploaded order log, profiled: its id."""
    upload = SimpleUploadedFile("orders.csv", orders_csv())
    _client(world, "editor").post(reverse("log_upload", args=[world.workspace.pk]), {"log": upload})
    _work()
    return models.EventLogUpload.objects.exclude(pk=world.log_id).get().pk


@pytest.mark.slow
@SLOW
@given(
    activities=st.lists(st.one_of(st.sampled_from(["Check stock", "Receive order"]), HOSTILE)),
    role=st.one_of(st.sampled_from(["counter", "owner"]), HOSTILE),
)
def test_event_log_merge_form(
    world: World, profiled_log: int, activities: list[str], role: str
) -> None:
    url = reverse("log_merge", args=[world.workspace.pk, profiled_log])
    _post(world, "editor", url, {"activities": activities, "role": role}, _form_errors("form"))


@pytest.mark.slow
@SLOW
@given(name=HOSTILE, content=st.binary(max_size=300))
def test_event_log_upload_form(world: World, name: str, content: bytes) -> None:
    url = reverse("log_upload", args=[world.workspace.pk])
    upload = SimpleUploadedFile(name[:100] or "x", content)
    with transaction.atomic():
        before = models.EventLogUpload.objects.count()
        response = _client(world, "editor").post(url, {"log": upload})
        assert response.status_code < 500
        if response.status_code == 400:
            assert models.EventLogUpload.objects.count() == before
            assert response.context["form"].errors or response.context.get("problems")
        transaction.set_rollback(True)
